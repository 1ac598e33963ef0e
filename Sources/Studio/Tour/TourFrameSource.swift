import CairoGraphics
import DigitNet
import Foundation
import Renderer
import SceneGraph

/// The frames of a tour: one planned timeline and one prepared renderer shared by every
/// worker; frame `i` is the plan's state at `i / fps`, computed on its own.
public struct TourFrameSource: SurfaceFrameSource {
    public let renderer: FrameRenderer
    public let plan: TourPlan
    public let size: FrameSize
    public let fps: Int
    /// Whether captions are drawn into the frames.
    public let drawsCaptions: Bool
    /// The last few frames drawn, reused for frames that look the same (still stretches).
    let recent = RecentFrames()

    public init(renderer: FrameRenderer, plan: TourPlan, fps: Int, drawsCaptions: Bool) {
        self.renderer = renderer
        self.plan = plan
        self.size = FrameSize(width: plan.width, height: plan.height)
        self.fps = fps
        self.drawsCaptions = drawsCaptions
    }

    /// Frames in the whole tour: `round(duration × fps)`, at least one.
    public var frameCount: Int { max(1, Int((plan.duration * Double(fps)).rounded())) }

    /// What frame `index` shows.
    public func state(at index: Int) -> TourFrameState {
        var state = plan.state(at: Double(index) / Double(fps))
        if !drawsCaptions { state.caption = nil }
        return state
    }

    /// The frame at `time` seconds (for previews).
    public func image(atTime time: Double) throws -> ImageSurface {
        var state = plan.state(at: time)
        if !drawsCaptions { state.caption = nil }
        return try renderer.renderTour(state, plan: plan)
    }

    public func image(_ index: Int) throws -> ImageSurface { try renderer.renderTour(state(at: index), plan: plan) }

    public func frame(_ index: Int, format: PixelFormat) throws -> [UInt8] {
        let state = state(at: index)
        if let bytes = recent.bytes(for: state, format: format) { return bytes }
        let bytes = try draw(state, format: format)
        recent.keep(bytes, for: state, format: format)
        return bytes
    }

    /// As `frame(_:format:)` (through the cache of recent frames; `buffer` is replaced).
    public func frame(_ index: Int, format: PixelFormat, into buffer: inout [UInt8]) throws {
        buffer = try frame(index, format: format)
    }

    /// `state` drawn and converted to `format`.
    func draw(_ state: TourFrameState, format: PixelFormat) throws -> [UInt8] {
        try format.bytes(of: renderer.renderTour(state, plan: plan), size: size)
    }
}
