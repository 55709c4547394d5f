@_exported import RaftCore

/// The course's reference core under the exercise's name. `labctl exercise verify` puts this file in
/// place of the skeleton (Sources/MyRaft) to prove that the tests pass for a correct core.
public typealias StudentRaft = ReferenceRaft
