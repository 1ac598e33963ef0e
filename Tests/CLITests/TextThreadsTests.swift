import Foundation
import TestSupport
import Testing

/// Text drawn on many threads at once must never kill the process (issue 9: Cairo 1.16's
/// `cairo_scaled_font_destroy: Assertion '! scaled_font->cache_frozen' failed`, guarded by
/// CairoGraphics' `FontLock`). Each render runs as a child process, so an abort fails this
/// test instead of killing the test runner. CI-sized: the on-demand stress run is
/// `CNNVizBench text-stress` (see Benchmarks/CNNVizBench/TextStressSuite.swift).
@Suite("text on many threads", .requiresCNNVizBinary)
struct TextThreadsTests {
    /// How one child ended: its exit status, or the signal that killed it.
    struct Ending: CustomStringConvertible, Sendable {
        var signal: Int32?
        var status: Int32
        var stderr: String
        var description: String { signal.map { "signal \($0)" } ?? "exit \(status): \(stderr.suffix(300))" }
    }

    /// Runs `cnnviz` with `arguments` and reports how it ended (stdout discarded).
    static func run(_ arguments: [String]) throws -> Ending {
        let binary = try #require(CNNVizBinary.url, "\(CNNVizBinary.skipMessage)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = Fixtures.repositoryRoot
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let bytes = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: bytes, as: UTF8.self)
        if process.terminationReason == .uncaughtSignal {
            return Ending(signal: process.terminationStatus, status: 0, stderr: text)
        }
        return Ending(signal: nil, status: process.terminationStatus, stderr: text)
    }

    @Test("orbits of labelled frames on 32 threads, two renders at once, all exit 0 with every frame written")
    func manyThreads() throws {
        let scratch = try ScratchFolder("text-threads")
        defer { scratch.remove() }
        let folder = scratch.url
        let (runs, fps, seconds) = (8, 120, 1)
        // Two children at a time, each with 32 render threads: far more text in flight than
        // cores, which is when Cairo's font cache races.
        let box = EndingsBox(count: runs)
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            for index in stride(from: lane, to: runs, by: 2) {
                let target = folder.appendingPathComponent("run\(index)").path
                box.set(
                    index,
                    Result {
                        try Self.run([
                            "orbit", "sample:7", "-o", target, "--size", "96x54", "--fps", "\(fps)",
                            "--seconds", "\(seconds)", "--jobs", "32", "--quiet",
                        ])
                    })
            }
        }
        let endings = try box.all.map { try #require($0).get() }
        let signals = endings.filter { $0.signal != nil }.count
        #expect(endings.count == runs)
        #expect(signals == 0, "\(signals) of \(runs) renders died by a signal: \(endings)")
        for (index, ending) in endings.enumerated() {
            #expect(ending.signal == nil && ending.status == 0, "run \(index): \(ending)")
            let frames = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("run\(index)").path))?
                .filter { $0.hasSuffix(".png") }.count
            #expect(frames == fps * seconds, "run \(index) wrote \(frames ?? 0) frames")
        }
    }
}

/// The children's endings, filled from two threads.
private final class EndingsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var endings: [Result<TextThreadsTests.Ending, any Error>?]
    init(count: Int) { endings = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ ending: Result<TextThreadsTests.Ending, any Error>) { lock.withLock { endings[index] = ending } }
    var all: [Result<TextThreadsTests.Ending, any Error>?] { lock.withLock { endings } }
}
