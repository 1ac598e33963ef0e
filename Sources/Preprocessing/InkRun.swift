/// A horizontal run of ink pixels `x0..<x1` on row `y`, belonging to component `component`.
public struct InkRun: Sendable, Equatable {
    public var y: Int32
    public var x0: Int32
    public var x1: Int32
    public var component: Int32
}
