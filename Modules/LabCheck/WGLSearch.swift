/// Limits shared by all keys of one check: a deadline and a number of memoized states.
struct SearchBudget {
    let deadline: ContinuousClock.Instant
    let timeBudget: Duration
    let stateBudget: Int
    var statesExplored = 0

    /// Why the search must stop now, if it must.
    func exhausted() -> String? {
        if self.statesExplored >= self.stateBudget {
            return "state budget of \(self.stateBudget) memoized states exhausted"
        }
        if ContinuousClock.now >= self.deadline { return "time budget of \(self.timeBudget) exhausted" }
        return nil
    }
}

/// The Wing–Gong–Lowe search for one key: walk the invocations in real-time order, tentatively
/// linearize any operation that is invoked before the earliest pending completion and fits the
/// model, backtrack when a completion is reached with its operation unplaced, and remember every
/// (set of placed operations, value) pair already explored so that no configuration is searched twice.
///
/// Operations with an unknown outcome never have to be placed, so a configuration is also skipped
/// when one with the same completed operations placed and the same value, but a subset of its
/// unknown-outcome operations placed, was explored: the latter has every option the former has.
/// Without this, each unknown-outcome write doubles the work of proving a violation.
///
/// Operations with an unknown outcome complete "at infinity": they may be placed anywhere after
/// their invocation, and the search succeeds once every operation that completed is placed
/// (the rest can be put last, where they observe nothing and change nothing anyone saw, or be
/// taken never to have happened).
struct WGLSearch {
    enum Outcome {
        case linearizable
        /// The longest legal order found, as indices into the operations.
        case violation(longestPrefix: [Int])
        case exhausted(reason: String)
    }

    private enum Code {
        case read(Int32)
        case write(Int32)
        case append(String)
        case cas(expected: Int32, new: Int32, swapped: Bool?)
    }

    private struct Memo: Hashable {
        var placedCompleted: [UInt64]
        var value: Int32
    }

    private static func isSubset(_ small: [UInt64], of large: [UInt64]) -> Bool {
        for index in small.indices where small[index] & ~large[index] != 0 { return false }
        return true
    }

    private var values: [String?] = [nil]
    private var valueIDs: [String: Int32] = [:]
    private var appended: [Int64: Int32] = [:]

    static func run(_ operations: [HistoryOperation], budget: inout SearchBudget) -> Outcome {
        var search = WGLSearch()
        return search.run(operations, budget: &budget)
    }

    private mutating func intern(_ value: String?) -> Int32 {
        guard let value else { return 0 }
        if let id = self.valueIDs[value] { return id }
        let id = Int32(self.values.count)
        self.values.append(value)
        self.valueIDs[value] = id
        return id
    }

    private mutating func step(_ value: Int32, _ code: Code, operation: Int) -> Int32? {
        switch code {
        case .read(let expected): return value == expected ? value : nil
        case .write(let new): return new
        case .append(let suffix):
            let key = Int64(value) << 32 | Int64(operation)
            if let cached = self.appended[key] { return cached }
            let new = self.intern((self.values[Int(value)] ?? "") + suffix)
            self.appended[key] = new
            return new
        case .cas(let expected, let new, let swapped):
            let swaps = value == expected
            if let swapped, swapped != swaps { return nil }
            return swaps ? new : value
        }
    }

