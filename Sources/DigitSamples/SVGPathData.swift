/// Parses SVG path data (`d="M10 20 l5-5 C…"`) into polylines in canvas pixels: one list of
/// points per subpath, curves and arcs flattened by ``CurveFlattening`` after `transform`.
///
/// Every command of SVG 1.1 is read, absolute and relative: M L H V C S Q T A Z. Numbers
/// follow SVG's compact grammar (`1.5.5` is 1.5 then .5, `1-2` is 1 then −2, arc flags may
/// run together: `a1 1 0 014 4`). A number that is not finite, a command without enough
/// numbers, or more points than `budget` allows is an error with the reason.
struct SVGPathData {
    /// Why path data was refused.
    struct Failure: Error { var reason: String }

    private let bytes: [UInt8]
    private var index = 0
    private let transform: Affine2D
    private let tolerance: Double
    private var budget: Int

    private var paths: [[(Double, Double)]] = []
    private var current: [(Double, Double)] = []
    /// Pen position and subpath start in user space.
    private var pen = (0.0, 0.0)
    private var start = (0.0, 0.0)
    /// The last control point of a C/S (for S) or Q/T (for T), in user space.
    private var lastCubic: (Double, Double)?
    private var lastQuad: (Double, Double)?

    /// The subpaths of `d`; `budget` is the most points allowed in total.
    static func parse(_ d: String, transform: Affine2D, tolerance: Double, budget: Int) throws(Failure) -> [[(Double, Double)]] {
        var parser = SVGPathData(bytes: Array(d.utf8), transform: transform, tolerance: tolerance, budget: budget)
        try parser.run()
        return parser.paths
    }

    private init(bytes: [UInt8], transform: Affine2D, tolerance: Double, budget: Int) {
        self.bytes = bytes
        self.transform = transform
        self.tolerance = tolerance
        self.budget = budget
    }

    private mutating func run() throws(Failure) {
        var command: UInt8 = 0
        while true {
            skipSeparators()
            guard index < bytes.count else { break }
            let b = bytes[index]
            if Self.isCommand(b) {
                guard command != 0 || b | 0x20 == UInt8(ascii: "m") else {
                    throw Failure(reason: "path data must start with a command M or m, found '\(String(decoding: [b], as: UTF8.self))'")
                }
                command = b
                index += 1
            } else if command == 0 {
                throw Failure(reason: "path data must start with a command (M or m), found '\(String(decoding: [b], as: UTF8.self))'")
            } else if !Self.startsNumber(b) {
                throw Failure(reason: "unexpected '\(String(decoding: [b], as: UTF8.self))' in path data")
            }
            try apply(command)
            // After M/m, more coordinate pairs are implicit L/l.
            if command == UInt8(ascii: "M") { command = UInt8(ascii: "L") }
            if command == UInt8(ascii: "m") { command = UInt8(ascii: "l") }
        }
        try flush()
    }

    private static func isCommand(_ b: UInt8) -> Bool { Array("MmLlHhVvCcSsQqTtAaZz".utf8).contains(b) }
    private static func startsNumber(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
    }

    /// Applies one command with its numbers (one repetition).
    private mutating func apply(_ command: UInt8) throws(Failure) {
        let relative = command >= 0x61
        let (ox, oy) = relative ? pen : (0, 0)
        switch command | 0x20 {
        case UInt8(ascii: "m"):
            let (x, y) = try (number(), number())
            try flush()
            pen = (ox + x, oy + y)
            start = pen
            try emit([pen])
            lastCubic = nil; lastQuad = nil
        case UInt8(ascii: "l"):
            let (x, y) = try (number(), number())
            try line(to: (ox + x, oy + y))
        case UInt8(ascii: "h"):
            let x = try number()
            try line(to: (ox + x, pen.1))
        case UInt8(ascii: "v"):
            let y = try number()
            try line(to: (pen.0, oy + y))
        case UInt8(ascii: "c"):
            let c1 = try (ox + number(), oy + number())
            let c2 = try (ox + number(), oy + number())
            let to = try (ox + number(), oy + number())
            try cubic(c1, c2, to)
        case UInt8(ascii: "s"):
            let c1 = lastCubic.map { (2 * pen.0 - $0.0, 2 * pen.1 - $0.1) } ?? pen
            let c2 = try (ox + number(), oy + number())
            let to = try (ox + number(), oy + number())
            try cubic(c1, c2, to)
        case UInt8(ascii: "q"):
            let c = try (ox + number(), oy + number())
            let to = try (ox + number(), oy + number())
            try quadratic(c, to)
        case UInt8(ascii: "t"):
            let c = lastQuad.map { (2 * pen.0 - $0.0, 2 * pen.1 - $0.1) } ?? pen
            let to = try (ox + number(), oy + number())
            try quadratic(c, to)
        case UInt8(ascii: "a"):
            let rx = try number(), ry = try number(), rotation = try number()
            let large = try flag(), sweep = try flag()
            let to = try (ox + number(), oy + number())
            ensureStarted()
            let points = CurveFlattening.arc(
                from: pen, to: to, rx: rx, ry: ry, rotation: rotation, largeArc: large, sweep: sweep,
                tolerance: tolerance, scale: transform.lengthScale)
            try emit(points)
            pen = to
            lastCubic = nil; lastQuad = nil
        default:  // z
            if !current.isEmpty { try emit([start]) }
            pen = start
            lastCubic = nil; lastQuad = nil
            try flush()
        // A command after Z without M starts a new subpath at the same point.
        }
    }

