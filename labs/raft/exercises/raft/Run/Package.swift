// swift-tools-version:6.2
//
// `my-raftkv`: the course's raftkv command line (node, proxy, client, sim, …) with your Raft core
// inside, to run it as real processes: `swift build` here, then `labctl up three-nodes.json`.
// A package of its own so that `swift test` in the exercise does not build gRPC and SQLite.
import PackageDescription

let package = Package(
    name: "RaftExerciseRun",
    platforms: [.macOS(.v15)],
    dependencies: [
        // `labctl exercise new` writes the path of your DistLab checkout here.
        .package(name: "DistLab", path: "../../../../.."),
        .package(name: "RaftExercise", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "my-raftkv",
            dependencies: [
                .product(name: "MyRaft", package: "RaftExercise"),
                .product(name: "RaftKVCLI", package: "DistLab"),
            ],
            path: "Sources"
        ),
    ]
)