    private mutating func run(_ operations: [HistoryOperation], budget: inout SearchBudget) -> Outcome {
        let count = operations.count
        var codes: [Code] = []
        codes.reserveCapacity(count)
        var completed = [Bool](repeating: false, count: count)
        var completedLeft = 0
        for (index, op) in operations.enumerated() {
            if op.outcome == .ok { completed[index] = true; completedLeft += 1 }
            switch (op.operation, op.output) {
            case (.get, .value(let read)): codes.append(.read(self.intern(read)))
            case (.get, _): preconditionFailure("reads with unknown outcome are dropped before the search")
            case (.put(_, let value), _): codes.append(.write(self.intern(value)))
            case (.delete, _): codes.append(.write(0))
            case (.append(_, let suffix), _): codes.append(.append(suffix))
            case (.cas(_, let expected, let new), let output):
                var swapped: Bool?
                if case .casResult(let result) = output { swapped = result }
                codes.append(.cas(expected: self.intern(expected), new: self.intern(new), swapped: swapped))
            }
        }
        if completedLeft == 0 { return .linearizable }

        // Entries 1...2n, in real-time order; 0 is the list head. Calls and returns interleave.
        struct Entry { var time: Int64; var tie: Int; var operation: Int; var isCall: Bool }
        var entries: [Entry] = []
        entries.reserveCapacity(2 * count)
        for (index, op) in operations.enumerated() {
            entries.append(Entry(time: op.invokeTime, tie: op.invokeEventIndex, operation: index, isCall: true))
            if op.outcome == .ok, let time = op.completeTime, let tie = op.completeEventIndex {
                entries.append(Entry(time: time, tie: tie, operation: index, isCall: false))
            } else {
                entries.append(Entry(time: .max, tie: .max, operation: index, isCall: false))
            }
        }
        entries.sort { ($0.time, $0.tie) < ($1.time, $1.tie) }
        let size = entries.count + 1
        var next = [Int32](repeating: -1, count: size)
        var prev = [Int32](repeating: -1, count: size)
        var entryOperation = [Int32](repeating: -1, count: size)
        var isCall = [Bool](repeating: false, count: size)
        var returnEntry = [Int32](repeating: -1, count: count)
        for (position, entry) in entries.enumerated() {
            let node = position + 1
            prev[node] = Int32(position)
            next[position] = Int32(node)
            entryOperation[node] = Int32(entry.operation)
            isCall[node] = entry.isCall
            if !entry.isCall { returnEntry[entry.operation] = Int32(node) }
        }
        var matching = [Int32](repeating: -1, count: size)  // call entry -> its return entry
        for node in 1..<size where isCall[node] { matching[node] = returnEntry[Int(entryOperation[node])] }

        func lift(_ node: Int32) {
            let n = Int(node)
            next[Int(prev[n])] = next[n]
            if next[n] >= 0 { prev[Int(next[n])] = prev[n] }
            let r = Int(matching[n])
            next[Int(prev[r])] = next[r]
            if next[r] >= 0 { prev[Int(next[r])] = prev[r] }
        }
        func unlift(_ node: Int32) {
            let n = Int(node)
            let r = Int(matching[n])
            next[Int(prev[r])] = Int32(r)
            if next[r] >= 0 { prev[Int(next[r])] = Int32(r) }
            next[Int(prev[n])] = node
            if next[n] >= 0 { prev[Int(next[n])] = node }
        }

        // Completed and unknown-outcome operations are numbered separately, for the memo.
        var bit = [Int](repeating: 0, count: count)
        var completedBits = 0, unknownBits = 0
        for index in 0..<count {
            if completed[index] { bit[index] = completedBits; completedBits += 1 } else { bit[index] = unknownBits; unknownBits += 1 }
        }
        var placedCompleted = [UInt64](repeating: 0, count: (completedBits + 63) / 64)
        var placedUnknown = [UInt64](repeating: 0, count: (unknownBits + 63) / 64)
        func toggle(_ operation: Int) {
            let b = bit[operation]
            if completed[operation] { placedCompleted[b >> 6] ^= 1 << UInt64(b & 63) } else { placedUnknown[b >> 6] ^= 1 << UInt64(b & 63) }
        }
        // For each (completed placed, value): the unknown-outcome sets explored with it, none a
        // subset of another.
        var memo: [Memo: [[UInt64]]] = [:]
        func explore(_ value: Int32) -> Bool {
            let key = Memo(placedCompleted: placedCompleted, value: value)
            guard var explored = memo[key] else {
                memo[key] = [placedUnknown]
                return true
            }
            if explored.contains(where: { Self.isSubset($0, of: placedUnknown) }) { return false }
            explored.removeAll { Self.isSubset(placedUnknown, of: $0) }
            explored.append(placedUnknown)
            memo[key] = explored
            return true
        }
        var stack: [(node: Int32, value: Int32)] = []
        var longest: [Int] = []
        var deeperThanLongest = false  // the stack is a new longest prefix, not yet copied
        var value: Int32 = 0
        var node = next[0]
        var iterations = 0
        while true {
            iterations &+= 1
            if iterations & 0x3FF == 0, let reason = budget.exhausted() { return .exhausted(reason: reason) }
            precondition(node >= 0, "a completed operation's return entry is always ahead")
            let operation = Int(entryOperation[Int(node)])
            if isCall[Int(node)] {
                if let newValue = self.step(value, codes[operation], operation: operation) {
                    toggle(operation)
                    if explore(newValue) {
                        budget.statesExplored += 1
                        if budget.statesExplored >= budget.stateBudget, let reason = budget.exhausted() {
                            return .exhausted(reason: reason)
                        }
                        stack.append((node, value))
                        value = newValue
                        lift(node)
                        if completed[operation] {
                            completedLeft -= 1
                            if completedLeft == 0 { return .linearizable }
                        }
                        if stack.count > longest.count { deeperThanLongest = true }
                        node = next[0]
                        continue
                    }
                    toggle(operation)
                }
                node = next[Int(node)]
            } else {
                // A completion with its operation unplaced: undo the most recent placement.
                if deeperThanLongest {
                    longest = stack.map { Int(entryOperation[Int($0.node)]) }
                    deeperThanLongest = false
                }
                guard let top = stack.popLast() else { return .violation(longestPrefix: longest) }
                let undone = Int(entryOperation[Int(top.node)])
                toggle(undone)
                if completed[undone] { completedLeft += 1 }
                value = top.value
                unlift(top.node)
                node = next[Int(top.node)]
            }
        }
    }
}
