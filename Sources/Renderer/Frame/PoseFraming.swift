import Geometry

/// Framing solved per pose: for every yaw a camera moves through, the distance and aim that
/// fit the network into a free rectangle (and clear of the overlays), smoothed over yaw so
/// the picture never jumps or pumps.
///
/// The solve samples the yaw range every `step` degrees; at each sample `Camera.fitting`
/// centres the network's points in `free`, and when they run under an overlay the
/// picture slides (or, failing that, shrinks) just enough to clear it. Distances and aims
/// are then averaged over a window of yaws, and a last pass moves the camera back wherever a
/// smoothed pose still spills (the push spread smoothly over the neighbouring yaws too). A pure function of its arguments:
/// every process (and every shard) solves the same framing.
///
/// Nothing here knows about a network: it frames any set of points into any rectangle.
public struct PoseFraming: Sendable, Equatable {
    /// One solved pose.
    public struct Sample: Sendable, Equatable {
        public var yaw: Double
        /// The point the camera looks at.
        public var target: Vec3
        /// Distance from the eye to `target`.
        public var distance: Double
    }

    /// Samples in increasing yaw, `step` degrees apart.
    public let samples: [Sample]
    public let elevation: Double
    public let fovY: Double
    /// Degrees between samples.
    public let step: Double

    /// What the framing fits into.
    public struct Frame: Sendable, Equatable {
        public var width: Int, height: Int
        /// Where the points must stay.
        public var free: ScreenRect
        /// Rectangles the points must stay out of (overlay panels, already grown by their clearance).
        public var keepOut: [ScreenRect]
        public init(width: Int, height: Int, free: ScreenRect, keepOut: [ScreenRect]) {
            self.width = width; self.height = height; self.free = free; self.keepOut = keepOut
        }
    }

    /// Solves the framing of `points` for every yaw in `yaws` (degrees) at `elevation`.
    /// - Parameters:
    ///   - distanceScale: multiplies every distance (1 = just fits).
    ///   - window: half-width in degrees of the smoothing window.
    public static func solve(
        points: [Vec3], yaws: ClosedRange<Double>, elevation: Double, fovY: Double = 12,
        frame: Frame, distanceScale: Double = 1, step: Double = 1, window: Double = 6
    ) -> PoseFraming {
        let count = max(1, Int(((yaws.upperBound - yaws.lowerBound) / step).rounded(.up)) + 1)
        let raw = (0..<count).map { i -> Sample in
            let yaw = yaws.lowerBound + Double(i) * step
            let camera = fit(points, yaw: yaw, elevation: elevation, fovY: fovY, frame: frame)
            return Sample(yaw: yaw, target: camera.target, distance: (camera.eye - camera.target).length * distanceScale)
        }
        let radius = max(0, Int((window / step).rounded()))
        var smoothed = smooth(raw, radius: radius)
        // Averaging aims can move a pose off its fit: find how far each pose must move back
        // (0.5 % steps), then spread those factors smoothly (a running maximum, then a
        // running mean, which never falls below what any pose needs).
        let needed = smoothed.map { sample -> Double in
            var factor = 1.0
            for _ in 0..<80 {
                var pushed = sample
                pushed.distance *= factor
                let pose = PoseFraming(samples: [pushed], elevation: elevation, fovY: fovY, step: step)
                // A pixel of margin covers the interpolation between samples.
                let camera = pose.camera(yaw: sample.yaw, width: frame.width, height: frame.height)
                if fits(points, camera: camera, frame: frame, margin: 1) {
                    break
                }
                factor *= 1.005
            }
            return factor
        }
        let spread = meanOfMaxima(needed, radius: radius)
        for i in smoothed.indices { smoothed[i].distance *= spread[i] }
        return PoseFraming(samples: smoothed, elevation: elevation, fovY: fovY, step: step)
    }

    /// The camera at `yaw`, interpolated between the two nearest samples (clamped to the
    /// solved range).
    public func camera(yaw: Double, width: Int, height: Int) -> Camera {
        let aspect = Double(width) / Double(max(height, 1))
        guard let first = samples.first else {
            return Camera.orbit(target: .zero, OrbitPosition(yaw: yaw, elevation: elevation, distance: 10), fovY: fovY, aspect: aspect)
        }
        let position = (yaw - first.yaw) / step
        let i = min(max(Int(position.rounded(.down)), 0), samples.count - 1)
        let j = min(i + 1, samples.count - 1)
        let t = min(max(position - Double(i), 0), 1)
        let a = samples[i], b = samples[j]
        let target = a.target.lerp(to: b.target, t)
        let distance = a.distance + (b.distance - a.distance) * t
        return Camera.orbit(
            target: target, OrbitPosition(yaw: yaw, elevation: elevation, distance: distance), fovY: fovY, aspect: aspect)
    }

