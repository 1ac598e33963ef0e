import CairoGraphics
import Foundation
import Support

/// Reads the strokes of an SVG drawing, as drawing programs and web canvases export them:
/// every `<path d=…>`, `<polyline>`, `<polygon>` and `<line>` is a stroke (one per subpath),
/// placed by the `transform`s of its groups and itself and by the root's `viewBox` (scaled
/// uniformly and centred, SVG's default `xMidYMid meet`). The canvas is the root's `width`
/// × `height` (px, pt, pc, mm, cm, in), or the viewBox's size without them. Each stroke keeps
/// its `stroke` colour and `stroke-width` (attributes or `style`, inherited from groups,
/// scaled by the transform); the drawing's ink and pen are its first stroke's, and the
/// canvas is transparent. Contents of `defs`, `clipPath`, `mask`, `marker`, `pattern` and
/// `symbol` are not drawn. Curves are flattened to within 0.1 px.
public enum SVGStrokes {
    /// Distance allowed between a curve and its polyline, in canvas pixels.
    public static let tolerance = 0.1

    /// Reads and checks the SVG file at `path`.
    public static func read(path: String) throws(StrokesError) -> Strokes {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path, limit: StrokesLimits.fileBytes) } catch {
            throw .unreadable(file: path, reason: error.reason)
        }
        return try decode(bytes, file: path)
    }

    /// What the walk carries down from a group to its children.
    private struct Inherited {
        var transform: Affine2D
        var stroke: RGBA??
        var width: Double?
        var hidden: Bool
    }

    /// Decodes SVG `bytes`; `file` names them in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(StrokesError) -> Strokes {
        let events: [SVGEvent]
        do { events = try SVGMarkup.events(bytes) } catch {
            throw .malformed(file: file, line: error.line, reason: "not a well-formed SVG file: \(error.reason)")
        }
        guard case let .start(root)? = events.first, root.name == "svg" else {
            throw .malformed(file: file, line: nil, reason: "not an SVG file (the first element is not <svg>)")
        }
        func fail(_ tag: SVGTag, _ reason: String) -> StrokesError { .malformed(file: file, line: tag.line, reason: reason) }
        let (width, height, viewport) = try canvas(root, fail: fail)
        var stack: [(name: String, state: Inherited)] = []
        var strokes: [Stroke] = []
        var budget = StrokesLimits.points.maximum
        var base = Inherited(transform: viewport, stroke: nil, width: nil, hidden: false)
        base = try inherit(base, from: root, isRoot: true, fail: fail)
        stack.append((root.name, base))
        let hiddenContainers: Set<String> = [
            "defs", "clipPath", "mask", "marker", "pattern", "symbol", "title", "desc", "metadata", "style",
        ]
        for event in events.dropFirst() {
            switch event {
            case let .end(name, line):
                guard let top = stack.popLast(), top.name == name else {
                    throw .malformed(
                        file: file, line: line, reason: "not a well-formed SVG file: </\(name)> does not close the open element")
                }
            case let .start(tag):
                guard let parent = stack.last?.state else {
                    throw fail(tag, "not a well-formed SVG file: <\(tag.name)> after the root element was closed")
                }
                guard stack.count < StrokesLimits.nesting.maximum else {
                    throw .tooLarge(
                        file: file, reason: "elements nested more than \(StrokesLimits.nesting.maximum) deep (line \(tag.line))")
                }
                var state = try inherit(parent, from: tag, isRoot: false, fail: fail)
                if hiddenContainers.contains(tag.name) { state.hidden = true }
                if !state.hidden {
                    let polylines = try shapes(tag, state: state, budget: &budget, fail: fail)
                    guard strokes.count + polylines.count <= StrokesLimits.strokes.maximum else {
                        throw .tooLarge(file: file, reason: "more than \(StrokesLimits.strokes.description)")
                    }
                    let pen = (state.width ?? 1) * state.transform.lengthScale
                    let ink: RGBA? = state.stroke.flatMap { $0 } ?? RGBA(0, 0, 0)
                    for line in polylines {
                        strokes.append(Stroke(line.map { StrokeSample($0.0, $0.1) }, pen: pen, ink: ink))
                    }
                }
                if !tag.selfClosing { stack.append((tag.name, state)) }
            }
        }
        guard stack.isEmpty else {
            throw .malformed(file: file, line: nil, reason: "not a well-formed SVG file: <\(stack.last?.name ?? "svg")> is never closed")
        }
        guard let first = strokes.first else {
            throw .invalid(file: file, where: "", reason: "no strokes: the SVG has no <path>, <polyline>, <polygon> or <line> to draw")
        }
        let longer = Double(max(width, height))
        let pen = min(max(first.pen ?? 1, 0.01), longer * StrokesLimits.penMargin)
        let ink = first.ink ?? RGBA(0, 0, 0)
        let drawing = Strokes(
            width: width, height: height, background: nil, ink: ink, pen: pen,
            strokes: strokes.map { s in
                var s = s
                s.pen = s.pen.map { min(max($0, 0.01), longer * StrokesLimits.penMargin) }
                if s.pen == pen { s.pen = nil }
                if s.ink == ink { s.ink = nil }
                return s
            })
        try StrokesCheck(file: file).check(drawing)
        return drawing
    }

    /// The canvas size and the map from the root's user space (its viewBox) to canvas pixels.
    private static func canvas(_ root: SVGTag, fail: (SVGTag, String) -> StrokesError) throws(StrokesError) -> (Int, Int, Affine2D) {
        var box: [Double]?
        if let text = root.attributes["viewBox"] {
            do { box = try SVGAttributes.numbers(text) } catch { throw fail(root, "viewBox: \(error.reason)") }
            guard let b = box, b.count == 4, b[2] > 0, b[3] > 0 else {
                throw fail(root, "viewBox: expected four numbers 'x y width height' with a positive width and height")
            }
        }
        func length(_ key: String) throws(StrokesError) -> Double? {
            guard let text = root.attributes[key], !(text.hasSuffix("%") && box != nil) else { return nil }
            do { return try SVGAttributes.length(text) } catch { throw fail(root, "\(key): \(error.reason)") }
        }
        var w = try length("width"), h = try length("height")
        if let b = box {
            // One side given: the other follows the viewBox's aspect.
            if w == nil, let h { w = h * b[2] / b[3] }
            if h == nil, let w { h = w * b[3] / b[2] }
            if w == nil { w = b[2]; h = b[3] }
        }
        guard let w, let h else { throw fail(root, "the <svg> element needs width and height, or a viewBox, to size the canvas") }
        let side = Double(StrokesLimits.canvasSide.maximum)
        guard w.isFinite, h.isFinite, w >= 0.5, h >= 0.5, w <= side, h <= side else {
            throw fail(root, "the canvas is \(w)×\(h) pixels; each side must be 1…\(Int(side))")
        }
        let width = max(1, Int(w.rounded())), height = max(1, Int(h.rounded()))
        guard let b = box else { return (width, height, .identity) }
        let s = min(Double(width) / b[2], Double(height) / b[3])
        let tx = (Double(width) - b[2] * s) / 2 - b[0] * s, ty = (Double(height) - b[3] * s) / 2 - b[1] * s
        return (width, height, Affine2D(a: s, b: 0, c: 0, d: s, e: tx, f: ty))
    }

    /// The state of `tag`'s children: its transform, stroke and stroke width applied.
    private static func inherit(_ parent: Inherited, from tag: SVGTag, isRoot: Bool, fail: (SVGTag, String) -> StrokesError)
        throws(StrokesError) -> Inherited
    {
        var state = parent
        let style = tag.attributes["style"].map(SVGAttributes.style) ?? [:]
        if let t = tag.attributes["transform"], !isRoot {
            do { state.transform = parent.transform.concatenating(try SVGAttributes.transform(t)) } catch {
                throw fail(tag, "transform on <\(tag.name)>: \(error.reason)")
            }
        }
        if let paint = style["stroke"] ?? tag.attributes["stroke"] {
            switch SVGAttributes.paint(paint) {
            case .some(let parsed): state.stroke = .some(parsed)
            case .none: state.stroke = .some(RGBA(0, 0, 0))  // a paint we do not read: black
            }
        }
        if let width = style["stroke-width"] ?? tag.attributes["stroke-width"] {
            let w: Double
            do { w = try SVGAttributes.length(width) } catch { throw fail(tag, "stroke-width on <\(tag.name)>: \(error.reason)") }
            guard w >= 0 else { throw fail(tag, "stroke-width on <\(tag.name)>: a stroke width cannot be negative") }
            state.width = w
        }
        if style["display"] == "none" || tag.attributes["display"] == "none" { state.hidden = true }
        return state
    }

    /// The polylines `tag` draws, in canvas pixels (none for other elements).
    private static func shapes(_ tag: SVGTag, state: Inherited, budget: inout Int, fail: (SVGTag, String) -> StrokesError)
        throws(StrokesError) -> [[(Double, Double)]]
    {
        let t = state.transform
        func numbers(_ key: String) throws(StrokesError) -> [Double] {
            do { return try SVGAttributes.numbers(tag.attributes[key] ?? "") } catch {
                throw fail(tag, "\(key) on <\(tag.name)>: \(error.reason)")
            }
        }
        func spend(_ n: Int) throws(StrokesError) {
            budget -= n
            guard budget >= 0 else { throw fail(tag, "more than \(StrokesLimits.points.description) in the drawing") }
        }
        switch tag.name {
        case "path":
            guard let d = tag.attributes["d"] else { return [] }
            let before = budget
            do {
                let paths = try SVGPathData.parse(d, transform: t, tolerance: tolerance, budget: budget)
                budget = before - paths.reduce(0) { $0 + $1.count }
                return paths
            } catch { throw fail(tag, "d on <path>: \(error.reason)") }
        case "polyline", "polygon":
            let v = try numbers("points")
            guard v.count % 2 == 0 else { throw fail(tag, "points on <\(tag.name)>: an odd count of numbers (\(v.count))") }
            var line = stride(from: 0, to: v.count, by: 2).map { t.apply(v[$0], v[$0 + 1]) }
            if tag.name == "polygon", let first = line.first { line.append(first) }
            try spend(line.count)
            return line.isEmpty ? [] : [line.map { ($0.x, $0.y) }]
        case "line":
            var ends: [Double] = []
            for key in ["x1", "y1", "x2", "y2"] {
                let v = try numbers(key)
                ends.append(v.first ?? 0)
            }
            try spend(2)
            let a = t.apply(ends[0], ends[1]), b = t.apply(ends[2], ends[3])
            return [[(a.x, a.y), (b.x, b.y)]]
        default:
            return []
        }
    }
}
