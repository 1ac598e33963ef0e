/// Accuracy and confusion of a network on a labelled set.
public struct EvaluationReport: Sendable, Equatable {
    /// Fraction of images classified correctly.
    public var accuracy: Double
    public var count: Int
    /// `confusion[truth][predicted]` counts.
    public var confusion: [[Int]]
    /// Indices of the misclassified images.
    public var mistakes: [Int]

    /// Off-diagonal (truth, predicted, count) cells, largest first.
    public func mostConfused(_ limit: Int = 5) -> [(truth: Int, predicted: Int, count: Int)] {
        var cells: [(Int, Int, Int)] = []
        for t in 0..<confusion.count {
            for p in 0..<confusion[t].count where p != t && confusion[t][p] > 0 {
                cells.append((t, p, confusion[t][p]))
            }
        }
        return cells.sorted { ($0.2, -$0.0, -$0.1) > ($1.2, -$1.0, -$1.1) }.prefix(limit).map { ($0.0, $0.1, $0.2) }
    }
}
