import FileShareCore
import Hummingbird

/// Turns every error a route throws into a JSON body `{"error": ..., "hint": ...}` with its status:
/// `TrackerError`s as they say, Hummingbird's own (e.g. unknown route) with their status, and
/// anything else as 500.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as TrackerError {
            let body = TrackerAPI.ErrorBody(error: error.description, hint: error.hint, retryAfter: error.retryAfter)
            var response = try JSONBody.response(body, status: HTTPResponse.Status(code: error.statusCode))
            if let retryAfter = error.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            return response
        } catch let error as HTTPError {
            let body = TrackerAPI.ErrorBody(error: error.body ?? error.status.reasonPhrase, hint: "see labs/p2p/README.md for the endpoints")
            return try JSONBody.response(body, status: error.status)
        } catch {
            context.logger.error("p2p tracker: \(request.method) \(request.uri.path) failed: \(error)")
            let body = TrackerAPI.ErrorBody(error: "internal error: \(error)", hint: "the tracker's log has details")
            return try JSONBody.response(body, status: .internalServerError)
        }
    }
}
