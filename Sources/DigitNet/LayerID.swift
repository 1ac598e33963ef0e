/// Which layer of a network: the input (``LayerID/input``) or a stage (`conv1`, `pool1`, …,
/// `output`). Traces, scenes, layouts, posters and weights name layers with this type, so a
/// layer is never a bare string passed between targets.
public struct LayerID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The name as written in weights (`conv1.weight`), scenes and on screen.
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// The layer called `name`.
    public init(_ name: String) { self.rawValue = name }

    public init(stringLiteral value: String) { self.rawValue = value }

    /// The network's input image, recorded first in every trace.
    public static let input: LayerID = "input"

    public var description: String { rawValue }

    public static func < (a: LayerID, b: LayerID) -> Bool { a.rawValue < b.rawValue }
}
