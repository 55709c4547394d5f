import GRDB

extension LabStoreError {
    /// Translates the file-level SQLite failures (corrupt, busy, cannot open) and failed
    /// migrations into a `LabStoreError` about `path`; every other error is returned unchanged.
    static func translating(_ error: any Error, path: String, busyTimeout: Duration) -> any Error {
        if let failure = error as? MigrationFailure {
            return LabStoreError.migrationFailed(
                path: path, migration: failure.migration, detail: failure.detail)
        }
        guard let error = error as? DatabaseError else { return error }
        let detail = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return LabStoreError.corrupt(path: path, detail: detail)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return LabStoreError.locked(path: path, busyTimeout: busyTimeout)
        case .SQLITE_CANTOPEN:
            return LabStoreError.cannotOpen(path: path, detail: detail)
        default:
            return error
        }
    }
}
