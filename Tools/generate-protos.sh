#!/usr/bin/env bash
# Regenerates the Swift code for every .proto file under Protos/ into Modules/LabProto/Generated/.
#
#   Tools/generate-protos.sh
#
# 1. Installs protoc (Debian's protobuf-compiler) if it is missing.
# 2. Builds protoc-gen-swift and protoc-gen-grpc-swift-2 from this package's pinned dependencies,
#    so the generated code always matches the SwiftProtobuf and GRPCProtobuf versions we link.
# 3. Deletes Modules/LabProto/Generated/ and writes it anew: messages (*.pb.swift) and gRPC stubs
#    (*.grpc.swift), public, one file per .proto, named after the .proto's path. Same inputs give
#    byte-identical output.
#
# PLUGIN_CONFIGURATION=release builds the plugins optimised; the default, debug, reuses the
# package's debug build and is much faster here (the plugins run for well under a second either way).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
protos="$root/Protos"
out="$root/Modules/LabProto/Generated"
configuration="${PLUGIN_CONFIGURATION:-debug}"

say() { printf 'generate-protos: %s\n' "$*" >&2; }

install_protoc() {
    local sudo=()
    if [[ "$(id -u)" != 0 ]]; then
        command -v sudo >/dev/null || { say "protoc is missing and we are not root: install protobuf-compiler"; exit 1; }
        sudo=(sudo)
    fi
    say "protoc not found: installing protobuf-compiler"
    if ! "${sudo[@]}" apt-get install -y protobuf-compiler; then
        "${sudo[@]}" apt-get update
        "${sudo[@]}" apt-get install -y protobuf-compiler
    fi
}

command -v protoc >/dev/null || install_protoc
say "using $(protoc --version)"

cd "$root"
for plugin in protoc-gen-swift protoc-gen-grpc-swift-2; do
    say "building $plugin ($configuration)"
    swift build -c "$configuration" --product "$plugin"
done
bin="$(swift build -c "$configuration" --show-bin-path)"

mapfile -t files < <(cd "$protos" && find . -name '*.proto' -type f | sed 's|^\./||' | LC_ALL=C sort)
if [[ ${#files[@]} -eq 0 ]]; then
    say "no .proto files under $protos"
    exit 1
fi

rm -rf "$out"
mkdir -p "$out"
say "generating ${#files[@]} file(s) into ${out#"$root"/}"
(
    cd "$protos"
    protoc \
        --proto_path=. \
        --plugin="protoc-gen-swift=$bin/protoc-gen-swift" \
        --plugin="protoc-gen-grpc-swift-2=$bin/protoc-gen-grpc-swift-2" \
        --swift_opt=Visibility=Public \
        --swift_opt=FileNaming=PathToUnderscores \
        --swift_out="$out" \
        --grpc-swift-2_opt=Visibility=Public \
        --grpc-swift-2_opt=FileNaming=PathToUnderscores \
        --grpc-swift-2_out="$out" \
        "${files[@]}"
)
(cd "$out" && find . -type f | sed 's|^\./|  |' | LC_ALL=C sort) >&2
