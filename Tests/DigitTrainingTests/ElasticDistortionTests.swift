import DigitNet
import DigitTraining
import Support
import Testing

/// The elastic distortion (``ElasticDistortion``): its field is deterministic and scales with
/// α, its separable smoothing matches the naive 2-D convolution, α = 0 gives exactly the
/// affine image, and training with it is deterministic.
@Suite struct ElasticDistortionTests {
    /// A 28×28 byte digit: a thick ring with a bar (strokes in several directions).
    static let digit: [UInt8] = (0..<784).map { i in
        let x = Float(i % 28) - 13.5, y = Float(i / 28) - 13.5
        let r = (x * x + y * y).squareRoot()
        return (abs(r - 8) < 2 || (abs(x - 2) < 1.5 && abs(y) < 10)) ? 255 : 0
    }

    /// The distorted image of `digit` under `augmentation` with the generator seeded by `seed`.
    static func distort(_ augmentation: Augmentation, seed: UInt64, digit: [UInt8] = digit) -> [Float] {
        var out = [Float](repeating: 0, count: 784)
        var rng = SplitMix64(seed: seed)
        digit.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { augmentation.apply(src: src.baseAddress!, dst: $0.baseAddress!, side: 28, rng: &rng) }
        }
        return out
    }

    static func elastic(_ alpha: Float, _ sigma: Float) -> Augmentation {
        var a = Augmentation()
        a.elastic = try? ElasticDistortion(alpha: alpha, sigma: sigma)
        return a
    }

    /// Root mean square of a displacement field, in pixels.
    static func rms(_ f: (dx: [Float], dy: [Float])) -> Float {
        let sum = zip(f.dx, f.dy).reduce(Float(0)) { $0 + $1.0 * $1.0 + $1.1 * $1.1 }
        return (sum / Float(f.dx.count)).squareRoot()
    }

    @Test("the field is the same for the same seed and differs for another")
    func deterministicField() throws {
        let e = try ElasticDistortion(alpha: 12, sigma: 4)
        var a = SplitMix64(seed: 5), b = SplitMix64(seed: 5), c = SplitMix64(seed: 6)
        let fa = e.field(side: 28, rng: &a), fb = e.field(side: 28, rng: &b), fc = e.field(side: 28, rng: &c)
        #expect(fa.dx == fb.dx && fa.dy == fb.dy)
        #expect(fa.dx != fc.dx && fa.dy != fc.dy)
        #expect(fa.dx != fa.dy, "the two axes draw their own noise")
        #expect(Self.distort(Self.elastic(12, 4), seed: 9) == Self.distort(Self.elastic(12, 4), seed: 9))
    }

    @Test("the displacement scales with alpha: twice alpha, twice every displacement")
    func scalesWithAlpha() throws {
        var r1 = SplitMix64(seed: 7), r2 = SplitMix64(seed: 7)
        let f1 = try ElasticDistortion(alpha: 8, sigma: 4).field(side: 28, rng: &r1)
        let f2 = try ElasticDistortion(alpha: 16, sigma: 4).field(side: 28, rng: &r2)
        for i in f1.dx.indices {
            #expect(abs(f2.dx[i] - 2 * f1.dx[i]) <= 1e-5 * Swift.max(1, abs(f2.dx[i])))
            #expect(abs(f2.dy[i] - 2 * f1.dy[i]) <= 1e-5 * Swift.max(1, abs(f2.dy[i])))
        }
        // Uniform noise in [−1, 1] (SD 0.577) smoothed by σ = 4 keeps about 1/(2σ√π) of its
        // SD per axis: ~0.04, so α = 8 moves pixels by ~0.3–0.5 px RMS, α = 16 twice that.
        let rms1 = Self.rms(f1)
        #expect(rms1 > 0.15 && rms1 < 1.2, "RMS displacement \(rms1) px at alpha 8")
        #expect(abs(Self.rms(f2) / rms1 - 2) < 1e-4)
    }

    @Test("alpha 0 gives exactly the affine image; alpha > 0 moves ink")
    func zeroAlphaIsAffine() {
        for seed in UInt64(1)...20 {
            #expect(Self.distort(Self.elastic(0, 4), seed: seed) == Self.distort(Augmentation(), seed: seed))
        }
        let affine = Self.distort(Augmentation(), seed: 3), bent = Self.distort(Self.elastic(12, 4), seed: 3)
        let changed = zip(affine, bent).filter { abs($0 - $1) > 0.05 }.count
        #expect(changed > 20, "\(changed) pixels changed by the elastic field")
        // Bending moves ink but keeps about as much of it (well inside the frame).
        let inkA = affine.reduce(0, +), inkB = bent.reduce(0, +)
        #expect(abs(inkA - inkB) < 0.15 * inkA, "ink \(inkA) → \(inkB)")
    }

    @Test("the separable smoothing agrees with the naive 2-D convolution", arguments: [Float(0.5), 1, 3, 4, 6.5, 10])
    func separableMatchesReference(sigma: Float) {
        var rng = SplitMix64(seed: 11)
        let noise = (0..<784).map { _ in rng.nextFloat(in: -1...1) }
        let w = ElasticDistortion.gaussianWeights(sigma: sigma)
        #expect(abs(w.reduce(0, +) - 1) < 1e-5)
        #expect(w.count == 2 * Swift.max(1, Int((3 * sigma).rounded(.up))) + 1)
        let fast = ElasticDistortion.smooth(noise, side: 28, weights: w)
        let naive = ElasticDistortion.smoothReference(noise, side: 28, weights: w)
        let worst = zip(fast, naive).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-5, "worst difference \(worst)")
        // A constant inside the frame stays constant where the kernel fits.
        let ones = [Float](repeating: 1, count: 784)
        let flat = ElasticDistortion.smooth(ones, side: 28, weights: ElasticDistortion.gaussianWeights(sigma: 1))
        #expect(abs(flat[14 * 28 + 14] - 1) < 1e-5 && flat[0] < 0.9, "zero outside the image")
    }

    @Test(
        "strength and smoothness outside their ranges are errors naming the value",
        arguments: [
            (Float(-1), Float(4), "alpha must be between 0 and 100 pixels, not -1.0"),
            (101, 4, "alpha must be between 0 and 100"),
            (.nan, 4, "alpha must be between 0 and 100"),
            (12, 0.4, "sigma must be between 0.5 and 10 pixels, not 0.4"),
            (12, 11, "sigma must be between 0.5 and 10"),
            (12, .infinity, "sigma must be between 0.5 and 10"),
        ])
    func ranges(alpha: Float, sigma: Float, message: String) {
        do {
            _ = try ElasticDistortion(alpha: alpha, sigma: sigma)
            Issue.record("alpha \(alpha), sigma \(sigma) accepted")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test("a short training run with the elastic distortion gives the same bytes twice, and not the affine run's")
    func trainingDeterministic() throws {
        let data = TrainerKernelTests.set(96, seed: 51)
        func train(_ elastic: ElasticDistortion?) throws -> [UInt8] {
            var o = TrainingOptions()
            o.epochs = 2
            o.batchSize = 32
            o.seed = 4
            o.augmentation?.elastic = elastic
            let t = try Trainer(network: Network(.lenet, weights: .initial(seed: 4)), options: o)
            for e in 1...2 { try t.trainEpoch(e, data: data) }
            return t.network.safetensorsBytes(batchesTracked: t.batchesTracked)
        }
        let e = try ElasticDistortion(alpha: 12, sigma: 4)
        let first = try train(e), second = try train(e)
        #expect(first == second, "the same seed must give the same bytes")
        #expect(try first != train(nil), "the elastic field must change what is trained")
        #expect(try train(ElasticDistortion(alpha: 0, sigma: 4)) == train(nil), "alpha 0 trains exactly the affine run")
    }
}
