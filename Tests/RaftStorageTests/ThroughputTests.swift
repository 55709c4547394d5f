import Foundation
import LabTestSupport
import RaftCore
import RaftStorage
import Testing

/// Prints how fast the fsync path is (a measurement, not an assertion: speed goals live in benchmarks).
@Suite struct ThroughputTests {
    @Test func printsPersistsPerSecondAndEntriesPerSecond() throws {
        let directory = try TemporaryDirectory()
        let storage = try RaftDiskStorage(directory: directory.path, identity: ClusterIdentity(clusterID: "bench", nodeID: 1))
        let command = LogEntry.Payload.command(Data(repeating: 0x61, count: 100))
        var next: LogIndex = 1

        let singles = 300
        let singleTime = try ContinuousClock().measure {
            for _ in 0..<singles {
                try storage.persist(RaftReady(
                    hardState: HardState(term: 1, vote: 1, commit: next), entries: [LogEntry(index: next, term: 1, payload: command)]))
                next += 1
            }
        }

        let batches = 100
        let batchTime = try ContinuousClock().measure {
            for _ in 0..<batches {
                let entries = (next..<next + 64).map { LogEntry(index: $0, term: 1, payload: command) }
                try storage.persist(RaftReady(hardState: HardState(term: 1, vote: 1, commit: next), entries: entries))
                next += 64
            }
        }

        #expect(try storage.load().entries.count == singles + 64 * batches)
        print("RaftDiskStorage (debug build, 100-byte commands): "
            + "\(Int(Double(singles) / Self.seconds(singleTime))) persists/s of 1-entry readies, "
            + "\(Int(Double(batches * 64) / Self.seconds(batchTime))) entries/s in 64-entry readies "
            + "(\(Int(Double(batches) / Self.seconds(batchTime))) persists/s)")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
