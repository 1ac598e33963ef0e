/// Centre-of-mass placement, as MNIST itself was made.
public enum Centering {
    /// Intensity-weighted centre of mass in pixel-centre coordinates (centre of the plane when empty).
    public static func centreOfMass(_ plane: Plane<Float>) -> (x: Double, y: Double) {
        var total = 0.0, sx = 0.0, sy = 0.0
        for y in 0..<plane.height {
            for x in 0..<plane.width {
                let v = Double(plane.pixels[y * plane.width + x])
                total += v; sx += v * (Double(x) + 0.5); sy += v * (Double(y) + 0.5)
            }
        }
        guard total > 0 else { return (Double(plane.width) / 2, Double(plane.height) / 2) }
        return (sx / total, sy / total)
    }

    /// Places `box` in a `side`×`side` field so its centre of mass lands as near the field's
    /// centre as whole-pixel shifts allow, without cutting the box.
    public static func place(_ box: Plane<Float>, side: Int) -> (field: Plane<Float>, placement: Placement) {
        let com = centreOfMass(box)
        let centre = Double(side) / 2
        let ox = min(max(Int((centre - com.x).rounded()), 0), side - box.width)
        let oy = min(max(Int((centre - com.y).rounded()), 0), side - box.height)
        var field = Plane<Float>(width: side, height: side, repeating: 0)
        for y in 0..<box.height {
            for x in 0..<box.width { field[x + ox, y + oy] = box[x, y] }
        }
        let geometric = PixelPoint(x: (side - box.width) / 2, y: (side - box.height) / 2)
        return (
            field,
            Placement(
                origin: PixelPoint(x: ox, y: oy),
                centreOfMassX: com.x + Double(ox), centreOfMassY: com.y + Double(oy),
                shift: PixelPoint(x: ox - geometric.x, y: oy - geometric.y))
        )
    }
}
