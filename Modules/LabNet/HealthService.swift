import GRPCCore
import LabProto

/// The standard gRPC health service (`grpc.health.v1.Health`), answering from a
/// ``HealthStatusRegistry``.
///
/// - Check returns the registered status; a service with none fails with `NOT_FOUND`.
/// - Watch sends the current status at once (`SERVICE_UNKNOWN` for an unregistered service) and
///   then each change, until the client cancels or the registry enters its terminal state.
///
/// ``GRPCServerHost`` adds it to every server; construct it yourself only for a server you
/// assemble by hand.
public struct HealthService: Grpc_Health_V1_Health.SimpleServiceProtocol {
    /// The statuses this service reports.
    public let registry: HealthStatusRegistry

    /// Makes a health service that reports the statuses in `registry`.
    public init(registry: HealthStatusRegistry) {
        self.registry = registry
    }

    /// Answers one Check call.
    public func check(
        request: Grpc_Health_V1_HealthCheckRequest,
        context: ServerContext
    ) async throws -> Grpc_Health_V1_HealthCheckResponse {
        guard let status = self.registry.status(forService: request.service) else {
            throw RPCError(
                code: .notFound,
                message: "Unknown service '\(request.service)': no health status is registered for it."
            )
        }
        return .with { $0.status = status }
    }

    /// Streams the status of the requested service for one Watch call.
    public func watch(
        request: Grpc_Health_V1_HealthCheckRequest,
        response: RPCWriter<Grpc_Health_V1_HealthCheckResponse>,
        context: ServerContext
    ) async throws {
        var lastSent: ServingStatus?
        for await status in self.registry.updates(forService: request.service) where status != lastSent {
            try await response.write(.with { $0.status = status })
            lastSent = status
        }
    }
}
