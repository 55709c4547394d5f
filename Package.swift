// swift-tools-version:6.2
//
// DistLab: one package from which a distributed-systems course runs its labs.
// Modules/ are lab-agnostic libraries, Apps/ are the labs, Tools/ drive them, Tests/ test all of it.
import PackageDescription

let package = Package(
    name: "DistLab",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LabWire", targets: ["LabWire"]),
        .library(name: "LabProto", targets: ["LabProto"]),
        .library(name: "LabNet", targets: ["LabNet"]),
        .library(name: "LabStore", targets: ["LabStore"]),
        .library(name: "LabControl", targets: ["LabControl"]),
        .library(name: "LabCheck", targets: ["LabCheck"]),
        .library(name: "LabRandom", targets: ["LabRandom"]),
        .library(name: "LabSim", targets: ["LabSim"]),
        .library(name: "LabGrading", targets: ["LabGrading"]),
        .library(name: "RaftCore", targets: ["RaftCore"]),
        .library(name: "RaftKV", targets: ["RaftKV"]),
        .library(name: "RaftSim", targets: ["RaftSim"]),
        .library(name: "RaftSuite", targets: ["RaftSuite"]),
        .library(name: "RaftKVCLI", targets: ["RaftKVCLI"]),
        .library(name: "TaskQueueCore", targets: ["TaskQueueCore"]),
        .library(name: "TaskQueueSuite", targets: ["TaskQueueSuite"]),
        .library(name: "TaskQueueCLI", targets: ["TaskQueueCLI"]),
        .library(name: "FileShareCore", targets: ["FileShareCore"]),
        .library(name: "FileSharePieces", targets: ["FileSharePieces"]),
        .library(name: "FileShareSuite", targets: ["FileShareSuite"]),
        .library(name: "FileShareCLI", targets: ["FileShareCLI"]),
        .executable(name: "labctl", targets: ["labctl"]),
        .executable(name: "taskqueue", targets: ["taskqueue"]),
        .executable(name: "raftkv", targets: ["raftkv"]),
        .executable(name: "p2p", targets: ["p2p"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/grpc/grpc-swift-2", exact: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", exact: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", exact: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", exact: "1.8.1"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
    ],
    targets: [
        // MARK: Shared modules (know nothing of any lab)
        .systemLibrary(
            name: "CZlib",
            path: "Modules/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "LabWire",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Modules/LabWire"
        ),
        .target(
            name: "LabProto",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Modules/LabProto"
        ),
        .target(
            name: "LabNet",
            dependencies: [
                "LabWire",
                "LabProto",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Modules/LabNet"
        ),
        .target(
            name: "LabStore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Modules/LabStore"
        ),
        .target(
            name: "LabCheck",
            path: "Modules/LabCheck"
        ),

        .target(name: "LabRandom", path: "Modules/LabRandom"),
        .target(name: "LabGrading", dependencies: ["LabRandom"], path: "Modules/LabGrading"),
        .target(
            name: "LabSim",
            dependencies: ["LabRandom", .product(name: "HeapModule", package: "swift-collections")],
            path: "Modules/LabSim"
        ),

        // MARK: Labs
        .target(
            name: "RaftCore",
            dependencies: ["LabRandom", .product(name: "DequeModule", package: "swift-collections")],
            path: "Apps/RaftKV/Core"
        ),
        .target(name: "RaftKV", path: "Apps/RaftKV/KV"),
        .target(
            name: "RaftStorage",
            dependencies: ["RaftCore", "LabStore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Apps/RaftKV/Storage"
        ),
        .target(
            name: "RaftWire",
            dependencies: [
                "RaftCore", "RaftKV", "LabProto",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Apps/RaftKV/Wire"
        ),
        .target(
            name: "RaftSim",
            dependencies: ["RaftCore", "RaftKV", "LabSim", "LabCheck", "LabRandom"],
            path: "Apps/RaftKV/Sim"
        ),
        .target(
            name: "RaftSuite",
            dependencies: ["RaftSim", "RaftCore", "RaftKV", "LabCheck", "LabGrading", "LabSim", "LabRandom"],
            path: "Apps/RaftKV/Suite"
        ),
        .target(
            name: "RaftKVNode",
            dependencies: [
                "RaftCore", "RaftKV", "RaftStorage", "RaftWire", "LabNet", "LabProto",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Apps/RaftKV/Node"
        ),
        .target(
            name: "RaftKVClient",
            dependencies: [
                "RaftKV", "RaftWire", "LabNet", "LabProto",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            ],
            path: "Apps/RaftKV/Client"
        ),
        .target(
            name: "RaftKVWorkload",
            dependencies: ["RaftKVClient", "RaftKV", "RaftWire", "RaftSim", "LabCheck", "LabNet", "LabRandom"],
            path: "Apps/RaftKV/Workload"
        ),
        .target(
            name: "RaftKVCLI",
            dependencies: [
                "RaftSuite", "RaftCore", "RaftKVNode", "RaftKVClient", "RaftKVWorkload", "RaftKV", "RaftWire", "RaftSim", "LabCheck", "LabNet", "LabProto",
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Apps/RaftKV/CLI"
        ),
        .executableTarget(name: "raftkv", dependencies: ["RaftKVCLI"], path: "Apps/RaftKV/Main"),
        .target(
            name: "TaskQueueCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            path: "Apps/TaskQueue/Core"
        ),
        .target(name: "TaskQueueSuite", dependencies: ["TaskQueueCore", "LabGrading", "LabRandom"], path: "Apps/TaskQueue/Suite"),
        .target(
            name: "TaskQueueService",
            dependencies: [
                "TaskQueueCore",
                "LabWire",
                "LabNet",
                "LabStore",
                "LabProto",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Apps/TaskQueue/Service"
        ),
        .target(
            name: "TaskQueueCLI",
            dependencies: [
                "LabRandom",
                "TaskQueueService",
                "TaskQueueCore",
                "LabNet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/TaskQueue/CLI"
        ),
        .executableTarget(name: "taskqueue", dependencies: ["TaskQueueCLI"], path: "Apps/TaskQueue/Main"),
        .target(
            name: "FileSharePieces",
            dependencies: ["LabRandom", .product(name: "Crypto", package: "swift-crypto")],
            path: "Apps/FileShare/Pieces"
        ),
        .target(
            name: "FileShareSuite",
            dependencies: ["FileSharePieces", "LabGrading", "LabRandom"],
            path: "Apps/FileShare/Suite"
        ),
        .target(
            name: "FileShareCore",
            dependencies: [
                "FileSharePieces",
                "LabNet",
            ],
            path: "Apps/FileShare/Core"
        ),
        .target(
            name: "FileShareTracker",
            dependencies: [
                "FileShareCore",
                "LabStore",
                "LabNet",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Apps/FileShare/Tracker"
        ),
        .target(
            name: "FileSharePeer",
            dependencies: [
                "CZlib",
                "FileShareCore",
                "LabNet",
                "LabProto",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Apps/FileShare/Peer"
        ),
        .target(
            name: "FileShareCLI",
            dependencies: [
                "FileShareCore",
                "FileSharePeer",
                "FileShareTracker",
                "LabNet",
                "LabRandom",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/FileShare/CLI"
        ),
        .executableTarget(name: "p2p", dependencies: ["FileShareCLI"], path: "Apps/FileShare/Main"),

        // MARK: Tools
        .target(
            name: "LabControl",
            dependencies: [
                "LabGrading",
                "LabWire",
                "LabNet",
                "LabRandom",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tools/LabControl"
        ),
        .executableTarget(
            name: "labctl",
            dependencies: [
                "LabControl",
                "LabGrading",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Tools/labctl"
        ),

        // MARK: Tests
        .executableTarget(
            name: "labtestnode",
            dependencies: [
                "LabNet",
                "LabStore",
                "LabRandom",
                "RaftCore",
                "RaftStorage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tests/Fixtures/labtestnode"
        ),
        .target(
            name: "LabTestSupport",
            dependencies: ["LabControl", "LabNet", "LabRandom", .product(name: "NIOCore", package: "swift-nio")],
            path: "Tests/LabTestSupport"
        ),
        .testTarget(
            name: "LabWireTests",
            dependencies: ["LabWire", "LabTestSupport", .product(name: "NIOEmbedded", package: "swift-nio")],
            path: "Tests/LabWireTests"
        ),
        .testTarget(
            name: "LabNetTests",
            dependencies: ["LabNet", "LabTestSupport", .product(name: "NIOCore", package: "swift-nio")],
            path: "Tests/LabNetTests"
        ),
        .testTarget(
            name: "LabStoreTests",
            dependencies: ["LabStore", "LabTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/LabStoreTests"
        ),
        .testTarget(
            name: "TaskQueueTests",
            dependencies: [
                "TaskQueueCore", "TaskQueueSuite", "TaskQueueService", "LabControl", "LabNet", "LabProto", "LabGrading", "LabTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/TaskQueueTests"
        ),
        .testTarget(name: "LabControlTests", dependencies: ["LabControl", "LabGrading", "LabNet", "LabTestSupport"], path: "Tests/LabControlTests"),
        .testTarget(name: "LabCheckTests", dependencies: ["LabCheck", "LabTestSupport"], path: "Tests/LabCheckTests"),
        .testTarget(
            name: "RaftSuiteTests",
            dependencies: ["RaftSuite", "RaftSim", "RaftCore", "RaftKV", "LabCheck", "LabGrading", "LabTestSupport"],
            path: "Tests/RaftSuiteTests"
        ),
        .testTarget(
            name: "RaftKVProcessTests",
            dependencies: [
                "RaftKVClient", "RaftKVWorkload", "RaftKV", "RaftWire", "RaftSim", "RaftStorage", "LabCheck", "LabControl", "LabNet", "LabTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/RaftKVProcessTests"
        ),
        .testTarget(name: "RaftKVTests", dependencies: ["RaftKV", "LabTestSupport"], path: "Tests/RaftKVTests"),
        .testTarget(
            name: "RaftWireTests",
            dependencies: ["RaftWire", "RaftCore", "RaftKV", "LabProto", "LabTestSupport"],
            path: "Tests/RaftWireTests"
        ),
        .testTarget(
            name: "FileShareTrackerTests",
            dependencies: [
                "FileShareCore", "FileShareTracker", "LabTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/FileShareTrackerTests"
        ),
        .testTarget(
            name: "FileShareProcessTests",
            dependencies: [
                "FileShareCore", "FileSharePeer", "LabControl", "LabNet", "LabProto", "LabTestSupport",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/FileShareProcessTests"
        ),
        .testTarget(
            name: "FileShareCoreTests",
            dependencies: ["FileShareCore", "FileShareSuite", "LabGrading"],
            path: "Tests/FileShareCoreTests"
        ),
        .testTarget(
            name: "RaftStorageTests",
            dependencies: ["RaftStorage", "RaftCore", "LabTestSupport", "LabStore"],
            path: "Tests/RaftStorageTests"
        ),
    ]
)
