import CCairo

/// How carefully fills and strokes are antialiased (`cairo_antialias_t`).
public enum AntialiasQuality: Sendable {
    /// No antialiasing.
    case none
    /// Cairo's fast antialiasing (coarser coverage sampling; much cheaper for many small
    /// shapes and long thin lines).
    case fast
    /// Cairo's default antialiasing.
    case good
    /// The most accurate coverage.
    case best
}

extension Context {
    /// Sets the antialiasing quality for the fills and strokes that follow.
    public func setAntialias(_ quality: AntialiasQuality) {
        let mode: cairo_antialias_t
        switch quality {
        case .none: mode = CAIRO_ANTIALIAS_NONE
        case .fast: mode = CAIRO_ANTIALIAS_FAST
        case .good: mode = CAIRO_ANTIALIAS_GOOD
        case .best: mode = CAIRO_ANTIALIAS_BEST
        }
        cairo_set_antialias(pointer, mode)
    }
}
