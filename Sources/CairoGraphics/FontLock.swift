import Foundation

/// The one process-wide lock around Cairo's font machinery.
///
/// Cairo keeps one process-wide map of scaled fonts (a font face at a size and transform,
/// with its glyph cache), shared by every context that uses the same face and size. Cairo
/// 1.16, the version Debian and Ubuntu ship, drops a scaled font's reference count *before*
/// taking the map's mutex, so a thread releasing its last reference races another thread
/// looking the same font up (or resurrecting it from the map's hold-overs) and freezing its
/// glyph cache to draw. The loser aborts with
/// `cairo_scaled_font_destroy: Assertion '! scaled_font->cache_frozen' failed` (issue 9: about one
/// render in 1,600 of the main job, one in 91 with 32 render threads beside a busy loop).
/// Cairo fixed the order in 1.17.4 ("fix double free and failed assertions in
/// cairo_scaled_font_destroy", commit a67735010d); this lock makes every version safe.
///
/// What runs under it (see `Context` and `Surface`):
/// - every call that looks up, creates or uses a scaled font: `selectFont`, `setFontSize`,
///   `textExtents`, `fontExtents`, `showText`, `drawText`;
/// - every call that can release one, once the context has used a font: `restore` (drops a
///   saved graphics state), `save` (copies a reference), the transform calls (`translate`,
///   `scale`, `rotate`, `identityMatrix`, `setMatrix`: Cairo unsets the scaled font whenever
///   the transform changes), `showPage`, and `cairo_destroy` in `Context.deinit`, which may
///   drop the last reference on whichever thread frees the context;
/// - finishing and destroying vector (PDF, SVG) surfaces, whose font subsets hold scaled fonts.
///
/// Contexts that never draw text never take it, so shapes, fills and image compositing stay
/// fully parallel. The lock is the only process-wide state in CairoGraphics; it holds no data.
///
/// Checked by `TEXT_STRESS_MODE=labels swift run -c release CNNVizBench text-stress` (text on
/// 32 threads beside a busy loop, in child processes: without this lock a child aborts within
/// a few dozen runs) and, CI-sized, by `TextThreadsTests` in CLITests.
enum FontLock {
    /// The lock itself: an immutable reference, never replaced.
    private static let lock = NSLock()

    /// Runs `body` while holding the lock. Not re-entrant: `body` must not call back into
    /// a locked `Context` method.
    @inline(__always)
    static func withLock<R>(_ body: () throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
