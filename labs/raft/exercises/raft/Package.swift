// swift-tools-version:6.2
//
// The Raft exercise: your core in Sources/MyRaft, graded by the course's simulator suite.
import PackageDescription

let package = Package(
    name: "RaftExercise",
    platforms: [.macOS(.v15)],
    products: [
        // For Run/, which builds `my-raftkv`: raftkv's command line around your core.
        .library(name: "MyRaft", targets: ["MyRaft"]),
    ],
    dependencies: [
        // The DistLab repository, for the Raft core's types, the simulator and the suite.
        // `labctl exercise new` writes the path of your DistLab checkout here.
        .package(name: "DistLab", path: "../../../.."),
    ],
    targets: [
        .target(
            name: "MyRaft",
            dependencies: [
                .product(name: "RaftCore", package: "DistLab"),
                .product(name: "LabRandom", package: "DistLab"),
            ]
        ),
        .testTarget(
            name: "MyRaftTests",
            dependencies: [
                "MyRaft",
                .product(name: "RaftSuite", package: "DistLab"),
                .product(name: "LabGrading", package: "DistLab"),
            ]
        ),
    ]
)
