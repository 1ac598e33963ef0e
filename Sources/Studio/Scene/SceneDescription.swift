/// Everything a scene file asks for, decoded and validated before any rendering starts.
///
/// Only `input` is required; every other field has a default (see each type).
public struct SceneDescription: Codable, Sendable, Equatable {
    /// The digit to show: a PNG path, `mnist:test:N` or `sample:N`.
    public var input: String
    /// The files to produce, in order.
    public var outputs: [SceneOutput]
    /// How frames and posters look.
    public var style: SceneStyle

    /// Creates a scene; `outputs` defaults to one orbit video with default settings.
    public init(input: String, outputs: [SceneOutput] = [.orbit(OrbitSpec())], style: SceneStyle = SceneStyle()) {
        self.input = input
        self.outputs = outputs
        self.style = style
    }
}

/// One file a scene produces.
public enum SceneOutput: Codable, Sendable, Equatable {
    /// An orbit video (or folder of PNG frames).
    case orbit(OrbitSpec)
    /// A per-layer poster.
    case poster(PosterSpec)
    /// A preprocessing illustration sheet.
    case preprocess(PreprocessSpec)

    /// The output's file path.
    public var file: String {
        switch self {
        case .orbit(let spec): spec.file
        case .poster(let spec): spec.file
        case .preprocess(let spec): spec.file
        }
    }
}

/// Width and height of a frame in pixels, written `1280x720` in scene files and on the command line.
public struct FrameSize: Codable, Sendable, Equatable, CustomStringConvertible {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// Creates a size; both sides must be positive (checked by `parse`).
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Parses `WxH` (also `W×H`); nil unless both are integers in 16...8192 and even
    /// (yuv420p video needs even sides).
    public static func parse(_ text: String) -> FrameSize? {
        let parts = text.lowercased().replacingOccurrences(of: "×", with: "x").split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let w = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let h = Int(parts[1].trimmingCharacters(in: .whitespaces)),
              (16...8192).contains(w), (16...8192).contains(h), w % 2 == 0, h % 2 == 0
        else { return nil }
        return FrameSize(width: w, height: h)
    }

    public var description: String { "\(width)x\(height)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let size = FrameSize.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected WxH, got '\(text)'"))
        }
        self = size
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The optional intro of an orbit video.
public enum Reveal: String, Codable, Sendable, Equatable, CaseIterable {
    /// No intro: every layer is lit from the first frame.
    case none
    /// Layers light up one after another in data-flow order before the camera starts to move.
    case forwardPass = "forward-pass"
}

/// How the camera's angle follows time during the orbit.
public enum Easing: String, Codable, Sendable, Equatable, CaseIterable {
    /// Constant angular speed.
    case linear
    /// Starts and ends gently (smootherstep), fastest in the middle.
    case easeInOut = "ease-in-out"
}

/// An orbit video: the camera circles the network's centre at a fixed elevation.
public struct OrbitSpec: Codable, Sendable, Equatable {
    /// Destination: `.mp4`, `.gif`, `.webm`, or a folder (no extension) of numbered PNGs.
    public var file: String = "Output/orbit.mp4"
    /// Frame size in pixels.
    public var size: FrameSize = FrameSize(width: 1280, height: 720)
    /// Frames per second.
    public var fps: Int = 30
    /// Length of the whole video in seconds, reveal included.
    public var seconds: Double = 12
    /// Camera elevation above the network's horizontal plane, in degrees (-89...89).
    public var elevation: Double = 20
    /// Camera yaw at the first frame, in degrees (0 looks straight at the input's face).
    public var yaw: Double = -35
    /// Number of full turns during the orbit part.
    public var turns: Double = 1
    /// Camera distance as a multiple of the distance that just frames the network (≥ 0.5).
    public var distance: Double = 1
    /// How the angle follows time.
    public var easing: Easing = .easeInOut
    /// Optional forward-pass intro before the orbit.
    public var reveal: Reveal = .forwardPass
    /// Seconds of the intro when `reveal` is `forward-pass`; nil picks a quarter of the video (at most 4 s).
    public var revealSeconds: Double? = nil

    /// Creates a spec with defaults for everything.
    public init() {}

    /// Total number of frames: `round(seconds × fps)`, at least one.
    public var frameCount: Int { max(1, Int((seconds * Double(fps)).rounded())) }
}

/// A per-layer poster.
public struct PosterSpec: Codable, Sendable, Equatable {
    /// Destination: `.png`, `.pdf` or `.svg`.
    public var file: String = "Output/posters.pdf"
    /// A layer name (`conv1`, `pool1`, …) or `all`.
    public var layer: String = "all"
    /// Optional raster size; nil lets the poster pick its own.
    public var size: FrameSize? = nil

    /// Creates a spec with defaults for everything.
    public init() {}
}

/// A preprocessing illustration sheet.
public struct PreprocessSpec: Codable, Sendable, Equatable {
    /// Destination: `.png`, `.pdf` or `.svg`.
    public var file: String = "Output/preprocess.png"
    /// Optional folder receiving each step as its own PNG.
    public var stepsDir: String? = nil

    /// Creates a spec with defaults for everything.
    public init() {}
}

/// Colour choices shared by every output of a scene.
public struct SceneStyle: Codable, Sendable, Equatable {
    /// Sequential colour map for activations.
    public var colormap: SceneColormap = .viridis
    /// Background colour as `#rrggbb`.
    public var background: String = "#0d1117"
    /// Strongest contributions drawn per node (top-k edges); 0 hides edges.
    public var edges: Int = 8

    /// Creates a style with defaults for everything.
    public init() {}
}

/// The sequential colour maps a scene may name.
public enum SceneColormap: String, Codable, Sendable, Equatable, CaseIterable {
    case viridis, magma, grays
}

import Foundation
