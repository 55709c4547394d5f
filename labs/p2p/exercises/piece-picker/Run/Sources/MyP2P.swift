import FileShareCLI
import FileSharePieces
import MyPieces

/// p2p's command line with `StudentPicker` and `StudentVerifier` in `client get` and in the peers'
/// downloads.
@main
enum MyP2P {
    static func main() async {
        await P2PCommand.$pieces.withValue(PieceStrategy(picker: StudentPicker.self, verifier: StudentVerifier.self)) {
            await P2PCommand.main()
        }
    }
}
