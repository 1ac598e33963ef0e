/// The forward-pass reveal schedule.
public enum Reveal {
    /// Amount per layer for `progress` 0…1 across `count` layers: layer i ramps from 0 to 1
    /// between `i/(count+1)` and `(i+2)/(count+1)`, so neighbours overlap by half a step and
    /// everything is lit at progress 1.
    public static func amounts(progress: Double, count: Int) -> [Double] {
        guard count > 0 else { return [] }
        let p = min(max(progress, 0), 1)
        let step = 1 / Double(count + 1)
        return (0..<count).map { i in
            let start = Double(i) * step
            let t = (p - start) / (2 * step)
            let c = min(max(t, 0), 1)
            return c * c * (3 - 2 * c)  // smoothstep
        }
    }
}
