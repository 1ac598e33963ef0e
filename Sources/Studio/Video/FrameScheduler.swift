import Foundation

/// Renders frames on several threads and hands them to a consumer strictly in index order.
///
/// Workers claim the next index, render it into their own surface (through the
/// `FrameSource`), and park the bytes in a reorder buffer; the calling thread delivers them
/// in order. At most `window` frames are rendered ahead of the one being delivered, so memory
/// stays bounded (window × frame bytes) however long the video is.
public struct FrameScheduler: Sendable {
    /// Number of rendering threads.
    public var workers: Int
    /// Frames that may be rendered ahead of the writer.
    public var window: Int

    /// Creates a scheduler; by default one worker per core and a window of two frames per worker.
    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, window: Int? = nil) {
        self.workers = max(1, workers)
        self.window = max(1, window ?? self.workers * 2 + 1)
    }

    /// Renders `frames` from `source` and calls `deliver(index, bytes)` on the calling thread in
    /// increasing index order. Stops early, and rethrows, when rendering or `deliver` throws;
    /// throws `StudioError.interrupted` once `cancel` is set.
    public func run(
        frames: Range<Int>,
        source: some FrameSource,
        cancel: CancellationFlag = CancellationFlag(),
        deliver: (Int, [UInt8]) throws -> Void
    ) throws {
        guard !frames.isEmpty else { return }
        let state = ReorderBuffer(start: frames.lowerBound, end: frames.upperBound, window: window)
        let done = DispatchGroup()
        for _ in 0..<min(workers, frames.count) {
            done.enter()
            let thread = Thread {
                state.work(source: source)
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        defer {
            state.stop()
            done.wait()
        }
        for index in frames {
            var bytes = try state.take(index, cancel: cancel)
            try deliver(index, bytes)
            state.recycle(&bytes)
        }
    }
}

/// The shared state of one `FrameScheduler.run`: which index to claim next, frames rendered
/// but not yet delivered, and the first error. Guarded by one condition variable.
private final class ReorderBuffer: @unchecked Sendable {
    private let condition = NSCondition()
    private var nextToClaim: Int
    private var nextToDeliver: Int
    private let end: Int
    private let window: Int
    private var ready: [Int: [UInt8]] = [:]
    /// Delivered frames' arrays, handed to workers to render the next frames into (their
    /// storage is reused when nothing else kept them); at most `window`.
    private var spares: [[UInt8]] = []
    private var failure: (any Error)?
    private var stopped = false

    init(start: Int, end: Int, window: Int) {
        nextToClaim = start
        nextToDeliver = start
        self.end = end
        self.window = window
    }

    /// A worker's loop: claim, render, park, until the range is done or the run stops.
    func work(source: some FrameSource) {
        while let index = claim() {
            do {
                var bytes = spare()
                try source.frame(index, into: &bytes)
                park(index, .success(bytes))
            } catch {
                park(index, .failure(error))
            }
        }
    }

    /// A delivered frame's array to render into (empty when there is none).
    private func spare() -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        return spares.popLast() ?? []
    }

    /// Keeps a delivered frame's array for a later frame (`bytes` is left empty, so the
    /// kept array has no other owner here).
    func recycle(_ bytes: inout [UInt8]) {
        condition.lock()
        defer { condition.unlock() }
        if spares.count < window { spares.append(bytes) }
        bytes = []
    }

    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped, nextToClaim < end, nextToClaim >= nextToDeliver + window {
            condition.wait()
        }
        guard !stopped, nextToClaim < end else { return nil }
        defer { nextToClaim += 1 }
        return nextToClaim
    }

    private func park(_ index: Int, _ result: Result<[UInt8], any Error>) {
        condition.lock()
        switch result {
        case .success(let bytes): ready[index] = bytes
        case .failure(let error):
            if failure == nil { failure = error }
            stopped = true
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for frame `index`, removes it from the buffer and lets workers move on.
    func take(_ index: Int, cancel: CancellationFlag) throws -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if cancel.isCancelled {
                stopped = true
                condition.broadcast()
                throw StudioError.interrupted
            }
            if let bytes = ready.removeValue(forKey: index) {
                nextToDeliver = index + 1
                condition.broadcast()
                return bytes
            }
            if let failure { throw failure }
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1))
        }
    }

    /// Tells every worker to finish its current frame and exit.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
