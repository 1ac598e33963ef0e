import Foundation

/// A one-line progress display on stderr ("orbit.mp4  120/360 frames  41.3 fps  5.8 s left"),
/// redrawn at most ten times a second, shown only when enabled (by default: when stderr is a
/// terminal).
public final class ProgressReporter {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0
    private var drawn = false

    /// True when stderr is a terminal.
    public static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Creates a reporter for `total` frames.
    public init(label: String, total: Int, enabled: Bool = ProgressReporter.stderrIsTerminal) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    /// Seconds since the reporter was created.
    public var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// Records that `done` frames are complete.
    public func update(done: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard done == total || now - lastDraw > 100_000_000 else { return }
        lastDraw = now
        draw(Self.line(label: label, done: done, total: total, elapsed: elapsed))
    }

    /// Ends the progress line.
    public func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\n".utf8))
        drawn = false
    }

    /// The text of one progress line.
    public static func line(label: String, done: Int, total: Int, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        return "\(label)  \(done)/\(total) frames  " + String(format: "%.1f fps  %.1f s left", rate, left)
    }

    private func draw(_ text: String) {
        drawn = true
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }
}
