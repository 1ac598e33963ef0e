import DigitNet
import Dispatch

/// Runs a network over a whole set on several threads.
public enum Evaluator {
    /// Predicted class of every image, computed with the optimized forward pass in `shards`
    /// contiguous chunks (one thread each); digits are area-resampled to the network's input
    /// size when it is not 28×28.
    public static func predictions(_ network: Network, on set: MNISTSet, shards: Int = 2) -> [Int] {
        let n = set.count
        let out = UnsafeMutableBufferPointer<Int>.allocate(capacity: Swift.max(n, 1))
        out.initialize(repeating: 0)
        defer { out.deallocate() }
        let box = ResultBox(base: out.baseAddress!)
        let chunk = (n + shards - 1) / Swift.max(shards, 1)
        DispatchQueue.concurrentPerform(iterations: Swift.max(shards, 1)) { w in
            let lo = Swift.min(w * chunk, n), hi = Swift.min(lo + chunk, n)
            // Batched kernels (bit-identical to `forward`) with private buffers and weights.
            if let engine = BatchedInference(network: network) {
                predictBatched(engine, set, lo..<hi, into: box.base)
                return
            }
            // A private deep copy per thread: sharing the weight arrays would make every
            // forward pass retain/release the same buffers from both cores (atomic
            // reference counts bouncing one cache line between them).
            let local = network.withFlatParameters(network.flatParameters)
            let plan = MNISTSet.resizePlan(to: local.inputShape)
            for i in lo..<hi { box.base[i] = local.forward(set.image(i, resizedBy: plan)).prediction }
        }
        return Array(out.prefix(n))
    }

    /// Predictions for images `range` of `set` through `engine`, `engine.batch` at a time.
    private static func predictBatched(
        _ engine: BatchedInference, _ set: MNISTSet, _ range: Range<Int>, into out: UnsafeMutablePointer<Int>
    ) {
        let size = engine.network.inputShape.reduce(1, *)
        let images = UnsafeMutablePointer<Float>.allocate(capacity: engine.batch * size)
        defer { images.deallocate() }
        let plan = MNISTSet.resizePlan(to: engine.network.inputShape)
        var start = range.lowerBound
        while start < range.upperBound {
            let count = Swift.min(engine.batch, range.upperBound - start)
            for b in 0..<count {
                let image = set.image(start + b, resizedBy: plan)
                precondition(image.count == size, "image has \(image.count) values, network expects \(size)")
                image.data.withUnsafeBufferPointer { (images + b * size).update(from: $0.baseAddress!, count: size) }
            }
            engine.predictions(images, count: count, into: out + start)
            start += count
        }
    }

    /// Accuracy, confusion matrix and mistakes of `network` on `set`.
    public static func evaluate(_ network: Network, on set: MNISTSet, shards: Int = 2) -> EvaluationReport {
        let predicted = predictions(network, on: set, shards: shards)
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: 10), count: 10)
        var mistakes: [Int] = []
        for (i, p) in predicted.enumerated() {
            let t = Int(set.labels[i])
            confusion[t][p] += 1
            if t != p { mistakes.append(i) }
        }
        let correct = set.count - mistakes.count
        return EvaluationReport(
            accuracy: set.count == 0 ? 0 : Double(correct) / Double(set.count),
            count: set.count, confusion: confusion, mistakes: mistakes)
    }
}

/// Each evaluation thread writes a disjoint range of `base`; `@unchecked Sendable` for that.
private struct ResultBox: @unchecked Sendable {
    let base: UnsafeMutablePointer<Int>
}
