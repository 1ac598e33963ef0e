import DigitNet
import Foundation
import Testing

@Suite struct ArchitectureTests {
    @Test("LeNet described as an architecture groups into the seven displayed stages")
    func lenetStages() throws {
        let stages = try Architecture.lenet.stages()
        #expect(stages.map(\.name) == ["conv1", "pool1", "conv2", "pool2", "fc1", "fc2", "output"])
        #expect(
            stages.map(\.caption) == [
                "conv 5×5 · ReLU", "max-pool 2×2", "conv 5×5 · ReLU", "max-pool 2×2",
                "flatten · dense · ReLU", "dense · ReLU", "dense · softmax",
            ])
        #expect(stages[0].conv == Conv2D(inChannels: 1, filters: 8, kernel: 5, padding: 2))
        #expect(stages[4].dense == Dense(inputs: 400, outputs: 120))
        #expect(stages[1].operations == [.maxPool2D(window: 2, stride: 2)])
    }

    @Test("unnamed stages are named by type and order; flatten joins the stage after it")
    func automaticNames() throws {
        let arch = Architecture(
            name: "tiny", inputShape: [1, 8, 8], labels: ["a", "b", "c"],
            layers: [
                .conv2d(filters: 2, kernel: 3), .relu, .maxpool2d(kernel: 2), .conv2d(filters: 4, kernel: 3),
                .flatten, .linear(units: 5), .relu, .linear(name: "scores", units: 3),
            ])
        let network = try Network(arch, weights: .zeros)
        #expect(network.stages.map(\.name) == ["conv1", "pool1", "conv2", "fc1", "scores"])
        #expect(network.shapes == [[1, 8, 8], [2, 6, 6], [2, 3, 3], [4, 1, 1], [5], [3]])
        #expect(network.stages[3].operations.first == .flatten)
        #expect(network.labels == ["a", "b", "c"])
        // Without softmax the last stage's scores are the logits.
        let trace = network.forward(Tensor(zeros: [1, 8, 8]))
        #expect(trace.probabilities.count == 3)
    }

    @Test(
        "descriptions that do not hold together are errors naming the model and the layer",
        arguments: [
            ([LayerSpec.flatten, .linear(units: 10), .conv2d(filters: 2, kernel: 3)], "layer 3: conv2d needs feature maps"),
            ([.linear(units: 10)], "layer 1: linear needs a vector"),
            ([.conv2d(filters: 2, kernel: 30)], "layer 1: conv2d kernel 30 is larger"),
            ([.conv2d(filters: 0, kernel: 3)], "layer 1: conv2d needs positive filters"),
            ([.maxpool2d(kernel: 29)], "layer 1: maxpool2d kernel 29 is larger"),
            ([.relu, .flatten, .linear(units: 10)], "layer 1: relu must follow"),
            ([.flatten, .linear(units: 10), .softmax, .relu], "layer 3: softmax must be the last layer"),
            ([.flatten, .linear(name: "a", units: 10), .linear(name: "a", units: 10)], "layer 3: the name 'a' is used twice"),
            ([.flatten, .linear(name: "input", units: 10)], "layer 2: the name 'input' is used twice"),
            ([.conv2d(filters: 1 << 20, kernel: 1 << 10)], "layer 1: conv2d has more than"),
            ([.flatten, .linear(units: 7)], "the last layer has 7 outputs but there are 10 labels"),
            ([.relu], "layer 1: relu must follow"),
            ([.flatten], "there is no conv2d, pooling or linear layer"),
        ])
    func invalid(layers: [LayerSpec], message: String) {
        let arch = Architecture(name: "bad.yaml", inputShape: [1, 28, 28], layers: layers)
        do {
            _ = try Network(arch, weights: .zeros)
            Issue.record("expected an error containing '\(message)'")
        } catch {
            #expect(error.description.hasPrefix("bad.yaml: "))
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test("an input that is not (C,H,W) with positive sizes is refused")
    func invalidInput() {
        for shape in [[28, 28], [1, 0, 28], [1, -3, 28]] {
            let arch = Architecture(name: "m", inputShape: shape, layers: [.flatten, .linear(units: 10)])
            #expect(throws: ModelError.self) { try arch.stages() }
        }
    }
}

@Suite struct BuildPathTests {
    @Test("LeNet has the documented shapes and 62,558 parameters")
    func lenetShapes() throws {
        let net = try Network(.lenet, weights: .zeros)
        #expect(net.shapes == [[1, 28, 28], [8, 28, 28], [8, 14, 14], [16, 10, 10], [16, 5, 5], [120], [84], [10]])
        #expect(net.parameterCount == 62_558)
        #expect(net.flatWeights.allSatisfy { $0 == 0 })
        #expect(net.architecture == .lenet)
    }

    @Test("seeded start weights are He-uniform, reproducible and zero in the biases")
    func initialWeights() throws {
        let a = try Network(.lenet, weights: .initial(seed: 3)), b = try Network(.lenet, weights: .initial(seed: 3))
        let c = try Network(.lenet, weights: .initial(seed: 4))
        #expect(a == b)
        #expect(a != c)
        let conv1 = try #require(a.stages[0].conv)
        let bound = (6 / Float(25)).squareRoot()
        #expect(conv1.weight.allSatisfy { abs($0) <= bound } && conv1.weight.contains { $0 != 0 })
        #expect(conv1.bias.allSatisfy { $0 == 0 })
    }

    @Test("every weights source reaches the same network")
    func sourcesAgree() throws {
        let seeded = try Network(.lenet, weights: .initial(seed: 5))
        let bytes = seeded.safetensorsBytes()
        let tensors = Dictionary(uniqueKeysWithValues: seeded.namedParameters.map { ($0.name, Tensor(shape: $0.shape, data: $0.values)) })
        #expect(try Network(.lenet, weights: .bytes(bytes, source: "mem")) == seeded)
        #expect(try Network(.lenet, weights: .tensors(tensors, source: "mem")) == seeded)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cnnviz-build-path-\(getpid()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try seeded.write(to: url)
        #expect(try Network(.lenet, weights: .file(url)) == seeded)
        #expect(try Network(.lenet, weights: WeightsSource(path: url.path)) == seeded)
        #expect(WeightsSource(path: nil) == .bundled)
    }

    @Test("weights that do not fit are errors naming the source and tensor")
    func weightsErrors() throws {
        var tensors = Dictionary(
            uniqueKeysWithValues: try Network(.lenet, weights: .zeros).namedParameters
                .map { ($0.name, Tensor(shape: $0.shape, data: $0.values)) })
        tensors["fc2.bias"] = nil
        #expect(throws: ModelError.weights(.missingTensor(file: "w", name: "fc2.bias"))) {
            try Network(.lenet, weights: .tensors(tensors, source: "w"))
        }
        do {
            _ = try Network(.lenet, weights: .file(URL(fileURLWithPath: "/nonexistent/w.safetensors")))
            Issue.record("a missing file must be an error")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/w.safetensors: "))
        }
    }
}

extension Network {
    /// Every learned value (for tests).
    var flatWeights: [Float] { namedParameters.flatMap(\.values) }
}
