import LabWire
import NIOCore
import TaskQueueCore

extension FrontDoorRequest {
    /// Reads one request line (without its newline), checking its operation against `operations`.
    public static func parse(_ line: ByteBuffer, operations: OperationRegistry) throws(FrontDoorError) -> FrontDoorRequest {
        guard String(validating: line.readableBytesView, as: UTF8.self) != nil else {
            throw .notText(byteCount: line.readableBytes)
        }
        let request: FrontDoorRequest
        do {
            request = try JSONLineCoding.decode(FrontDoorRequest.self, from: line)
        } catch .wrongType(path: "(document)", _) {
            // LabWire's path for the whole line: valid JSON, but an array, string or number.
            throw .notAnObject
        } catch {
            throw .malformed(error)
        }
        if case .submit(let submission, _) = request, operations.operation(named: submission.op) == nil {
            throw .unknownOperation(submission.op, known: operations.names)
        }
        return request
    }
}
