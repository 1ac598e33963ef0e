import Foundation

/// Pixel buffers handed back by image surfaces for the next surface of the same size.
///
/// A 1920×1080 frame is 8 MB and a 3840×2160 one 33 MB: allocated afresh per frame, the
/// buffer comes straight from the kernel, which faults in and zeroes every page the first
/// time it is written (thousands of page faults per frame). A renderer that makes one frame
/// after another keeps a pool: `ImageSurface(width:height:pool:rows:)` takes a buffer from it
/// and the surface gives the buffer back when it goes away. At most `limit` buffers are
/// kept (the rest are freed), so memory stays bounded by `limit` frames. Safe to use from
/// many threads at once.
public final class PixelBufferPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [(pointer: UnsafeMutableRawPointer, bytes: Int)] = []
    /// Most buffers kept for reuse.
    public let limit: Int

    /// A pool keeping at most `limit` buffers.
    public init(limit: Int = 3) { self.limit = max(0, limit) }

    /// A buffer of `bytes` bytes (64-byte aligned, contents undefined): a kept one of that
    /// size, or a new one.
    func take(bytes: Int) -> UnsafeMutableRawPointer {
        lock.lock()
        if let i = free.lastIndex(where: { $0.bytes == bytes }) {
            let buffer = free.remove(at: i)
            lock.unlock()
            return buffer.pointer
        }
        lock.unlock()
        return UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    }

    /// Returns a buffer from `take(bytes:)`; frees it, or the oldest kept one, beyond `limit`.
    func give(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        lock.lock()
        free.append((pointer, bytes))
        let excess = free.count > limit ? free.removeFirst() : nil
        lock.unlock()
        excess?.pointer.deallocate()
    }

    /// Buffers kept right now.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return free.count
    }

    deinit { for buffer in free { buffer.pointer.deallocate() } }
}
