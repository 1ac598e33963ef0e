/// One term of what feeds a unit: an input value times the weight joining it to the unit
/// (convolution, dense), or the input a max-pooled unit passes on unchanged.
///
/// For a convolution or dense unit the terms plus the bias add up to the unit's
/// pre-activation value (what the naive kernel computes before ReLU); a pooled unit has one
/// term, its window's maximum.
public struct Contribution: Sendable, Equatable {
    /// Flat index into the activation the stage reads.
    public var input: Int
    /// Flat index into the stage's weight tensor (`(F,C,K,K)` or `(Out,In)`); nil for pooling.
    public var weight: Int?
    /// `weight × input` in Double, or the pooled maximum.
    public var value: Double

    public init(input: Int, weight: Int?, value: Double) {
        self.input = input
        self.weight = weight
        self.value = value
    }
}
