import TaskQueueCore

/// The answer to one call that may be refused: the record it returned or the `LeaseError` it threw.
struct Attempt {
    /// The call, as a failure message shows it.
    var call: String
    /// The task the call was given.
    var before: TaskRecord
    var outcome: Result<TaskRecord, LeaseError>

    init(call: String, before: TaskRecord, _ body: () throws(LeaseError) -> TaskRecord) {
        self.call = call
        self.before = before
        do throws(LeaseError) {
            self.outcome = .success(try body())
        } catch {
            self.outcome = .failure(error)
        }
    }

    /// The record, when the call must succeed.
    func accepted() throws(CheckFailure) -> Observed {
        switch self.outcome {
        case .success(let record):
            return Observed(call: self.call, record: record)
        case .failure(let error):
            throw CheckFailure("\(self.call) threw \(describe(error)); expected it to succeed on \(describe(self.before))")
        }
    }

    /// Checks that the call was refused with exactly `expected`.
    func refused(with expected: LeaseError) throws(CheckFailure) {
        switch self.outcome {
        case .success(let record):
            throw CheckFailure("\(self.call) on \(describe(self.before)) returned \(describe(record)); "
                + "expected it to throw \(describe(expected))")
        case .failure(let error):
            try expect(error == expected, "\(self.call) threw \(describe(error)); expected \(describe(expected))")
        }
    }
}

/// A record returned by the rules under test, with the call that returned it.
struct Observed {
    var call: String
    var record: TaskRecord

    /// Checks one field of the record; `name` is the field's name in messages.
    func expect<Value: Equatable>(_ field: KeyPath<TaskRecord, Value>, _ name: String, is expected: Value, because rule: String? = nil)
        throws(CheckFailure)
    {
        let actual = self.record[keyPath: field]
        guard actual != expected else { return }
        throw CheckFailure("after \(self.call): \(name) is \(show(actual)), expected \(show(expected))"
            + (rule.map { " (\($0))" } ?? "") + "; the task: \(describe(self.record))")
    }
}
