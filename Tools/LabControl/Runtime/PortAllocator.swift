#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Finds ports for `"auto"` and checks that fixed ports are free, on 127.0.0.1.
///
/// An auto port is chosen by binding port 0 and reading back what the OS gave, then released for
/// the node to bind. Another process could take it in between; on loopback with the OS's
/// ephemeral range this is rare, and the node then fails its readiness probe with a clear error.
enum PortAllocator {
    /// A port the OS considers free right now and that is not in `taken` (the OS may hand out a
    /// port it just handed out, since each one is released at once); adds it to `taken`.
    static func freePort(avoiding taken: inout Set<Int>) throws -> Int {
        while true {
            let port = try self.bind(port: 0)
            if taken.insert(port).inserted { return port }
        }
    }

    /// Whether `port` can be bound right now.
    static func isFree(_ port: Int) -> Bool {
        (try? self.bind(port: port)) != nil
    }

    private static func bind(port: Int) throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw PortAllocationError(errno: errno) }
        defer { close(socketFD) }
        var reuse: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw PortAllocationError(errno: errno) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The OS refused a socket operation while allocating a port.
struct PortAllocationError: Error, CustomStringConvertible {
    var errno: Int32
    var description: String { String(cString: strerror(self.errno)) }
}
