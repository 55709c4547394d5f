// swift-tools-version:6.2
//
// The piece-picker exercise: your picker and verifier in Sources/MyPieces, graded by the course's
// piece suite. Builds only the light FileSharePieces module of DistLab (no NIO, no gRPC).
import PackageDescription

let package = Package(
    name: "PiecePickerExercise",
    platforms: [.macOS(.v15)],
    products: [
        // For Run/, which builds `my-p2p`: p2p's command line around your picker and verifier.
        .library(name: "MyPieces", targets: ["MyPieces"]),
    ],
    dependencies: [
        // The DistLab repository, for the piece types, the reference and the suite.
        // `labctl exercise new` writes the path of your DistLab checkout here.
        .package(name: "DistLab", path: "../../../.."),
    ],
    targets: [
        .target(
            name: "MyPieces",
            dependencies: [
                .product(name: "FileSharePieces", package: "DistLab"),
                .product(name: "LabRandom", package: "DistLab"),
            ]
        ),
        .testTarget(
            name: "MyPiecesTests",
            dependencies: [
                "MyPieces",
                .product(name: "FileShareSuite", package: "DistLab"),
                .product(name: "LabGrading", package: "DistLab"),
            ]
        ),
    ]
)