    /// The camera that fits `points` at one yaw: centred in `free` as big as it fits; when
    /// that runs under a `keepOut` rectangle, the picture is slid (the nearest offset that
    /// clears them, on a grid of 1 % of the frame's height) and only if no slide clears them,
    /// made smaller in 2 % steps until one does.
    static func fit(_ points: [Vec3], yaw: Double, elevation: Double, fovY: Double, frame: Frame) -> Camera {
        let centred = Camera.fitting(
            points, yaw: yaw, elevation: elevation, fovY: fovY, width: frame.width, height: frame.height, free: frame.free)
        guard !fits(points, camera: centred, frame: frame), !frame.keepOut.isEmpty else { return centred }
        let aspect = Double(frame.width) / Double(max(frame.height, 1))
        let base = (centred.eye - centred.target).length
        let step = max(1, Double(frame.height) / 100)
        for growth in 0..<40 {
            let distance = base * (1 + 0.02 * Double(growth))
            let camera = Camera.orbit(
                target: centred.target, OrbitPosition(yaw: yaw, elevation: elevation, distance: distance), fovY: fovY, aspect: aspect)
            let projector = camera.projector(width: frame.width, height: frame.height)
            let screen = points.map { projector.projectUnchecked($0) }
            let xs = screen.map(\.x), ys = screen.map(\.y)
            guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return centred }
            // Offsets that keep the picture inside `free`, nearest the centre first.
            let free = frame.free
            let dxs = offsets(free.minX - x0, free.maxX - x1, step: step)
            let dys = offsets(free.minY - y0, free.maxY - y1, step: step)
            var found: (Double, Double)?
            var nearest = Double.infinity
            for dx in dxs {
                if dx * dx >= nearest { continue }
                for dy in dys where dx * dx + dy * dy < nearest {
                    let clear = !screen.contains { s in frame.keepOut.contains { $0.contains(s.x + dx, s.y + dy, margin: 1) } }
                    if clear {
                        found = (dx, dy)
                        nearest = dx * dx + dy * dy
                    }
                }
            }
            guard let (dx, dy) = found else { continue }
            var shifted = camera
            let perPixel = projector.worldPerPixel(atDepth: distance)
            // Moving the camera left slides the picture right; moving it up slides it down.
            let move = camera.right * (-dx * perPixel) + camera.trueUp * (dy * perPixel)
            shifted.eye = shifted.eye + move
            shifted.target = shifted.target + move
            // The slide is exact only at the target's depth: check it, else step back further.
            if fits(points, camera: shifted, frame: frame) { return shifted }
        }
        return centred
    }

    /// Offsets from `low` to `high` (an empty range gives none) every `step`, nearest zero first.
    static func offsets(_ low: Double, _ high: Double, step: Double) -> [Double] {
        guard low <= high else { return [] }
        var out = [min(max(0, low), high)]
        var k = 1.0
        while k * step <= max(abs(low), abs(high)) {
            if k * step <= high && k * step >= low { out.append(k * step) }
            if -k * step >= low && -k * step <= high { out.append(-k * step) }
            k += 1
        }
        if !out.contains(low) { out.append(low) }
        if !out.contains(high) { out.append(high) }
        return out
    }

    /// Whether every point projects inside `free` (with half a pixel of slack) and outside
    /// every `keepOut` grown by `margin` pixels.
    static func fits(_ points: [Vec3], camera: Camera, frame: Frame, margin: Double = 0) -> Bool {
        let projector = camera.projector(width: frame.width, height: frame.height)
        let free = frame.free.outset(by: 0.5 - margin)
        for p in points {
            let s = projector.projectUnchecked(p)
            if s.x < free.minX || s.x > free.maxX || s.y < free.minY || s.y > free.maxY { return false }
            for box in frame.keepOut where box.contains(s.x, s.y, margin: margin) { return false }
        }
        return true
    }

    /// The running mean (over `radius` each side) of the running maximum (over the same
    /// window) of `values`: smooth, and at every index at least the value there.
    static func meanOfMaxima(_ values: [Double], radius: Int) -> [Double] {
        let n = values.count
        guard radius > 0, n > 1 else { return values }
        func window(_ i: Int) -> ClosedRange<Int> { max(0, i - radius)...min(n - 1, i + radius) }
        let maxima = (0..<n).map { i in window(i).map { values[$0] }.max() ?? values[i] }
        return (0..<n).map { i in window(i).reduce(0) { $0 + maxima[$1] } / Double(window(i).count) }
    }

    /// Distances and aims averaged over `radius` samples each side (ends use the samples
    /// that exist). A pose the average leaves too close is pushed out afterwards (`solve`).
    static func smooth(_ raw: [Sample], radius: Int) -> [Sample] {
        guard radius > 0, raw.count > 1 else { return raw }
        let n = raw.count
        return (0..<n).map { i in
            let w = max(0, i - radius)...min(n - 1, i + radius)
            let k = Double(w.count)
            let distance = w.reduce(0) { $0 + raw[$1].distance } / k
            let target = w.reduce(Vec3.zero) { $0 + raw[$1].target } * (1 / k)
            return Sample(yaw: raw[i].yaw, target: target, distance: distance)
        }
    }
}
