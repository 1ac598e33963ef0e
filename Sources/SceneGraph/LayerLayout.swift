/// How one layer is arranged on its plane.
public struct LayerLayout: Sendable, Equatable {
    /// Rows and columns of maps (for map layers) or of nodes (for vector layers).
    public var rows: Int
    public var cols: Int
    /// Side of one feature map (map layers) or the pitch between node centres (vector
    /// layers), in world units.
    public var size: Double
    /// Gap between neighbouring maps, in world units (map layers only).
    public var gap: Double
    /// Fraction of the pitch a node square fills (vector layers only; 1 = touching).
    public var fill: Double

    public init(rows: Int, cols: Int, size: Double, gap: Double = 0, fill: Double = 1) {
        self.rows = rows; self.cols = cols; self.size = size; self.gap = gap; self.fill = fill
    }
}
