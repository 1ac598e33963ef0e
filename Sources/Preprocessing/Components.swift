/// Labels ink components and drops stray specks.
public enum Components {
    /// 8-connected labelling of the pixels where `isInk(gray)` holds, by runs: each row's runs
    /// are joined (union–find) with the runs of the row above that touch them, diagonals included.
    public static func label(_ gray: Plane<UInt8>, ink isInk: [Bool]) -> ComponentLabels {
        let w = gray.width, h = gray.height
        var runs: [InkRun] = []
        var parent: [Int32] = []
        func find(_ i: Int32) -> Int32 {
            var r = i
            while parent[Int(r)] != r { r = parent[Int(r)] }
            var j = i
            while parent[Int(j)] != r { let next = parent[Int(j)]; parent[Int(j)] = r; j = next }
            return r
        }
        var previousStart = 0, previousEnd = 0
        gray.pixels.withUnsafeBufferPointer { g in
            isInk.withUnsafeBufferPointer { table in
                for y in 0..<h {
                    let rowStart = runs.count
                    let base = y * w
                    var x = 0
                    while x < w {
                        if !table[Int(g[base + x])] { x += 1; continue }
                        let x0 = x
                        while x < w && table[Int(g[base + x])] { x += 1 }
                        let id = Int32(parent.count)
                        parent.append(id)
                        // join with runs above overlapping [x0 − 1, x + 1)
                        var k = previousStart
                        while k < previousEnd {
                            let above = runs[k]
                            if Int(above.x1) >= x0 && Int(above.x0) <= x {
                                let a = find(above.component), b = find(id)
                                if a != b { parent[Int(max(a, b))] = min(a, b) }
                            }
                            k += 1
                        }
                        runs.append(InkRun(y: Int32(y), x0: Int32(x0), x1: Int32(x), component: id))
                    }
                    previousStart = rowStart
                    previousEnd = runs.count
                }
            }
        }
        // resolve roots to dense component indices and gather their extent
        var index = [Int32](repeating: -1, count: parent.count)
        var components: [InkComponent] = []
        for r in runs.indices {
            let root = Int(find(runs[r].component))
            if index[root] < 0 {
                index[root] = Int32(components.count)
                components.append(
                    InkComponent(
                        label: Int32(components.count), area: 0,
                        bounds: PixelRect(x: Int(runs[r].x0), y: Int(runs[r].y), width: 0, height: 0), kept: true))
            }
            let c = Int(index[root])
            runs[r].component = Int32(c)
            let run = runs[r]
            components[c].area += Int(run.x1 - run.x0)
            let b = components[c].bounds
            let minX = min(b.x, Int(run.x0)), maxX = max(b.width == 0 ? Int(run.x1) : b.maxX, Int(run.x1))
            let minY = min(b.y, Int(run.y)), maxY = max(b.height == 0 ? Int(run.y) + 1 : b.maxY, Int(run.y) + 1)
            components[c].bounds = PixelRect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
        }
        return ComponentLabels(width: w, height: h, runs: runs, components: components)
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
        var result = components.map { c -> InkComponent in
            var c = c; c.kept = false; return c
        }
        let big = Double(largest.area)
        var keptBox = largest.bounds
        var changed = true
        while changed {
            changed = false
            for i in result.indices where !result[i].kept {
                let c = result[i]
                let share = Double(c.area) / big
                let side = Double(max(keptBox.width, keptBox.height))
                let keep =
                    c.label == largest.label || share >= rule.keepShare
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
