import CairoGraphics
import DigitNet
import DigitTraining
import Foundation
import Preprocessing
import Studio
import Support
import Testing

/// The cases a fuzz campaign found on earlier versions (issue 9), each pinned as a test.
@Suite("Robustness: the cases that once trapped, misled or ate memory")
struct KnownCasesTests {
    /// A fresh temporary folder for one test.
    static func folder(_ name: String) throws -> String {
        // Unique per call: parameterised cases run in parallel and each removes its own folder.
        let unique = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cnnviz-known-\(name)-\(unique)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ bytes: [UInt8], _ folder: String, _ name: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// How often `needle` occurs in `text`.
    static func occurrences(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    // MARK: PNG

    @Test(
        "PNG headers of 4294967295² and 3037000500² pixels are refused by the pixel limit, not trapped",
        arguments: [(UInt32(0xffff_ffff), UInt32(0xffff_ffff)), (3_037_000_500, 3_037_000_500), (32_767, 32_767)])
    func hugePNGHeader(width: UInt32, height: UInt32) throws {
        let dir = try Self.folder("png-huge")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var png = try Fixtures.png()
        for (k, value) in [width, height].enumerated() {
            for b in 0..<4 { png[16 + 4 * k + b] = UInt8(truncatingIfNeeded: value >> UInt32(24 - 8 * b)) }
        }
        let path = try Self.write(Fixtures.fixPNGCRCs(png), dir, "huge.png")
        do {
            _ = try CanvasDecoder.decode(file: path)
            Issue.record("a \(width)×\(height) header must be refused")
        } catch {
            guard case .imageTooLarge(let file, _, _, _, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(file == path)
            #expect(error.description.contains("50000000 pixels"))
        }
    }

    @Test("a damaged PNG gets libpng's own reason, the path once, never 'out of memory'")
    func damagedPNGMessage() throws {
        let dir = try Self.folder("png-damaged")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var png = try Fixtures.png()
        let idat = try #require(Fixtures.pngChunks(png).first { $0.type == "IDAT" })
        png[idat.offset + 8 + idat.length + 1] ^= 0xff  // the CRC
        let path = try Self.write(png, dir, "crc.png")
        do {
            _ = try CanvasDecoder.decode(file: path)
            Issue.record("a bad IDAT CRC must be refused")
        } catch {
            let message = error.description
            #expect(message.contains("CRC"), "\(message)")
            #expect(Self.occurrences(of: path, in: message) == 1, "\(message)")
            #expect(!message.contains("out of memory"))
        }
    }

    @Test("a folder or a missing file as a PNG input gets a plain reason")
    func folderAsPNG() throws {
        let dir = try Self.folder("png-folder")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: PreprocessingError.unreadableFile(file: dir, reason: "is a folder, not a file")) {
            try Preprocessor.run(file: dir)
        }
        let missing = dir + "/nope.png"
        #expect(throws: PreprocessingError.unreadableFile(file: missing, reason: "no such file")) {
            try Preprocessor.run(file: missing)
        }
        #expect(throws: CairoError.self) { try ImageSurface.readPNG(at: dir) }
    }

    @Test("the libpng decoder gives the same pixels Cairo's own reader gave for the bundled samples")
    func decoderMatchesFixture() throws {
        let dir = try Self.folder("png-roundtrip")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let surface = try ImageSurface(width: 7, height: 5)
        surface.withMutablePixels { data, stride in
            for y in 0..<5 {
                for x in 0..<7 {
                    let a = UInt8((x * 40 + y * 10) % 256)
                    let p = data + y * stride + x * 4
                    p[3] = a; p[2] = UInt8(Int(a) * x / 7); p[1] = UInt8(Int(a) * y / 5); p[0] = a / 2
                }
            }
        }
        let path = dir + "/alpha.png"
        try surface.writePNG(to: path)
        let back = try ImageSurface.readPNG(at: path)
        #expect(back.width == 7 && back.height == 5)
        // Cairo un-premultiplies on write and premultiplies on read with rounding; a round
        // trip moves each channel by at most one level.
        let a = surface.bgraBytes(), b = back.bgraBytes()
        #expect(zip(a, b).allSatisfy { abs(Int($0) - Int($1)) <= 1 })
        #expect(zip(a, b).enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element.0 == $0.element.1 })
    }

    // MARK: safetensors

    /// A safetensors file with one extra tensor entry `extra` in its header.
    static func weights(replacing name: String, entry: String) throws -> [UInt8] {
        let base = try Fixtures.safetensors()
        let headerEnd = 8 + Fixtures.safetensorsHeaderLength(base)
        var header = String(decoding: base[8..<headerEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let start = header.range(of: "\"\(name)\":{")!
        let end = header[start.upperBound...].range(of: "}")!
        header.replaceSubrange(start.lowerBound..<end.upperBound, with: "\"\(name)\":\(entry)")
        return Fixtures.safetensors(header: Array(header.utf8), data: Array(base[headerEnd...]))
    }

    @Test(
        "tensor shapes whose element count overflows or breaks the limit are errors naming the file",
        arguments: ["[2147483647,2147483647]", "[1073741824,1073741824,4]", "[4294967296,4294967296,4294967296]", "[99999999999999999999]"])
    func hugeShapes(shape: String) throws {
        let bytes = try Self.weights(replacing: "conv1.bias", entry: "{\"dtype\":\"F32\",\"shape\":\(shape),\"data_offsets\":[600,632]}")
        do {
            _ = try Network(.lenet, weights: .bytes(bytes, source: "huge.safetensors"))
            Issue.record("shape \(shape) must be refused")
        } catch {
            #expect(error.description.contains("huge.safetensors"))
        }
    }

    @Test("a NaN or infinite weight is refused at load, naming the tensor", arguments: [Float.nan, .infinity, -.infinity])
    func nonFiniteWeight(value: Float) throws {
        var net = (try Network(.lenet, weights: .initial(seed: 2)))
        var tensors = net.namedParameters.map { ($0.name, Tensor(shape: $0.shape, data: $0.values)) }
        tensors[3].1.data[7] = value
        let bytes = SafeTensors.encode(tensors, metadata: ["format": SafeTensors.formatName, "version": SafeTensors.formatVersion])
        #expect(throws: ModelError.weights(.nonFinite(file: "w.safetensors", name: tensors[3].0, index: 7))) {
            net = try Network(.lenet, weights: .bytes(bytes, source: "w.safetensors"))
        }
    }

    @Test("overlapping, gapped and out-of-range tensor offsets are refused, naming a tensor")
    func offsets() throws {
        let base = try Fixtures.safetensors()
        let tensors = (try Network(.lenet, weights: .initial(seed: 1))).namedParameters
        // conv1.weight is 8·1·5·5 floats = 800 bytes at 0..<800; conv1.bias 32 bytes at 800..<832.
        #expect(tensors[0].name == "conv1.weight" && tensors[1].name == "conv1.bias")
        let cases = [
            ("[768,800]", "overlaps"), ("[804,836]", "unused"), ("[\(base.count),\(base.count + 32)]", "past"),
        ]
        for (offsets, word) in cases {
            let bytes = try Self.weights(replacing: "conv1.bias", entry: "{\"dtype\":\"F32\",\"shape\":[8],\"data_offsets\":\(offsets)}")
            do {
                _ = try Network(.lenet, weights: .bytes(bytes, source: "o.safetensors"))
                Issue.record("offsets \(offsets) must be refused")
            } catch {
                #expect(error.description.contains("o.safetensors"), "\(error)")
                #expect(error.description.contains("'conv1."), "\(error)")
                #expect(error.description.contains(word), "\(offsets): \(error)")
            }
        }
    }

    @Test("a header naming 100,000 tensors is refused by the tensor limit, quickly")
    func manyTensors() throws {
        var header = "{"
        for i in 0..<100_000 { header += "\"t\(i)\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}," }
        header += "\"__metadata__\":{}}"
        let bytes = Fixtures.safetensors(header: Array(header.utf8), data: [])
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: ModelError.weights(.limit(LimitError(file: "many.safetensors", limit: .safetensorsTensors, found: 10_001)))) {
            try Network(.lenet, weights: .bytes(bytes, source: "many.safetensors"))
        }
        #expect(clock.now - start < .seconds(2))
    }

    @Test("files written by other tools load: no metadata, F64, F16 and BF16 tensors, extra tensors")
    func foreignFiles() throws {
        let net = (try Network(.lenet, weights: .initial(seed: 4)))
        // PyTorch's save_file: no __metadata__, tensors sorted by name, plus an unrelated integer tensor.
        var header: [String] = []
        var data: [UInt8] = []
        for (k, p) in net.namedParameters.enumerated() {
            let dtype = ["F32", "F64", "BF16", "F16"][k % 4]
            let begin = data.count
            for v in p.values {
                switch dtype {
                case "F64": data += withUnsafeBytes(of: Double(v).bitPattern.littleEndian, Array.init)
                case "BF16": data += withUnsafeBytes(of: UInt16(v.bitPattern >> 16).littleEndian, Array.init)
                case "F16": data += withUnsafeBytes(of: Float16(v).bitPattern.littleEndian, Array.init)
                default: data += withUnsafeBytes(of: v.bitPattern.littleEndian, Array.init)
                }
            }
            header.append("\"\(p.name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(p.shape),\"data_offsets\":[\(begin),\(data.count)]}")
        }
        header.append("\"steps\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[\(data.count),\(data.count + 8)]}")
        data += [7, 0, 0, 0, 0, 0, 0, 0]
        let bytes = Fixtures.safetensors(header: Array("{\(header.joined(separator: ", "))}".utf8), data: data)
        let loaded = try Network(.lenet, weights: .bytes(bytes, source: "torch.safetensors"))
        for (k, (a, b)) in zip(net.namedParameters, loaded.namedParameters).enumerated() {
            let tolerance: Float = [0, 0, 1e-2, 1e-3][k % 4]
            #expect(zip(a.values, b.values).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($0)) }, "\(a.name)")
        }
        // A cnnviz format that is not ours, or another version, is still refused.
        for metadata in [["format": "other"], ["format": SafeTensors.formatName, "version": "2"]] {
            let tensors = net.namedParameters.map { ($0.name, Tensor(shape: $0.shape, data: $0.values)) }
            #expect(throws: ModelError.self) {
                try Network(.lenet, weights: .bytes(SafeTensors.encode(tensors, metadata: metadata), source: "w"))
            }
        }
    }

