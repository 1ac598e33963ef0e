import CairoGraphics
import Foundation

/// The frame's overlay panels (title, legend, prediction panel) as `OverlaySprite`s, drawn
/// once per frame size and state and composited into every frame that shares them.
///
/// The panels sit at fixed places on screen and do not depend on the camera: only the
/// frame size, the output layer's reveal (the prediction panel) and the stroke cap left by
/// the frame's lines (the legend's sample lines) change them. An orbit draws them once
/// after its reveal; a still's benchmark once. At most `limit` sprites are kept (the
/// reveal's frames each make their own), so memory stays bounded.
///
/// Shared by copies of a `FrameRenderer` and safe to use from many tasks at once. A sprite
/// is a pure function of its key, so frames are the same whichever task drew it first.
final class OverlayCache: @unchecked Sendable {
    /// Which panel, for which frame size and state.
    struct Key: Hashable {
        enum Panel: Hashable { case title, legend, prediction }
        var panel: Panel
        var width: Int, height: Int
        /// The output layer's reveal amount's bits (prediction panel; 0 for the others).
        var outputReveal: UInt64
        /// The line cap in force when the panel is drawn (legend lines).
        var cap: LineCap
    }

    /// A cached result: the sprite, or nil when the panel must be drawn straight into the frame.
    struct Entry { var sprite: OverlaySprite? }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    /// Most sprites kept.
    let limit = 12

    /// The entry for `key`, made by `make` on first use.
    func sprite(_ key: Key, make: () throws -> OverlaySprite?) rethrows -> OverlaySprite? {
        lock.lock()
        if let hit = entries[key] { lock.unlock(); return hit.sprite }
        lock.unlock()
        let made = try make()
        lock.lock()
        // The reveal's prediction panels go first; the title and legend stay.
        if entries.count >= limit { entries = entries.filter { $0.key.panel != .prediction } }
        if entries.count >= limit { entries.removeAll() }
        entries[key] = Entry(sprite: made)
        lock.unlock()
        return made
    }
}
