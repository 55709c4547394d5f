// swift-tools-version:6.2
//
// The lease-queue exercise: your lifecycle in Sources/MyQueue, graded by the course's lifecycle suite.
import PackageDescription

let package = Package(
    name: "LeaseQueueExercise",
    platforms: [.macOS(.v15)],
    products: [
        // For Run/, which builds `my-taskqueue`: taskqueue's command line around your lifecycle.
        .library(name: "MyQueue", targets: ["MyQueue"]),
    ],
    dependencies: [
        // The DistLab repository, for the task queue's types and the suite.
        // `labctl exercise new` writes the path of your DistLab checkout here.
        .package(name: "DistLab", path: "../../../.."),
    ],
    targets: [
        .target(
            name: "MyQueue",
            dependencies: [.product(name: "TaskQueueCore", package: "DistLab")]
        ),
        .testTarget(
            name: "MyQueueTests",
            dependencies: [
                "MyQueue",
                .product(name: "TaskQueueSuite", package: "DistLab"),
                .product(name: "LabGrading", package: "DistLab"),
            ]
        ),
    ]
)
