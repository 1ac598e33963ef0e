import Geometry

/// A rectangular grid of cells lying on one plane: one feature map, or all nodes of a dense
/// layer. Cell `(r, c)` spans `origin + colStep·c + rowStep·r` to one step further in each
/// direction, shrunk about its centre to `fill`.
public struct CellGrid: Sendable, Equatable {
    /// Top-left corner of cell (0, 0).
    public var origin: Vec3
    /// One column to the right.
    public var colStep: Vec3
    /// One row down.
    public var rowStep: Vec3
    public var rows: Int
    public var cols: Int
    /// Fraction of each step a cell fills (1 = cells touch).
    public var fill: Double
    /// `rows·cols` values, row-major; cells beyond the data are padded with 0.
    public var values: [Float]
    /// Number of real cells (≤ rows·cols).
    public var count: Int
    /// Which feature map of the layer this is (0 for vector layers).
    public var channel: Int

    /// A lattice corner: `origin + colStep·c + rowStep·r` (c in 0…cols, r in 0…rows).
    @inline(__always)
    public func corner(row r: Double, col c: Double) -> Vec3 { origin + colStep * c + rowStep * r }

    /// Centre of cell `index` (row-major).
    public func cellCenter(_ index: Int) -> Vec3 {
        corner(row: Double(index / cols) + 0.5, col: Double(index % cols) + 0.5)
    }

    /// The four corners of cell `index` (top-left, top-right, bottom-right, bottom-left).
    public func cellCorners(_ index: Int) -> [Vec3] {
        let r = Double(index / cols), c = Double(index % cols)
        let m = (1 - fill) / 2
        return [
            corner(row: r + m, col: c + m), corner(row: r + m, col: c + 1 - m),
            corner(row: r + 1 - m, col: c + 1 - m), corner(row: r + 1 - m, col: c + m),
        ]
    }

    /// The outline of the whole grid (four corners, clockwise from top-left).
    public var outline: [Vec3] {
        [
            corner(row: 0, col: 0), corner(row: 0, col: Double(cols)),
            corner(row: Double(rows), col: Double(cols)), corner(row: Double(rows), col: 0),
        ]
    }

    /// Largest value among the real cells (0 when empty).
    public var maxValue: Float { values.prefix(count).max() ?? 0 }
    /// Smallest value among the real cells (0 when empty).
    public var minValue: Float { values.prefix(count).min() ?? 0 }
}
