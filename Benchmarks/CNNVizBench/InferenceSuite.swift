import DigitNet
import DigitTraining
import Foundation

/// A 28×28 test image: MNIST test digit 0 when `MNIST_DIR` is set, else a synthetic stroke.
func benchmarkImage() -> Tensor {
    if let dir = MNIST.directoryFromEnvironment, let set = try? MNIST.load(directory: dir, split: .test) {
        return set.image(0)
    }
    var t = Tensor(zeros: [1, 28, 28])
    for i in 6..<22 { t[0, i, 14] = 1; t[0, 6, i] = 1 }
    return t
}

/// Single-image forward pass with the full activation trace (optimized kernels) against the
/// naive reference kernels in the same process.
func inferenceSuite() throws -> [Row] {
    let net = try Network(.lenet, weights: .bundled)
    let image = benchmarkImage()
    let fast = measure(runs: 5_000, warmup: 200) { _ = net.forward(image) }
    let naive = measure(runs: 300, warmup: 10) { _ = net.forwardReference(image) }
    var rows = [
        Row(
            benchmark: "forward pass + trace, batch 1, 1 thread",
            median: formatSeconds(fast.median),
            detail:
                "p99 \(formatSeconds(fast.p99)); naive reference kernels \(formatSeconds(naive.median)) (×\(String(format: "%.1f", naive.median / fast.median)) slower)"
        )
    ]
    if let dir = MNIST.directoryFromEnvironment {
        let test = try MNIST.load(directory: dir, split: .test)
        let one = measure(runs: 3) { _ = Evaluator.predictions(net, on: test, shards: 1) }
        let two = measure(runs: 3) { _ = Evaluator.predictions(net, on: test, shards: 2) }
        rows.append(
            Row(
                benchmark: "inference throughput, 10,000 test digits, 2 threads",
                median: String(format: "%.0f images/s", Double(test.count) / two.median),
                detail: String(format: "1 thread %.0f images/s (2 threads ×%.2f)", Double(test.count) / one.median, one.median / two.median)
            ))
    }
    return rows
}

/// One training epoch over 60,000 MNIST images (2 shards on 2 threads), median of 3 epochs,
/// beside the forward-only pass over the same images in the same process.
func trainingSuite() throws -> [Row] {
    guard let dir = MNIST.directoryFromEnvironment else {
        return [Row(benchmark: "training epoch", median: "skipped", detail: "MNIST_DIR not set")]
    }
    let train = try MNIST.load(directory: dir, split: .train)
    var options = TrainingOptions()
    options.epochs = 3
    let trainer = try Trainer(network: Network(.lenet, weights: .initial(seed: 1)), options: options)
    var epoch = 0
    let epochs = try measure(runs: 3, warmup: 0) {
        epoch += 1
        try trainer.trainEpoch(epoch, data: train)
    }
    let network = trainer.network
    let inference = measure(runs: 3, warmup: 0) { _ = Evaluator.predictions(network, on: train, shards: 2) }
    return [
        Row(
            benchmark: "training epoch, 60,000 images, batch 64, 2 threads",
            median: formatSeconds(epochs.median),
            detail:
                "min \(formatSeconds(epochs.min)); forward-only over the same 60,000 on 2 threads \(formatSeconds(inference.median)) (epoch = ×\(String(format: "%.1f", epochs.median / inference.median)))"
        )
    ]
}
