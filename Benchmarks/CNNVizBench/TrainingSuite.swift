import DigitNet
import DigitTraining
import Foundation
import Studio

/// Training epochs (batch 64, Adam, 2 shards on 2 threads, no augmentation, as the PyTorch peer
/// `Benchmarks/peers/train.py` runs them): LeNet over all 60,000 images and PyTorch's MNIST
/// example over the first 6,400 (its full epoch takes minutes here), each the median of three
/// epochs, with the fraction of two cores' peak FMA rate the epoch reaches. The LeNet row keeps
/// the forward-only pass over the same images in the same process as its baseline.
func trainingSuite() throws -> [Row] {
    guard let dir = MNIST.directoryFromEnvironment else {
        return [Row(benchmark: "training epoch", median: "skipped", detail: "MNIST_DIR not set")]
    }
    let train = try MNIST.load(directory: dir, split: .train)
    let peak = peakFlopsPerSecond()
    var rows: [Row] = []

    let lenet = try Network(.lenet, weights: .initial(seed: 1))
    let (lenetEpoch, lenetRate) = try medianEpoch(lenet, on: train)
    let network = lenet
    let inference = measure(runs: 3, warmup: 0) { _ = Evaluator.predictions(network, on: train, shards: 2) }
    rows.append(
        Row(
            benchmark: "training epoch, 60,000 images, batch 64, 2 threads",
            median: formatSeconds(lenetEpoch.median),
            detail:
                "min \(formatSeconds(lenetEpoch.min)); \(percentOfPeak(lenetRate, 2 * peak)) of 2 cores' peak FMA "
                + "(\(String(format: "%.2f", trainingFlops(lenet) / 1e6)) MFLOP per image); forward-only over the same 60,000 on 2 threads \(formatSeconds(inference.median)) (epoch = ×\(String(format: "%.1f", lenetEpoch.median / inference.median)))"
        ))

    let example = try exampleArchitecture()
    let subset = train.prefix(6_400)
    let exampleNet = try Network(example, weights: .initial(seed: 1))
    let (exampleEpoch, exampleRate) = try medianEpoch(exampleNet, on: subset)
    rows.append(
        Row(
            benchmark: "training epoch, PyTorch MNIST example, 6,400 images, batch 64, 2 threads",
            median: formatSeconds(exampleEpoch.median),
            detail:
                "min \(formatSeconds(exampleEpoch.min)); \(percentOfPeak(exampleRate, 2 * peak)) of 2 cores' peak FMA "
                + "(\(String(format: "%.1f", trainingFlops(exampleNet) / 1e6)) MFLOP per image); ×9.375 for 60,000 images: \(formatSeconds(exampleEpoch.median * 9.375))"
        ))
    return rows
}

/// Median and min of three epochs of `network` over `data` (no augmentation, lr 1e-3 as the
/// peer), and the FLOP rate at the median.
private func medianEpoch(_ network: Network, on data: MNISTSet) throws -> (Stats, Double) {
    var options = TrainingOptions()
    options.epochs = 3
    options.learningRate = 1e-3
    options.augmentation = nil
    let trainer = try Trainer(network: network, options: options)
    var epoch = 0
    let stats = try measure(runs: 3, warmup: 0) {
        epoch += 1
        try trainer.trainEpoch(epoch, data: data)
    }
    return (stats, trainingFlops(network) * Double(data.count) / stats.median)
}

/// Floating-point operations of one training image: for every convolution and dense layer
/// 2·MACs forward, 2·MACs for the weight gradient and 2·MACs for the input gradient (none for
/// the first layer, whose input needs no gradient).
func trainingFlops(_ network: Network) -> Double {
    var shape = network.inputShape
    var flops = 0.0
    var first = true
    for op in network.stages.flatMap(\.operations) {
        let out = op.outputShape(shape)
        var macs = 0.0
        switch op {
        case let .conv2D(c): macs = Double(c.weight.count) * Double(out[1] * out[2])
        case let .dense(d): macs = Double(d.weight.count)
        default: break
        }
        if macs > 0 {
            flops += 2 * macs * (first ? 2 : 3)
            first = false
        }
        shape = out
    }
    return flops
}

/// PyTorch's MNIST example architecture from `Scenes/models/pytorch-mnist-example.yaml`.
func exampleArchitecture() throws -> Architecture {
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let file = here.appendingPathComponent("../../Scenes/models/pytorch-mnist-example.yaml").standardized.path
    return try NetworkSource(model: file).architecture()
}
