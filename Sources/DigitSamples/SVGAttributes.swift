import CairoGraphics
import Foundation

/// Reading SVG attribute values: transform lists, lengths, colours, number lists and the
/// `style` attribute's properties.
enum SVGAttributes {
    /// Why an attribute value was refused.
    struct Failure: Error { var reason: String }

    /// Parses a transform list: `matrix translate scale rotate skewX skewY`, applied
    /// right to left as SVG says.
    static func transform(_ text: String) throws(Failure) -> Affine2D {
        var result = Affine2D.identity
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            guard !rest.isEmpty else { return result }
            guard let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") else {
                throw Failure(reason: "a transform is written name(numbers), got '\(rest.prefix(40))'")
            }
            let name = rest[..<open].trimmingCharacters(in: .whitespaces)
            let args = try numbers(String(rest[rest.index(after: open)..<close]))
            func need(_ counts: Set<Int>) throws(Failure) {
                guard counts.contains(args.count) else {
                    throw Failure(
                        reason: "\(name)() takes \(counts.sorted().map(String.init).joined(separator: " or ")) numbers, got \(args.count)")
                }
            }
            let step: Affine2D
            switch name {
            case "matrix":
                try need([6])
                step = Affine2D(a: args[0], b: args[1], c: args[2], d: args[3], e: args[4], f: args[5])
            case "translate":
                try need([1, 2])
                step = .translation(args[0], args.count > 1 ? args[1] : 0)
            case "scale":
                try need([1, 2])
                step = .scaling(args[0], args.count > 1 ? args[1] : args[0])
            case "rotate":
                try need([1, 3])
                if args.count == 3 {
                    step = Affine2D.translation(args[1], args[2]).concatenating(.rotation(degrees: args[0]))
                        .concatenating(.translation(-args[1], -args[2]))
                } else {
                    step = .rotation(degrees: args[0])
                }
            case "skewX":
                try need([1])
                step = .skewX(degrees: args[0])
            case "skewY":
                try need([1])
                step = .skewY(degrees: args[0])
            default:
                throw Failure(reason: "unknown transform '\(name)' (matrix, translate, scale, rotate, skewX, skewY)")
            }
            result = result.concatenating(step)
            rest = rest[rest.index(after: close)...]
        }
    }

    /// Numbers separated by spaces and/or commas, each finite.
    static func numbers(_ text: String) throws(Failure) -> [Double] {
        var out: [Double] = []
        // SVG's compact forms (`1-2`) are rare outside path data; accept separators only.
        for part in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            guard part.count <= 64, let v = Double(part), v.isFinite, !part.lowercased().contains("n"), !part.lowercased().contains("i")
            else {
                throw Failure(reason: "'\(part.prefix(40))' is not a finite number")
            }
            out.append(v)
        }
        return out
    }

    /// A length in pixels: a number with an optional unit px, pt, pc, mm, cm, in (96 px per inch).
    static func length(_ text: String) throws(Failure) -> Double {
        let t = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("px", 1), ("pt", 96.0 / 72), ("pc", 16), ("mm", 96 / 25.4), ("cm", 96 / 2.54), ("in", 96)]
        var factor = 1.0, number = Substring(t)
        for (unit, f) in units where t.hasSuffix(unit) {
            factor = f
            number = t.dropLast(unit.count)
        }
        if t.hasSuffix("%") { throw Failure(reason: "a length in % needs a viewBox to size the canvas; got \(t)") }
        guard number.count <= 64, let v = Double(number), v.isFinite, !number.lowercased().contains("n") else {
            throw Failure(reason: "'\(t.prefix(40))' is not a length")
        }
        return v * factor
    }

    /// A paint: `none` (nil), `#rgb`, `#rrggbb`, `rgb(r, g, b)` or a few colour names;
    /// `currentColor` and anything else read as black.
    static func paint(_ text: String) -> RGBA?? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "none" || t == "transparent" { return .some(nil) }
        if t.hasPrefix("#") {
            let hex = t.dropFirst()
            let full = hex.count == 3 ? "#" + hex.map { "\($0)\($0)" }.joined() : t
            guard hex.count == 3 || hex.count == 6, let colour = RGBA(hex: full) else { return nil }
            return .some(colour)
        }
        if t.hasPrefix("rgb("), t.hasSuffix(")") {
            let parts = t.dropFirst(4).dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3 else { return nil }
            let values = parts.map { p -> Double? in
                p.hasSuffix("%") ? Double(p.dropLast()).map { $0 / 100 } : Double(p).map { $0 / 255 }
            }
            guard let r = values[0], let g = values[1], let b = values[2], [r, g, b].allSatisfy({ $0.isFinite }) else { return nil }
            return .some(RGBA(min(max(r, 0), 1), min(max(g, 0), 1), min(max(b, 0), 1)))
        }
        let names: [String: RGBA] = [
            "black": RGBA(0, 0, 0), "white": RGBA(1, 1, 1), "red": RGBA(1, 0, 0), "green": RGBA(0, 0.5, 0),
            "blue": RGBA(0, 0, 1), "gray": RGBA(0.5, 0.5, 0.5), "grey": RGBA(0.5, 0.5, 0.5), "navy": RGBA(0, 0, 0.5),
            "currentcolor": RGBA(0, 0, 0),
        ]
        guard let named = names[t] else { return nil }
        return .some(named)
    }

    /// The properties of a `style` attribute (`stroke: #000; stroke-width: 3`).
    static func style(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for declaration in text.split(separator: ";") {
            let parts = declaration.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            out[parts[0].trimmingCharacters(in: .whitespaces).lowercased()] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        return out
    }
}
