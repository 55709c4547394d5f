#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Names of the store's temporary files, and how to tell an abandoned one.
///
/// A temporary file is named ".labstore-tmp.<pid>.<random>" after the process writing it, so a
/// store that opens later can remove the ones whose writer has died (crashed between creating the
/// file and renaming it) without touching the ones another live process is still writing.
enum TemporaryFile {
    /// The prefix of every temporary file name; keys may not use it.
    static let namePrefix = ".labstore-tmp."

    /// A fresh temporary file name for this process.
    static func makeName() -> String {
        namePrefix + "\(getpid())." + String(UInt64.random(in: .min ... .max), radix: 16)
    }

    /// Whether `name` is a temporary file name.
    static func isTemporary<S: StringProtocol>(name: S) -> Bool {
        name.hasPrefix(namePrefix)
    }

    /// Whether the temporary file `name` was left by a process that no longer exists.
    static func isAbandoned(name: String) -> Bool {
        let fields = name.dropFirst(namePrefix.count).split(separator: ".")
        guard let pidField = fields.first, let pid = pid_t(pidField) else { return true }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
