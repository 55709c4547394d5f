import Foundation
import Testing
import TaskQueueCore
import TaskQueueService

/// Two servers sharing one PostgreSQL queue: `FOR UPDATE SKIP LOCKED` must hand every task to
/// exactly one of them, however their leases interleave.
@Suite("PostgreSQL queue shared by servers", .enabled(if: StoreBackend.available.contains(.postgres)))
struct PostgresLeasingTests {
    static let policy = QueuePolicy(visibilityTimeout: .seconds(60), maxAttempts: 3)

    @Test func twoStoresLeasingConcurrentlyNeverLeaseTheSameTask() async throws {
        let now = Date()
        try await StoreBackend.withPostgresSchema { url in
            try await PostgresTaskStore.connect(url: url, policy: Self.policy) { first in
                try await PostgresTaskStore.connect(url: url, policy: Self.policy) { second in
                    var submitted: Set<String> = []
                    for index in 0..<200 {
                        submitted.insert(try await first.submit(TaskSubmission(op: "echo", data: "\(index)"), now: now).task.id)
                    }
                    let leased = try await withThrowingTaskGroup(of: [String].self) { group in
                        for (server, store) in [("a", first), ("b", second)] {
                            for leaser in 0..<4 {
                                group.addTask {
                                    var ids: [String] = []
                                    while true {
                                        let batch = try await store.lease(worker: "\(server)\(leaser)", limit: 3, now: now)
                                        if batch.isEmpty { return ids }
                                        ids += batch.map(\.id)
                                    }
                                }
                            }
                        }
                        return try await group.reduce(into: []) { $0 += $1 }
                    }
                    #expect(leased.count == 200, "every task leased exactly once")
                    #expect(Set(leased) == submitted)
                    #expect(try await second.stats(now: now).leased == 200)
                }
            }
        }
    }

    @Test func aKeySubmittedToTwoStoresAtOnceMakesOneTask() async throws {
        try await StoreBackend.withPostgresSchema { url in
            try await PostgresTaskStore.connect(url: url, policy: Self.policy) { first in
                try await PostgresTaskStore.connect(url: url, policy: Self.policy) { second in
                    let outcomes = try await withThrowingTaskGroup(of: SubmitOutcome.self) { group in
                        for store in [first, second, first, second] {
                            group.addTask { try await store.submit(TaskSubmission(op: "echo", data: "x", key: "same"), now: Date()) }
                        }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                    #expect(Set(outcomes.map(\.task.id)).count == 1)
                    #expect(outcomes.filter(\.created).count == 1)
                }
            }
        }
    }
}
