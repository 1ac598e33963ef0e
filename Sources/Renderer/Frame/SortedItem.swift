/// Something drawn in painter's order: a layer's slab, or the part of a gap's contribution
/// edges between two X values.
enum SortedItem {
    case layer(Int)
    case edges(gap: Int, xLow: Double, xHigh: Double)
}
