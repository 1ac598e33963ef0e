import DigitNet
import Testing

/// A seeded LeNet with non-zero biases (so the bias term of a contribution sum is exercised)
/// and an image with values in [0,1].
private func fixture() throws -> (Network, Tensor, Trace) {
    let seeded = try Network(.lenet, weights: .initial(seed: 11))
    var tensors: [String: Tensor] = [:]
    for (i, p) in seeded.namedParameters.enumerated() {
        let values = p.name.hasSuffix(".bias") ? randomFloats(p.values.count, seed: UInt64(100 + i)).map { $0 * 0.1 } : p.values
        tensors[p.name] = Tensor(shape: p.shape, data: values)
    }
    let network = try Network(.lenet, weights: .tensors(tensors, source: "test"))
    let image = Tensor(shape: [1, 28, 28], data: randomFloats(784, seed: 12).map { abs($0) })
    return (network, image, network.forwardReference(image))
}

@Suite struct NormalizationTests {
    @Test("the trace carries the input as given and as the first stage read it")
    func traceCarriesNormalizedInput() throws {
        let (network, image, trace) = try fixture()
        #expect(trace[.input] == image)
        #expect(trace.normalizedInput.shape == [1, 28, 28])
        let n = network.normalization
        #expect(n == InputNormalization(mean: 0.1307, std: 0.3081))
        for i in stride(from: 0, to: 784, by: 37) {
            #expect(abs(trace.normalizedInput.data[i] - (image.data[i] - 0.1307) / 0.3081) < 1e-5)
        }
        #expect(network.input(ofStage: 0, in: trace) == trace.normalizedInput)
        #expect(network.input(ofStage: 3, in: trace) == trace["conv2"])
    }

    @Test("conv1's activation is the naive convolution of the normalised input")
    func firstStageReadsNormalizedInput() throws {
        let (network, _, trace) = try fixture()
        let c = try #require(network.stages[0].conv)
        var y = [Float](repeating: 0, count: 8 * 28 * 28)
        Kernels.conv2DNaive(
            input: trace.normalizedInput.data, channels: 1, height: 28, width: 28, weight: c.weight, bias: c.bias,
            filters: 8, kernel: 5, stride: 1, padding: 2, output: &y)
        #expect(y.map { max($0, 0) } == trace["conv1"]?.data)
    }

    @Test("normalising is (x − mean) / std, in place or as a copy; identity leaves values alone")
    func apply() {
        let values: [Float] = [0, 0.5, 1]
        let n = InputNormalization(mean: 0.5, std: 0.25)
        #expect(n.applied(to: values) == [-2, 0, 2])
        var copy = values
        copy.withUnsafeMutableBufferPointer { n.apply($0.baseAddress!, count: $0.count) }
        #expect(copy == [-2, 0, 2])
        #expect(InputNormalization.identity.applied(to: values) == values)
        #expect(InputNormalization(mean: 0.1307, std: 0.3081).formula == "(x−0.1307)/0.3081")
        #expect(n.applied(to: []) == [])
    }
}

@Suite struct ContributionTests {
    /// The pre-activation values of stage `s` from the naive kernels.
    private func preActivation(_ network: Network, stage s: Int, trace: Trace) throws -> [Float] {
        let stage = network.stages[s]
        let input = try #require(network.input(ofStage: s, in: trace)).data
        let shape = network.shapes[s]
        if let c = stage.conv {
            let out = c.outputShape(shape)
            var y = [Float](repeating: 0, count: out.reduce(1, *))
            Kernels.conv2DNaive(
                input: input, channels: shape[0], height: shape[1], width: shape[2], weight: c.weight, bias: c.bias,
                filters: c.filters, kernel: c.kernel, stride: c.stride, padding: c.padding, output: &y)
            return y
        }
        let d = try #require(stage.dense)
        var y = [Float](repeating: 0, count: d.outputs)
        Kernels.denseNaive(input: input, inputs: d.inputs, weight: d.weight, bias: d.bias, outputs: d.outputs, output: &y)
        return y
    }

