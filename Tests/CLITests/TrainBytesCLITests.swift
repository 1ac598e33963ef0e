import Foundation
import TestSupport
import Testing

/// `cnnviz train` must keep writing the same weights as the trainer the shipped LeNet and
/// PyTorch-example weights were trained with: the trainer's speed-ups keep every sum's order,
/// so short runs must give exactly the recorded tensor bytes.
///
/// How the digests were recorded (2026-12-02, trainer session): `swift build -c release
/// --product cnnviz` at main 08701fd (the trainer before that session's kernels), then
/// `cnnviz train --mnist DIR -o x.safetensors` with each argument list below, and the same
/// FNV-1a as ``TrainBytesCLITests/tensorDigest(_:)`` over the bytes after the header (a
/// one-off Python script). Only the tensor data is hashed: the JSON header's `__metadata__`
/// may change without the weights changing. `--holdout 64` (of `--limit N + 64`) trains on
/// exactly the first N images, as `--limit N` does, but measures 64 images instead of the
/// 10,000 of the test set, which keeps the run short.
///
/// If the default options change on purpose (augmentation, learning rate, …), re-record the
/// LeNet digest with the new defaults from a binary whose trainer kernels are known to match.
@Suite("cnnviz train writes the recorded weights", .requiresCNNVizBinary)
struct TrainBytesCLITests {
    /// FNV-1a (64-bit) of the bytes after a safetensors file's header: the tensor data.
    static func tensorDigest(_ file: [UInt8]) throws -> String {
        try #require(file.count >= 8, "a safetensors file starts with an 8-byte header length")
        var headerLength = 0
        for i in 0..<8 { headerLength |= Int(file[i]) << (8 * i) }
        try #require(headerLength >= 0 && headerLength <= file.count - 8, "header length \(headerLength)")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in file[(8 + headerLength)...] {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    @Test(
        "short runs (LeNet with default options; the PyTorch example) write the recorded tensor bytes",
        .requiresMNIST,
        arguments: [
            // LeNet, default options (augmentation, learning rate, seed 1, batch 64, 2 shards),
            // two short epochs of 1,280 images.
            (["--limit", "1344", "--holdout", "64", "--epochs", "2"], "5069f49c36837c6f"),
            // PyTorch's MNIST example (dropout), one epoch of 640 images.
            (
                ["--model", "Scenes/models/pytorch-mnist-example.yaml", "--limit", "704", "--holdout", "64", "--epochs", "1"],
                "26eac3e3cd95ae14"
            ),
        ])
    func recordedBytes(_ extra: [String], _ digest: String) throws {
        let directory = try MNISTFixture.requiredDirectory()
        let folder = try ScratchFolder("train-bytes")
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("w.safetensors").path
        let run = try CNNVizBinary.run(["train", "--mnist", directory, "-o", path] + extra)
        try #require(run.status == 0, "\(run)")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(try Self.tensorDigest(bytes) == digest, "cnnviz train \(extra.joined(separator: " "))")
    }
}
