/// Validation of object keys against `ObjectKeyRule`.
enum ObjectKey {
    /// Returns the components of `key`, or throws `ObjectStoreError.invalidKey` naming the
    /// first rule it breaks.
    static func components(of key: String) throws(ObjectStoreError) -> [Substring] {
        if let rule = violation(in: key) {
            throw .invalidKey(key: key, rule: rule)
        }
        return key.split(separator: "/", omittingEmptySubsequences: false)
    }

    private static func violation(in key: String) -> ObjectKeyRule? {
        if key.isEmpty { return .empty }
        if key.utf8.contains(0) { return .containsNUL }
        if key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return .containsControlCharacter
        }
        if key.contains("\\") { return .containsBackslash }
        if key.hasPrefix("/") { return .absolutePath }
        if key.utf8.count > ObjectKeyRule.maximumKeyBytes { return .tooLong(bytes: key.utf8.count) }
        for component in key.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty { return .emptyComponent }
            if component == "." || component == ".." { return .dotComponent(String(component)) }
            if component.utf8.count > ObjectKeyRule.maximumComponentBytes {
                return .componentTooLong(bytes: component.utf8.count)
            }
            if TemporaryFile.isTemporary(name: component) { return .reservedName(String(component)) }
        }
        return nil
    }
}
