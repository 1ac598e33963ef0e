import Geometry

/// Everything that varies in a tour frame, computed from the time alone (so any frame can be
/// drawn on its own, in any process).
public struct TourFrameState: Sendable, Equatable {
    public var time: Double
    /// Index of the shot playing.
    public var shot: Int
    public var pose: CameraPose
    public var camera: Camera
    /// Forward-pass progress 0…1, nil when every layer is lit.
    public var reveal: Double?
    /// The layer whose maps are open and how far (0 closed … 1 open).
    public var open: (layer: Int, amount: Double)?
    /// The neuron shot playing (index into the plan's shots) and how far its highlight is shown.
    public var neuron: (shot: Int, amount: Double)?
    /// Caption text and opacity.
    public var caption: (text: String, alpha: Double)?
    /// Chapter title and opacity.
    public var title: (text: String, alpha: Double)?
    /// Opacity of the prediction panel.
    public var prediction: Double

    public static func == (a: TourFrameState, b: TourFrameState) -> Bool {
        a.time == b.time && a.looksLike(b)
    }

    /// True when the two states draw the same picture: everything but the time is equal
    /// (drawing never reads the time itself), as in the still stretches of holds, opened
    /// layers and neuron shots.
    public func looksLike(_ b: TourFrameState) -> Bool {
        let a = self
        return a.shot == b.shot && a.pose == b.pose && a.camera == b.camera && a.reveal == b.reveal
            && a.open?.layer == b.open?.layer && a.open?.amount == b.open?.amount && a.neuron?.shot == b.neuron?.shot
            && a.neuron?.amount == b.neuron?.amount && a.caption?.text == b.caption?.text
            && a.caption?.alpha == b.caption?.alpha && a.title?.text == b.title?.text && a.title?.alpha == b.title?.alpha
            && a.prediction == b.prediction
    }
}