    @Test("weights that overflow on an input never print a non-finite probability")
    func overflowingWeights() throws {
        let dir = try Self.folder("predict-overflow")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let png = try Self.write(try Fixtures.png(), dir, "d.png")
        let net = (try Network(.lenet, weights: .initial(seed: 3)))
        let tensors = net.namedParameters.map { ($0.name, Tensor(shape: $0.shape, data: $0.values.map { $0 >= 0 ? 3e38 : -3e38 })) }
        let huge = try Network(.lenet, weights: .bytes(SafeTensors.encode(tensors, metadata: [:]), source: "huge"))
        var lines: [String] = [], errors: [String] = []
        let failures = PredictJob.run(
            [png], network: huge, weights: "huge.safetensors", json: true, emit: { lines.append($0) },
            emitError: { errors.append("\($0)") })
        #expect(failures == 1)
        #expect(
            lines.allSatisfy { !$0.lowercased().contains("nan") && !$0.contains("inf") && !$0.contains("\"probabilities\"") }, "\(lines)")
        #expect(errors.first?.contains(png) == true, "\(errors)")
        #expect(errors.first?.hasPrefix("huge.safetensors: ") == true, "\(errors)")
    }

    // MARK: MNIST

    @Test("IDX dimensions of 0xFFFFFFFF are an error naming the file, not a trap")
    func hugeIDX() {
        let bytes = Fixtures.idx(magic: 2051, dims: [0xffff_ffff, 0xffff_ffff, 0xffff_ffff], data: [1, 2, 3])
        do {
            _ = try MNIST.parseIDX(bytes, file: "i.idx", magic: 2051, dims: 3)
            Issue.record("must be refused")
        } catch {
            #expect(error.description.contains("i.idx"))
        }
    }

    @Test("an empty MNIST set is an error, not '0 of 0 correct'")
    func emptySet() throws {
        let dir = try Self.folder("mnist-empty")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Self.write(Fixtures.idx(magic: 2051, dims: [0, 28, 28], data: []), dir, "t10k-images-idx3-ubyte")
        _ = try Self.write(Fixtures.idx(magic: 2049, dims: [0], data: []), dir, "t10k-labels-idx1-ubyte")
        #expect(throws: MNISTError.empty(file: dir + "/t10k-images-idx3-ubyte")) { try MNIST.load(directory: dir, split: .test) }
    }

    @Test("gzip inflation stops at the limit; multi-member gzip is read whole; trailing junk is refused")
    func gzip() throws {
        let data = [UInt8](repeating: 9, count: 300_000)
        let small = Limit("bytes after decompression", maximum: 100_000)
        #expect(throws: MNISTError.self) { try MNIST.gunzip(Fixtures.gzipStored(data), file: "bomb.gz", limit: small) }
        do { _ = try MNIST.gunzip(Fixtures.gzipStored(data), file: "bomb.gz", limit: small) } catch {
            #expect(error.description.contains("bomb.gz") && error.description.contains("100000 bytes after decompression"))
        }
        let a: [UInt8] = Array(0..<200), b: [UInt8] = Array(repeating: 3, count: 70_000)
        #expect(try MNIST.gunzip(Fixtures.gzipStored(a) + Fixtures.gzipStored(b), file: "two.gz") == a + b)
        #expect(try MNIST.gunzip(Fixtures.gzipStored(a) + [0, 0, 0], file: "pad.gz") == a)
        #expect(throws: MNISTError.self) { try MNIST.gunzip(Fixtures.gzipStored(a) + [1, 2, 3], file: "junk.gz") }
    }

    @Test("a gzip'd IDX that inflates past what its header promises is stopped there, not at the global limit")
    func idxBomb() throws {
        let dir = try Self.folder("mnist-bomb")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The header promises 2 images (16 + 1,568 bytes); the stream carries 3 MB more.
        let promised = 16 + 2 * 784
        let bomb = Fixtures.idx(magic: 2051, dims: [2, 28, 28], data: [UInt8](repeating: 0, count: 3_000_000))
        let path = try Self.write(Fixtures.gzipStored(bomb), dir, "t10k-images-idx3-ubyte.gz")
        do {
            _ = try MNIST.readMaybeGzip(path, idxDims: 3)
            Issue.record("an IDX stream longer than its header promises must be refused")
        } catch {
            guard case .limit(let limit) = error else { Issue.record("unexpected \(error)"); return }
            #expect(limit.file == path && limit.limit.maximum == promised)
            // Stopped within one inflate chunk (1 MiB) of the promise, far below the 3 MB stream.
            #expect((limit.found ?? .max) <= promised + (1 << 20))
            #expect(error.description.contains("IDX header promises"))
        }
        // The same stream without the promise is read whole (up to the global limit).
        #expect(try MNIST.readMaybeGzip(path).count == bomb.count)
    }

    @Test("a folder where an MNIST file should be gets a plain reason")
    func mnistFolder() throws {
        let dir = try Self.folder("mnist-folder")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/t10k-images-idx3-ubyte.gz", withIntermediateDirectories: false)
        _ = try Self.write(Fixtures.gzipStored(Fixtures.mnistFiles(images: 2).labels), dir, "t10k-labels-idx1-ubyte.gz")
        #expect(throws: MNISTError.unreadable(file: dir + "/t10k-images-idx3-ubyte.gz", reason: "is a folder, not a file")) {
            try MNIST.load(directory: dir, split: .test)
        }
    }

    // MARK: Scenes

    @Test("scene files that nest too deeply, are too large, list too many outputs or are folders are SceneFileErrors")
    func sceneLimits() throws {
        let dir = try Self.folder("scene-limits")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let texts = [
            "deep-flow.yaml": "input: x.png\noutputs: " + String(repeating: "[", count: 200_000),
            "deep-block.yaml": "input: x.png\noutputs:\n" + String(repeating: "- ", count: 100_000) + "x\n",
            "deep-indent.yaml": "input: x.png\noutputs:\n"
                + (1...200).map { String(repeating: " ", count: $0) + "- a:" }.joined(separator: "\n"),
            "large.yaml": "input: x.png\n" + String(repeating: "# padding\n", count: 120_000),
            "outputs.yaml": "input: x.png\noutputs:\n" + String(repeating: "  - poster: {}\n", count: 1_001),
            "documents.yaml": String(repeating: "---\ninput: x.png\n", count: 1_001),
        ]
        for (name, text) in texts {
            let path = try Self.write(Array(text.utf8), dir, name)
            do {
                _ = try SceneDescription.loadAll(path: path)
                Issue.record("\(name) must be refused")
            } catch {
                #expect(error.file == path)
                #expect(error.description.contains("limit"), "\(name): \(error)")
            }
        }
        do {
            _ = try SceneDescription.load(path: dir)
            Issue.record("a folder must be refused")
        } catch {
            #expect(error.description == "\(dir): cannot read scene file (is a folder, not a file)")
        }
    }
}
