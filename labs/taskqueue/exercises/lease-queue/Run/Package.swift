// swift-tools-version:6.2
//
// `my-taskqueue`: the course's taskqueue command line (server, worker, client, …) with your
// lifecycle inside the server, to run it as real processes: `swift build` here, then
// `labctl up workers.json`. A package of its own so that `swift test` in the exercise does not
// build gRPC, SQLite and PostgreSQL.
import PackageDescription

let package = Package(
    name: "LeaseQueueExerciseRun",
    platforms: [.macOS(.v15)],
    dependencies: [
        // `labctl exercise new` writes the path of your DistLab checkout here.
        .package(name: "DistLab", path: "../../../../.."),
        .package(name: "LeaseQueueExercise", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "my-taskqueue",
            dependencies: [
                .product(name: "MyQueue", package: "LeaseQueueExercise"),
                .product(name: "TaskQueueCLI", package: "DistLab"),
            ],
            path: "Sources"
        ),
    ]
)
