import LabTestSupport
import RaftCore
import RaftStorage
import Testing

/// `RaftDiskStorage` stores exactly what `PersistentState.persist/compact`, the core's model of a
/// disk, would hold, after any sequence of readies, compactions and reopens.
/// Replay a failure with LAB_SEED=<printed seed>.
@Suite struct EquivalenceTests {
    @Test func randomReadiesAndCompactionsMatchTheModel() throws {
        let seed = SeededGenerator.seedForTest()
        print("EquivalenceTests seed: \(seed) (replay with LAB_SEED=\(seed))")
        let directory = try TemporaryDirectory()
        let identity = ClusterIdentity(clusterID: "equivalence", nodeID: 7)
        var storage = try RaftDiskStorage(directory: directory.path, identity: identity)
        var model = PersistentState.empty
        var readies = RandomReadies(random: SeededGenerator(seed: seed))

        for number in 1...400 {
            let step = readies.step(after: model)
            switch step {
            case .persist(let ready):
                model.persist(ready)
                try storage.persist(ready)
            case .compact(let snapshot):
                model.compact(to: snapshot)
                try storage.compact(to: snapshot)
            case .reopen:
                storage = try RaftDiskStorage(directory: directory.path, identity: identity)
            }
            let loaded = try storage.load()
            #expect(loaded == model, "LAB_SEED=\(seed): storage differs from the model after step \(number): \(step)")
            if loaded != model { return }
        }
    }
}
