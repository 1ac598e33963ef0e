import DigitNet

/// The part of one earlier layer a unit sees: a window of rows and columns in some of its
/// maps, traced back stage by stage (convolutions widen it and take every channel, pooling
/// widens it in the same channel). Tracing stops at a flatten or dense operation, after which
/// a unit sees everything.
public struct ReceptiveRegion: Sendable, Equatable {
    /// Scene layer index (0 = input).
    public var layer: Int
    /// The maps involved.
    public var channels: [Int]
    public var rows: ClosedRange<Int>
    public var cols: ClosedRange<Int>

    /// The regions of `unit` of scene layer `layer` in every earlier layer with maps, nearest
    /// first, with the unit's own cell first of all. Empty for vector units.
    public static func trace(network: Network, layer: Int, unit: Int) -> [ReceptiveRegion] {
        let shapes = network.shapes
        guard layer >= 1, layer < shapes.count, shapes[layer].count == 3 else { return [] }
        let shape = shapes[layer]
        let perMap = shape[1] * shape[2]
        guard perMap > 0, unit >= 0, unit < shape[0] * perMap else { return [] }
        let row = (unit % perMap) / shape[2], col = unit % shape[2]
        var region = ReceptiveRegion(layer: layer, channels: [unit / perMap], rows: row...row, cols: col...col)
        var out = [region]
        var l = layer
        while l >= 1 {
            let stage = network.stages[l - 1]
            let input = shapes[l - 1]
            guard input.count == 3 else { break }
            var rows = region.rows, cols = region.cols, channels = region.channels
            for operation in stage.operations.reversed() {
                switch operation {
                case .conv2D(let c):
                    rows = (rows.lowerBound * c.stride - c.padding)...(rows.upperBound * c.stride - c.padding + c.kernel - 1)
                    cols = (cols.lowerBound * c.stride - c.padding)...(cols.upperBound * c.stride - c.padding + c.kernel - 1)
                    channels = Array(0..<c.inChannels)
                case .maxPool2D(let w, let s):
                    rows = (rows.lowerBound * s)...(rows.upperBound * s + w - 1)
                    cols = (cols.lowerBound * s)...(cols.upperBound * s + w - 1)
                default:
                    break
                }
            }
            guard let r = clip(rows, input[1]), let c = clip(cols, input[2]) else { break }
            region = ReceptiveRegion(layer: l - 1, channels: channels, rows: r, cols: c)
            out.append(region)
            l -= 1
        }
        return out
    }

    static func clip(_ range: ClosedRange<Int>, _ size: Int) -> ClosedRange<Int>? {
        let lo = max(range.lowerBound, 0), hi = min(range.upperBound, size - 1)
        return lo <= hi ? lo...hi : nil
    }
}
