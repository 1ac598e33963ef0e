extension Network {
    /// The paths that carried `trace`'s prediction: from the winning output unit back to the
    /// input, each traced unit keeps its `linksPerUnit` largest positive contributions (see
    /// `Stage.contributions(to:input:inputShape:)`; a pooled unit's contributor is its
    /// window's maximum), and each layer keeps the `unitsPerLayer` strongest source units.
    /// A unit's share of the prediction is split over its kept links in proportion to their
    /// contributions. Links are ordered by source layer, then target and source unit.
    /// `target` traces another output unit instead (the runner-up of an uncertain answer).
    public func contributionPaths(
        in trace: Trace, linksPerUnit: Int, unitsPerLayer: Int, target: Int? = nil
    ) -> [ContributionLink] {
        guard linksPerUnit > 0 else { return [] }
        let shapes = self.shapes
        var frontier: [Int: Double] = [target ?? trace.prediction: 1]
        var links: [ContributionLink] = []
        for s in stride(from: stages.count - 1, through: 0, by: -1) {
            guard let input = input(ofStage: s, in: trace)?.data else { break }
            var next: [Int: Double] = [:]
            var raw: [(from: Int, to: Int, share: Double)] = []
            // In unit order: shares are summed into `next` in a fixed order, so the result is
            // the same in every process (a Dictionary's own order depends on its hash seed).
            for (unit, strength) in frontier.sorted(by: { $0.key < $1.key }) {
                let terms = stages[s].contributions(to: unit, input: input, inputShape: shapes[s]).map {
                    // A pooled unit passes its maximum on unchanged: one contributor, full share.
                    (index: $0.input, value: $0.weight == nil ? max($0.value, 1e-9) : $0.value)
                }
                let top = terms.filter { $0.value > 0 }
                    .sorted { $0.value > $1.value || ($0.value == $1.value && $0.index < $1.index) }
                    .prefix(linksPerUnit)
                let total = top.reduce(0) { $0 + $1.value }
                guard total > 0 else { continue }
                for c in top {
                    let share = strength * c.value / total
                    next[c.index, default: 0] += share
                    raw.append((c.index, unit, share))
                }
            }
            // Keep the strongest source units only; links from dropped units go too.
            let kept = Set(
                next.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                    .prefix(unitsPerLayer).map(\.key))
            for link in raw.filter({ kept.contains($0.from) }).sorted(by: { ($0.to, $0.from) < ($1.to, $1.from) }) {
                links.append(ContributionLink(fromLayer: s, from: link.from, to: link.to, share: link.share))
            }
            frontier = next.filter { kept.contains($0.key) }
            if frontier.isEmpty { break }
        }
        return links.sorted { $0.fromLayer < $1.fromLayer }
    }
}
