import Support

/// The checks every drawing passes, whichever file it came from: a limited number of
/// strokes and points, finite coordinates near the canvas, and either no times or times on
/// every point that start at 0 or later, never decrease and stay within the limit.
struct StrokesCheck {
    let file: String

    func check(_ drawing: Strokes) throws(StrokesError) {
        guard drawing.strokes.count <= StrokesLimits.strokes.maximum else {
            throw .tooLarge(file: file, reason: "\(drawing.strokes.count) strokes, above the limit of \(StrokesLimits.strokes.description)")
        }
        let pixels = Limit.imagePixels
        guard drawing.width * drawing.height <= pixels.maximum else {
            throw .tooLarge(
                file: file,
                reason:
                    "the canvas is \(drawing.width)×\(drawing.height), above the limit of \(pixels.description) (what the preprocessing reads)"
            )
        }
        let count = drawing.pointCount
        guard count <= StrokesLimits.points.maximum else {
            throw .tooLarge(file: file, reason: "\(count) points, above the limit of \(StrokesLimits.points.description)")
        }
        let longer = Double(max(drawing.width, drawing.height))
        let margin = StrokesLimits.coordinateMargin * longer
        let timed = drawing.isTimed
        var last = 0.0
        for (i, stroke) in drawing.strokes.enumerated() {
            for (j, p) in stroke.points.enumerated() {
                let at = "strokes[\(i)][\(j)]"
                guard p.x.isFinite, p.y.isFinite else {
                    throw .invalid(file: file, where: at, reason: "a coordinate is not a finite number")
                }
                guard p.x >= -margin, p.x <= Double(drawing.width) + margin, p.y >= -margin, p.y <= Double(drawing.height) + margin else {
                    throw .invalid(
                        file: file, where: at,
                        reason: "point (\(p.x), \(p.y)) lies far outside the \(drawing.width)×\(drawing.height) canvas "
                            + "(at most \(Int(StrokesLimits.coordinateMargin))× its longer side beyond an edge)")
                }
                switch (timed, p.t) {
                case (true, nil), (false, .some):
                    throw .invalid(
                        file: file, where: at,
                        reason: "mixed timing: a file is either fully timed (every point [x, y, t]) or untimed (every point [x, y])")
                case (true, let t?):
                    guard t.isFinite, t >= 0, t <= StrokesLimits.seconds else {
                        throw .invalid(file: file, where: at, reason: "time \(t) s is outside 0…\(Int(StrokesLimits.seconds)) s")
                    }
                    guard t >= last else {
                        throw .invalid(
                            file: file, where: at,
                            reason: "time \(t) s is earlier than the point before it (\(last) s); times never decrease")
                    }
                    last = t
                case (false, nil): break
                }
            }
        }
    }
}
