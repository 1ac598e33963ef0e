import Foundation
import Studio
import Testing

/// A source whose frames take uneven time (later frames often finish first), counting how
/// many are being rendered at once.
final class JitterySource: FrameSource, @unchecked Sendable {
    let size = FrameSize(width: 4, height: 2)
    let failAt: Int?
    private let lock = NSLock()
    private var active = 0
    private(set) var maxActive = 0
    private(set) var rendered: [Int] = []

    init(failAt: Int? = nil) { self.failAt = failAt }

    func frame(_ index: Int) throws -> [UInt8] {
        lock.withLock {
            active += 1; maxActive = max(maxActive, active); rendered.append(index)
        }
        defer { lock.withLock { active -= 1 } }
        usleep(UInt32((index * 7919) % 5) * 1000)
        if index == failAt { throw StudioError.renderFailed(frame: index, reason: "test failure") }
        return [UInt8](repeating: UInt8(index % 256), count: size.width * size.height * 4)
    }
}

@Suite("Frame scheduler")
struct FrameSchedulerTests {
    @Test("frames arrive in order, each exactly once, however long each takes", arguments: [1, 2, 4, 8])
    func inOrder(workers: Int) throws {
        let source = JitterySource()
        var delivered: [Int] = []
        try FrameScheduler(workers: workers).run(frames: 3..<60, source: source) { index, bytes in
            #expect(bytes.allSatisfy { $0 == UInt8(index) })
            delivered.append(index)
        }
        #expect(delivered == Array(3..<60))
        #expect(source.rendered.sorted() == Array(3..<60))
    }

    @Test("no more frames are in flight than the window allows")
    func boundedWindow() throws {
        let source = JitterySource()
        let scheduler = FrameScheduler(workers: 4, window: 3)
        try scheduler.run(frames: 0..<40, source: source) { _, _ in usleep(2000) }
        #expect(source.maxActive <= 3)
    }

    @Test("a failing frame stops the run and its error comes out")
    func failure() {
        let source = JitterySource(failAt: 17)
        var delivered: [Int] = []
        #expect(throws: StudioError.renderFailed(frame: 17, reason: "test failure")) {
            try FrameScheduler(workers: 3).run(frames: 0..<100, source: source) { index, _ in delivered.append(index) }
        }
        #expect(delivered == Array(0..<delivered.count) && delivered.count <= 17)
        #expect(source.rendered.count < 100)
    }

    @Test("a failing consumer stops the workers")
    func consumerFailure() {
        let source = JitterySource()
        #expect(throws: StudioError.writeFailed(file: "x", reason: "disk full")) {
            try FrameScheduler(workers: 2).run(frames: 0..<200, source: source) { index, _ in
                if index == 5 { throw StudioError.writeFailed(file: "x", reason: "disk full") }
            }
        }
        #expect(source.rendered.count < 200)
    }

    @Test("a cancelled run throws interrupted")
    func cancelled() {
        let flag = CancellationFlag()
        #expect(throws: StudioError.interrupted) {
            try FrameScheduler(workers: 2).run(frames: 0..<200, source: JitterySource(), cancel: flag) { index, _ in
                if index == 3 { flag.cancel() }
            }
        }
    }

    @Test("the same frames come out of two runs and of two shards")
    func determinism() throws {
        let source = GradientFrameSource(size: FrameSize(width: 96, height: 54), period: 17)
        func hashes(_ range: Range<Int>, workers: Int) throws -> [Int] {
            var out: [Int] = []
            try FrameScheduler(workers: workers).run(frames: range, source: source) { _, bytes in out.append(bytes.hashValue) }
            return out
        }
        let once = try hashes(0..<30, workers: 4)
        #expect(try hashes(0..<30, workers: 1) == once)
        #expect(try hashes(0..<12, workers: 2) + hashes(12..<30, workers: 3) == once)
        #expect(Set(once).count == 17)
    }
}

/// A source that renders into the buffer it is handed (as surface sources convert YUV into a
/// delivered frame's array), counting how often that buffer already had a frame's size.
final class ReusingSource: FrameSource, @unchecked Sendable {
    let size = FrameSize(width: 8, height: 4)
    private let lock = NSLock()
    private(set) var reused = 0

    func frame(_ index: Int) throws -> [UInt8] {
        [UInt8](repeating: UInt8(index % 256), count: size.width * size.height * 4)
    }

    func frame(_ index: Int, into buffer: inout [UInt8]) throws {
        let count = size.width * size.height * 4
        if buffer.count == count {
            lock.withLock { reused += 1 }
            for i in buffer.indices { buffer[i] = UInt8(index % 256) }
        } else {
            buffer = try frame(index)
        }
    }
}

extension FrameSchedulerTests {
    @Test("delivered frames' arrays are rendered into again, and a frame the consumer kept is never overwritten")
    func recycledBuffers() throws {
        let source = ReusingSource()
        var kept: [Int: [UInt8]] = [:]
        try FrameScheduler(workers: 2).run(frames: 0..<80, source: source) { index, bytes in
            #expect(bytes.allSatisfy { $0 == UInt8(index) })
            if index % 3 == 0 { kept[index] = bytes }
        }
        #expect(source.reused > 20)
        for (index, bytes) in kept { #expect(bytes.allSatisfy { $0 == UInt8(index) }, "kept frame \(index)") }
    }
}
