import FileShareCore
import Testing
@testable import FileShareTracker

@Suite("ReplicationPlan (no HTTP)")
struct ReplicationPlanTests {
    func peer(_ id: String) -> TrackerAPI.Peer { TrackerAPI.Peer(id: id, address: "127.0.0.1:1") }

    func candidates(_ counts: KeyValuePairs<String, Int>) -> [ReplicationPlan.Candidate] {
        counts.map { ReplicationPlan.Candidate(peer: self.peer($0.key), files: $0.value) }
    }

    @Test func targetsAreNonHoldersLeastLoadedFirstThenByID() {
        let everyone = self.candidates(["a": 5, "b": 9, "c": 2, "d": 2, "e": 0])
        let targets = ReplicationPlan.targets(holders: ["b", "a"], candidates: everyone, factor: 5, asking: "a")
        #expect(targets == [self.peer("e"), self.peer("c"), self.peer("d")])
    }

    @Test func atMostTheMissingCountIsReturned() {
        let everyone = self.candidates(["a": 1, "x": 3, "y": 1, "z": 2])
        #expect(ReplicationPlan.targets(holders: ["a"], candidates: everyone, factor: 3, asking: "a") == [self.peer("y"), self.peer("z")])
        #expect(ReplicationPlan.targets(holders: ["a"], candidates: everyone, factor: 2, asking: "a") == [self.peer("y")])
    }

    @Test func onlyTheHolderWithTheSmallestIDCopies() {
        let everyone = self.candidates(["a": 1, "b": 1, "c": 0])
        #expect(ReplicationPlan.targets(holders: ["b", "a"], candidates: everyone, factor: 3, asking: "a") == [self.peer("c")])
        #expect(ReplicationPlan.targets(holders: ["b", "a"], candidates: everyone, factor: 3, asking: "b").isEmpty)
        #expect(ReplicationPlan.targets(holders: ["b", "a"], candidates: everyone, factor: 3, asking: "c").isEmpty)
    }

    @Test func nothingWhenTheFactorIsMetOrNoPeerIsLeft() {
        let everyone = self.candidates(["a": 1, "b": 1, "c": 0])
        #expect(ReplicationPlan.targets(holders: ["a", "b"], candidates: everyone, factor: 2, asking: "a").isEmpty)
        #expect(ReplicationPlan.targets(holders: ["a", "b", "c"], candidates: everyone, factor: 1, asking: "a").isEmpty)
        #expect(ReplicationPlan.targets(holders: ["a", "b", "c"], candidates: everyone, factor: 16, asking: "a").isEmpty)
        #expect(ReplicationPlan.targets(holders: ["a"], candidates: self.candidates(["a": 1]), factor: 2, asking: "a").isEmpty)
    }
}
