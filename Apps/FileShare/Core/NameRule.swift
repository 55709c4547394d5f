/// The rule for file names and peer ids: a single path component that cannot escape a directory.
public enum NameRule {
    /// The longest name accepted, in UTF-8 bytes (the usual file-system limit).
    public static let maxBytes = 255

    /// Why `name` is refused, or nil when it is acceptable as one file name.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name.utf8.count > Self.maxBytes { return "is longer than \(Self.maxBytes) bytes" }
        if name == "." || name == ".." { return "is \"\(name)\", which names a directory" }
        if name.contains("..") { return "contains \"..\"" }
        if name.contains("/") || name.contains("\\") { return "contains a path separator" }
        if name.unicodeScalars.contains(where: { $0.value == 0 }) { return "contains a NUL byte" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "contains a control character"
        }
        return nil
    }
}
