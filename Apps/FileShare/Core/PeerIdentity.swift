import LabNet

/// Validation of how a peer names itself: an id that is a safe name, and a `HOST:PORT` address.
public enum PeerIdentity {
    /// Throws when `id` is not a valid peer id (same rule as file names, at most 64 bytes).
    public static func validate(id: String, field: String) throws(TrackerError) {
        if let problem = NameRule.problem(with: id) { throw .invalidField(field: field, problem: problem) }
        guard id.utf8.count <= 64 else { throw .invalidField(field: field, problem: "is longer than 64 bytes") }
    }

    /// Throws when `address` is not `HOST:PORT`.
    public static func validate(address: String, field: String) throws(TrackerError) {
        guard HostAndPort(parsing: address) != nil else {
            throw .invalidField(field: field, problem: "is not HOST:PORT with a port between 1 and 65535")
        }
    }
}
