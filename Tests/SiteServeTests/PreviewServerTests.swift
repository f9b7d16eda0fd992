import FlyingSocks
import Foundation
import SiteTestSupport
import Testing

@testable import SiteServe

#if canImport(Glibc)
import Glibc
#endif

@Suite("Listening")
struct PreviewServerTests {
    /// An IPv6 wildcard socket listening on a free port, IPv6-only or not.
    private func wildcardIPv6(only: Bool) throws -> (Socket, UInt16) {
        let socket = try Socket(domain: AF_INET6)
        var flag: Int32 = only ? 1 : 0
        #expect(setsockopt(socket.file.rawValue, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &flag, socklen_t(MemoryLayout<Int32>.size)) == 0)
        try socket.bind(to: sockaddr_in6.inet6(port: 0))
        try socket.listen()
        guard case .ip6(_, let port) = try socket.sockname() else { throw PreviewServer.Failure(description: "no port") }
        return (socket, port)
    }

    @Test("IPv4 on a port is taken by a dual-stack IPv6 socket, and free beside an IPv6-only one")
    func ipv4Probe() throws {
        let (dual, dualPort) = try wildcardIPv6(only: false)
        defer { try? dual.close() }
        #expect(PreviewServer.ipv4Wildcard(port: dualPort) == .takenByDualStack)
        let (only, onlyPort) = try wildcardIPv6(only: true)
        defer { try? only.close() }
        #expect(PreviewServer.ipv4Wildcard(port: onlyPort) == .free)
    }

    @Test("hosts: literals with or without brackets, and names")
    func resolve() throws {
        #expect(try PreviewServer.resolve(host: "::").map(\.host) == ["::"])
        #expect(try PreviewServer.resolve(host: "[::1]").map(\.host) == ["::1"])
        #expect(try PreviewServer.resolve(host: "127.0.0.1").map(\.host) == ["127.0.0.1"])
        #expect(try PreviewServer.resolve(host: "localhost").map(\.host).contains("127.0.0.1"))
        #expect(throws: PreviewServer.Failure.self) { try PreviewServer.resolve(host: "no-such-host.invalid") }
    }

    @Test(":: on port 0 takes IPv6 and IPv4 clients on one port; stop closes it")
    func dualStack() async throws {
        let site = try TempSite(files: ["Public/index.html": "<p>ok</p>"], defaultTheme: false)
        let server = PreviewServer(handler: PreviewHandler(files: Locked(StaticFiles(root: site.url("Public"))), live: nil))
        let listening = try await server.start(host: "::", port: 0)
        #expect(listening.port != 0)
        #expect(listening.allInterfaces)
        #expect(listening.urls() == ["http://[::1]:\(listening.port)/", "http://127.0.0.1:\(listening.port)/"])
        #expect(listening.urls(basePath: "/portal/").first == "http://[::1]:\(listening.port)/portal/")
        for host in ["::1", "127.0.0.1"] {
            let response = try await Background.run { try? LoopbackHTTP.request(host: host, port: listening.port, path: "/") }
            #expect(response?.status == 200, "\(host)")
            #expect(response?.text == "<p>ok</p>", "\(host)")
        }
        await server.stop()
        let after = await Background.run { try? LoopbackHTTP.request(host: "::1", port: listening.port, path: "/") }
        #expect(after == nil)
    }
}
