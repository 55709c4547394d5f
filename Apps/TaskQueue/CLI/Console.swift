import Foundation

/// Terminal output that keeps stdout and stderr in order.
enum Console {
    /// Prints `error: message` on stderr, after whatever stdout still buffers.
    static func error(_ message: String) {
        fflush(nil)
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
}