    private mutating func ensureStarted() {
        if current.isEmpty { current.append(transform.apply(pen.0, pen.1)) }
    }

    private mutating func line(to point: (Double, Double)) throws(Failure) {
        ensureStarted()
        try emit([point])
        pen = point
        lastCubic = nil; lastQuad = nil
    }

    private mutating func cubic(_ c1: (Double, Double), _ c2: (Double, Double), _ to: (Double, Double)) throws(Failure) {
        ensureStarted()
        let t = transform
        let points = CurveFlattening.cubic(
            t.apply(pen.0, pen.1), t.apply(c1.0, c1.1), t.apply(c2.0, c2.1), t.apply(to.0, to.1), tolerance: tolerance)
        try emitCanvas(points)
        pen = to
        lastCubic = c2; lastQuad = nil
    }

    private mutating func quadratic(_ c: (Double, Double), _ to: (Double, Double)) throws(Failure) {
        ensureStarted()
        let t = transform
        let points = CurveFlattening.quadratic(t.apply(pen.0, pen.1), t.apply(c.0, c.1), t.apply(to.0, to.1), tolerance: tolerance)
        try emitCanvas(points)
        pen = to
        lastQuad = c; lastCubic = nil
    }

    /// Adds user-space points to the current subpath.
    private mutating func emit(_ points: [(Double, Double)]) throws(Failure) {
        try emitCanvas(points.map { transform.apply($0.0, $0.1) })
    }

    /// Adds canvas points to the current subpath, within the budget.
    private mutating func emitCanvas(_ points: [(Double, Double)]) throws(Failure) {
        budget -= points.count
        guard budget >= 0 else { throw Failure(reason: "more than \(StrokesLimits.points.description) after curves are flattened") }
        for p in points {
            guard p.0.isFinite, p.1.isFinite else { throw Failure(reason: "a coordinate is not a finite number after the transform") }
        }
        current += points
    }

    /// Ends the current subpath (a lone moveto draws nothing).
    private mutating func flush() throws(Failure) {
        if current.count > 1 { paths.append(current) }
        current = []
    }

    private mutating func skipSeparators() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C, UInt8(ascii: ",")].contains(bytes[index]) { index += 1 }
    }

    /// One number of SVG's grammar.
    private mutating func number() throws(Failure) -> Double {
        skipSeparators()
        let begin = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        var digits = 0, dot = false
        while index < bytes.count {
            let b = bytes[index]
            if b >= 0x30 && b <= 0x39 {
                digits += 1
            } else if b == UInt8(ascii: "."), !dot {
                dot = true
            } else {
                break
            }
            index += 1
        }
        guard digits > 0 else {
            let found = index < bytes.count ? "'\(String(decoding: [bytes[index]], as: UTF8.self))'" : "the end of the path data"
            throw Failure(reason: "expected a number, found \(found)")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            var j = index + 1
            if j < bytes.count, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") { j += 1 }
            if j < bytes.count, bytes[j] >= 0x30 && bytes[j] <= 0x39 {
                while j < bytes.count, bytes[j] >= 0x30 && bytes[j] <= 0x39 { j += 1 }
                index = j
            }
        }
        guard index - begin <= 64 else { throw Failure(reason: "a number longer than 64 characters") }
        let text = String(decoding: bytes[begin..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw Failure(reason: "the number \(text) is not finite") }
        return value
    }

    /// An arc flag: exactly `0` or `1` (may touch the next number).
    private mutating func flag() throws(Failure) -> Bool {
        skipSeparators()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "0") || bytes[index] == UInt8(ascii: "1") else {
            throw Failure(reason: "an arc flag must be 0 or 1")
        }
        index += 1
        return bytes[index - 1] == UInt8(ascii: "1")
    }
}
