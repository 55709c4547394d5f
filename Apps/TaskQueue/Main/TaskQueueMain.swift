import TaskQueueCLI

/// `taskqueue` with the course's lifecycle. The lease-queue exercise builds the same command line
/// around a student's lifecycle (labs/taskqueue/exercises/lease-queue/Run).
@main
enum TaskQueueMain {
    static func main() async {
        await TaskQueueCommand.main()
    }
}
