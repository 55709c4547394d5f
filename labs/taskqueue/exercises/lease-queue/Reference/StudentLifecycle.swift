@_exported import TaskQueueCore

/// The course's reference lifecycle under the exercise's name. `labctl exercise verify` puts this
/// file in place of the skeleton (Sources/MyQueue) to prove that the tests pass for a correct one.
public typealias StudentLifecycle = TaskLifecycle
