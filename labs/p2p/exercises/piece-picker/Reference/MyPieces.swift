@_exported import FileSharePieces

/// The course's reference picker and verifier under the exercise's names. `labctl exercise verify`
/// puts this file in place of the skeleton (Sources/MyPieces) to prove that the tests pass for a
/// correct implementation.
public typealias StudentPicker = PiecePicker
public typealias StudentVerifier = PieceVerifier
