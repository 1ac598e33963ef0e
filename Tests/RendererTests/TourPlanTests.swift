import DigitNet
import Foundation
import Geometry
import Renderer
import SceneGraph
import Testing

@Suite("Tour camera paths")
struct TourPlanTests {
    static let width = 1280, height = 720, fps = 30.0

    /// The seeded network's default-style lesson: every shot kind, default durations.
    static func lesson() throws -> (plan: TourPlan, renderer: FrameRenderer, network: Network, trace: Trace) {
        let (network, trace) = FixedScene.trace()
        let renderer = try FixedScene.renderer()
        let shots: [TourShot] = [
            TourShot(.orbit(yawFrom: -60, yawTo: -20, elevationFrom: 26, elevationTo: 20), title: "Intro"),
            TourShot(.reveal),
            TourShot(.flyTo(.layer(0))),
            TourShot(.flyTo(.layer(1))),
            TourShot(.open(layer: 1)),
            TourShot(.neuron(layer: 1, unit: 3 * 784 + 14 * 28 + 12)),
            TourShot(.flyTo(.map(layer: 3, map: 5))),
            TourShot(.flyTo(.node(layer: 5, node: 37))),
            TourShot(.neuron(layer: 5, unit: 37)),
            TourShot(.orbit(yawFrom: 0, yawTo: 40, elevationFrom: 20, elevationTo: 30)),
            TourShot(.flyTo(.network), yaw: -35, elevation: 20, prediction: true),
            TourShot(.hold, prediction: true),
        ]
        let plan = try TourPlan(shots: shots, renderer: renderer, network: network, trace: trace, width: width, height: height)
        return (plan, renderer, network, trace)
    }

    static func angle(_ a: Vec3, _ b: Vec3) -> Double { acos(min(1, max(-1, a.dot(b)))) * 180 / .pi }

    @Test("position and direction are continuous across every shot boundary")
    func continuityAtBoundaries() throws {
        let (plan, renderer, _, _) = try Self.lesson()
        let size = renderer.scene.bounds.size.length
        for s in plan.shots.dropFirst() {
            let before = plan.state(at: s.start - 1e-6).camera, after = plan.state(at: s.start + 1e-6).camera
            #expect((before.eye - after.eye).length < 1e-3 * size, "eye jumps at \(s.start) s (\(s.shot.keyword))")
            #expect(Self.angle(before.forward, after.forward) < 0.01, "direction jumps at \(s.start) s")
        }
    }

    @Test("consecutive frames never jump: the eye moves less than 6 % of its distance to the target and turns less than 2° per frame")
    func continuityPerFrame() throws {
        let (plan, _, _, _) = try Self.lesson()
        let frames = Int(plan.duration * Self.fps)
        var previous = plan.state(at: 0)
        var worstMove = 0.0, worstTurn = 0.0
        for i in 1..<frames {
            let state = plan.state(at: Double(i) / Self.fps)
            let camera = state.camera
            let step = (camera.eye - previous.camera.eye).length / min(state.pose.distance, previous.pose.distance)
            worstMove = max(worstMove, step)
            worstTurn = max(worstTurn, Self.angle(camera.forward, previous.camera.forward))
            previous = state
        }
        #expect(worstMove < 0.06, "largest eye step \(worstMove * 100) % of the distance")
        #expect(worstTurn < 2, "largest turn \(worstTurn)° in one frame")
    }

    @Test("shots with default durations turn the view at most 40°/s and zoom at most 2.5× per second")
    func speedLimit() throws {
        let (plan, _, _, _) = try Self.lesson()
        let rate = 240.0
        for s in plan.shots where s.defaultDuration {
            var previous = plan.state(at: s.start).camera.forward
            var peak = 0.0
            var t = s.start + 1 / rate
            while t <= s.end {
                let forward = plan.state(at: t).camera.forward
                peak = max(peak, Self.angle(previous, forward) * rate)
                previous = forward
                t += 1 / rate
            }
            #expect(peak <= TourPlan.maxTurnRate * 1.01, "\(s.shot.keyword) at \(s.start) s turns \(peak)°/s")
            var zoom = 0.0
            t = s.start
            while t + 1 / rate <= s.end {
                let a = plan.state(at: t).pose.distance, b = plan.state(at: t + 1 / rate).pose.distance
                zoom = max(zoom, abs(log(b / a)) * rate)
                t += 1 / rate
            }
            #expect(zoom <= log(TourPlan.maxZoomRate) * 1.01, "\(s.shot.keyword) at \(s.start) s zooms \(exp(zoom))× per second")
        }
        // A user-written duration may be faster: a 0.5 s orbit of 80° is kept as written.
        let (network, trace) = FixedScene.trace()
        let fast = try TourPlan(
            shots: [TourShot(.orbit(yawFrom: -40, yawTo: 40, elevationFrom: 20, elevationTo: 20), duration: 0.5)],
            renderer: try FixedScene.renderer(), network: network, trace: trace, width: Self.width, height: Self.height)
        #expect(fast.duration == 0.5)
    }