    @Test("a conv or dense unit's terms plus its bias sum to the naive kernel's value", arguments: [0, 2, 4, 5, 6])
    func termsSumToPreActivation(stage s: Int) throws {
        let (network, _, trace) = try fixture()
        let expected = try preActivation(network, stage: s, trace: trace)
        let input = try #require(network.input(ofStage: s, in: trace)).data
        let stage = network.stages[s]
        for unit in stride(from: 0, to: expected.count, by: max(1, expected.count / 97)) {
            let terms = stage.contributions(to: unit, input: input, inputShape: network.shapes[s])
            let sum = terms.reduce(Double(stage.bias(of: unit, inputShape: network.shapes[s]))) { $0 + $1.value }
            #expect(abs(sum - Double(expected[unit])) < 1e-4 * max(1, abs(Double(expected[unit]))), "stage \(stage.name) unit \(unit)")
            // Each term is the product of the input and weight it names.
            for t in terms.prefix(5) {
                let w = try #require(t.weight)
                let weights = stage.conv?.weight ?? stage.dense?.weight ?? []
                #expect(t.value == Double(weights[w]) * Double(input[t.input]))
            }
        }
    }

    @Test("a convolution's receptive field is the K×K×C window, clipped by the padding")
    func receptiveField() throws {
        let (network, _, trace) = try fixture()
        let conv1 = network.stages[0], conv2 = network.stages[2]
        let x = trace.normalizedInput.data
        // conv1 pads by 2: the corner unit sees 3×3 real pixels, a middle one the full 5×5.
        #expect(Set(conv1.contributions(to: 0, input: x, inputShape: [1, 28, 28]).map(\.input)) == Set([0, 1, 2, 28, 29, 30, 56, 57, 58]))
        #expect(conv1.contributions(to: 14 * 28 + 14, input: x, inputShape: [1, 28, 28]).count == 25)
        // conv2 reads all 8 maps of pool1 through 5×5 windows; filter 3 uses weights of filter 3 only.
        let pool1 = try #require(trace["pool1"]).data
        let terms = conv2.contributions(to: 3 * 100 + 7, input: pool1, inputShape: [8, 14, 14])
        #expect(terms.count == 200)
        #expect(terms.allSatisfy { ($0.weight ?? -1) / 200 == 3 })
        #expect(conv1.contributions(to: 8 * 784, input: x, inputShape: [1, 28, 28]).isEmpty)
    }

    @Test("a pooled unit's one contributor is its window's maximum, equal to the pooled value", arguments: [1, 3])
    func pooling(stage s: Int) throws {
        let (network, _, trace) = try fixture()
        let input = try #require(network.input(ofStage: s, in: trace)).data
        let output = try #require(trace[network.stages[s].name]).data
        for unit in stride(from: 0, to: output.count, by: 13) {
            let terms = network.stages[s].contributions(to: unit, input: input, inputShape: network.shapes[s])
            #expect(terms.count == 1 && terms[0].weight == nil)
            #expect(terms[0].value == Double(output[unit]))
            #expect(Float(terms[0].value) == input[terms[0].input])
        }
    }

    @Test("contribution paths run from the predicted class back to the input, strongest first")
    func paths() throws {
        let (network, _, trace) = try fixture()
        let links = network.contributionPaths(in: trace, linksPerUnit: 8, unitsPerLayer: 6)
        #expect(Set(links.map(\.fromLayer)) == Set(0..<7))
        #expect(links.map(\.fromLayer) == links.map(\.fromLayer).sorted())
        let last = links.filter { $0.fromLayer == 6 }
        #expect(!last.isEmpty && last.allSatisfy { $0.to == trace.prediction })
        #expect(last.reduce(0) { $0 + $1.share } <= 1 + 1e-9)
        #expect(links.allSatisfy { $0.share > 0 })
        // Every link into layer s + 1 starts where a kept link of the next layer starts.
        for s in 0..<6 {
            let sources = Set(links.filter { $0.fromLayer == s + 1 }.map(\.from))
            #expect(links.filter { $0.fromLayer == s }.allSatisfy { sources.contains($0.to) })
            #expect(Set(links.filter { $0.fromLayer == s }.map(\.from)).count <= 6)
        }
        #expect(network.contributionPaths(in: trace, linksPerUnit: 0, unitsPerLayer: 6).isEmpty)
    }
}

@Suite struct LayerIDTests {
    @Test("layers are named by LayerID in stages, traces and lookups")
    func typedIDs() throws {
        let (network, _, trace) = try fixture()
        let conv2: LayerID = "conv2"
        #expect(conv2 == LayerID("conv2") && conv2 == LayerID(rawValue: "conv2"))
        #expect(conv2.rawValue == "conv2" && "\(conv2)" == "conv2")
        #expect(LayerID.input.rawValue == "input")
        #expect(network.stageIndex(of: conv2) == 2)
        #expect(network.stageIndex(of: "nope") == nil)
        #expect(trace.names == [.input] + network.stages.map(\.name))
        #expect(trace[conv2]?.shape == [16, 10, 10])
        #expect(network.namedParameters.first?.name == "conv1.weight")
    }
}
