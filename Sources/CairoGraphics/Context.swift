import CCairo

/// An RGBA colour with components in 0...1 (not premultiplied).
public struct RGBA: Sendable, Equatable, Hashable {
    public var r: Double, g: Double, b: Double, a: Double
    public init(_ r: Double, _ g: Double, _ b: Double, _ a: Double = 1) {
        self.r = r; self.g = g; self.b = b; self.a = a
    }
    /// Parses `#rrggbb` or `#rrggbbaa`; nil when malformed.
    public init?(hex: String) {
        var s = Substring(hex)
        if s.hasPrefix("#") { s = s.dropFirst() }
        guard s.count == 6 || s.count == 8, let v = UInt32(s, radix: 16) else { return nil }
        if s.count == 6 {
            self.init(Double((v >> 16) & 0xff) / 255, Double((v >> 8) & 0xff) / 255, Double(v & 0xff) / 255)
        } else {
            self.init(
                Double((v >> 24) & 0xff) / 255, Double((v >> 16) & 0xff) / 255,
                Double((v >> 8) & 0xff) / 255, Double(v & 0xff) / 255)
        }
    }
    /// The same colour with a different alpha.
    public func withAlpha(_ a: Double) -> RGBA { RGBA(r, g, b, a) }
}

/// Font weight for `Context.selectFont`.
public enum FontWeight: Sendable { case normal, bold }
/// Font slant for `Context.selectFont`.
public enum FontSlant: Sendable { case normal, italic }
/// Line cap style.
public enum LineCap: Sendable { case butt, round, square }
/// Line join style.
public enum LineJoin: Sendable { case miter, round, bevel }
/// Pattern filter used when a surface is painted scaled.
public enum Filter: Sendable { case nearest, bilinear, good, best }

/// Measured extents of a piece of text, in user units.
public struct TextExtents: Sendable, Equatable {
    public var xBearing: Double, yBearing: Double, width: Double, height: Double, xAdvance: Double, yAdvance: Double
}

/// Font ascent/descent, in user units.
public struct FontExtents: Sendable, Equatable {
    public var ascent: Double, descent: Double, height: Double
}

/// A Cairo drawing context (`cairo_t`) bound to one surface.
///
/// Safe to use on any number of threads at once, one context per thread: every call that
/// can create, use or release a Cairo scaled font runs under `FontLock` (see there for the
/// Cairo assertion this prevents). Text calls always take the lock; `save`, `restore`, the
/// transform calls, `showPage` and `deinit` take it only once this context has used a font,
/// so contexts that draw no text never wait for one.
public final class Context {
    let pointer: OpaquePointer
    /// The surface this context draws into (kept alive while the context is).
    public let surface: Surface
    /// Whether a font call has run on this context, so its graphics state may hold a scaled
    /// font that a state or transform change (or `cairo_destroy`) would release.
    private var usesFonts = false

