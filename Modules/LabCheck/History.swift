import Foundation

/// A recorded history: the invoke and completion events of all clients, in the order recorded.
///
/// Build one with ``HistoryRecorder`` (single-threaded, e.g. a simulator) or
/// ``SharedHistoryRecorder`` (concurrent clients), or read one from JSON Lines.
public struct History: Hashable, Sendable, Codable {
    public var events: [HistoryEvent]

    public init(events: [HistoryEvent] = []) {
        self.events = events
    }

    /// Pairs every invocation with its completion, in order of invocation.
    ///
    /// Throws ``HistoryError`` when a completion has no invocation, a process invokes while busy,
    /// an `.ok` lacks the right output, or a completion precedes its invocation. A process that
    /// invokes again after an `.info` is tolerated here (the checker still treats the earlier
    /// operation as possibly taking effect at any later time); ``HistoryRecorder`` forbids it.
    public func operations() throws -> [HistoryOperation] {
        var operations: [HistoryOperation] = []
        var inFlight: [Int: Int] = [:]  // process -> index into operations
        for (index, event) in self.events.enumerated() {
            if event.kind == .invoke {
                if let pending = inFlight[event.process] {
                    throw HistoryError.processBusy(
                        process: event.process, pending: operations[pending].operation, invoked: event.operation)
                }
                inFlight[event.process] = operations.count
                operations.append(HistoryOperation(
                    id: operations.count, process: event.process, operation: event.operation, outcome: .pending,
                    output: nil, invokeTime: event.time, completeTime: nil, invokeEventIndex: index,
                    completeEventIndex: nil))
                continue
            }
            guard let pending = inFlight.removeValue(forKey: event.process) else {
                throw HistoryError.noPendingOperation(process: event.process, kind: event.kind, eventIndex: index)
            }
            var operation = operations[pending]
            guard operation.operation == event.operation else {
                throw HistoryError.completionMismatch(
                    eventIndex: index, invoked: operation.operation, completed: event.operation)
            }
            guard event.time >= operation.invokeTime else {
                throw HistoryError.timeWentBackwards(
                    process: event.process, operation: event.operation, invokeTime: operation.invokeTime,
                    completeTime: event.time)
            }
            switch event.kind {
            case .ok:
                guard let output = event.output, event.operation.accepts(output) else {
                    throw HistoryError.outputMismatch(
                        process: event.process, operation: event.operation, output: event.output)
                }
                operation.outcome = .ok
                operation.output = output
            case .fail: operation.outcome = .fail
            case .info: operation.outcome = .info
            case .invoke: preconditionFailure("handled above")
            }
            operation.completeTime = event.time
            operation.completeEventIndex = index
            operations[pending] = operation
        }
        return operations
    }
}

/// JSON Lines: one ``HistoryEvent`` object per line, so a command can save a history and a test
/// can replay it.
extension History {
    /// The history as JSON Lines, each line ending in a newline.
    public func jsonLines() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = ""
        for event in self.events {
            text += String(decoding: try encoder.encode(event), as: UTF8.self)
            text += "\n"
        }
        return text
    }

    /// Reads JSON Lines; blank lines are skipped. Throws ``HistoryError/malformedLine(line:reason:)``.
    public init(jsonLines text: String) throws {
        let decoder = JSONDecoder()
        var events: [HistoryEvent] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            do {
                events.append(try decoder.decode(HistoryEvent.self, from: Data(line.utf8)))
            } catch let error as DecodingError {
                throw HistoryError.malformedLine(line: number + 1, reason: Self.describe(error))
            }
        }
        self.init(events: events)
    }

    /// Writes the history to `url` as JSON Lines (atomically).
    public func write(to url: URL) throws {
        try Data(try self.jsonLines().utf8).write(to: url, options: .atomic)
    }

    /// Reads a history saved with ``write(to:)``.
    public init(contentsOf url: URL) throws {
        try self.init(jsonLines: String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context): context.debugDescription
        case .keyNotFound(let key, let context): "missing \"\(key.stringValue)\" (\(context.debugDescription))"
        case .typeMismatch(let type, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: ".")), expected \(type)"
        case .valueNotFound(let type, let context):
            "null at \(context.codingPath.map(\.stringValue).joined(separator: ".")), expected \(type)"
        @unknown default: "\(error)"
        }
    }
}
