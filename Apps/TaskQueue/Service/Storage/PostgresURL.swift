import Foundation

/// Where a PostgreSQL queue lives: `postgres://user:password@host:port/database`, with an
/// optional `?schema=NAME` to keep the queue's tables in their own schema (created if missing).
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// The schema for the queue's tables; nil means the server's default search path (`public`).
    public var schema: String?

    /// Parses `text`, naming what is wrong when it is not a usable PostgreSQL URL.
    public init(_ text: String) throws(PostgresURLError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme else {
            throw .malformed
        }
        guard scheme == "postgres" || scheme == "postgresql" else { throw .wrongScheme(scheme) }
        guard let host = components.host, !host.isEmpty else { throw .missingPart("host") }
        guard let user = components.user, !user.isEmpty else { throw .missingPart("user") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw .missingPart("database") }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw .malformed }
        var schema: String?
        for item in components.queryItems ?? [] {
            guard item.name == "schema", let value = item.value else { throw .unknownParameter(item.name) }
            guard value.range(of: "^[a-z_][a-z0-9_]*$", options: .regularExpression) != nil else { throw .badSchema(value) }
            schema = value
        }
        self.host = host
        self.port = port
        self.user = user
        self.password = components.password
        self.database = database
        self.schema = schema
    }

    /// The URL with the password hidden, for logs and error messages.
    public var description: String {
        let credentials = self.password == nil ? self.user : "\(self.user):***"
        return "postgres://\(credentials)@\(self.host):\(self.port)/\(self.database)" + (self.schema.map { "?schema=\($0)" } ?? "")
    }
}

/// Why a PostgreSQL URL was refused.
public enum PostgresURLError: Error, Equatable, CustomStringConvertible {
    case malformed
    case wrongScheme(String)
    case missingPart(String)
    case unknownParameter(String)
    case badSchema(String)

    public var description: String {
        let form = "expected postgres://user:password@host:port/database"
        switch self {
        case .malformed: return "malformed PostgreSQL URL; \(form)"
        case .wrongScheme(let scheme): return "unsupported URL scheme '\(scheme)'; \(form)"
        case .missingPart(let part): return "PostgreSQL URL has no \(part); \(form)"
        case .unknownParameter(let name): return "unknown PostgreSQL URL parameter '\(name)'; only ?schema=NAME is supported"
        case .badSchema(let name): return "schema name '\(name)' must be lowercase letters, digits and underscores"
        }
    }
}
