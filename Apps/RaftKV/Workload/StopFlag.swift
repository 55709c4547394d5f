import Synchronization

/// Tells workload clients to finish their current operation and stop.
public final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    public func raise() { self.raised.store(true, ordering: .relaxed) }
    public var isRaised: Bool { self.raised.load(ordering: .relaxed) }
}
