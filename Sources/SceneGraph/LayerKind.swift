/// What a layer is, which decides how it is drawn.
public enum LayerKind: Sendable, Equatable {
    /// The input image (one grey map).
    case input
    /// A convolution or pooling result: a grid of feature maps.
    case maps
    /// A hidden dense layer: a grid of node squares.
    case dense
    /// The class scores: a column of nodes labelled 0–9.
    case output
}
