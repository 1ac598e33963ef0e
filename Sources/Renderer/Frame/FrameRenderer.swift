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
/// For an orbit, keep one `FrameRenderer` and vary the camera: `renderer.poseFraming(…)`
/// solves the framing per yaw (smoothed over yaw), so the network is as big as the free
/// area allows at every pose and never runs under an overlay (`FrameLayout` says where they
/// are). `reveal` is the forward-pass animation progress
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
    /// Frame pixel buffers reused from one frame to the next (see `PixelBufferPool`).
    public let pixelPool = PixelBufferPool()
    /// The overlay panels drawn once per frame size and state (see `OverlayCache`).
    let overlays = OverlayCache()

    /// Prepares colours for every cell of `scene` under `style` (done once; frames reuse it).
    public init(scene: NetworkScene, style: FrameStyle = FrameStyle()) {
        self.scene = scene
        self.style = style
        self.prepared = PreparedLayer.prepare(scene: scene, style: style)
        self.thumbnail = Self.grayBGRA(scene.inputImage, side: scene.inputSide)
    }

    /// Renders one frame into a new `width`×`height` image.
    /// - Parameter reveal: forward-pass progress 0…1 (nil draws every layer fully lit).
    /// - Parameter floorWithBackground: composite the floor grid into each row as the
    ///   background is copied (false: draw it afterwards; the pixels are the same, tests
    ///   compare the two).
    /// - Parameter cachedOverlays: composite the title, legend and prediction panel from
    ///   sprites drawn once (`OverlayCache`; false: draw them with Cairo in every frame, a
    ///   level or two apart at overlapping antialiased edges, tests compare the two).
    public func render(
        camera: Camera, width: Int, height: Int, reveal: Double? = nil, floorWithBackground: Bool = true,
        cachedOverlays: Bool = true
    ) throws -> ImageSurface {
        // The floor grid is the first thing drawn over the background: its pixel writes are
        // prepared first and composited into each row as the row is copied (see `newSurface`).
        var grid: SolidBatch? = nil
        if style.showFloor && !style.transparentBackground && floorWithBackground {
            let projector = camera.projector(width: width, height: height)
            grid = floorGridBatch(projector, scale: layout(width: width, height: height).scale, width: width, height: height)
        }
        let surface = try newSurface(width: width, height: height, floorGrid: &grid)
        let context = try Context(surface)
        try draw(
            into: context, camera: camera, width: width, height: height, reveal: reveal, backgroundDone: true,
            floorGridDone: grid != nil, pixels: surface, cachedOverlays: cachedOverlays)
        surface.flush()
        return surface
    }

    /// A new `width`×`height` image holding the cached background (transparent when the
    /// style asks for no background) with `floorGrid`'s writes composited over it, row by row
    /// as each row is copied: its pixels written once, while in the cache. The pixels come
    /// from (and go back to) the renderer's pool.
    func newSurface(width: Int, height: Int, floorGrid: inout SolidBatch?) throws -> ImageSurface {
        guard !style.transparentBackground else { return try ImageSurface(width: width, height: height) }
        floorGrid?.startRows()
        return try backgroundPixels(width: width, height: height).withUnsafeBytes { background in
            try ImageSurface(width: width, height: height, pool: pixelPool) { y, row in
                if let source = background.baseAddress { row.copyMemory(from: source + y * width * 4, byteCount: width * 4) }
                floorGrid?.compositeRow(y, into: row.assumingMemoryBound(to: UInt32.self))
            }
        }
    }

    /// The cached background gradient's premultiplied BGRA rows for `width`×`height`.
    func backgroundPixels(width: Int, height: Int) -> [UInt8] {
        let p = style.palette
        return backgrounds.pixels(width: width, height: height) {
            BackgroundGradient.pixels(
                width: width, height: height, inner: p.gradientCenter, middle: p.background, outer: p.gradientEdge)
        }
    }

    /// Copies the cached background gradient for `width`×`height` into `surface` (painting it
    /// once per size costs Cairo tens of milliseconds; a copy about one).
    func copyBackground(into surface: ImageSurface, width: Int, height: Int) {
        let bytes = backgroundPixels(width: width, height: height)
        surface.withMutablePixels { dst, stride in
            bytes.withUnsafeBytes { src in
                guard let base = src.baseAddress else { return }
                for y in 0..<height {
                    (dst + y * stride).update(from: base.assumingMemoryBound(to: UInt8.self) + y * width * 4, count: width * 4)
                }
            }
        }
    }

    /// Draws one frame into `context`, whose user space is `width`×`height` pixels (or
    /// points for vector surfaces).
    public func draw(into context: Context, camera: Camera, width: Int, height: Int, reveal: Double? = nil) throws {
        try draw(
            into: context, camera: camera, width: width, height: height, reveal: reveal, backgroundDone: false,
            floorGridDone: false, pixels: nil)
    }

    /// `floorGridDone`: the floor grid's lines are already in the pixels (`render`);
    /// `cachedOverlays`: the panels come from `overlays` (only with `pixels`).
    func draw(
        into context: Context, camera: Camera, width: Int, height: Int, reveal: Double?, backgroundDone: Bool,
        floorGridDone: Bool = false, pixels: ImageSurface?, cachedOverlays: Bool = false
    ) throws {
        let projector = camera.projector(width: width, height: height)
        let amounts = reveal.map { scene.revealAmounts(progress: $0) } ?? Array(repeating: 1, count: scene.layers.count)
        let frame = FrameContext(
            context: context, projector: projector,
            layout: layout(width: width, height: height), reveal: amounts,
            dimming: dimming(projector), pixels: pixels)
        if !backgroundDone && !style.transparentBackground {
            paintBackgroundGradient(context, width: frame.width, height: frame.height)
        }
        // Geometry uses Cairo's fast antialiasing: thousands of small cells and long thin lines
        // cost about half as much, with no visible difference at these sizes. Text and
        // overlays go back to the default quality.
        context.setAntialias(style.fastAntialias ? .fast : .good)
        if style.showFloor { paintFloor(frame, gridDone: floorGridDone) }
        paintSorted(frame)
        context.setAntialias(.good)
        if style.showLabels { paintLabels(frame) }
        if cachedOverlays, let pixels {
            paintCachedOverlays(frame, into: pixels)
        } else {
            if style.title != nil { paintTitle(frame) }
            if style.showLegend { paintLegend(frame) }
            if style.showPrediction { paintPrediction(frame) }
        }
        try context.checkStatus()
    }

    /// Per-layer blend toward the background: 0 for the nearest layer, `farDimming` for the
    /// farthest.
    func dimming(_ p: Projector) -> [Double] {
        let depths = scene.layers.map { p.depth(of: $0.center) }
        guard let lo = depths.min(), let hi = depths.max(), hi > lo else { return depths.map { _ in 0 } }
        return depths.map { style.farDimming * ($0 - lo) / (hi - lo) }
    }

    /// The input as opaque grey pixels (premultiplied BGRA), one per value.
    static func grayBGRA(_ values: [Float], side: Int) -> [UInt8] {
        Raster.bgra(width: side, height: side) { x, y in
            let i = y * side + x
            return Raster.gray(i < values.count ? values[i] : 0)
        }
    }
}
