import FileShareCore
import Hummingbird

/// The tracker's REST API (every body JSON, every error JSON; see labs/p2p/README.md).
public enum TrackerRoutes {
    /// A router serving `tracker`.
    public static func router(for tracker: Tracker) -> Router<BasicRequestContext> {
        let router = Router()
        let limit = tracker.configuration.maxBodyBytes
        router.add(middleware: JSONErrorMiddleware())
        router.get("health") { _, _ in try JSONBody.response(TrackerAPI.Done()) }
        router.post("login") { request, _ in
            let login = try await JSONBody.decode(TrackerAPI.LoginRequest.self, from: request, limit: limit)
            return try JSONBody.response(try await tracker.login(login))
        }
        router.post("logout") { request, _ in
            try await tracker.logout(authorization: request.headers[.authorization])
            return try JSONBody.response(TrackerAPI.Done())
        }
        router.post("index") { request, _ in
            _ = try await tracker.authenticate(authorization: request.headers[.authorization])
            try await tracker.index(try await JSONBody.decode(TrackerAPI.IndexRequest.self, from: request, limit: limit))
            return try JSONBody.response(TrackerAPI.Done())
        }
        router.post("heartbeat") { request, _ in
            _ = try await tracker.authenticate(authorization: request.headers[.authorization])
            let heartbeat = try await JSONBody.decode(TrackerAPI.HeartbeatRequest.self, from: request, limit: limit)
            return try JSONBody.response(try await tracker.heartbeat(peer: heartbeat.peer))
        }
        router.post("leave") { request, _ in
            _ = try await tracker.authenticate(authorization: request.headers[.authorization])
            try await tracker.leave(peer: try await JSONBody.decode(TrackerAPI.LeaveRequest.self, from: request, limit: limit).peer)
            return try JSONBody.response(TrackerAPI.Done())
        }
        router.get("session") { request, _ in
            try JSONBody.response(try await tracker.session(authorization: request.headers[.authorization]))
        }
        router.get("search") { request, _ in
            _ = try await tracker.authenticate(authorization: request.headers[.authorization])
            return try JSONBody.response(try await tracker.search(request.uri.queryParameters.get("q") ?? ""))
        }
        router.get("peers") { request, _ in
            _ = try await tracker.authenticate(authorization: request.headers[.authorization])
            return try JSONBody.response(try await tracker.peers())
        }
        router.get("files/:id/peers") { request, context in
            _ = try await tracker.authenticate(authorization: request.headers[.authorization])
            return try JSONBody.response(try await tracker.peers(ofFile: try context.parameters.require("id")))
        }
        return router
    }
}
