/// Draws frames of a `NetworkScene` with Cairo.
///
/// Usage (one frame):
///
/// ```swift
/// let scene = try SceneBuilder.build(network: net, trace: net.forward(image))
/// let renderer = FrameRenderer(scene: scene, style: FrameStyle())   // Sendable; build once
/// let camera = renderer.fittedCamera(width: 1920, height: 1080, yaw: -35, elevation: 20)
/// let frame = try renderer.render(camera: camera, width: 1920, height: 1080, reveal: nil)
/// try frame.writePNG(to: "frame.png")           // or frame.bgraBytes() for a video pipe
/// ```
///
/// For an orbit, keep one `FrameRenderer` and vary the camera, e.g.
/// `renderer.orbitCamera(width:height:yaw:elevation:)` which keeps one distance for every yaw
/// so the network does not pump in size. `reveal` is the forward-pass animation progress
/// 0…1 (layers light up in data-flow order; nil = everything lit). `FrameRenderer` is a
/// `Sendable` value: share it between tasks, each rendering into its own surface.
import CairoGraphics
import Geometry
import SceneGraph

public struct FrameRenderer: Sendable {
    public let scene: NetworkScene
    public let style: FrameStyle
    /// Per layer, per grid: colour level 0…255 of each cell and the cells grouped by level.
    let prepared: [PreparedLayer]
    /// The input image as premultiplied BGRA bytes for the prediction thumbnail.
    let thumbnail: [UInt8]
    /// The background gradient per frame size (drawn once, copied into each frame).
    let backgrounds = BackgroundCache()

    /// Prepares colours for every cell of `scene` under `style` (done once; frames reuse it).
    public init(scene: NetworkScene, style: FrameStyle = FrameStyle()) {
        self.scene = scene
        self.style = style
        self.prepared = PreparedLayer.prepare(scene: scene, style: style)
        self.thumbnail = Self.grayBGRA(scene.inputImage)
    }

    /// Renders one frame into a new `width`×`height` image.
    /// - Parameter reveal: forward-pass progress 0…1 (nil draws every layer fully lit).
    public func render(camera: Camera, width: Int, height: Int, reveal: Double? = nil) throws -> ImageSurface {
        let surface = try ImageSurface(width: width, height: height)
        if !style.transparentBackground {
            // Start from the cached gradient instead of painting it again.
            let bytes = try backgrounds.pixels(width: width, height: height) { c in
                paintBackgroundGradient(c, width: Double(width), height: Double(height))
            }
            surface.withMutablePixels { dst, stride in
                bytes.withUnsafeBytes { src in
                    guard let base = src.baseAddress else { return }
                    for y in 0..<height {
                        (dst + y * stride).update(from: base.assumingMemoryBound(to: UInt8.self) + y * width * 4, count: width * 4)
                    }
                }
            }
        }
        let context = try Context(surface)
        try draw(into: context, camera: camera, width: width, height: height, reveal: reveal, backgroundDone: true)
        surface.flush()
        return surface
    }

    /// Draws one frame into `context`, whose user space is `width`×`height` pixels (or
    /// points for vector surfaces).
    public func draw(into context: Context, camera: Camera, width: Int, height: Int, reveal: Double? = nil) throws {
        try draw(into: context, camera: camera, width: width, height: height, reveal: reveal, backgroundDone: false)
    }

    func draw(into context: Context, camera: Camera, width: Int, height: Int, reveal: Double?, backgroundDone: Bool) throws {
        let projector = camera.projector(width: width, height: height)
        let amounts = reveal.map { scene.revealAmounts(progress: $0) } ?? Array(repeating: 1, count: scene.layers.count)
        let frame = FrameContext(context: context, projector: projector, width: Double(width), height: Double(height),
                                 scale: style.overlayScale ?? Double(height) / 1080, reveal: amounts,
                                 dimming: dimming(projector))
        if !backgroundDone && !style.transparentBackground {
            paintBackgroundGradient(context, width: frame.width, height: frame.height)
        }
        // Geometry uses Cairo's fast antialiasing: thousands of small cells and long thin lines
        // cost about half as much, with no visible difference at these sizes. Text and
        // overlays go back to the default quality.
        context.setAntialias(style.fastAntialias ? .fast : .good)
        if style.showFloor { paintFloor(frame) }
        paintSorted(frame)
        context.setAntialias(.good)
        if style.showLabels { paintLabels(frame) }
        if style.title != nil { paintTitle(frame) }
        if style.showLegend { paintLegend(frame) }
        if style.showPrediction { paintPrediction(frame) }
        try context.checkStatus()
    }

