import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP/1.1 GET over a plain TCP connection, for `http://` addresses whose host is an IPv6
/// literal (`http://[::1]:8080/`): FoundationNetworking on Linux refuses those with
/// NSURLErrorBadURL (-1000) before connecting, because curl and `URL` disagree on the brackets
/// (swift-corelibs-foundation issue 5496, fixed after Swift 6.3). Everything else goes through
/// URLSession. `Connection: close`, the body read to its `Content-Length`, its last chunk, or the end
/// of the stream.
enum PlainHTTP {
    struct Response {
        let status: Int
        let body: Data
    }

    struct Failure: Error {
        let reason: String
    }

    /// `host` is the literal without brackets (`::1`).
    static func get(host: String, port: Int, target: String, headers: [(String, String)], timeout: Double) throws(Failure) -> Response {
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let info = list else {
            throw Failure(reason: "'\(host)' is not a numeric address")
        }
        defer { freeaddrinfo(info) }
        let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard descriptor >= 0 else { throw Failure(reason: "socket: \(String(cString: strerror(errno)))") }
        defer { _ = close(descriptor) }
        var limit = timeval()
        limit.tv_sec = .init(timeout)
        limit.tv_usec = .init((timeout - Double(Int(timeout))) * 1_000_000)
        // On Linux SO_SNDTIMEO also limits connect().
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        guard connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            throw Failure(reason: errno == ECONNREFUSED ? "connection refused" : String(cString: strerror(errno)))
        }
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var request = "GET \(target) HTTP/1.1\r\nHost: \(authority)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "Connection: close\r\n\r\n"
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw Failure(reason: "send: \(String(cString: strerror(errno)))") }
            sent += count
        }
        var raw = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: errno == EAGAIN || errno == EWOULDBLOCK ? "no answer in time" : "recv: \(String(cString: strerror(errno)))")
            }
            raw.append(contentsOf: chunk[0..<count])
        }
        return try parse(raw)
    }

    /// The status and the body of a response read to the end of the stream.
    static func parse(_ raw: Data) throws(Failure) -> Response {
        guard let end = raw.range(of: Data("\r\n\r\n".utf8)) else { throw Failure(reason: "the connection was cut off") }
        let head = String(decoding: raw[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = head[0].split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw Failure(reason: "not an HTTP/1.1 answer: \(head[0].prefix(80))")
        }
        var fields: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(raw[end.upperBound...])
        if fields["transfer-encoding"]?.lowercased().contains("chunked") == true {
            body = try dechunk(body)
        } else if let length = fields["content-length"].flatMap({ Int($0) }) {
            guard body.count >= length else { throw Failure(reason: "the connection was cut off") }
            body = body.prefix(length)
        }
        return Response(status: status, body: body)
    }

    static func dechunk(_ data: Data) throws(Failure) -> Data {
        var out = Data()
        var index = data.startIndex
        let crlf = Data("\r\n".utf8)
        while true {
            guard let lineEnd = data[index...].range(of: crlf) else { throw Failure(reason: "the connection was cut off") }
            let sizeText = String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                throw Failure(reason: "a malformed chunk")
            }
            index = lineEnd.upperBound
            if size == 0 { return out }
            guard data.distance(from: index, to: data.endIndex) >= size + 2 else { throw Failure(reason: "the connection was cut off") }
            out.append(data[index..<data.index(index, offsetBy: size)])
            index = data.index(index, offsetBy: size + 2)
        }
    }
}
