import CairoGraphics
import Foundation
import Support

/// Reads and writes the strokes file format (`format: 1`, JSON):
///
/// ```json
/// { "format": 1, "width": 400, "height": 400, "background": "#ffffff", "ink": "#000000",
///   "pen": 24, "strokes": [ [[120, 80, 0.0], [300, 82, 0.4]], [[300, 82, 0.9], [190, 330, 1.6]] ] }
/// ```
///
/// `strokes` is a list of strokes; each is a list of points `[x, y]` (untimed) or
/// `[x, y, t]` (t in seconds from the start of the drawing), or an object
/// `{"points": [...], "pen": W, "ink": "#rrggbb"}` giving that stroke its own pen or ink.
/// A file is either fully timed or untimed; times never decrease. `background` is
/// `#rrggbb` or `"transparent"` (default `#ffffff`), `ink` `#rrggbb` (default `#000000`),
/// `comment` an optional string. Any other key is an error.
public enum StrokesJSON {
    /// Reads and checks the strokes file at `path`.
    public static func read(path: String) throws(StrokesError) -> Strokes {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path, limit: StrokesLimits.fileBytes) } catch {
            throw .unreadable(file: path, reason: error.reason)
        }
        return try decode(bytes, file: path)
    }

    /// Decodes strokes JSON `bytes`; `file` names them in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(StrokesError) -> Strokes {
        // Every point is a list: more '[' than the point limit allows means too many points,
        // found before anything is parsed or allocated per point.
        let open = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "[") ? 1 : 0) }
        let most = StrokesLimits.points.maximum + StrokesLimits.strokes.maximum + 1
        guard open <= most else {
            throw .tooLarge(file: file, reason: "more than \(StrokesLimits.points.description) (the file has about \(open) lists)")
        }
        let root: JSONValue
        do { root = try JSONReader.parse(bytes, maxDepth: StrokesLimits.nesting.maximum) } catch {
            throw .malformed(file: file, line: error.line, reason: error.reason)
        }
        return try StrokesSchema(file: file).strokes(from: root)
    }

    /// The JSON text of `strokes` (keys in a fixed order, coordinates to 0.01 px, times to
    /// 1 ms), so the same drawing always gives the same bytes.
    public static func encode(_ strokes: Strokes, comment: String? = nil) -> String {
        var out = "{\n  \"format\": 1,\n"
        if let comment { out += "  \"comment\": \(JSONText.quoted(comment)),\n" }
        out += "  \"width\": \(strokes.width),\n  \"height\": \(strokes.height),\n"
        out += "  \"background\": \"\(strokes.background.map(hex) ?? "transparent")\",\n"
        out += "  \"ink\": \"\(hex(strokes.ink))\",\n"
        out += "  \"pen\": \(number(strokes.pen, 2)),\n"
        out += "  \"strokes\": ["
        for (i, stroke) in strokes.strokes.enumerated() {
            out += i == 0 ? "\n    " : ",\n    "
            let points =
                "["
                + stroke.points.map { p in
                    "[\(number(p.x, 2)), \(number(p.y, 2))" + (p.t.map { ", \(number($0, 3))" } ?? "") + "]"
                }.joined(separator: ", ") + "]"
            if stroke.pen == nil && stroke.ink == nil {
                out += points
            } else {
                var fields: [String] = []
                if let pen = stroke.pen { fields.append("\"pen\": \(number(pen, 2))") }
                if let ink = stroke.ink { fields.append("\"ink\": \"\(hex(ink))\"") }
                fields.append("\"points\": \(points)")
                out += "{" + fields.joined(separator: ", ") + "}"
            }
        }
        out += strokes.strokes.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    /// `#rrggbb` of `colour` (alpha dropped).
    public static func hex(_ colour: RGBA) -> String {
        func byte(_ v: Double) -> String {
            let b = Int((min(max(v, 0), 1) * 255).rounded())
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + byte(colour.r) + byte(colour.g) + byte(colour.b)
    }

    /// `value` with at most `decimals` decimals and no trailing zeros (`-0` written `0`).
    static func number(_ value: Double, _ decimals: Int) -> String {
        let scale = pow(10, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        if rounded == 0 { return "0" }
        var s = String(format: "%.\(decimals)f", rounded)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}
