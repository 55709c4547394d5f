import MyRaft
import RaftKVCLI

/// raftkv's command line with `StudentRaft` as the core of `node` and `sim`.
@main
enum MyRaftKV {
    static func main() async {
        await RaftKVCommand.$core.withValue(StudentRaft.self) {
            await RaftKVCommand.main()
        }
    }
}
