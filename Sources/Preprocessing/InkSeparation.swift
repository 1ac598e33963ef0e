/// Stage 2: how ink was told apart from the canvas (Otsu's threshold with automatic polarity).
public struct InkSeparation: Sendable, Equatable {
    /// Grey levels `<= threshold` form the dark class, the rest the light class.
    public var threshold: Int
    /// True when the ink is the dark class (dark ink on light paper).
    public var inkIsDark: Bool
    /// Mean grey level of the background class.
    public var backgroundLevel: Double
    /// Mean grey level of the ink class.
    public var inkLevel: Double
    /// Pixels on the ink side of the threshold (before speck removal).
    public var inkPixels: Int
    /// How polarity was decided: from the border, or (when the border is mixed) the minority side.
    public var decidedByBorder: Bool

    /// Ink strength 0…1 for each grey level: 0 at the background level, 1 at the ink level.
    public var intensityTable: [Float] {
        let span = inkLevel - backgroundLevel
        return (0..<256).map { g in
            Float(max(0, min(1, (Double(g) - backgroundLevel) / span)))
        }
    }

    /// Whether each grey level is on the ink side of the threshold.
    public var inkTable: [Bool] {
        (0..<256).map { inkIsDark ? $0 <= threshold : $0 > threshold }
    }
}

/// Otsu's method on a 256-bin histogram, plus the polarity rule.
public enum Otsu {
    /// The threshold maximising between-class variance, or nil when the image has one grey level.
    public static func threshold(histogram h: [Int]) -> Int? {
        let total = h.reduce(0, +)
        guard total > 0 else { return nil }
        var sumAll = 0.0
        for i in 0..<256 { sumAll += Double(i * h[i]) }
        var weightDark = 0, sumDark = 0.0
        var best = -1.0, bestT: Int?
        for t in 0..<255 {
            weightDark += h[t]
            sumDark += Double(t * h[t])
            let weightLight = total - weightDark
            if weightDark == 0 || weightLight == 0 { continue }
            let meanDark = sumDark / Double(weightDark)
            let meanLight = (sumAll - sumDark) / Double(weightLight)
            let between = Double(weightDark) * Double(weightLight) * (meanDark - meanLight) * (meanDark - meanLight)
            if between > best { best = between; bestT = t }
        }
        return bestT
    }

    /// Histogram of a grey plane.
    public static func histogram(_ gray: Plane<UInt8>) -> [Int] {
        var h = [Int](repeating: 0, count: 256)
        gray.pixels.withUnsafeBufferPointer { p in
            h.withUnsafeMutableBufferPointer { hp in for v in p { hp[Int(v)] += 1 } }
        }
        return h
    }

    /// Splits ink from background. The background is the class most border pixels belong to;
    /// when the border is evenly mixed, the ink is the minority class. Returns nil when there is
    /// no real contrast (fewer than `minimumContrast` grey levels between the class means).
    public static func separate(_ gray: Plane<UInt8>, minimumContrast: Double = 32) -> InkSeparation? {
        let h = histogram(gray)
        guard let t = threshold(histogram: h) else { return nil }
        var darkCount = 0, darkSum = 0.0, lightSum = 0.0
        for i in 0..<256 {
            if i <= t { darkCount += h[i]; darkSum += Double(i * h[i]) } else { lightSum += Double(i * h[i]) }
        }
        let total = gray.width * gray.height
        let lightCount = total - darkCount
        guard darkCount > 0, lightCount > 0 else { return nil }
        let meanDark = darkSum / Double(darkCount), meanLight = lightSum / Double(lightCount)
        guard meanLight - meanDark >= minimumContrast else { return nil }

        let (borderLight, borderCount) = borderLightCount(gray, threshold: t)
        let lightShare = Double(borderLight) / Double(max(1, borderCount))
        let byBorder = abs(lightShare - 0.5) > 0.1
        let inkIsDark = byBorder ? lightShare > 0.5 : darkCount <= lightCount
        return InkSeparation(
            threshold: t, inkIsDark: inkIsDark,
            backgroundLevel: inkIsDark ? meanLight : meanDark,
            inkLevel: inkIsDark ? meanDark : meanLight,
            inkPixels: inkIsDark ? darkCount : lightCount,
            decidedByBorder: byBorder)
    }

    /// Light pixels on the outermost ring, and the ring's size.
    static func borderLightCount(_ gray: Plane<UInt8>, threshold t: Int) -> (Int, Int) {
        let w = gray.width, h = gray.height
        var light = 0, count = 0
        func visit(_ x: Int, _ y: Int) {
            count += 1
            if Int(gray.pixels[y * w + x]) > t { light += 1 }
        }
        for x in 0..<w { visit(x, 0); if h > 1 { visit(x, h - 1) } }
        if h > 2 { for y in 1..<(h - 1) { visit(0, y); if w > 1 { visit(w - 1, y) } } }
        return (light, count)
    }
}
