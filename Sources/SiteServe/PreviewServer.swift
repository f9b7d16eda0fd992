import FlyingFox
import FlyingSocks
import Foundation

/// The HTTP servers of `site serve`: one per address `--host` names, all on one port.
///
/// `::` (the default) is one IPv6 socket that also takes IPv4 clients as IPv4-mapped addresses
/// where the system allows it (Linux with `net.ipv6.bindv6only=0`, the default; macOS). Where it
/// does not, an IPv4 socket on `0.0.0.0` joins it on the same port, so `http://127.0.0.1:…` works
/// either way. Whether IPv4 is already taken by the IPv6 socket is asked of the system, by trying
/// to bind `0.0.0.0` on that port: `EADDRINUSE` means it is.
public actor PreviewServer {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let handler: PreviewHandler
    private var servers: [(server: HTTPServer, task: Task<Void, any Error>)] = []

    public init(handler: PreviewHandler) {
        self.handler = handler
    }

    /// What the servers listen on.
    public struct Listening: Sendable {
        /// The port, chosen by the system when `--port 0` asked for any free one.
        public var port: UInt16
        /// Every address a socket is bound to, as the system reports it (`::`, `127.0.0.1`).
        public var addresses: [String]
        /// Addresses to open in a browser on this machine: `[::1]` and `127.0.0.1` for the
        /// wildcard addresses, else the bound addresses themselves.
        public var browsable: [String]
        /// Whether the servers take clients from other machines too (`::` or `0.0.0.0`).
        public var allInterfaces: Bool

        /// `http://[::1]:1313/portal/` for each browsable address.
        public func urls(basePath: String = "/") -> [String] {
            browsable.map { "http://\($0):\(port)\(basePath)" }
        }
    }

    /// Starts listening on every address `host` names (an IPv6 or IPv4 literal, `[::1]` too, or a
    /// name), on `port` (0: any free port), and returns once every socket listens.
    public func start(host: String, port: UInt16) async throws -> Listening {
        let addresses = try Self.resolve(host: host)
        var port = port
        var bound: [Socket.Address] = []
        var failures: [String] = []
        for address in addresses {
            do {
                let server = try await listen(on: address.with(port: port))
                guard let actual = await server.listeningAddress else { throw Failure(description: "no listening address") }
                if port == 0, case .ip6(_, let chosen) = actual { port = chosen }
                if port == 0, case .ip4(_, let chosen) = actual { port = chosen }
                bound.append(actual)
            } catch {
                // A name may name an address this machine cannot bind (::1 without IPv6): the
                // others will do. A literal must work.
                guard addresses.count > 1 else { throw Failure(description: "cannot listen on \(Self.display(address.host)) port \(port): \(Self.reason(error))") }
                failures.append(Self.display(address.host))
            }
        }
        guard !bound.isEmpty else { throw Failure(description: "cannot listen on any address of \(host): \(failures.joined(separator: ", "))") }

        var browsable: [String] = []
        var allInterfaces = false
        for address in bound {
            switch address {
            case .ip6("::", _):
                allInterfaces = true
                browsable.append("[::1]")
                switch Self.ipv4Wildcard(port: port) {
                case .takenByDualStack:
                    browsable.append("127.0.0.1")
                case .free:
                    if (try? await listen(on: Address.ipv4(any: port))) != nil {
                        bound.append(.ip4("0.0.0.0", port: port))
                        browsable.append("127.0.0.1")
                    }
                case .unavailable:
                    break
                }
            case .ip4("0.0.0.0", _):
                allInterfaces = true
                browsable.append("127.0.0.1")
            case .ip6(let literal, _):
                browsable.append("[\(literal)]")
            case .ip4(let literal, _):
                browsable.append(literal)
            case .unix:
                break
            }
        }
        var unique: [String] = []
        for address in browsable where !unique.contains(address) { unique.append(address) }
        return Listening(
            port: port, addresses: bound.map(Self.describe), browsable: unique, allInterfaces: allInterfaces)
    }

    /// Stops listening and closes every connection.
    public func stop() async {
        await withTaskGroup(of: Void.self) { group in
            for (server, task) in servers {
                group.addTask {
                    await server.stop(timeout: 1)
                    task.cancel()
                }
            }
        }
        servers = []
    }

    private func listen(on address: Address) async throws -> HTTPServer {
        let server = HTTPServer(config: HTTPServer.Configuration(address: address.socketAddress, timeout: 30, logger: .disabled), handler: handler)
        let task = Task { try await server.run() }
        // Whichever comes first: the server listens, or it fails (the address is taken).
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let once = Locked<CheckedContinuation<Void, any Error>?>(continuation)
            let resume = { @Sendable (result: Result<Void, any Error>) in
                var taken: CheckedContinuation<Void, any Error>?
                once.update { taken = $0; $0 = nil }
                taken?.resume(with: result)
            }
            Task {
                do {
                    try await task.value
                    resume(.failure(Failure(description: "the server stopped at once")))
                } catch {
                    resume(.failure(error))
                }
            }
            Task {
                do {
                    try await server.waitUntilListening(timeout: 10)
                    resume(.success(()))
                } catch {
                    resume(.failure(error))
                }
            }
        }
        servers.append((server, task))
        return server
    }

    enum IPv4Wildcard { case takenByDualStack, free, unavailable }

    /// Whether `0.0.0.0:port` can still be bound: if not, the IPv6 wildcard socket has it.
    static func ipv4Wildcard(port: UInt16) -> IPv4Wildcard {
        guard let socket = try? Socket(domain: AF_INET) else { return .unavailable }
        defer { try? socket.close() }
        do {
            try socket.bind(to: sockaddr_in.inet(port: port))
            return .free
        } catch SocketError.failed(_, let code, _) where code == EADDRINUSE {
            return .takenByDualStack
        } catch {
            return .unavailable
        }
    }

    /// An address to bind: IPv4 or IPv6, with its port.
    struct Address: Sendable {
        enum Family: Sendable {
            case ipv4(sockaddr_in)
            case ipv6(sockaddr_in6)
        }
        var family: Family
        /// The address without the port, as `inet_ntop` writes it.
        var host: String

        static func ipv4(any port: UInt16) -> Address {
            Address(family: .ipv4(sockaddr_in.inet(port: port)), host: "0.0.0.0")
        }

        /// The concrete `sockaddr_in` or `sockaddr_in6`: FlyingFox creates the socket from the
        /// address's type.
        var socketAddress: any SocketAddress {
            switch family {
            case .ipv4(let address): address
            case .ipv6(let address): address
            }
        }

        func with(port: UInt16) -> Address {
            var copy = self
            switch family {
            case .ipv4(var address):
                address.sin_port = port.bigEndian
                copy.family = .ipv4(address)
            case .ipv6(var address):
                address.sin6_port = port.bigEndian
                copy.family = .ipv6(address)
            }
            return copy
        }
    }

    /// The IPv6 and IPv4 addresses of a literal or a name, in the system's order, each once.
    static func resolve(host: String) throws -> [Address] {
        var name = host
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        guard !name.isEmpty else { throw Failure(description: "--host is empty") }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, nil, &hints, &list)
        guard status == 0, let first = list else {
            throw Failure(description: "cannot resolve host '\(host)': \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(first) }
        var result: [Address] = []
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let info = next {
            next = info.pointee.ai_next
            guard let raw = info.pointee.ai_addr, [AF_INET, AF_INET6].contains(Int32(raw.pointee.sa_family)) else { continue }
            var storage = sockaddr_storage()
            withUnsafeMutableBytes(of: &storage) { target in
                target.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: Int(info.pointee.ai_addrlen)))
            }
            guard let text = try? Socket.makeAddress(from: storage) else { continue }
            let address: Address
            switch text {
            case .ip4(let literal, _):
                guard let concrete = try? sockaddr_in.make(from: storage) else { continue }
                address = Address(family: .ipv4(concrete), host: literal)
            case .ip6(let literal, _):
                guard let concrete = try? sockaddr_in6.make(from: storage) else { continue }
                address = Address(family: .ipv6(concrete), host: literal)
            case .unix:
                continue
            }
            if !result.contains(where: { $0.host == address.host }) { result.append(address) }
        }
        guard !result.isEmpty else { throw Failure(description: "host '\(host)' has no IPv4 or IPv6 address") }
        return result
    }

    static func display(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }

    static func describe(_ address: Socket.Address) -> String {
        switch address {
        case .ip4(let host, let port): "\(host):\(port)"
        case .ip6(let host, let port): "[\(host)]:\(port)"
        case .unix(let path): path
        }
    }

    static func reason(_ error: any Error) -> String {
        if case SocketError.failed(_, let code, let message) = error {
            return code == EADDRINUSE ? "the port is in use" : message
        }
        return "\(error)"
    }
}
