// The pieces of a file (layout, picker, verification) live in FileSharePieces, a light module the
// piece-picker exercise builds without NIO or gRPC; re-exported so `import FileShareCore` sees them.
@_exported import FileSharePieces