    @Test("the plan and every frame are pure functions of the time: two plans agree and frames render byte for byte the same")
    func determinism() throws {
        let (plan, renderer, _, _) = try Self.lesson()
        let (again, _, _, _) = try Self.lesson()
        #expect(plan == again)
        for t in [0.0, plan.shots[4].start + 2.5, plan.shots[5].start + 3, plan.duration - 0.01] {
            #expect(plan.state(at: t) == again.state(at: t))
            let a = try renderer.renderTour(plan.state(at: t), plan: plan).bgraBytes()
            let b = try renderer.renderTour(again.state(at: t), plan: again).bgraBytes()
            #expect(a == b, "frame at \(t) s differs")
        }
    }

    @Test("fly-to subjects end inside the free area, above the caption band")
    func subjectsClearOfCaptions() throws {
        let (plan, renderer, _, _) = try Self.lesson()
        let layout = renderer.tourLayout(width: Self.width, height: Self.height)
        for s in plan.shots {
            guard case .flyTo(.layer(let l)) = s.shot.kind else { continue }
            let projector = s.to.camera(width: Self.width, height: Self.height, fovY: TourPlan.fovY)
                .projector(width: Self.width, height: Self.height)
            for corner in renderer.scene.layers[l].bounds.corners {
                guard let p = projector.project(corner) else {
                    Issue.record("layer \(l) behind the camera")
                    continue
                }
                #expect(p.y < layout.captionBand.y, "layer \(l) runs under the caption (y \(p.y))")
                #expect(p.x > 0 && p.x < Double(Self.width))
            }
        }
    }

    /// Screen box of every map's corners seen by `camera`.
    static func slabBox(_ renderer: FrameRenderer, _ camera: Camera) -> ScreenRect {
        let p = camera.projector(width: width, height: height)
        let points = renderer.scene.layers.flatMap { $0.grids.flatMap(\.outline) }.map { p.projectUnchecked($0) }
        let xs = points.map(\.x), ys = points.map(\.y)
        let x0 = xs.min() ?? 0, y0 = ys.min() ?? 0
        return ScreenRect(x: x0, y: y0, width: (xs.max() ?? 0) - x0, height: (ys.max() ?? 0) - y0)
    }

    @Test(
        "the intro orbit frames the network as the orbit does: ≥ 85 % of the width at the three-quarter view, in the free area at every frame"
    )
    func networkAsLargeAsInTheOrbit() throws {
        let (plan, renderer, _, _) = try Self.lesson()
        let orbit = plan.shots[0]
        let layout = renderer.tourLayout(width: Self.width, height: Self.height, titleWidth: plan.titleWidth).frame
        var nearest = (gap: Double.infinity, span: 0.0)
        var t = orbit.start
        while t < orbit.end {
            let state = plan.state(at: t)
            let gap = abs(state.pose.yaw + 35)
            if gap < nearest.gap { nearest = (gap, Self.slabBox(renderer, state.camera).width) }
            let p = state.camera.projector(width: Self.width, height: Self.height)
            for point in renderer.scene.framingPoints {
                let s = p.projectUnchecked(point)
                #expect(layout.free.contains(s.x, s.y, margin: 1.5), "\(t) s: \(s) outside \(layout.free)")
                #expect(!layout.keepOut.contains { $0.contains(s.x, s.y, margin: -1.5) }, "\(t) s: \(s) under the title")
            }
            t += 1 / Self.fps
        }
        #expect(nearest.gap < 1)
        #expect(nearest.span >= 0.85 * Double(Self.width), "the network spans \(nearest.span) px of \(Self.width) at yaw −35°")
    }

    @Test(
        "fly-to shots frame their subjects the same way: every layer's slab fills ≥ 70 % of the free area's width or height (its label below takes the rest)"
    )
    func flyToFramesConsistently() throws {
        let (plan, renderer, _, _) = try Self.lesson()
        let free = renderer.tourLayout(width: Self.width, height: Self.height, titleWidth: plan.titleWidth).frame.free
        var checked = 0
        for s in plan.shots {
            guard case .flyTo(.layer(let l)) = s.shot.kind else { continue }
            let p = s.to.camera(width: Self.width, height: Self.height, fovY: TourPlan.fovY).projector(
                width: Self.width, height: Self.height)
            let points = renderer.slabCorners(renderer.scene.layers[l]).map { p.projectUnchecked($0) }
            let w = (points.map(\.x).max() ?? 0) - (points.map(\.x).min() ?? 0)
            let h = (points.map(\.y).max() ?? 0) - (points.map(\.y).min() ?? 0)
            #expect(max(w / free.width, h / free.height) > 0.7, "layer \(l) fills \(w)×\(h) of \(free.width)×\(free.height)")
            checked += 1
        }
        #expect(checked == 2)
    }

