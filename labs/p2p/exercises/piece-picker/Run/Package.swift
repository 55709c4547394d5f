// swift-tools-version:6.2
//
// `my-p2p`: the course's p2p command line (tracker, peer, client, …) with your piece picker and
// verifier inside, to run them in real downloads: `swift build` here, then `labctl up four-peers.json`.
// A package of its own so that `swift test` in the exercise does not build NIO and gRPC.
import PackageDescription

let package = Package(
    name: "PiecePickerExerciseRun",
    platforms: [.macOS(.v15)],
    dependencies: [
        // `labctl exercise new` writes the path of your DistLab checkout here.
        .package(name: "DistLab", path: "../../../../.."),
        .package(name: "PiecePickerExercise", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "my-p2p",
            dependencies: [
                .product(name: "MyPieces", package: "PiecePickerExercise"),
                .product(name: "FileSharePieces", package: "DistLab"),
                .product(name: "FileShareCLI", package: "DistLab"),
            ],
            path: "Sources"
        ),
    ]
)
