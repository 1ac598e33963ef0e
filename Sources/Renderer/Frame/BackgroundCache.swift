import Foundation

/// The radial background gradient rendered once per frame size and copied into each frame
/// (a full-frame radial gradient costs Cairo tens of milliseconds; a copy costs about one).
///
/// Shared by copies of a `FrameRenderer` and safe to use from many tasks at once.
final class BackgroundCache: @unchecked Sendable {
    private let lock = NSLock()
    private var images: [Size: [UInt8]] = [:]

    struct Size: Hashable { var width: Int; var height: Int }

    /// Premultiplied BGRA rows (`width*4` bytes each) of the background, made by `make` on
    /// first use for this size.
    func pixels(width: Int, height: Int, make: () throws -> [UInt8]) rethrows -> [UInt8] {
        let key = Size(width: width, height: height)
        lock.lock()
        if let hit = images[key] { lock.unlock(); return hit }
        lock.unlock()
        let bytes = try make()
        lock.lock()
        if images.count > 4 { images.removeAll() }  // sizes change rarely; keep memory bounded
        images[key] = bytes
        lock.unlock()
        return bytes
    }
}
