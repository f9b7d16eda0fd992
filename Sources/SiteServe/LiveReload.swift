import FlyingFox
import Foundation

/// Why the last rebuild published nothing, as open pages show it.
public struct BuildFailure: Sendable, Equatable, Codable {
    /// `1 error, 0 warnings`.
    public var summary: String
    /// The diagnostics as `site build` prints them (DiagnosticPrinter's text format).
    public var diagnostics: String

    public init(summary: String, diagnostics: String) {
        self.summary = summary
        self.diagnostics = diagnostics
    }
}

/// Tells open pages over a WebSocket (`/__site/live`) when to reload and when a rebuild failed.
///
/// Every page served while watching carries `<script src="/__site/live.js" data-build="…">`: the
/// id of the build it came from. Messages are JSON:
///
/// - `{"type":"hello","build":…,"failure":…}` when a page connects: the build being served and,
///   when the last rebuild failed, why. A page from another build reloads (it missed a reload
///   while it was not connected, or the server was restarted).
/// - `{"type":"reload","build":…}` after a rebuild published a new site.
/// - `{"type":"failure","build":…,"failure":{"summary":…,"diagnostics":…}}` after a rebuild
///   with errors: the page stays (the previous site is still served) and shows the diagnostics.
public actor LiveReload {
    /// The id of the build being served: this server's random prefix and a count of builds.
    public private(set) var build: String
    /// Why the last rebuild failed, until a rebuild succeeds.
    public private(set) var failure: BuildFailure?

    private let instance: String
    private var generation = 1
    private var clients: [UUID: AsyncStream<WSMessage>.Continuation] = [:]

    public init() {
        instance = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        build = "\(instance)-1"
    }

    /// Open pages, connected now.
    public var connectedPages: Int { clients.count }

    /// A new site was published: pages reload, and the overlay of a failure goes with them.
    public func published() {
        generation += 1
        build = "\(instance)-\(generation)"
        failure = nil
        broadcast(Message(type: "reload", build: build, failure: nil))
    }

    /// A rebuild failed: the previous site stays, and pages show why.
    public func failed(_ failure: BuildFailure) {
        self.failure = failure
        broadcast(Message(type: "failure", build: build, failure: failure))
    }

    /// Closes every page's socket (`1001 going away`): the server is stopping.
    public func closeAll() {
        for client in clients.values {
            client.yield(.close(.goingAway))
            client.finish()
        }
        clients = [:]
    }

    /// The messages for a newly connected page, starting with `hello`.
    func connect() -> AsyncStream<WSMessage> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        continuation.onTermination = { @Sendable _ in
            Task { await self.disconnect(id) }
        }
        clients[id] = continuation
        continuation.yield(.text(Message(type: "hello", build: build, failure: failure).json))
        return stream
    }

    private func disconnect(_ id: UUID) {
        clients[id] = nil
    }

    private func broadcast(_ message: Message) {
        let text = message.json
        for client in clients.values { client.yield(.text(text)) }
    }

    struct Message: Encodable {
        var type: String
        var build: String
        var failure: BuildFailure?

        var json: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
        }
    }

    /// Where the server answers, outside any site path.
    public static let socketPath = "/__site/live"
    public static let scriptPath = "/__site/live.js"

    /// The page with the script tag before its last `</body>` (or at the end), for this build.
    /// Only responses get it: the files in the output folder never do.
    public static func inject(into html: Data, build: String) -> Data {
        let tag = "<script src=\"\(scriptPath)\" data-build=\"\(build)\"></script>\n"
        guard var text = String(data: html, encoding: .utf8) else { return html + Data(tag.utf8) }
        if let body = text.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            text.insert(contentsOf: tag, at: body.lowerBound)
        } else {
            text += tag
        }
        return Data(text.utf8)
    }

    /// The page side: connects, reloads, shows and hides the overlay, reconnects after a restart.
    /// The diagnostics go in as text (`textContent`), never as markup.
    public static let script = #"""
        // site serve: live reload and build errors. Injected by the preview server only.
        (() => {
          "use strict";
          const build = document.currentScript ? document.currentScript.dataset.build : "";
          const id = "site-serve-overlay";
          let retry = 250;

          function hide() {
            const overlay = document.getElementById(id);
            if (overlay) overlay.remove();
          }

          function show(failure) {
            hide();
            const overlay = document.createElement("div");
            overlay.id = id;
            overlay.setAttribute("role", "alert");
            overlay.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:60vh;" +
              "overflow:auto;margin:0;padding:12px 16px;background:#fff5f5;color:#1a1a1a;" +
              "border-top:4px solid #c0392b;box-shadow:0 -2px 12px rgba(0,0,0,.25);font:14px/1.5 sans-serif;";
            const title = document.createElement("p");
            title.style.cssText = "margin:0 0 8px;font-weight:bold;color:#c0392b;";
            title.textContent = "构建失败（" + failure.summary + "）：页面仍是上一次成功构建的结果，修正后自动刷新。" +
              " Build failed: showing the last good build until the errors are fixed.";
            const close = document.createElement("button");
            close.type = "button";
            close.textContent = "×";
            close.setAttribute("aria-label", "关闭 Close");
            close.style.cssText = "float:right;font-size:20px;line-height:1;border:0;background:none;cursor:pointer;";
            close.addEventListener("click", hide);
            const text = document.createElement("pre");
            text.style.cssText = "margin:0;white-space:pre-wrap;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;";
            text.textContent = failure.diagnostics;
            overlay.append(close, title, text);
            document.body.append(overlay);
          }

          function connect() {
            const scheme = location.protocol === "https:" ? "wss://" : "ws://";
            const socket = new WebSocket(scheme + location.host + "/__site/live");
            socket.addEventListener("open", () => { retry = 250; });
            socket.addEventListener("message", (event) => {
              const message = JSON.parse(event.data);
              if (message.type === "reload" || (message.type === "hello" && message.build !== build)) {
                location.reload();
              } else if (message.failure) {
                show(message.failure);
              } else if (message.type === "hello") {
                hide();
              }
            });
            socket.addEventListener("close", () => {
              setTimeout(connect, retry);
              retry = Math.min(retry * 2, 4000);
            });
          }

          connect();
        })();

        """#
}

/// One page's socket: the messages of `LiveReload`; what the page sends is ignored.
struct LiveReloadSocket: WSMessageHandler {
    let live: LiveReload

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let messages = await live.connect()
        // Drain what the page sends, so its close frame is seen.
        Task { for await _ in client {} }
        return messages
    }
}