    /// Creates a context drawing into `surface`.
    public init(_ surface: Surface) throws {
        let p = cairo_create(surface.pointer)!
        let status = cairo_status(p)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(p)
            try CairoError.check(status)
            throw CairoError.status(code: -1, message: "context creation failed")
        }
        Self.setFixedFontOptions(p)
        self.pointer = p
        self.surface = surface
    }

    /// Gives every context the same text rendering whatever its surface (image, PDF or SVG):
    /// greyscale antialiasing, no hinting, unhinted metrics. Cairo 1.16's FreeType backend
    /// resolves a font face's fontconfig pattern once, with the options of the first scaled
    /// font made from it, and keeps it for every later one; with per-surface defaults, text
    /// in a PNG then depended on whether the process had drawn a PDF first (seen as golden
    /// images differing between a fresh test process and a warm one).
    private static func setFixedFontOptions(_ context: OpaquePointer) {
        guard let options = cairo_font_options_create() else { return }
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_subpixel_order(options, CAIRO_SUBPIXEL_ORDER_RGB)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }

    /// Destroys the context under `FontLock` once it has used a font: the scaled font it
    /// holds may be released here, on whichever thread frees the context.
    deinit {
        if usesFonts {
            FontLock.withLock { cairo_destroy(pointer) }
        } else {
            cairo_destroy(pointer)
        }
    }

    /// Runs `body` under `FontLock` when this context has used a font (its graphics state may
    /// then hold a scaled font that `body` releases or copies), directly otherwise.
    @inline(__always)
    private func releasingFonts(_ body: () -> Void) {
        if usesFonts { FontLock.withLock(body) } else { body() }
    }

    /// Runs a font call under `FontLock` and marks this context as using fonts.
    @inline(__always)
    private func withFonts<R>(_ body: () -> R) -> R {
        usesFonts = true
        return FontLock.withLock(body)
    }

    /// Throws if the context is in an error state.
    public func checkStatus() throws { try CairoError.check(cairo_status(pointer)) }

    // MARK: State
    // A saved state references the scaled font, a restore may drop the last reference, and
    // every transform change unsets the scaled font: all under `FontLock` once fonts are used.

    /// Pushes a copy of the graphics state.
    public func save() { releasingFonts { cairo_save(pointer) } }
    /// Pops the graphics state saved by the matching `save`.
    public func restore() { releasingFonts { cairo_restore(pointer) } }
    /// Moves the origin by (x, y) user units.
    public func translate(_ x: Double, _ y: Double) { releasingFonts { cairo_translate(pointer, x, y) } }
    /// Scales user units by (x, y).
    public func scale(_ x: Double, _ y: Double) { releasingFonts { cairo_scale(pointer, x, y) } }
    /// Rotates user space by `radians`.
    public func rotate(_ radians: Double) { releasingFonts { cairo_rotate(pointer, radians) } }
    /// Resets the transform to device space.
    public func identityMatrix() { releasingFonts { cairo_identity_matrix(pointer) } }
    /// Sets the current transform to `[xx yx xy yy x0 y0]` (Cairo's affine matrix).
    public func setMatrix(xx: Double, yx: Double, xy: Double, yy: Double, x0: Double, y0: Double) {
        var m = cairo_matrix_t(xx: xx, yx: yx, xy: xy, yy: yy, x0: x0, y0: y0)
        releasingFonts { cairo_set_matrix(pointer, &m) }
    }

    /// Sets a solid source colour.
    public func setColor(_ c: RGBA) { cairo_set_source_rgba(pointer, c.r, c.g, c.b, c.a) }
    public func setLineWidth(_ w: Double) { cairo_set_line_width(pointer, w) }
    public func setLineCap(_ cap: LineCap) {
        switch cap {
        case .butt: cairo_set_line_cap(pointer, CAIRO_LINE_CAP_BUTT)
        case .round: cairo_set_line_cap(pointer, CAIRO_LINE_CAP_ROUND)
        case .square: cairo_set_line_cap(pointer, CAIRO_LINE_CAP_SQUARE)
        }
    }
    /// The line cap strokes use now (`setLineCap`; Cairo's default is `.butt`).
    public var lineCap: LineCap {
        switch cairo_get_line_cap(pointer) {
        case CAIRO_LINE_CAP_ROUND: return .round
        case CAIRO_LINE_CAP_SQUARE: return .square
        default: return .butt
        }
    }
    public func setLineJoin(_ join: LineJoin) {
        switch join {
        case .miter: cairo_set_line_join(pointer, CAIRO_LINE_JOIN_MITER)
        case .round: cairo_set_line_join(pointer, CAIRO_LINE_JOIN_ROUND)
        case .bevel: cairo_set_line_join(pointer, CAIRO_LINE_JOIN_BEVEL)
        }
    }
    /// Sets a dash pattern; an empty array turns dashing off.
    public func setDash(_ dashes: [Double], offset: Double = 0) {
        dashes.withUnsafeBufferPointer { cairo_set_dash(pointer, $0.baseAddress, Int32($0.count), offset) }
    }
    /// Turns antialiasing on (default) or off for fills and strokes.
    public func setAntialias(_ on: Bool) {
        cairo_set_antialias(pointer, on ? CAIRO_ANTIALIAS_DEFAULT : CAIRO_ANTIALIAS_NONE)
    }
    /// Uses the SOURCE operator (replace) instead of OVER (blend).
    public func setOperatorSource(_ on: Bool) {
        cairo_set_operator(pointer, on ? CAIRO_OPERATOR_SOURCE : CAIRO_OPERATOR_OVER)
    }

    // MARK: Paths
    public func newPath() { cairo_new_path(pointer) }
    public func moveTo(_ x: Double, _ y: Double) { cairo_move_to(pointer, x, y) }
    public func lineTo(_ x: Double, _ y: Double) { cairo_line_to(pointer, x, y) }
    public func curveTo(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ x3: Double, _ y3: Double) {
        cairo_curve_to(pointer, x1, y1, x2, y2, x3, y3)
    }
    public func closePath() { cairo_close_path(pointer) }
    public func rectangle(_ x: Double, _ y: Double, _ w: Double, _ h: Double) { cairo_rectangle(pointer, x, y, w, h) }
    public func arc(_ cx: Double, _ cy: Double, radius: Double, from a0: Double = 0, to a1: Double = 2 * .pi) {
        cairo_arc(pointer, cx, cy, radius, a0, a1)
    }
    /// Adds a rounded rectangle path.
    public func roundedRectangle(_ x: Double, _ y: Double, _ w: Double, _ h: Double, radius r: Double) {
        let r = min(r, w / 2, h / 2)
        newSubPath()
        arc(x + w - r, y + r, radius: r, from: -.pi / 2, to: 0)
        arc(x + w - r, y + h - r, radius: r, from: 0, to: .pi / 2)
        arc(x + r, y + h - r, radius: r, from: .pi / 2, to: .pi)
        arc(x + r, y + r, radius: r, from: .pi, to: 1.5 * .pi)
        closePath()
    }
    public func newSubPath() { cairo_new_sub_path(pointer) }
    /// The current path with its curves flattened the way Cairo strokes them (its own
    /// tolerance and subdivision), as one point list per subpath; a closed subpath ends
    /// back at its start.
    public func flattenedPath() -> [[(x: Double, y: Double)]] {
        guard let path = cairo_copy_path_flat(pointer) else { return [] }
        defer { cairo_path_destroy(path) }
        guard path.pointee.status == CAIRO_STATUS_SUCCESS, let data = path.pointee.data else { return [] }
        var subpaths: [[(x: Double, y: Double)]] = []
        var i = 0
        let count = Int(path.pointee.num_data)
        while i < count {
            let header = data[i].header
            let length = max(1, Int(header.length))
            switch header.type {
            case CAIRO_PATH_MOVE_TO where i + 1 < count:
                subpaths.append([(data[i + 1].point.x, data[i + 1].point.y)])
            case CAIRO_PATH_LINE_TO where i + 1 < count:
                if subpaths.isEmpty { subpaths.append([]) }
                subpaths[subpaths.count - 1].append((data[i + 1].point.x, data[i + 1].point.y))
            case CAIRO_PATH_CLOSE_PATH:
                if let first = subpaths.last?.first { subpaths[subpaths.count - 1].append(first) }
            default:
                break
            }
            i += length
        }
        return subpaths
    }
    /// Adds a closed polygon through `points`.
    public func polygon(_ points: [(Double, Double)]) {
        guard let first = points.first else { return }
        moveTo(first.0, first.1)
        for p in points.dropFirst() { lineTo(p.0, p.1) }
        closePath()
    }

    public func fill() { cairo_fill(pointer) }
    public func fillPreserve() { cairo_fill_preserve(pointer) }
    public func stroke() { cairo_stroke(pointer) }
    public func strokePreserve() { cairo_stroke_preserve(pointer) }
    public func clip() { cairo_clip(pointer) }
    public func resetClip() { cairo_reset_clip(pointer) }
    /// Paints the current source everywhere (within the clip).
    public func paint() { cairo_paint(pointer) }
    /// Paints the current source with a constant alpha.
    public func paint(alpha: Double) { cairo_paint_with_alpha(pointer, alpha) }

    // MARK: Sources
    /// Uses `image` as the source, with its origin at (x, y) in user space.
    public func setSource(_ image: ImageSurface, x: Double = 0, y: Double = 0, filter: Filter = .good) {
        cairo_set_source_surface(pointer, image.pointer, x, y)
        let pattern = cairo_get_source(pointer)
        let f: cairo_filter_t
        switch filter {
        case .nearest: f = CAIRO_FILTER_NEAREST
        case .bilinear: f = CAIRO_FILTER_BILINEAR
        case .good: f = CAIRO_FILTER_GOOD
        case .best: f = CAIRO_FILTER_BEST
        }
        cairo_pattern_set_filter(pattern, f)
    }

    /// Uses a linear gradient from (x0,y0) to (x1,y1) through the given stops (offset, colour).
    public func setLinearGradient(x0: Double, y0: Double, x1: Double, y1: Double, stops: [(Double, RGBA)]) {
        let p = cairo_pattern_create_linear(x0, y0, x1, y1)!
        for (o, c) in stops { cairo_pattern_add_color_stop_rgba(p, o, c.r, c.g, c.b, c.a) }
        cairo_set_source(pointer, p)
        cairo_pattern_destroy(p)
    }

    /// Uses a radial gradient between two circles through the given stops.
    public func setRadialGradient(
        cx0: Double, cy0: Double, r0: Double, cx1: Double, cy1: Double, r1: Double,
        stops: [(Double, RGBA)]
    ) {
        let p = cairo_pattern_create_radial(cx0, cy0, r0, cx1, cy1, r1)!
        for (o, c) in stops { cairo_pattern_add_color_stop_rgba(p, o, c.r, c.g, c.b, c.a) }
        cairo_set_source(pointer, p)
        cairo_pattern_destroy(p)
    }

    /// Draws `image` scaled into the rectangle (x, y, w, h) with the given filter.
    public func drawImage(
        _ image: ImageSurface, x: Double, y: Double, width: Double, height: Double,
        filter: Filter = .nearest, alpha: Double = 1
    ) {
        save()
        translate(x, y)
        scale(width / Double(image.width), height / Double(image.height))
        setSource(image, filter: filter)
        rectangle(0, 0, Double(image.width), Double(image.height))
        clip()
        if alpha >= 1 { paint() } else { paint(alpha: alpha) }
        restore()
    }

    // MARK: Text
    // Every call here creates, looks up or releases a scaled font: all run under `FontLock`.

    /// Selects a toy-API font face, e.g. "DejaVu Sans" (releases the current scaled font).
    public func selectFont(_ family: String, weight: FontWeight = .normal, slant: FontSlant = .normal) {
        withFonts {
            cairo_select_font_face(
                pointer, family,
                slant == .italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        }
    }
    /// Sets the font size in user units (releases the current scaled font).
    public func setFontSize(_ size: Double) { withFonts { cairo_set_font_size(pointer, size) } }
    /// Draws `text` with its baseline starting at the current point, in the current font and source.
    public func showText(_ text: String) { withFonts { cairo_show_text(pointer, text) } }
    /// Measures `text` in the current font.
    public func textExtents(_ text: String) -> TextExtents { withFonts { measure(text) } }
    /// Ascent, descent and line height of the current font.
    public func fontExtents() -> FontExtents {
        withFonts {
            var e = cairo_font_extents_t()
            cairo_font_extents(pointer, &e)
            return FontExtents(ascent: e.ascent, descent: e.descent, height: e.height)
        }
    }

    /// `cairo_text_extents`; the caller holds `FontLock`.
    private func measure(_ text: String) -> TextExtents {
        var e = cairo_text_extents_t()
        cairo_text_extents(pointer, text, &e)
        return TextExtents(
            xBearing: e.x_bearing, yBearing: e.y_bearing, width: e.width, height: e.height,
            xAdvance: e.x_advance, yAdvance: e.y_advance)
    }

    /// Text alignment for `drawText`.
    public enum Align: Sendable { case left, center, right }

    /// Draws one line of text with its baseline at y, aligned horizontally at x.
    /// Measures and shows under one hold of `FontLock`.
    public func drawText(_ text: String, x: Double, y: Double, align: Align = .left) {
        withFonts {
            let e = measure(text)
            let dx: Double
            switch align {
            case .left: dx = 0
            case .center: dx = -e.xAdvance / 2
            case .right: dx = -e.xAdvance
            }
            cairo_move_to(pointer, x + dx, y)
            cairo_show_text(pointer, text)
        }
    }

    /// Ends a page (PDF) and starts a new one (under `FontLock` once fonts are used: the
    /// page's font subsets are emitted).
    public func showPage() { releasingFonts { cairo_show_page(pointer) } }
}
