import FileShareCore

/// Search results as a table.
enum FileTable {
    static func print(_ files: [TrackerAPI.SearchResult]) {
        guard !files.isEmpty else {
            Swift.print("no files")
            return
        }
        Swift.print("NAME".padding(toLength: 28, withPad: " ", startingAt: 0), "SIZE".padding(toLength: 10, withPad: " ", startingAt: 0), "REPLICAS", "ID")
        for file in files {
            Swift.print(file.name.padding(toLength: 28, withPad: " ", startingAt: 0), ProgressLine.bytes(file.size).padding(toLength: 10, withPad: " ", startingAt: 0),
                        String(file.replicas).padding(toLength: 8, withPad: " ", startingAt: 0), file.id)
        }
    }
}
