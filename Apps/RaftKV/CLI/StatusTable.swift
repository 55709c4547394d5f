import LabNet
import RaftWire

/// The `raftkv client status` table: one line per member.
enum StatusTable {
    static let header = "  id  role          term  leader    commit   applied      last  snapshot  address"

    static func row(_ status: MemberStatusView) -> String {
        func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        let role = status.role.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
        return pad("\(status.id)", 4) + "  " + role + pad("\(status.term)", 6) + pad(status.leader.map(String.init) ?? "-", 8)
            + pad("\(status.commitIndex)", 10) + pad("\(status.appliedIndex)", 10) + pad("\(status.lastIndex)", 10)
            + pad("\(status.snapshotIndex)", 10) + "  " + (status.clientAddress ?? "")
    }

    static func unreachable(_ address: HostAndPort, _ error: any Error) -> String {
        "   ?  unreachable                                                            \(address)  (\(error))"
    }
}