    /// A camera from `yaw`/`elevation` (degrees) framing the whole network with a 12° lens,
    /// leaving room for the title above and the legend and prediction panel below.
    ///
    /// When the network would run under the legend or the prediction panel (for example
    /// when the far end dips toward a bottom corner), it is refitted above them.
    public func fittedCamera(width: Int, height: Int, yaw: Double = -35, elevation: Double = 20) -> Camera {
        let points = scene.framingPoints
        var insets = frameInsets(width: width, height: height)
        let camera = Camera.fitting(points, yaw: yaw, elevation: elevation, fovY: 12, width: width, height: height,
                                    insets: insets)
        let boxes = overlayBoxes(width: Double(width), height: Double(height))
        let projector = camera.projector(width: width, height: height)
        let hidden = points.contains { p in
            guard let s = projector.project(p) else { return false }
            return boxes.contains { $0.contains(s.x, s.y) }
        }
        guard hidden, let top = boxes.map(\.y).min() else { return camera }
        insets.bottom = max(insets.bottom, Double(height) - top + 16 * (style.overlayScale ?? Double(height) / 1080))
        return Camera.fitting(points, yaw: yaw, elevation: elevation, fovY: 12, width: width, height: height, insets: insets)
    }

    /// Screen rectangles of the bottom overlays (legend, prediction panel) at this size.
    func overlayBoxes(width: Double, height: Double) -> [ScreenBox] {
        let s = style.overlayScale ?? height / 1080
        var boxes: [ScreenBox] = []
        if style.showLegend { boxes.append(ScreenBox(x: 56 * s, y: height - 172 * s, w: 300 * s, h: 120 * s)) }
        if style.showPrediction {
            boxes.append(ScreenBox(x: width - 64 * s - 440 * s - 8 * s, y: height - 56 * s - 300 * s - 8 * s,
                                   w: 456 * s, h: 316 * s))
        }
        return boxes
    }

    /// A camera for frame `yaw` of an orbit: always aims at the network's centre from the
    /// same distance (the largest any yaw needs), so the size stays steady over a turn.
    public func orbitCamera(width: Int, height: Int, yaw: Double, elevation: Double = 20) -> Camera {
        let target = scene.bounds.center
        var distance = 0.0
        for probe in stride(from: 0.0, to: 360, by: 30) {
            let c = fittedCamera(width: width, height: height, yaw: probe, elevation: elevation)
            distance = max(distance, (c.eye - c.target).length + (c.target - target).length)
        }
        return Camera.orbit(target: target, OrbitPosition(yaw: yaw, elevation: elevation, distance: distance),
                            fovY: 12, aspect: Double(width) / Double(max(height, 1)))
    }

    /// Margins around the network: 60 px at 1080 rows, more above for the title.
    public func frameInsets(width: Int, height: Int) -> Insets {
        let s = style.overlayScale ?? Double(height) / 1080
        return Insets(top: (style.title == nil ? 60 : 170) * s, left: 60 * s, bottom: 190 * s, right: 72 * s)
    }

    /// Per-layer blend toward the background: 0 for the nearest layer, `farDimming` for the
    /// farthest.
    func dimming(_ p: Projector) -> [Double] {
        let depths = scene.layers.map { p.depth(of: $0.center) }
        guard let lo = depths.min(), let hi = depths.max(), hi > lo else { return depths.map { _ in 0 } }
        return depths.map { style.farDimming * ($0 - lo) / (hi - lo) }
    }

    static func grayBGRA(_ values: [Float]) -> [UInt8] {
        var out = [UInt8](repeating: 255, count: values.count * 4)
        for (i, v) in values.enumerated() {
            let g = UInt8(Colormap.level(Double(v)))
            out[i * 4] = g; out[i * 4 + 1] = g; out[i * 4 + 2] = g
        }
        return out
    }
}

/// An axis-aligned rectangle in pixels.
struct ScreenBox {
    var x, y, w, h: Double
    func contains(_ px: Double, _ py: Double) -> Bool { px >= x && px <= x + w && py >= y && py <= y + h }
    /// Whether the two boxes share any area.
    func intersects(_ o: ScreenBox) -> Bool { x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h }
}

/// What one frame's painters share.
struct FrameContext {
    let context: Context
    let projector: Projector
    let width: Double
    let height: Double
    /// Overlay scale (1 at 1080 rows).
    let scale: Double
    /// Reveal amount per layer.
    let reveal: [Double]
    /// Blend toward the background per layer.
    let dimming: [Double]
}

extension RGBA {
    /// Linear blend toward `o` by `t` (alpha of self kept).
    @inline(__always)
    func mixed(with o: RGBA, _ t: Double) -> RGBA {
        RGBA(r + (o.r - r) * t, g + (o.g - g) * t, b + (o.b - b) * t, a)
    }
}
