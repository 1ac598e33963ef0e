import CairoGraphics
import SceneGraph

/// Colour levels of one layer, computed once per scene.
struct PreparedLayer: Sendable {
    /// Per grid: the cells sorted by colour level, and runs of equal level into that order.
    struct Grid: Sendable {
        /// Colour level of each cell, row-major.
        var levels: [UInt8]
        /// The most common level (painted once under the whole grid, then skipped).
        var baseLevel: UInt8
        var order: [Int32]
        var runs: [Run]
    }
    struct Run: Sendable {
        var level: UInt8
        var start: Int
        var end: Int
    }

    var grids: [Grid]
    /// The 256 colours this layer's levels index.
    var colormap: Colormap
    /// The ranges used (one per grid; equal under per-layer and global rules).
    var ranges: [ValueRange]

    static func prepare(scene: NetworkScene, style: FrameStyle) -> [PreparedLayer] {
        let hidden = Colormap(style.colormap)
        let inputMap = Colormap(style.inputColormap)
        let hiddenLayers = scene.layers.filter { $0.kind != .input }
        let globalLo = hiddenLayers.flatMap(\.grids).map(\.minValue).min() ?? 0
        let globalHi = hiddenLayers.flatMap(\.grids).map(\.maxValue).max() ?? 1
        return scene.layers.map { layer in
            let isInput = layer.kind == .input
            let map = isInput ? inputMap : hidden
            let layerLo = layer.grids.map(\.minValue).min() ?? 0
            let layerHi = layer.grids.map(\.maxValue).max() ?? 1
            let ranges: [ValueRange] = layer.grids.map { g in
                if isInput { return ValueRange(low: 0, high: 1) }
                switch style.rangeRule {
                case .perMap: return .covering(low: g.minValue, high: g.maxValue, diverging: map.isDiverging)
                case .perLayer: return .covering(low: layerLo, high: layerHi, diverging: map.isDiverging)
                case .global: return .covering(low: globalLo, high: globalHi, diverging: map.isDiverging)
                }
            }
            let grids = zip(layer.grids, ranges).map { grid, range in bucket(grid, range) }
            return PreparedLayer(grids: grids, colormap: map, ranges: ranges)
        }
    }

    /// Groups a grid's real cells by colour level (stable within a level). A node grid whose
    /// last row is not full (e.g. 3000 nodes as 77×39) has places beyond its real cells:
    /// `levels` covers every place of the lattice, the empty ones at the base level (the
    /// lattice painter walks whole rows), while `order` and `runs` hold only real cells.
    static func bucket(_ grid: CellGrid, _ range: ValueRange) -> Grid {
        let count = min(grid.count, grid.values.count)
        var levels = [UInt8](repeating: 0, count: count)
        for i in 0..<count { levels[i] = UInt8(Colormap.level(range.normalize(grid.values[i]))) }
        var prepared = bucket(levels: levels)
        let places = max(grid.rows, 0) * max(grid.cols, 0)
        if places > count { prepared.levels += [UInt8](repeating: prepared.baseLevel, count: places - count) }
        return prepared
    }

    /// Groups cells with the given colour levels by level (stable within a level).
    static func bucket(levels: [UInt8]) -> Grid {
        var counts = [Int](repeating: 0, count: 257)
        for l in levels { counts[Int(l) + 1] += 1 }
        for i in 1...256 { counts[i] += counts[i - 1] }
        var order = [Int32](repeating: 0, count: levels.count)
        var cursor = counts
        for (i, l) in levels.enumerated() {
            order[cursor[Int(l)]] = Int32(i)
            cursor[Int(l)] += 1
        }
        var runs: [Run] = []
        for l in 0..<256 where counts[l + 1] > counts[l] {
            runs.append(Run(level: UInt8(l), start: counts[l], end: counts[l + 1]))
        }
        let base = runs.max { ($0.end - $0.start, -Int($0.level)) < ($1.end - $1.start, -Int($1.level)) }?.level ?? 0
        return Grid(levels: levels, baseLevel: base, order: order, runs: runs)
    }
}
