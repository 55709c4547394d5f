import Foundation
import RaftKV
import Testing

/// Commands survive the log byte-exactly, and bad bytes are refused with the reason.
@Suite struct KVCommandEncodingTests {
    static let operations: [KVOperation] = [
        .get(key: "a"),
        .put(key: "a/b", value: "ünï \"code\"\n\u{0}"),
        .delete(key: "a"),
        .append(key: "a", suffix: ""),
        .cas(key: "a", expected: nil, new: "1"),
        .cas(key: "a", expected: "", new: "1"),
        .list(prefix: "", limit: 0),
        .list(prefix: "p", limit: Int.max),
    ]

    @Test(arguments: operations)
    func roundTrip(op: KVOperation) throws {
        let command = KVCommand(client: .max, sequence: 1 << 60 + 3, operation: op)
        let bytes = command.encoded()
        #expect(try KVCommand.decode(bytes) == command)
        #expect(try KVCommand.decode(bytes).encoded() == bytes)
    }

    @Test func wireFormatIsStableAndReadable() {
        let command = KVCommand(client: 7, sequence: 3, operation: .put(key: "a", value: "1"))
        #expect(String(decoding: command.encoded(), as: UTF8.self)
            == #"{"client":7,"op":{"key":"a","op":"put","value":"1"},"sequence":3,"v":1}"#)
    }

    @Test(arguments: [
        ("", "no bytes"),
        ("{not json", "not valid JSON"),
        ("[1,2]", "expected a JSON object"),
        (#"{"client":1,"sequence":1,"op":{"op":"get","key":"a"}}"#, #"missing version field "v""#),
        (#"{"v":2,"client":1,"sequence":1,"op":{"op":"get","key":"a"}}"#, "unsupported encoding version 2"),
        (#"{"v":1,"sequence":1,"op":{"op":"get","key":"a"}}"#, #"missing field "client""#),
        (#"{"v":1,"client":"x","sequence":1,"op":{"op":"get","key":"a"}}"#, #"field "client" has the wrong type"#),
        (#"{"v":1,"client":-1,"sequence":1,"op":{"op":"get","key":"a"}}"#, "out of range"),
        (#"{"v":1,"client":1,"sequence":1,"op":{"op":"put","key":"a"}}"#, #"missing field "op.value""#),
        (#"{"v":1,"client":1,"sequence":1,"op":{"op":"frob","key":"a"}}"#, #"unknown operation "frob""#),
        (#"{"v":1,"client":1,"sequence":1,"op":{"op":"get","key":null}}"#, #"op.key"#),
    ])
    func malformedDataNamesTheProblem(text: String, problem: String) {
        let error = #expect(throws: KVError.self) { try KVCommand.decode(Data(text.utf8)) }
        guard case .malformedCommand(let message) = error else {
            Issue.record("expected .malformedCommand, got \(String(describing: error))")
            return
        }
        #expect(message.contains(problem), "\(message)")
        #expect(error?.description.contains("KVCommand.encoded()") == true)
    }

    @Test func malformedEntryIsAnsweredAndCountsAsApplied() {
        var machine = KVStateMachine()
        let result = machine.apply(encoded: Data("garbage".utf8), at: 1)
        guard case .rejected(.malformedCommand) = result else {
            Issue.record("expected .malformedCommand, got \(result)")
            return
        }
        #expect(machine.appliedIndex == 1)
        let put = KVCommand(client: 1, sequence: 1, operation: .put(key: "a", value: "1"))
        #expect(machine.apply(encoded: put.encoded(), at: 2) == .done)
        #expect(machine.read(.get(key: "a")) == .value("1"))
    }

    @Test func resultsAndErrorsAreCodable() throws {
        let results: [KVResult] = [
            .value(nil), .value("x"), .done, .cas(succeeded: false, current: nil),
            .entries([KVPair(key: "k", value: "v")]), .rejected(.sessionExpired(client: 3)),
        ]
        let data = try JSONEncoder().encode(results)
        #expect(try JSONDecoder().decode([KVResult].self, from: data) == results)
    }
}
