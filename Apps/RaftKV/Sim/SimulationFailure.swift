import Foundation

/// A failed expectation of a simulated run, with what is needed to replay and inspect it.
public struct SimulationFailure: Error, CustomStringConvertible {
    public var message: String
    public var seed: UInt64
    public var virtualTime: Duration

    public init(message: String, seed: UInt64, virtualTime: Duration) {
        self.message = message
        self.seed = seed
        self.virtualTime = virtualTime
    }

    public var description: String {
        "\(self.message) (seed \(self.seed) at virtual \(self.when); replay with LAB_SEED=\(self.seed))"
    }

    /// The virtual time of the failure, to the millisecond, e.g. "0.819 s".
    public var when: String {
        let (seconds, attoseconds) = self.virtualTime.components
        return String(format: "%.3f s", Double(seconds) + Double(attoseconds) / 1e18)
    }
}

extension SimulatedCluster {
    func failure(_ message: String) -> SimulationFailure {
        self.trace.record(self.now, "FAILURE: \(message)")
        return SimulationFailure(message: message, seed: self.options.seed, virtualTime: self.now)
    }
}
