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
    let peak = peakFlopsPerSecond()
    let flops = flopsPerImage(net)
    let fast = measure(runs: 5_000, warmup: 200) { _ = net.forward(image) }
    let naive = measure(runs: 300, warmup: 10) { _ = net.forwardReference(image) }
    var rows = [
        Row(
            benchmark: "peak FMA rate (12 chains of 8-lane FMAs, 1 thread)",
            median: String(format: "%.1f GFLOP/s", peak / 1e9),
            detail: String(format: "the build's vector width (AVX2+FMA when tuned); LeNet is %.2f MFLOP per image", flops / 1e6)),
        Row(
            benchmark: "forward pass + trace, batch 1, 1 thread",
            median: formatSeconds(fast.median),
            detail:
                "p99 \(formatSeconds(fast.p99)); \(percentOfPeak(flops / fast.median, peak)) of peak FMA; naive reference kernels \(formatSeconds(naive.median)) (×\(String(format: "%.1f", naive.median / fast.median)) slower)"
        ),
    ]
    if let dir = MNIST.directoryFromEnvironment {
        let test = try MNIST.load(directory: dir, split: .test)
        let one = measure(runs: 5) { _ = Evaluator.predictions(net, on: test, shards: 1) }
        let two = measure(runs: 5) { _ = Evaluator.predictions(net, on: test, shards: 2) }
        let rate = Double(test.count) / two.median
        rows.append(
            Row(
                benchmark: "inference throughput, 10,000 test digits, 2 threads",
                median: String(format: "%.0f images/s", rate),
                detail: String(
                    format: "1 thread %.0f images/s (2 threads ×%.2f); ", Double(test.count) / one.median, one.median / two.median)
                    + "\(percentOfPeak(rate * flops, 2 * peak)) of 2 cores' peak FMA; batched kernels, 64 images per dense pass"
            ))
    }
    return rows
}

/// Best of 9 runs of `PeakRate.fmaLoop`, in FLOP/s (a peak: the least disturbed run).
func peakFlopsPerSecond() -> Double {
    let iterations = 20_000_000
    var sink: Float = 0
    let stats = measure(runs: 9, warmup: 1) { sink += PeakRate.fmaLoop(iterations: iterations) }
    if sink.isNaN { FileHandle.standardError.write("peak loop produced NaN\n".data(using: .utf8)!) }
    return PeakRate.flops(iterations: iterations) / stats.min
}

/// Multiply-adds of the convolution and dense layers of one forward pass, ×2.
func flopsPerImage(_ net: Network) -> Double {
    var total = 0.0
    var shape = net.inputShape
    for stage in net.stages {
        for op in stage.operations {
            let out = op.outputShape(shape)
            if case let .conv2D(c) = op { total += 2 * Double(c.fanIn * out.reduce(1, *)) }
            if case let .dense(d) = op { total += 2 * Double(d.inputs * d.outputs) }
            shape = out
        }
    }
    return total
}

func percentOfPeak(_ rate: Double, _ peak: Double) -> String {
    String(format: "%.0f %%", 100 * rate / peak)
}
