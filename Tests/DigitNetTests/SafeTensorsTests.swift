import DigitNet
import Foundation
import Testing

@Suite struct SafeTensorsTests {
    @Test("weights survive a write and read unchanged")
    func roundTrip() throws {
        let net = try Network(.lenet, weights: .initial(seed: 5))
        let loaded = try Network(.lenet, weights: .bytes(net.safetensorsBytes(extra: ["note": "test"]), source: "mem"))
        #expect(loaded == net)
    }

    @Test("the header is little-endian length + JSON naming every tensor with its shape")
    func headerLayout() throws {
        let bytes = try Network(.lenet, weights: .initial(seed: 5)).safetensorsBytes()
        var n = 0
        for i in 0..<8 { n |= Int(bytes[i]) << (8 * i) }
        #expect(n % 8 == 0)
        let header = String(decoding: bytes[8..<(8 + n)], as: UTF8.self)
        #expect(header.contains("\"conv1.weight\":{\"dtype\":\"F32\",\"shape\":[8,1,5,5],\"data_offsets\":[0,800]}"))
        #expect(header.contains("\"output.bias\""))
        #expect(bytes.count == 8 + n + 62_558 * 4)
    }

    @Test("truncated files, garbage and wrong shapes are errors that name the file")
    func corruptFiles() throws {
        let good = try Network(.lenet, weights: .initial(seed: 5)).safetensorsBytes()
        #expect(throws: ModelError.self) { try Network(.lenet, weights: .bytes(Array(good.prefix(5)), source: "w.safetensors")) }
        #expect(throws: ModelError.self) { try Network(.lenet, weights: .bytes(Array(good.dropLast(4)), source: "w.safetensors")) }
        var garbage = good
        for i in 8..<40 { garbage[i] = 0x7b }
        #expect(throws: ModelError.self) { try Network(.lenet, weights: .bytes(garbage, source: "w.safetensors")) }
        var hugeHeader = good
        hugeHeader[7] = 0x7f
        do {
            _ = try Network(.lenet, weights: .bytes(hugeHeader, source: "w.safetensors"))
            Issue.record("a header length beyond the file must be rejected")
        } catch {
            #expect("\(error)".contains("w.safetensors"))
        }
        // A tensor with the wrong shape.
        var tensors = try Network(.lenet, weights: .initial(seed: 5)).namedParameters.map {
            ($0.name, Tensor(shape: $0.shape, data: $0.values))
        }
        tensors[0] = ("conv1.weight", Tensor(shape: [8, 25], data: tensors[0].1.data))
        let wrongShape = SafeTensors.encode(tensors, metadata: ["format": SafeTensors.formatName, "version": SafeTensors.formatVersion])
        #expect(throws: ModelError.weights(.shapeMismatch(file: "w", name: "conv1.weight", expected: [8, 1, 5, 5], found: [8, 25]))) {
            try Network(.lenet, weights: .bytes(wrongShape, source: "w"))
        }
        // A safetensors file that is not ours.
        let foreign = SafeTensors.encode(tensors, metadata: [:])
        #expect(throws: ModelError.self) { try Network(.lenet, weights: .bytes(foreign, source: "w")) }
        // A missing file.
        #expect(throws: ModelError.self) { try Network(.lenet, weights: .file(URL(fileURLWithPath: "/nonexistent/w.safetensors"))) }
    }

    @Test("the bundled weights load and classify a blank image with finite probabilities")
    func bundled() throws {
        let net = try Network(.lenet, weights: .bundled)
        let trace = net.forward(Tensor(zeros: [1, 28, 28]))
        #expect(trace.probabilities.count == 10)
        #expect(trace.probabilities.allSatisfy { $0.isFinite })
    }
}