    @Test("labels never sit under the caption band, nor under the neuron panel during a neuron shot")
    func labelsClearOfCaptionAndPanel() throws {
        let (plan, renderer, _, _) = try Self.lesson()
        var placed = 0
        for s in plan.shots {
            for share in [0.1, 0.5, 0.9] {
                let state = plan.state(at: s.start + s.duration * share)
                let tour = renderer.tourLayout(
                    width: Self.width, height: Self.height, prediction: state.prediction > 0, titleWidth: plan.titleWidth)
                let band = state.prediction > 0 ? tour.captionBandBesidePrediction : tour.captionBand
                for label in try renderer.tourLabelPlan(state, plan: plan).labels {
                    placed += 1
                    #expect(
                        !label.box.intersects(band), "\(s.shot.keyword) at \(state.time) s: label of layer \(label.layer) under the caption"
                    )
                    if state.neuron != nil {
                        #expect(!label.box.intersects(tour.neuronPanel), "label of layer \(label.layer) under the neuron panel")
                    }
                }
            }
        }
        #expect(placed > 40, "only \(placed) labels placed")
    }

    @Test("while a neuron panel shows, the neuron's layers stay left of it and above the caption band")
    func neuronPanelOffTheSubject() throws {
        let (plan, renderer, _, _) = try Self.lesson()
        let tour = renderer.tourLayout(width: Self.width, height: Self.height, titleWidth: plan.titleWidth)
        var frames = 0
        for (index, s) in plan.shots.enumerated() {
            guard case .neuron(let layer, _) = s.shot.kind else { continue }
            let first = min(s.regions.map(\.layer).min() ?? (layer - 1), layer - 1)
            let points = (first...layer).flatMap { renderer.slabCorners(renderer.scene.layers[$0]) }
            var t = s.start
            while t < s.end {
                let state = plan.state(at: t)
                t += 1 / Self.fps
                guard let neuron = state.neuron, neuron.shot == index, neuron.amount > 0.02 else { continue }
                frames += 1
                let p = state.camera.projector(width: Self.width, height: Self.height)
                let xs = points.map { p.projectUnchecked($0).x }, ys = points.map { p.projectUnchecked($0).y }
                #expect((xs.max() ?? 0) < tour.neuronPanel.minX, "\(state.time) s: the subject reaches x \(xs.max() ?? 0) under the panel")
                #expect((ys.max() ?? 0) < tour.captionBand.minY, "\(state.time) s: the subject runs under the caption")
            }
        }
        #expect(frames > 100)
    }

    @Test("a neuron's panel shows the real arithmetic: the terms and the bias give the recorded value")
    func neuronArithmetic() throws {
        let (network, trace) = FixedScene.trace()
        for (stage, unit) in [(0, 3 * 784 + 14 * 28 + 12), (2, 5 * 100 + 44), (4, 37), (6, 7), (1, 3 * 196 + 50)] {
            let a = try #require(NeuronArithmetic.of(network: network, trace: trace, stage: stage, unit: unit))
            let recorded = Double(try #require(trace[network.stages[stage].name]).data[unit])
            switch a.activation {
            case "ReLU": #expect(abs(max(0, a.preActivation) - recorded) < 1e-4, "stage \(stage)")
            case "softmax": #expect(abs(Double(trace.logits[unit]) - a.preActivation) < 1e-4)
            default: #expect(abs(a.sum - recorded) < 1e-6)
            }
            if case .dense(let top, let restCount, let restSum) = a.terms {
                #expect(top.count == NeuronArithmetic.shownTerms)
                let shown = top.reduce(0.0) { $0 + Double($1.w) * Double($1.x) }
                #expect(abs(shown + restSum - a.sum) < 1e-4)
                #expect(top.count + restCount == network.stages[stage].dense?.inputs)
                let sizes = top.map { abs(Double($0.w) * Double($0.x)) }
                #expect(sizes == sizes.sorted(by: >))
            }
        }
    }

    @Test("a conv1 unit's receptive field is its 5×5 window of the input; conv2's reaches 14×14")
    func receptiveRegions() throws {
        let network = FixedScene.network()
        let conv1 = ReceptiveRegion.trace(network: network, layer: 1, unit: 3 * 784 + 14 * 28 + 12)
        #expect(conv1.map(\.layer) == [1, 0])
        #expect(conv1[1].rows == 12...16 && conv1[1].cols == 10...14)
        let conv2 = ReceptiveRegion.trace(network: network, layer: 3, unit: 5 * 100 + 4 * 10 + 4)
        #expect(conv2.map(\.layer) == [3, 2, 1, 0])
        #expect(conv2[1].channels.count == 8 && conv2[1].rows.count == 5)
        #expect(conv2[3].rows.count == 14 && conv2[3].cols.count == 14)
    }
}
