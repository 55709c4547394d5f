import LabNet
import RaftCore
import Synchronization

/// The addresses of every member this node knows: the initial members, plus those added at run
/// time with `raftkv admin add`. Shared by the peer transport and the client service.
final class MemberDirectory: Sendable {
    private let members: Mutex<[NodeID: MemberEndpoints]>
    private let additions: AsyncStream<MemberEndpoints>.Continuation
    /// Members added after start, for the transport to connect to.
    let added: AsyncStream<MemberEndpoints>

    init(_ initial: [MemberEndpoints]) {
        self.members = Mutex(Dictionary(initial.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
        (self.added, self.additions) = AsyncStream.makeStream(of: MemberEndpoints.self)
    }

    var all: [MemberEndpoints] { self.members.withLock { Array($0.values) }.sorted { $0.id < $1.id } }

    func endpoints(of id: NodeID) -> MemberEndpoints? { self.members.withLock { $0[id] } }

    func clientAddress(of id: NodeID) -> String? { self.endpoints(of: id)?.client.description }

    func add(_ member: MemberEndpoints) {
        let isNew = self.members.withLock { members in
            defer { members[member.id] = member }
            return members[member.id] == nil
        }
        if isNew { self.additions.yield(member) }
    }
}
