/// One 8-connected piece of ink.
public struct InkComponent: Sendable, Equatable {
    /// Label in `ComponentLabels.labels` (1-based).
    public var label: Int32
    /// Pixel count.
    public var area: Int
    /// Bounding rectangle.
    public var bounds: PixelRect
    /// Whether it survived speck removal.
    public var kept: Bool
}

/// Stage 3: connected components of the ink mask.
public struct ComponentLabels: Sendable {
    /// 0 for background, otherwise the component's label.
    public var labels: Plane<Int32>
    public var components: [InkComponent]
}

/// Labels ink components and drops stray specks.
public enum Components {
    /// 8-connected labelling of `ink` (true = ink) by flood fill with an explicit stack.
    public static func label(_ ink: Plane<Bool>) -> ComponentLabels {
        let w = ink.width, h = ink.height
        var labels = [Int32](repeating: 0, count: w * h)
        var components: [InkComponent] = []
        var stack: [Int32] = []
        ink.pixels.withUnsafeBufferPointer { inkP in
            labels.withUnsafeMutableBufferPointer { lab in
                for start in 0..<(w * h) where inkP[start] && lab[start] == 0 {
                    let id = Int32(components.count + 1)
                    var area = 0, minX = w, minY = h, maxX = -1, maxY = -1
                    lab[start] = id
                    stack.append(Int32(start))
                    while let top = stack.popLast() {
                        let i = Int(top)
                        let x = i % w, y = i / w
                        area += 1
                        minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                        for ny in max(0, y - 1)...min(h - 1, y + 1) {
                            for nx in max(0, x - 1)...min(w - 1, x + 1) {
                                let j = ny * w + nx
                                if inkP[j] && lab[j] == 0 { lab[j] = id; stack.append(Int32(j)) }
                            }
                        }
                    }
                    components.append(InkComponent(
                        label: id, area: area,
                        bounds: PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1),
                        kept: true))
                }
            }
        }
        return ComponentLabels(labels: Plane(width: w, height: h, pixels: labels), components: components)
    }

    /// Rules for telling a stray speck from a stroke of the digit.
    public struct SpeckRule: Sendable, Equatable {
        /// A component at least this share of the largest is always kept (a second stroke).
        public var keepShare: Double = 0.25
        /// Below this share of the largest a component is always dropped (noise).
        public var noiseShare: Double = 0.004
        /// In between, a component is kept when its gap to the kept ink is at most this share
        /// of the kept ink's larger side.
        public var nearShare: Double = 0.2
        public init() {}
    }

    /// Marks components as kept or dropped: the largest is kept; big components are kept; small
    /// ones are kept only when near the ink kept so far (repeated until nothing changes), so a
    /// digit drawn in several strokes stays whole while a stray click away from it is dropped.
    public static func removeSpecks(_ components: [InkComponent], rule: SpeckRule = SpeckRule()) -> [InkComponent] {
        guard let largest = components.max(by: { $0.area < $1.area }) else { return components }
        var result = components.map { c -> InkComponent in var c = c; c.kept = false; return c }
        let big = Double(largest.area)
        var keptBox = largest.bounds
        var changed = true
        while changed {
            changed = false
            for i in result.indices where !result[i].kept {
                let c = result[i]
                let share = Double(c.area) / big
                let side = Double(max(keptBox.width, keptBox.height))
                let keep = c.label == largest.label || share >= rule.keepShare
                    || (share >= rule.noiseShare && Double(c.bounds.gap(to: keptBox)) <= rule.nearShare * side)
                if keep {
                    result[i].kept = true
                    keptBox = c.label == largest.label ? keptBox : keptBox.union(c.bounds)
                    changed = true
                }
            }
        }
        return result
    }
}
