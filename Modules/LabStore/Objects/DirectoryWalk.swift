/// A recursive walk over the files of a directory tree, as the object store lays it out.
struct DirectoryWalk {
    /// A regular file found by the walk.
    struct File {
        /// The path relative to the walk's root, with '/' separators.
        var relativePath: String
        /// The file's name (the last component).
        var name: String
        /// The full path.
        var path: String
    }

    /// The directory the walk starts from.
    var root: String

    /// Every regular file under `root`, at any depth; symbolic links are not followed.
    /// A missing root yields no files.
    func files() throws(ObjectStoreError) -> [File] {
        guard let info = try POSIXFile.status(root), POSIXFile.isDirectory(info) else { return [] }
        var found: [File] = []
        try collect(directory: root, relativePath: "", into: &found)
        return found
    }

    private func collect(
        directory: String, relativePath: String, into found: inout [File]
    ) throws(ObjectStoreError) {
        for name in try POSIXFile.entries(of: directory) {
            let path = directory + "/" + name
            let relative = relativePath.isEmpty ? name : relativePath + "/" + name
            // An entry can vanish between readdir and lstat (a concurrent delete): skip it.
            guard let info = try POSIXFile.status(path) else { continue }
            if POSIXFile.isDirectory(info) {
                try collect(directory: path, relativePath: relative, into: &found)
            } else if POSIXFile.isRegularFile(info) {
                found.append(File(relativePath: relative, name: name, path: path))
            }
        }
    }
}
