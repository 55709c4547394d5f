/// Process-wide allocator settings for moving pieces.
public enum AllocatorTuning {
    /// Keeps piece-sized buffers on the heap. Transfers allocate and free buffers of a piece (1 MiB)
    /// or more many times a second; glibc's default serves each from a fresh mmap, which the
    /// kernel must fault in and zero page by page and unmap again — measured here, a quarter of the
    /// transfer rate. Raising the mmap and trim thresholds lets freed buffers be reused instead.
    /// Call once at the start of a process that moves files.
    public static func keepPieceBuffersOnTheHeap() {
        #if os(Linux)
        _ = glibcMallopt(mmapThreshold, 64 << 20)
        _ = glibcMallopt(trimThreshold, 512 << 20)
        #endif
    }
}

#if os(Linux)
// <malloc.h> is not part of Swift's Glibc module; these are its M_TRIM_THRESHOLD and M_MMAP_THRESHOLD.
private let trimThreshold: Int32 = -1
private let mmapThreshold: Int32 = -3

@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
