import DigitNet
import Geometry

/// Traces which cells carried the prediction: from the winning output node back to the
/// input, keeping for each traced node its `k` largest positive contributions
/// (weight × incoming activation; a pooled cell's contributor is its window's maximum).
enum Contributions {
    /// A traced cell: layer index and flat index into that layer's activation.
    struct Cell: Hashable { var layer: Int; var index: Int }

    static func trace(network: Network, trace: Trace, layers: [LayerNode], edgesPerNode: Int,
                      nodesPerLayer: Int) -> [ContributionEdge] {
        guard edgesPerNode > 0, layers.count == network.stages.count + 1 else { return [] }
        let shapes = network.shapes
        var frontier: [Int: Double] = [trace.prediction: 1]
        var edges: [ContributionEdge] = []
        for s in stride(from: network.stages.count - 1, through: 0, by: -1) {
            let stage = network.stages[s]
            guard let prev = activationSeenBy(stage: s, network: network, trace: trace) else { break }
            var next: [Int: Double] = [:]
            var raw: [(from: Int, to: Int, weight: Double)] = []
            for (node, strength) in frontier {
                let contributions = contributors(of: node, stage: stage, inputShape: shapes[s], outputShape: shapes[s + 1],
                                                 input: prev)
                let top = contributions.filter { $0.value > 0 }.sorted { $0.value > $1.value || ($0.value == $1.value && $0.index < $1.index) }
                    .prefix(edgesPerNode)
                let total = top.reduce(0) { $0 + $1.value }
                guard total > 0 else { continue }
                for c in top {
                    let w = strength * c.value / total
                    next[c.index, default: 0] += w
                    raw.append((c.index, node, w))
                }
            }
            // Keep the strongest source nodes only; edges from dropped nodes go too.
            let kept = Set(next.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .prefix(nodesPerLayer).map(\.key))
            let survivors = raw.filter { kept.contains($0.from) }
            let maxW = survivors.map(\.weight).max() ?? 1
            for e in survivors.sorted(by: { ($0.to, $0.from) < ($1.to, $1.from) }) {
                edges.append(ContributionEdge(fromLayer: s, from: center(of: e.from, in: layers[s]),
                                              to: center(of: e.to, in: layers[s + 1]),
                                              strength: maxW > 0 ? e.weight / maxW : 0, weight: e.weight))
            }
            frontier = next.filter { kept.contains($0.key) }
            if frontier.isEmpty { break }
        }
        return edges.sorted { $0.fromLayer < $1.fromLayer }
    }

    /// The activation a stage reads, as its kernels see it (the first stage sees the
    /// normalised input).
    static func activationSeenBy(stage s: Int, network: Network, trace: Trace) -> [Float]? {
        if s == 0 {
            guard let input = trace["input"]?.data else { return nil }
            let scale = 1 / network.std
            return input.map { ($0 - network.mean) * scale }
        }
        return trace[network.stages[s - 1].name]?.data
    }

    /// Every (input index, contribution) feeding output `node` of `stage`.
    static func contributors(of node: Int, stage: Stage, inputShape: [Int], outputShape: [Int],
                             input: [Float]) -> [(index: Int, value: Double)] {
        if let d = stage.dense {
            guard input.count == d.inputs, node < d.outputs else { return [] }
            return (0..<d.inputs).map { i in (i, Double(d.weight[node * d.inputs + i]) * Double(input[i])) }
        }
        guard inputShape.count == 3, outputShape.count == 3 else { return [] }
        let (h, w) = (inputShape[1], inputShape[2])
        let (oh, ow) = (outputShape[1], outputShape[2])
        let f = node / (oh * ow), oy = (node % (oh * ow)) / ow, ox = node % ow
        if let c = stage.conv {
            var out: [(Int, Double)] = []
            for ch in 0..<c.inChannels {
                for ky in 0..<c.kernel {
                    let iy = oy * c.stride + ky - c.padding
                    guard iy >= 0 && iy < h else { continue }
                    for kx in 0..<c.kernel {
                        let ix = ox * c.stride + kx - c.padding
                        guard ix >= 0 && ix < w else { continue }
                        let wi = ((f * c.inChannels + ch) * c.kernel + ky) * c.kernel + kx
                        let ii = (ch * h + iy) * w + ix
                        out.append((ii, Double(c.weight[wi]) * Double(input[ii])))
                    }
                }
            }
            return out
        }
        for case let .maxPool2D(window, stride) in stage.operations {
            var best = -1
            var bestValue = -Float.infinity
            for dy in 0..<window {
                for dx in 0..<window {
                    let iy = oy * stride + dy, ix = ox * stride + dx
                    guard iy < h && ix < w else { continue }
                    let ii = (f * h + iy) * w + ix
                    if input[ii] > bestValue { bestValue = input[ii]; best = ii }
                }
            }
            // A pooled cell passes its maximum on unchanged: one contributor, full share.
            return best >= 0 ? [(best, max(Double(bestValue), 1e-9))] : []
        }
        return []
    }

    /// World centre of flat cell `index` of a layer.
    static func center(of index: Int, in layer: LayerNode) -> Vec3 {
        if layer.grids.count == 1 { return layer.grids[0].cellCenter(index) }
        let perMap = layer.grids.first.map { $0.count } ?? 1
        let g = min(index / max(perMap, 1), layer.grids.count - 1)
        return layer.grids[g].cellCenter(index % max(perMap, 1))
    }
}
