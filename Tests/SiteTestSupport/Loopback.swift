import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP connection to a server on this machine, with a time limit on every read and write, for
/// tests that must see exactly what a server sends: requests go out byte for byte as written
/// (`/../x` and `%2e%2e` included, which URL libraries would tidy up), and nothing is followed or
/// cached.
public final class LoopbackSocket {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let descriptor: Int32
    private var buffer = Data()

    /// `host` is a numeric address: `::1` or `127.0.0.1`.
    public init(host: String, port: UInt16, timeout: Double = 10) throws {
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let info = list else {
            throw Failure(description: "not a numeric address: \(host)")
        }
        defer { freeaddrinfo(info) }
        descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        try setTimeout(timeout, option: SO_SNDTIMEO)
        try setTimeout(timeout, option: SO_RCVTIMEO)
        guard connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let reason = String(cString: strerror(errno))
            systemClose(descriptor)
            throw Failure(description: "connect to \(host) port \(port): \(reason)")
        }
    }

    deinit { close() }

    private var closed = false

    public func close() {
        guard !closed else { return }
        closed = true
        systemClose(descriptor)
    }

    private func setTimeout(_ seconds: Double, option: Int32) throws {
        var value = timeval()
        value.tv_sec = .init(seconds)
        value.tv_usec = .init((seconds - Double(Int(seconds))) * 1_000_000)
        guard setsockopt(descriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
            throw Failure(description: "setsockopt: \(String(cString: strerror(errno)))")
        }
    }

    public func send(_ data: Data) throws {
        var sent = 0
        while sent < data.count {
            let count = data.withUnsafeBytes { systemSend(descriptor, $0.baseAddress! + sent, data.count - sent) }
            guard count > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            sent += count
        }
    }

    public func send(_ text: String) throws { try send(Data(text.utf8)) }

    /// Reads more into the buffer; false at the end of the stream. Throws when nothing comes in
    /// `timeout` seconds.
    private func fill(timeout: Double) throws -> Bool {
        try setTimeout(max(0.001, timeout), option: SO_RCVTIMEO)
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(descriptor, &chunk, chunk.count, 0)
        if count < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK { throw Failure(description: "nothing received in \(timeout) s") }
            throw Failure(description: "recv: \(String(cString: strerror(errno)))")
        }
        buffer.append(contentsOf: chunk[0..<count])
        return count > 0
    }

    /// Exactly `count` bytes.
    public func read(_ count: Int, timeout: Double = 10) throws -> Data {
        let deadline = Date().addingTimeInterval(timeout)
        while buffer.count < count {
            guard try fill(timeout: deadline.timeIntervalSinceNow) else { throw Failure(description: "the connection closed") }
        }
        let result = buffer.prefix(count)
        buffer.removeFirst(count)
        return Data(result)
    }

    /// Up to and including `delimiter`.
    public func read(through delimiter: Data, timeout: Double = 10) throws -> Data {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = buffer.range(of: delimiter) {
                let result = buffer[..<range.upperBound]
                buffer.removeSubrange(..<range.upperBound)
                return Data(result)
            }
            guard try fill(timeout: deadline.timeIntervalSinceNow) else { throw Failure(description: "the connection closed") }
        }
    }

    /// Everything until the server closes the connection.
    public func readToEnd(timeout: Double = 10) throws -> Data {
        let deadline = Date().addingTimeInterval(timeout)
        while try fill(timeout: deadline.timeIntervalSinceNow) {}
        defer { buffer = Data() }
        return buffer
    }
}

private func systemSend(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
    #else
    Darwin.send(descriptor, bytes, count, 0)
    #endif
}

private func systemClose(_ descriptor: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(descriptor)
    #else
    _ = Darwin.close(descriptor)
    #endif
}

/// One HTTP/1.1 request with `Connection: close`, the response read to the end of the stream.
public enum LoopbackHTTP {
    public struct Response: Sendable {
        public let status: Int
        /// Header names in lowercase.
        public let headers: [String: String]
        public let body: Data
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public static func request(
        _ method: String = "GET", host: String, port: UInt16, path: String, headers: [String: String] = [:], timeout: Double = 10
    ) throws -> Response {
        let socket = try LoopbackSocket(host: host, port: port, timeout: timeout)
        defer { socket.close() }
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var request = "\(method) \(path) HTTP/1.1\r\nHost: \(authority)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        try socket.send(request + "\r\n")
        let raw = try socket.readToEnd(timeout: timeout)
        guard let end = raw.range(of: Data("\r\n\r\n".utf8)) else {
            throw LoopbackSocket.Failure(description: "no complete response head in \(raw.count) bytes")
        }
        let head = String(decoding: raw[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = head[0].split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw LoopbackSocket.Failure(description: "bad status line: \(head[0])")
        }
        var fields: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: fields, body: Data(raw[end.upperBound...]))
    }
}

/// A WebSocket client (RFC 6455) that reads text messages: enough to hear what a server pushes.
public final class LoopbackWebSocket {
    private let socket: LoopbackSocket

    public init(host: String, port: UInt16, path: String, timeout: Double = 10) throws {
        socket = try LoopbackSocket(host: host, port: port, timeout: timeout)
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        try socket.send(
            "GET \(path) HTTP/1.1\r\nHost: \(authority)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n")
        let head = String(decoding: try socket.read(through: Data("\r\n\r\n".utf8), timeout: timeout), as: UTF8.self)
        guard head.hasPrefix("HTTP/1.1 101") else {
            throw LoopbackSocket.Failure(description: "no WebSocket upgrade: \(head)")
        }
    }

    /// The next text message; nil when the server closes the socket. Throws when nothing comes
    /// in `timeout` seconds.
    public func next(timeout: Double) throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var message = Data()
        while true {
            let head = try socket.read(2, timeout: deadline.timeIntervalSinceNow)
            let fin = head[0] & 0x80 != 0
            let opcode = head[0] & 0x0F
            var length = Int(head[1] & 0x7F)
            if length == 126 {
                length = try socket.read(2, timeout: deadline.timeIntervalSinceNow).reduce(0) { $0 << 8 | Int($1) }
            } else if length == 127 {
                length = try socket.read(8, timeout: deadline.timeIntervalSinceNow).reduce(0) { $0 << 8 | Int($1) }
            }
            var mask: Data?
            if head[1] & 0x80 != 0 { mask = try socket.read(4, timeout: deadline.timeIntervalSinceNow) }
            var payload = try socket.read(length, timeout: deadline.timeIntervalSinceNow)
            if let mask { payload = Data(payload.enumerated().map { $0.element ^ mask[mask.startIndex + $0.offset % 4] }) }
            switch opcode {
            case 0x8: return nil
            case 0x1, 0x0:
                message.append(payload)
                if fin { return String(decoding: message, as: UTF8.self) }
            default:
                continue  // ping, pong
            }
        }
    }

    /// Sends a close frame (masked, as a client must) and closes the connection.
    public func close() {
        let mask: [UInt8] = [1, 2, 3, 4]
        let code: [UInt8] = [0x03, 0xE8]
        try? socket.send(Data([0x88, 0x82] + mask + code.enumerated().map { $0.element ^ mask[$0.offset % 4] }))
        socket.close()
    }
}
