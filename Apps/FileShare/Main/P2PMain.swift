import FileShareCLI

/// `p2p` with the course's piece picker and verifier. The piece-picker exercise builds the same
/// command line around a student's (labs/p2p/exercises/piece-picker/Run).
@main
enum P2PMain {
    static func main() async {
        await P2PCommand.main()
    }
}
