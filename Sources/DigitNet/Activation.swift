/// One named activation recorded during a forward pass.
public struct Activation: Sendable, Equatable {
    /// The layer: `input`, `conv1`, `pool1`, `conv2`, `pool2`, `fc1`, `fc2`, `output`.
    public var name: LayerID
    /// The values, `(C,H,W)` for maps and `(N)` for vectors.
    public var tensor: Tensor

    public init(name: LayerID, tensor: Tensor) {
        self.name = name
        self.tensor = tensor
    }
}
