import Foundation
import LabNet
import NIOCore

/// Runs one readiness probe attempt against a started node.
enum ReadinessChecker {
    /// Whether the node passes its probe right now; `logOffset` is where this run's output starts
    /// in the log file, so that a restarted node's old lines do not count.
    static func isReady(_ probe: ReadinessProbe.Check, node: ResolvedNode, logOffset: UInt64) async -> Bool {
        let connector = TCPConnector(connectTimeout: .seconds(1), retry: .once)
        switch probe {
        case .tcp(let port):
            guard let number = node.ports[port] else { return false }
            return (try? await LineClient.withConnection(host: "127.0.0.1", port: number, connector: connector) { _ in true }) ?? false
        case .http(let port, let path):
            guard let number = node.ports[port] else { return false }
            return await self.httpAnswersSuccess(port: number, path: path, connector: connector)
        case .grpc(let port, let service):
            guard let number = node.ports[port] else { return false }
            let status = try? await checkHealth(host: "127.0.0.1", port: number, service: service, timeout: .seconds(1))
            return status == .serving
        case .logLine(let text):
            return LogReader.contains(text, in: node.logFile, from: logOffset)
        }
    }

    /// An HTTP/1.0 GET whose status line is 2xx; the request's blank line is the newline the
    /// line client appends, so no HTTP library is needed for this one check.
    private static func httpAnswersSuccess(port: Int, path: String, connector: TCPConnector) async -> Bool {
        let request = "GET \(path) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r"
        let statusLine = try? await LineClient.withConnection(host: "127.0.0.1", port: port, connector: connector) { client in
            String(buffer: try await client.request(ByteBuffer(string: request)))
        }
        guard let parts = statusLine?.split(separator: " "), parts.count >= 2, parts[0].hasPrefix("HTTP/") else { return false }
        return parts[1].hasPrefix("2")
    }
}
