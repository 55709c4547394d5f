import Foundation

/// Reads node log files: their size, their last lines, and new lines as they are written.
public enum LogReader {
    /// The current size of `file` in bytes (0 when it does not exist).
    public static func size(of file: URL) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    /// Whether `text` appears in `file` after byte `offset`.
    public static func contains(_ text: String, in file: URL, from offset: UInt64) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return false }
        defer { try? handle.close() }
        try? handle.seek(toOffset: offset)
        let data = (try? handle.readToEnd()) ?? Data()
        return String(decoding: data, as: UTF8.self).contains(text)
    }

    /// The last `count` non-empty lines of `file`.
    public static func lastLines(of file: URL, count: Int) -> [String] {
        guard let data = try? Data(contentsOf: file) else { return [] }
        let lines = String(decoding: data.suffix(64 * 1024), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return lines.filter { !$0.isEmpty }.suffix(count).map(String.init)
    }

    /// Calls `emit` with every complete line appended to `file` from `offset` on, polling for new
    /// output every `interval` (as `tail -f` does) until the calling task is cancelled.
    public static func follow(
        _ file: URL,
        from offset: UInt64,
        interval: Duration = .milliseconds(100),
        emit: (String) -> Void
    ) async {
        var position = offset
        var pending = Data()
        while !Task.isCancelled {
            if let handle = try? FileHandle(forReadingFrom: file) {
                try? handle.seek(toOffset: position)
                let chunk = (try? handle.readToEnd()) ?? Data()
                try? handle.close()
                position += UInt64(chunk.count)
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    emit(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending = Data(pending[pending.index(after: newline)...])
                }
            }
            try? await Task.sleep(for: interval)
        }
    }
}
