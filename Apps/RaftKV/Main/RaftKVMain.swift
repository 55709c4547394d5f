import RaftKVCLI

/// `raftkv` with the course's Raft core. The Raft exercise builds the same command line around a
/// student's core (labs/raft/exercises/raft/Run).
@main
enum RaftKVMain {
    static func main() async {
        await RaftKVCommand.main()
    }
}
