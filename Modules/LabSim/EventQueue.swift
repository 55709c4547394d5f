import HeapModule

/// The simulator's agenda: events ordered by virtual time, ties broken by insertion order so that a
/// run is the same on every machine.
public struct EventQueue<Event>: Sendable where Event: Sendable {
    private struct Scheduled: Comparable, Sendable {
        var time: Duration
        var order: UInt64
        var event: Event

        static func < (lhs: Scheduled, rhs: Scheduled) -> Bool { (lhs.time, lhs.order) < (rhs.time, rhs.order) }
        static func == (lhs: Scheduled, rhs: Scheduled) -> Bool { (lhs.time, lhs.order) == (rhs.time, rhs.order) }
    }

    private var heap = Heap<Scheduled>()
    private var nextOrder: UInt64 = 0

    public init() {}

    public var isEmpty: Bool { self.heap.isEmpty }
    public var count: Int { self.heap.count }

    /// The time of the earliest event.
    public var nextTime: Duration? { self.heap.min?.time }

    public mutating func schedule(_ event: Event, at time: Duration) {
        self.heap.insert(Scheduled(time: time, order: self.nextOrder, event: event))
        self.nextOrder += 1
    }

    /// Removes and returns the earliest event.
    public mutating func popNext() -> (time: Duration, event: Event)? {
        guard let next = self.heap.popMin() else { return nil }
        return (next.time, next.event)
    }
}
