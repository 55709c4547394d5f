import ArgumentParser
import Foundation
import LabNet
import TaskQueueCore
import TaskQueueService

/// `taskqueue stats`: how many tasks are where, and how fast they finish.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show queue depth, leased, done, retried and dead tasks; --watch adds rates per second."
    )

    @OptionGroup var connection: ClientOptions

    @Flag(help: "Print a new line every --interval seconds, with completion rates, until Ctrl-C.")
    var watch = false

    @Option(help: "Seconds between samples with --watch.")
    var interval: Double = 1

    @Flag(help: "Print the stats as JSON.")
    var json = false

    func run() async throws {
        var previous: (stats: QueueStats, time: ContinuousClock.Instant)?
        repeat {
            let stats = try await self.sample()
            let now = ContinuousClock.now
            if self.json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(stats), as: UTF8.self))
            } else {
                if previous == nil { print("depth  ready  delayed  leased   done  retried  dead    done/s  dead/s") }
                let seconds = previous.map { (now - $0.time).seconds } ?? 0
                let rate = { (delta: Int) in seconds > 0 ? String(format: "%.1f", Double(delta) / seconds) : "-" }
                print(String(
                    format: "%5d  %5d  %7d  %6d  %5d  %7d  %4d  %8@  %6@",
                    stats.depth, stats.ready, stats.delayed, stats.leased, stats.done, stats.retried, stats.dead,
                    rate(stats.done - (previous?.stats.done ?? stats.done)) as NSString,
                    rate(stats.dead - (previous?.stats.dead ?? stats.dead)) as NSString))
            }
            fflush(nil)
            previous = (stats, now)
            if self.watch { try await Task.sleep(for: .milliseconds(Int64(self.interval * 1000))) }
        } while self.watch
    }

    private func sample() async throws -> QueueStats {
        let (reply, line) = try await self.connection.client.send(.stats)
        guard let stats = reply.stats else { throw ValidationError("the server answered without stats: \(line)") }
        return stats
    }
}
