import Foundation
import Renderer

/// The last few tour frames drawn, shared by the rendering workers: a frame whose state looks
/// the same as one of them (a hold, an opened layer at rest) reuses its bytes instead of
/// drawing the same picture again. Drawing is deterministic, so the bytes are exactly what
/// drawing would give; the cache only saves the work.
final class RecentFrames: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(state: TourFrameState, format: PixelFormat, bytes: [UInt8])] = []
    /// How many frames are kept (a few, since workers finish slightly out of order).
    static let capacity = 4

    /// The bytes of a kept frame that looks like `state` in `format`, if any.
    func bytes(for state: TourFrameState, format: PixelFormat) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        return entries.first { $0.format == format && $0.state.looksLike(state) }?.bytes
    }

    /// Keeps `bytes` as the frame of `state`, dropping the oldest beyond `capacity`.
    func keep(_ bytes: [UInt8], for state: TourFrameState, format: PixelFormat) {
        lock.lock()
        defer { lock.unlock() }
        entries.append((state, format, bytes))
        if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
    }
}
