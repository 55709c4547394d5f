import Foundation
import TaskQueueService

/// The seed's interactive client: reads commands line by line and prints each reply. Every
/// request uses its own connection, so a server restart between two commands goes unnoticed.
struct InteractiveClient {
    let client: FrontDoorClient
    let server: ServerAddress

    /// Runs the prompt until `salir`/`quit`/`exit` or the end of input.
    func run() async {
        let onTerminal = isatty(STDIN_FILENO) != 0
        if onTerminal { print("taskqueue client for \(self.server): type help for the commands, quit to leave") }
        while true {
            if onTerminal {
                print("> ", terminator: "")
                fflush(nil)
            }
            guard let line = readLine() else { return }
            let command: PromptCommand
            do {
                command = try PromptCommand.parse(line)
            } catch {
                Console.error(error.description)
                continue
            }
            switch command {
            case .quit: return
            case .nothing: continue
            case .help: print(PromptCommand.helpText)
            case .send(let request): await self.send(request)
            }
        }
    }

    private func send(_ request: FrontDoorRequest) async {
        do {
            ReplyText.show(try await self.client.send(request).reply)
        } catch {
            Console.error("\(error)")
        }
    }
}
