import GRPCCore
import LabProto

/// Asks the gRPC server at `host`:`port` for the health of `service` with one Check call over a
/// fresh connection: the launcher's readiness probe.
///
/// - Parameters:
///   - host: The server's IP address or host name.
///   - port: The server's TCP port.
///   - service: The fully-qualified service name; `""` (the default) asks about the whole server.
///   - timeout: The deadline of the call, connecting included.
/// - Returns: The status the server reports, e.g. `.serving` once it is ready.
/// - Throws: ``HealthProbeError``, telling apart a server that isn't up yet (`unreachable`), one that
///   doesn't answer in time, one that doesn't know the service, and other failures.
public func checkHealth(
    host: String,
    port: Int,
    service: String = "",
    timeout: Duration = .seconds(1)
) async throws(HealthProbeError) -> ServingStatus {
    let connection = GRPCClientConnection(host: host, port: port, defaultTimeout: timeout)
    let address = connection.description
    do {
        return try await connection.withClient { client in
            let health = Grpc_Health_V1_Health.Client(wrapping: client)
            return try await health.check(.with { $0.service = service }).status
        }
    } catch let error as RPCError {
        switch error.code {
        case .unavailable:
            throw .unreachable(address, reason: error.message)
        case .deadlineExceeded:
            throw .timedOut(address, timeout: timeout)
        case .notFound:
            throw .unknownService(service, address: address)
        case .unimplemented:
            throw .noHealthService(address)
        default:
            throw .failed(address, reason: "\(error)")
        }
    } catch {
        throw .failed(address, reason: "\(error)")
    }
}

/// Why ``checkHealth(host:port:service:timeout:)`` got no status.
public enum HealthProbeError: Error, CustomStringConvertible, Equatable {
    /// No connection could be made: nothing listens there (yet), or the network refused.
    case unreachable(String, reason: String)
    /// The server did not answer within the timeout.
    case timedOut(String, timeout: Duration)
    /// The server has no status for the service (`NOT_FOUND`).
    case unknownService(String, address: String)
    /// The server does not offer the health service (`UNIMPLEMENTED`).
    case noHealthService(String)
    /// Any other failure: a bad address, or an unexpected RPC error.
    case failed(String, reason: String)

    /// A message naming the problem and the server concerned.
    public var description: String {
        switch self {
        case .unreachable(let address, let reason):
            "health probe: cannot reach \(address): \(reason)"
        case .timedOut(let address, let timeout):
            "health probe: \(address) did not answer within \(timeout)"
        case .unknownService(let service, let address):
            "health probe: \(address) has no health status for service '\(service)'"
        case .noHealthService(let address):
            "health probe: \(address) does not offer the grpc.health.v1.Health service"
        case .failed(let address, let reason):
            "health probe of \(address) failed: \(reason)"
        }
    }
}
