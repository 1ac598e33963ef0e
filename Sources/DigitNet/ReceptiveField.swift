/// How much of the input one value of a stage's output can see: a square window of input
/// pixels, or the whole input (after a flatten or a dense layer).
public enum ReceptiveField: Sendable, Equatable, CustomStringConvertible {
    /// A `size`×`size` window of input pixels.
    case window(Int)
    /// Every input pixel.
    case wholeInput

    public var description: String {
        switch self {
        case let .window(size): "\(size)×\(size)"
        case .wholeInput: "whole input"
        }
    }

    /// The receptive field after each of `stages`, in order. A window of `k` with stride `s`
    /// grows the field by `(k − 1) · jump` and multiplies the jump (the input distance between
    /// neighbouring outputs) by `s`; padding moves the window but does not widen it. Sizes
    /// saturate at `Int.max` rather than overflow.
    public static func of(_ stages: [Stage]) -> [ReceptiveField] {
        var size = 1
        var jump = 1
        var whole = false
        var fields: [ReceptiveField] = []
        for stage in stages {
            for operation in stage.operations {
                switch operation {
                case let .conv2D(conv): (size, jump) = grow(size, jump, kernel: conv.kernel, stride: conv.stride)
                case let .maxPool2D(window, stride), let .avgPool2D(window, stride):
                    (size, jump) = grow(size, jump, kernel: window, stride: stride)
                case .flatten, .dense: whole = true
                case .relu, .tanh, .sigmoid, .batchNorm, .dropout, .softmax, .logSoftmax: break
                }
            }
            fields.append(whole ? .wholeInput : .window(size))
        }
        return fields
    }

    /// The field and jump after a window of `kernel` with `stride`.
    static func grow(_ size: Int, _ jump: Int, kernel: Int, stride: Int) -> (Int, Int) {
        let (widen, o1) = (kernel - 1).multipliedReportingOverflow(by: jump)
        let (newSize, o2) = size.addingReportingOverflow(widen)
        let (newJump, o3) = jump.multipliedReportingOverflow(by: stride)
        return (o1 || o2 ? Int.max : newSize, o3 ? Int.max : newJump)
    }
}
