import ArgumentParser

/// A `HOST:PORT` command-line value, with IPv6 hosts in brackets (`[::1]:5001`).
struct ServerAddress: ExpressibleByArgument, Sendable, CustomStringConvertible {
    var host: String
    var port: Int

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`; nil (which ArgumentParser reports with the option's name) otherwise.
    init?(argument: String) {
        guard let colon = argument.lastIndex(of: ":"),
              let port = Int(argument[argument.index(after: colon)...]), (1...65_535).contains(port)
        else { return nil }
        var host = argument[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else { return nil }
        self.init(host: String(host), port: port)
    }

    var description: String { self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)" }

    var defaultValueDescription: String { self.description }
}
