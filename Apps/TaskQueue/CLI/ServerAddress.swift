import ArgumentParser
import LabNet

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
        guard let address = HostAndPort(parsing: argument) else { return nil }
        self.init(host: address.host, port: address.port)
    }

    var description: String { HostAndPort(host: self.host, port: self.port).description }

    var defaultValueDescription: String { self.description }
}
