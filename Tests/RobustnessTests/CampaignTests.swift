import CairoGraphics
import DigitNet
import DigitTraining
import Foundation
import Preprocessing
import Studio
import Support
import Testing

/// Seeded mutation campaigns against every file reader, run in process (a few hundred
/// cases each). Each mutant must load or fail with the reader's typed error naming the
/// file; nothing may be written or deleted; a crash fails the whole suite.
@Suite("Robustness: seeded mutation campaigns against the file readers")
struct CampaignTests {
    @Test("mutated PNGs: decoded or refused with a PreprocessingError naming the file")
    func png() throws {
        let base = try Fixtures.png()
        let chunks = Fixtures.pngChunks(base)
        let campaign = MutationCampaign(kind: "png", cases: 400, seed: 0x9e_0001)
        let report = try campaign.run(
            fileName: "digit.png",
            mutant: { i, m in
                switch i % 4 {
                case 0: return m.mutateBytes(base)
                case 1, 2:
                    // Inside one chunk (often IHDR), with CRCs fixed so libpng reads the data.
                    let chunk = i % 4 == 1 ? chunks[0] : chunks[m.rng.int(chunks.count)]
                    let mutated = m.mutateBytes(base, region: (chunk.offset + 8)..<(chunk.offset + 8 + chunk.length))
                    return Fixtures.fixPNGCRCs(mutated)
                default: return Array(base.prefix(m.rng.int(base.count)))
                }
            },
            read: { _, path in
                _ = try Preprocessor.run(file: path)
            }, isTyped: { $0 is PreprocessingError })
        report.expectClean(minimumRejected: 200)
    }

    @Test("mutated safetensors: loaded or refused with a WeightsError naming the file")
    func safetensors() throws {
        let base = try Fixtures.safetensors()
        let headerEnd = 8 + Fixtures.safetensorsHeaderLength(base)
        let header = String(decoding: base[8..<headerEnd], as: UTF8.self)
        let data = Array(base[headerEnd...])
        let campaign = MutationCampaign(kind: "safetensors", cases: 400, seed: 0x5a_0001)
        let report = try campaign.run(
            fileName: "w.safetensors",
            mutant: { i, m in
                switch i % 4 {
                case 0: return m.mutateBytes(base, region: 0..<headerEnd)
                case 1, 2: return Fixtures.safetensors(header: m.mutateText(header), data: data)
                default: return m.mutateBytes(base)
                }
            },
            read: { _, path in
                _ = try Network(.lenet, weights: .file(URL(fileURLWithPath: path)))
            }, isTyped: { $0 is ModelError || $0 is WeightsError })
        report.expectClean(minimumRejected: 200)
    }

    @Test("mutated MNIST IDX files (raw and gzip): loaded or refused with an MNISTError naming the file")
    func idx() throws {
        let (images, labels) = Fixtures.mnistFiles(images: 12)
        let names = ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]
        var reports: [MutationCampaign.Report] = []
        for (k, gzip) in [false, true].enumerated() {
            let suffix = gzip ? ".gz" : ""
            let files = [images, labels].map { gzip ? Fixtures.gzipStored($0) : $0 }
            for (which, name) in names.enumerated() {
                let campaign = MutationCampaign(kind: "idx-\(name)\(suffix)", cases: 100, seed: 0x1d_0001 + UInt64(k * 1000 + which * 100))
                let other = 1 - which
                let report = try campaign.run(
                    fileName: name + suffix, fixtures: [names[other] + suffix: files[other]],
                    mutant: { _, m in
                        m.mutateBytes(files[which], region: 0..<min(files[which].count, 64))
                    },
                    read: { folder, _ in
                        _ = try MNIST.load(directory: folder, split: .test)
                    }, isTyped: { $0 is MNISTError })
                reports.append(report)
            }
        }
        for report in reports { report.expectClean(minimumRejected: 40) }
    }

    @Test("mutated scene files: decoded or refused with a SceneFileError naming the file and line")
    func scenes() throws {
        let png = try Fixtures.png()
        let campaign = MutationCampaign(kind: "scene", cases: 400, seed: 0x5c_0001)
        let report = try campaign.run(
            fileName: "scene.yaml", fixtures: ["digit.png": png],
            mutant: { _, m in
                m.mutateText(Fixtures.scene)
            },
            read: { _, path in
                _ = try SceneDescription.loadAll(path: path)
            }, isTyped: { $0 is SceneFileError })
        report.expectClean(minimumRejected: 150)
    }

    @Test("mutated model files: built or refused with a typed error naming the file")
    func modelFiles() throws {
        let text = try String(
            contentsOf: URL(fileURLWithPath: #filePath).appendingPathComponent("../../../Scenes/models/lenet.yaml").standardized,
            encoding: .utf8
        ).replacingOccurrences(of: "../../Sources/DigitNet/Resources/lenet.safetensors", with: "w.safetensors")
        let weights = try Fixtures.safetensors()
        let campaign = MutationCampaign(kind: "model", cases: 200, seed: 0x30_0001)
        let report = try campaign.run(
            fileName: "model.yaml", fixtures: ["w.safetensors": weights],
            mutant: { _, m in
                m.mutateText(text)
            },
            read: { _, path in
                _ = try NetworkSource(model: path).load()
            }, isTyped: { $0 is ModelFileError || $0 is ModelError || $0 is WeightsError })
        report.expectClean(minimumRejected: 80)
    }
}
