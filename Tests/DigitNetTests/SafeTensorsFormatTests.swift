import DigitNet
import Testing

/// The `__metadata__` cnnviz writes names a generic format and the model; older files (format
/// `cnnviz-lenet`) still load, other formats and versions do not.
@Suite struct SafeTensorsFormatTests {
    static func header(_ bytes: [UInt8]) -> String {
        var n = 0
        for i in 0..<8 { n |= Int(bytes[i]) << (8 * i) }
        return String(decoding: bytes[8..<(8 + n)], as: UTF8.self)
    }

    @Test("new files say format cnnviz and name the model")
    func written() throws {
        let header = Self.header(try Network(.lenet, weights: .initial(seed: 5)).safetensorsBytes())
        #expect(header.contains("\"format\":\"cnnviz\""))
        #expect(header.contains("\"model\":\"LeNet\""))
        #expect(!header.contains("cnnviz-lenet"))
        let named = Self.header(try Network(.lenet, weights: .initial(seed: 5)).safetensorsBytes(extra: ["model": "mine"]))
        #expect(named.contains("\"model\":\"mine\""))
    }

    @Test("a file written with the old format name loads; unknown formats and versions are refused")
    func legacy() throws {
        let net = try Network(.lenet, weights: .initial(seed: 5))
        let tensors = net.namedParameters.map { ($0.name, Tensor(shape: $0.shape, data: $0.values)) }
        let old = SafeTensors.encode(tensors, metadata: ["format": "cnnviz-lenet", "version": "1"])
        #expect(try Network(.lenet, weights: .bytes(old, source: "old.safetensors")) == net)
        for metadata in [["format": "cnnviz-resnet", "version": "1"], ["format": "cnnviz", "version": "2"]] {
            let bytes = SafeTensors.encode(tensors, metadata: metadata)
            #expect(throws: ModelError.self) { try Network(.lenet, weights: .bytes(bytes, source: "w")) }
        }
    }
}
