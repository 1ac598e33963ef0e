import DigitNet
import DigitSamples
import Renderer

/// The network's answer at evenly spaced amounts of a sweep: the changed input and its
/// probabilities at each, the digits worth plotting (the three with the highest peak), and
/// the amounts where the top answer changes.
public struct SweepAnalysis: Sendable {
    public let range: SweepRange
    /// The amounts, from FROM to TO.
    public let amounts: [Double]
    /// The changed input at each amount (28×28).
    public let inputs: [[Float]]
    /// The probabilities at each amount.
    public let probabilities: [[Float]]
    /// The digits plotted: the three whose highest probability over the sweep is largest.
    public let plotted: [Int]
    /// Where the top answer changes: between amounts `index - 1` and `index`.
    public let flips: [SweepPlot.Flip]

    public init(input: [Float], range: SweepRange, steps: Int, network: Network) {
        let n = max(2, steps)
        let amounts = (0..<n).map { range.amount(at: Double($0) / Double(n - 1)) }
        let inputs = amounts.map { range.variation.apply(input, side: 28, amount: $0) }
        let probabilities = inputs.map { network.forward(grey: $0).probabilities }
        let classes = probabilities.first?.count ?? 0
        let peaks = (0..<classes).map { d in probabilities.map { $0[d] }.max() ?? 0 }
        self.range = range
        self.amounts = amounts
        self.inputs = inputs
        self.probabilities = probabilities
        self.plotted = Array((0..<classes).sorted { peaks[$0] != peaks[$1] ? peaks[$0] > peaks[$1] : $0 < $1 }.prefix(3))
        let tops = probabilities.map { p in p.indices.max { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) } ?? 0 }
        var flips: [SweepPlot.Flip] = []
        for i in 1..<n where tops[i] != tops[i - 1] {
            flips.append(SweepPlot.Flip(amount: (amounts[i - 1] + amounts[i]) / 2, from: tops[i - 1], to: tops[i]))
        }
        self.flips = flips
    }

    /// The plot's content with a cursor at amount index `cursor` (nil: none).
    public func plot(labels: [String], cursor: Int?) -> SweepPlot {
        SweepPlot(
            axisTitle: range.variation.axisTitle, amounts: amounts, amountLabels: amounts.map(range.variation.label),
            curves: plotted.map { d in
                SweepPlot.Curve(label: d < labels.count ? labels[d] : "\(d)", values: probabilities.map { Double($0[d]) })
            },
            flips: flips.map { f in
                SweepPlot.Flip(
                    amount: f.amount, from: f.from, to: f.to, fromLabel: f.from < labels.count ? labels[f.from] : "\(f.from)",
                    toLabel: f.to < labels.count ? labels[f.to] : "\(f.to)")
            }, cursor: cursor, markZero: range.variation != .scale)
    }
}
