/// Stage 3: connected components of the ink, as runs.
public struct ComponentLabels: Sendable {
    public var width: Int
    public var height: Int
    /// Every run of ink, row by row.
    public var runs: [InkRun]
    public var components: [InkComponent]

    /// A mask of the canvas: 0 canvas, 1 ink of a kept component, 2 ink of a dropped one.
    public func mask(keeping components: [InkComponent]) -> Plane<UInt8> {
        var pixels = [UInt8](repeating: 0, count: width * height)
        let kept = components.map(\.kept)
        pixels.withUnsafeMutableBufferPointer { p in
            for run in runs {
                let value: UInt8 = kept[Int(run.component)] ? 1 : 2
                let base = Int(run.y) * width
                for x in Int(run.x0)..<Int(run.x1) { p[base + x] = value }
            }
        }
        return Plane(width: width, height: height, pixels: pixels)
    }
}
