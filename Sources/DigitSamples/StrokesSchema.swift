import CairoGraphics

/// Turns a parsed strokes JSON document into ``Strokes``, naming the key path of whatever
/// breaks the schema (`strokes[2][5]: …`).
struct StrokesSchema {
    let file: String

    private func invalid(_ path: String, _ reason: String, line: Int) -> StrokesError {
        .invalid(file: file + ":\(line)", where: path, reason: reason)
    }

    func strokes(from root: JSONValue) throws(StrokesError) -> Strokes {
        guard case let .object(members, line) = root else {
            throw invalid("", "a strokes file is one JSON object with format, width, height, pen and strokes", line: root.line)
        }
        let known: Set<String> = ["format", "comment", "width", "height", "background", "ink", "pen", "strokes"]
        for (key, value) in members where !known.contains(key) {
            throw invalid(key, "unknown key (expected one of \(known.sorted().joined(separator: ", ")))", line: value.line)
        }
        func member(_ key: String) -> JSONValue? { members.first { $0.key == key }?.value }
        func required(_ key: String) throws(StrokesError) -> JSONValue {
            guard let value = member(key) else { throw invalid(key, "missing (required)", line: line) }
            return value
        }
        let format = try required("format")
        guard case let .number(version, _) = format, version == 1 else {
            throw invalid("format", "expected 1 (the only strokes format), got \(describe(format))", line: format.line)
        }
        if let comment = member("comment"), case .string = comment {
        } else if let comment = member("comment") {
            throw invalid("comment", "expected a string, got \(comment.kind)", line: comment.line)
        }
        let width = try side("width", try required("width"))
        let height = try side("height", try required("height"))
        let background: RGBA?
        if let value = member("background") {
            if case .string("transparent", _) = value { background = nil } else { background = try colour("background", value) }
        } else {
            background = RGBA(1, 1, 1)
        }
        let ink = try member("ink").map { v throws(StrokesError) in try colour("ink", v) } ?? RGBA(0, 0, 0)
        let longer = Double(max(width, height))
        let pen = try penWidth("pen", try required("pen"), longer: longer)
        let list = try required("strokes")
        guard case let .array(items, _) = list else {
            throw invalid("strokes", "expected a list of strokes, got \(list.kind)", line: list.line)
        }
        guard items.count <= StrokesLimits.strokes.maximum else {
            throw .tooLarge(file: file, reason: "\(items.count) strokes, above the limit of \(StrokesLimits.strokes.description)")
        }
        var strokes: [Stroke] = []
        for (i, item) in items.enumerated() {
            strokes.append(try stroke(item, path: "strokes[\(i)]", longer: longer))
        }
        let drawing = Strokes(width: width, height: height, background: background, ink: ink, pen: pen, strokes: strokes)
        try StrokesCheck(file: file).check(drawing)
        return drawing
    }

    private func describe(_ value: JSONValue) -> String {
        switch value {
        case let .number(n, _): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case let .string(s, _): return "\"\(s.prefix(40))\""
        default: return value.kind
        }
    }

    private func side(_ key: String, _ value: JSONValue) throws(StrokesError) -> Int {
        let limit = StrokesLimits.canvasSide
        guard case let .number(n, line) = value, n == n.rounded(), n >= 1, n <= Double(limit.maximum) else {
            throw invalid(key, "expected a whole number of pixels 1…\(limit.maximum), got \(describe(value))", line: value.line)
        }
        _ = line
        return Int(n)
    }

    private func colour(_ key: String, _ value: JSONValue) throws(StrokesError) -> RGBA {
        guard case let .string(s, _) = value, s.count == 7, s.hasPrefix("#"), let c = RGBA(hex: s) else {
            throw invalid(key, "expected a colour #rrggbb, got \(describe(value))", line: value.line)
        }
        return c
    }

    private func penWidth(_ key: String, _ value: JSONValue, longer: Double) throws(StrokesError) -> Double {
        let most = StrokesLimits.penMargin * longer
        guard case let .number(n, _) = value, n > 0, n <= most else {
            throw invalid(
                key, "expected a pen width in pixels above 0 and at most \(Int(most)) (the canvas's longer side), got \(describe(value))",
                line: value.line)
        }
        return n
    }

    private func stroke(_ value: JSONValue, path: String, longer: Double) throws(StrokesError) -> Stroke {
        switch value {
        case let .array(points, _):
            return Stroke(try samples(points, path: path, line: value.line))
        case let .object(members, _):
            let known: Set<String> = ["points", "pen", "ink"]
            for (key, v) in members where !known.contains(key) {
                throw invalid("\(path).\(key)", "unknown key (a stroke object has points, pen and ink)", line: v.line)
            }
            guard let list = members.first(where: { $0.key == "points" })?.value, case let .array(points, _) = list else {
                throw invalid("\(path).points", "missing: a stroke object needs a list of points", line: value.line)
            }
            var stroke = Stroke(try samples(points, path: path + ".points", line: value.line))
            if let pen = members.first(where: { $0.key == "pen" })?.value { stroke.pen = try penWidth("\(path).pen", pen, longer: longer) }
            if let ink = members.first(where: { $0.key == "ink" })?.value { stroke.ink = try colour("\(path).ink", ink) }
            return stroke
        default:
            throw invalid(
                path, "expected a list of points [x, y] or [x, y, t], or an object with points, got \(value.kind)", line: value.line)
        }
    }

    private func samples(_ points: [JSONValue], path: String, line: Int) throws(StrokesError) -> [StrokeSample] {
        guard !points.isEmpty else { throw invalid(path, "a stroke needs at least one point", line: line) }
        var out: [StrokeSample] = []
        out.reserveCapacity(points.count)
        for (j, point) in points.enumerated() {
            guard case let .array(xs, line) = point, xs.count == 2 || xs.count == 3 else {
                throw invalid("\(path)[\(j)]", "expected a point [x, y] or [x, y, t], got \(point.kind)", line: point.line)
            }
            var numbers: [Double] = []
            for x in xs {
                guard case let .number(n, _) = x else {
                    throw invalid("\(path)[\(j)]", "expected numbers in a point, got \(x.kind)", line: line)
                }
                numbers.append(n)
            }
            out.append(StrokeSample(numbers[0], numbers[1], t: numbers.count == 3 ? numbers[2] : nil))
        }
        return out
    }
}
