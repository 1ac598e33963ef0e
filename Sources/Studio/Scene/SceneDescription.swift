/// Everything a scene file asks for, decoded and validated before any rendering starts.
///
/// Only `input` is required; every other field has a default (see each type).
public struct SceneDescription: Sendable, Equatable {
    /// The digit to show: a PNG path, `mnist:test:N` or `sample:N`.
    public var input: String
    /// The input's true class when the scene states it (`label:`); it overrides the label an
    /// MNIST input or a bundled sample carries. Pictures mark a prediction that disagrees.
    public var label: Int?
    /// The files to produce, in order.
    public var outputs: [SceneOutput]
    /// How frames and posters look.
    public var style: SceneStyle
    /// A model file (`model:`, resolved against the scene file's folder), or nil for the
    /// network the command line names (the bundled LeNet by default).
    public var model: String?
    /// Where each key was written, for errors found after decoding (empty for a scene built
    /// in code); never part of equality.
    public var locations: SceneLocations

    /// Creates a scene; `outputs` defaults to one orbit video with default settings.
    public init(
        input: String, outputs: [SceneOutput] = [.orbit(OrbitSpec())], style: SceneStyle = SceneStyle(),
        model: String? = nil, label: Int? = nil, locations: SceneLocations = SceneLocations()
    ) {
        self.model = model
        self.label = label
        self.input = input
        self.outputs = outputs
        self.style = style
        self.locations = locations
    }

    /// The key path of output `index`'s entry, e.g. `outputs[1].poster`.
    public func keyPath(ofOutput index: Int) -> String {
        "outputs[\(index)].\(outputs[index].kind)"
    }
}

/// One file a scene produces.
public enum SceneOutput: Sendable, Equatable {
    /// An orbit video (or folder of PNG frames).
    case orbit(OrbitSpec)
    /// A per-layer poster.
    case poster(PosterSpec)
    /// A preprocessing illustration sheet.
    case preprocess(PreprocessSpec)
    /// A replay of a digit being drawn, the network reading it all the while.
    case replay(ReplaySpec)
    /// One input varied along the timeline (video) or an axis (figure).
    case sweep(SweepSpec)
    /// A narrated camera tour (shots, captions, chapters).
    case tour(TourSpec)

    /// The key naming this kind in a scene file: `orbit`, `poster`, `preprocess`, `tour`, `replay` or `sweep`.
    public var kind: String {
        switch self {
        case .orbit: "orbit"
        case .poster: "poster"
        case .preprocess: "preprocess"
        case .replay: "replay"
        case .sweep: "sweep"
        case .tour: "tour"
        }
    }

    /// The output's file path.
    public var file: String {
        switch self {
        case .orbit(let spec): spec.file
        case .poster(let spec): spec.file
        case .preprocess(let spec): spec.file
        case .replay(let spec): spec.file
        case .sweep(let spec): spec.file
        case .tour(let spec): spec.file
        }
    }
}
