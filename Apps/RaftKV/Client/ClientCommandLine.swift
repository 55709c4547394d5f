import RaftKV

/// One line of the raftkv client's little language, shared by one-shot use and the prompt:
/// `put K V`, `get K`, `sget K` (stale read), `del K`, `cas K OLD NEW` (OLD `-` = absent),
/// `append K S`, `list [PREFIX] [LIMIT]`, `status`, `help`, `quit`.
public enum ClientCommandLine: Sendable, Hashable {
    case operation(KVOperation, stale: Bool)
    case status
    case help
    case quit

    public static let usage = """
        put KEY VALUE          write a value
        get KEY                read it (linearizable: through the leader)
        sget KEY               read it from whichever node answers (may be stale)
        del KEY                delete it
        cas KEY OLD NEW        write NEW if the value is OLD (OLD "-" means: if absent)
        append KEY SUFFIX      append to the value
        list [PREFIX] [LIMIT]  keys with a prefix, in order
        status                 each member's role, term, commit and applied index
        quit                   leave (also: exit, salir)
        """

    /// Parses one line; the error says what was wrong and shows the usage.
    public init(words: [String]) throws(ClientCommandLineError) {
        guard let verb = words.first?.lowercased() else { throw .empty }
        let args = Array(words.dropFirst())
        func expect(_ count: Int, _ shape: String) throws(ClientCommandLineError) {
            guard args.count == count else { throw .wrongArguments(verb: verb, expected: shape) }
        }
        switch verb {
        case "put", "set":
            try expect(2, "put KEY VALUE")
            self = .operation(.put(key: args[0], value: args[1]), stale: false)
        case "get":
            try expect(1, "get KEY")
            self = .operation(.get(key: args[0]), stale: false)
        case "sget":
            try expect(1, "sget KEY")
            self = .operation(.get(key: args[0]), stale: true)
        case "del", "delete", "rm":
            try expect(1, "del KEY")
            self = .operation(.delete(key: args[0]), stale: false)
        case "cas":
            try expect(3, "cas KEY OLD NEW")
            self = .operation(.cas(key: args[0], expected: args[1] == "-" ? nil : args[1], new: args[2]), stale: false)
        case "append":
            try expect(2, "append KEY SUFFIX")
            self = .operation(.append(key: args[0], suffix: args[1]), stale: false)
        case "list", "ls":
            guard args.count <= 2 else { throw .wrongArguments(verb: verb, expected: "list [PREFIX] [LIMIT]") }
            let limit = args.count == 2 ? Int(args[1]) : 100
            guard let limit, limit > 0 else { throw .wrongArguments(verb: verb, expected: "list [PREFIX] [LIMIT], LIMIT a positive number") }
            self = .operation(.list(prefix: args.first ?? "", limit: limit), stale: false)
        case "status":
            self = .status
        case "help", "?":
            self = .help
        case "quit", "exit", "salir":
            self = .quit
        default:
            throw .unknownVerb(verb)
        }
    }
}

/// A line the client did not understand.
public enum ClientCommandLineError: Error, Sendable, CustomStringConvertible {
    case empty
    case unknownVerb(String)
    case wrongArguments(verb: String, expected: String)

    public var description: String {
        switch self {
        case .empty: return "nothing to do; try `help`"
        case .unknownVerb(let verb): return "unknown command '\(verb)'; commands:\n\(ClientCommandLine.usage)"
        case .wrongArguments(_, let expected): return "usage: \(expected)"
        }
    }
}
