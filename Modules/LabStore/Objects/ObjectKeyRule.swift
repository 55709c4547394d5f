/// The rules an object key must follow; each violated rule is reported by name.
///
/// A key is a relative path of '/'-separated components, at most `maximumKeyBytes` UTF-8 bytes
/// long, each component a non-empty name of at most `maximumComponentBytes` bytes that is not
/// "." or "..", with no backslash, NUL or control character, and not a name the store reserves
/// for its temporary files.
public enum ObjectKeyRule: Sendable, Equatable, CustomStringConvertible {
    /// The key is the empty string.
    case empty
    /// The key contains a NUL byte.
    case containsNUL
    /// The key contains a control character (U+0000–U+001F, U+007F–U+009F).
    case containsControlCharacter
    /// The key contains a backslash, which would be a separator on Windows.
    case containsBackslash
    /// The key starts with '/'.
    case absolutePath
    /// The key is longer than `maximumKeyBytes` UTF-8 bytes.
    case tooLong(bytes: Int)
    /// The key has an empty component ("a//b", a trailing '/').
    case emptyComponent
    /// A component is "." or "..".
    case dotComponent(String)
    /// A component is longer than `maximumComponentBytes` UTF-8 bytes.
    case componentTooLong(bytes: Int)
    /// A component starts with the prefix the store uses for its temporary files.
    case reservedName(String)

    /// The maximum length of a whole key, in UTF-8 bytes.
    public static let maximumKeyBytes = 1024
    /// The maximum length of one component, in UTF-8 bytes (the usual file-name limit).
    public static let maximumComponentBytes = 255

    /// The rule, phrased as what is wrong with the key.
    public var description: String {
        switch self {
        case .empty: "it is empty"
        case .containsNUL: "it contains a NUL byte"
        case .containsControlCharacter: "it contains a control character"
        case .containsBackslash: "it contains a backslash"
        case .absolutePath: "it is an absolute path (starts with '/')"
        case .tooLong(let bytes):
            "it is \(bytes) bytes long, more than the \(Self.maximumKeyBytes) allowed"
        case .emptyComponent: "it has an empty component ('//' or a leading or trailing '/')"
        case .dotComponent(let component): "it has a component \"\(component)\""
        case .componentTooLong(let bytes):
            "a component is \(bytes) bytes long, more than the \(Self.maximumComponentBytes) allowed"
        case .reservedName(let component):
            "component \"\(component)\" starts with \"\(TemporaryFile.namePrefix)\", "
                + "which is reserved for the store's temporary files"
        }
    }
}
