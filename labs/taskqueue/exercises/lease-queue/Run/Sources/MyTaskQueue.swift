import MyQueue
import TaskQueueCLI

/// taskqueue's command line with `StudentLifecycle` as the rules of `server` and `bench`.
@main
enum MyTaskQueue {
    static func main() async {
        await TaskQueueCommand.$rules.withValue(StudentLifecycle.self) {
            await TaskQueueCommand.main()
        }
    }
}
