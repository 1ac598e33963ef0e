import DigitNet
import Testing

@Suite("Receptive fields")
struct ReceptiveFieldTests {
    @Test("LeNet by hand: conv1 5, pool1 6, conv2 14, pool2 16, then the whole input")
    func lenet() throws {
        let fields = ReceptiveField.of(try Architecture.lenet.stages())
        #expect(fields == [.window(5), .window(6), .window(14), .window(16), .wholeInput, .wholeInput, .wholeInput])
    }

    /// The naive reference: the input rows output row `row` of the last window layer reads,
    /// found by walking the layers backwards one index interval at a time (padding ignored: it
    /// moves windows, it does not widen them).
    static func naiveSide(_ layers: [(kernel: Int, stride: Int)]) -> Int {
        var low = 3
        var high = 3
        for layer in layers.reversed() {
            low = low * layer.stride
            high = high * layer.stride + layer.kernel - 1
        }
        return high - low + 1
    }

    @Test("random stacks of convolutions and pools agree with the naive backwards walk", arguments: 0..<20)
    func randomStacks(_ seed: Int) throws {
        var state = UInt64(seed + 1) &* 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var layers: [LayerSpec] = []
        var windows: [(kernel: Int, stride: Int)] = []
        var expected: [ReceptiveField] = []
        for _ in 0..<(1 + next(4)) {
            let kernel = 1 + next(3)
            let stride = 1 + next(2)
            if next(2) == 0 {
                layers += [.conv2d(filters: 2, kernel: kernel, stride: stride, padding: kernel / 2), .relu]
            } else {
                layers.append(.maxpool2d(kernel: kernel, stride: stride))
            }
            windows.append((kernel, stride))
            expected.append(.window(Self.naiveSide(windows)))
        }
        layers += [.flatten, .linear(units: 10)]
        expected.append(.wholeInput)
        let architecture = Architecture(name: "random", inputShape: [1, 64, 64], layers: layers)
        #expect(ReceptiveField.of(try architecture.stages()) == expected)
    }
}
