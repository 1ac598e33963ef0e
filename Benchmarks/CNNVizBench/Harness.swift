import Foundation

/// Timing statistics of one benchmark, in seconds.
struct Stats {
    var samples: [Double]
    var median: Double { percentile(0.5) }
    var p99: Double { percentile(0.99) }
    var min: Double { samples.min() ?? 0 }
    func percentile(_ q: Double) -> Double {
        let s = samples.sorted()
        guard !s.isEmpty else { return 0 }
        return s[Swift.min(s.count - 1, Int((Double(s.count - 1) * q).rounded()))]
    }
}

/// Runs `body` `warmup` times untimed, then `runs` times timed; returns per-run seconds.
func measure(runs: Int, warmup: Int = 1, _ body: () throws -> Void) rethrows -> Stats {
    for _ in 0..<warmup { try body() }
    var samples: [Double] = []
    samples.reserveCapacity(runs)
    for _ in 0..<runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    return Stats(samples: samples)
}

/// Formats seconds with a sensible unit.
func formatSeconds(_ s: Double) -> String {
    if s < 1e-3 { return String(format: "%.1f µs", s * 1e6) }
    if s < 1 { return String(format: "%.2f ms", s * 1e3) }
    return String(format: "%.2f s", s)
}

/// One row of the printed Markdown table.
struct Row {
    var benchmark: String
    var median: String
    var detail: String
}

/// Prints rows as a Markdown table.
func printTable(_ rows: [Row]) {
    print("| benchmark | median | detail |")
    print("| --- | --- | --- |")
    for r in rows { print("| \(r.benchmark) | \(r.median) | \(r.detail) |") }
}
