import DigitSamples
import Foundation
import Preprocessing
import Testing

/// `tools/recorder.html` driven in headless Chromium: its scripted demo draws a 7 through
/// the page's own pointer handlers, and the strokes JSON it produces must read, be timed,
/// and replay to a digit.
@Suite("HTML stroke recorder (headless Chromium)")
struct RecorderTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The Chromium executable: `CHROMIUM`, else `chromium` or `chromium-browser` on PATH.
    static let chromium: String? = {
        if let explicit = ProcessInfo.processInfo.environment["CHROMIUM"], !explicit.isEmpty { return explicit }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    @Test(
        "the recorder's demo drawing downloads as a timed strokes file that replays to a digit",
        .enabled(if: chromium != nil, "skipped: Chromium is not installed (Debian: apt-get install chromium; or set CHROMIUM)"))
    func recorder() throws {
        let chromium = try #require(Self.chromium)
        let page = Self.repository.appendingPathComponent("tools/recorder.html")
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cnnviz-chromium-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
            "--virtual-time-budget=20000", "--dump-dom", page.absoluteString + "?demo=1",
        ]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        guard let start = dom.range(of: "<pre id=\"output\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex)
        else {
            Issue.record("no #output in the page after the demo: \(dom.prefix(400))")
            return
        }
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let drawing = try StrokesJSON.decode(Array(json.utf8), file: "recorder.json")
        #expect(drawing.width == 400 && drawing.height == 400)
        #expect(drawing.isTimed)
        #expect(drawing.strokes.count == 2)
        #expect(drawing.strokes.allSatisfy { $0.points.count >= 20 })
        // The diagonal first, from the top right down to the bottom left; then the bar.
        let diagonal = drawing.strokes[0].points
        #expect(abs(diagonal[0].x - 262) < 1 && abs(diagonal[0].y - 92) < 1)
        #expect(abs(diagonal[diagonal.count - 1].x - 176) < 1 && abs(diagonal[diagonal.count - 1].y - 334) < 1)
        let times = drawing.strokes.flatMap { $0.points.compactMap(\.t) }
        #expect(times.first == 0)
        // 2 × 24 moves 25 ms apart and a 0.4 s pause: about 1.6 s in all.
        let duration = StrokeTimeline(drawing).duration
        #expect(duration > 1.2 && duration < 2.5, "duration \(duration)")
        // It replays: the finished drawing is a digit for the preprocessing.
        let values = try Preprocessor.run(canvas: StrokePen.canvas(drawing), source: "recorder.json").values
        #expect(values.reduce(0, +) > 20)
    }
}
