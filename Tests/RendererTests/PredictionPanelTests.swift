import CairoGraphics
import DigitNet
import Renderer
import Testing

/// The frame's prediction panel: empty until the forward pass reaches the output, then the
/// verdict in its colour (the fixed scene's answer is uncertain: amber; a wrong label: red).
@Suite("Prediction panel")
struct PredictionPanelTests {
    /// Pixels in the bottom-right panel of a 1280×720 frame within 40 of `colour` per channel.
    func count(_ colour: RGBA, reveal: Double?, style: FrameStyle = FrameStyle()) throws -> Int {
        let renderer = try FixedScene.renderer(style)
        let camera = renderer.fittedCamera(width: 1280, height: 720)
        let image = try renderer.render(camera: camera, width: 1280, height: 720, reveal: reveal)
        let bytes = image.bgraBytes()
        let s = 720.0 / 1080
        let (r, g, b) = (Int(colour.r * 255), Int(colour.g * 255), Int(colour.b * 255))
        var n = 0
        for y in Int(720 - 356 * s)..<720 {
            for x in Int(1280 - 504 * s)..<1280 {
                let i = 4 * (y * 1280 + x)
                if abs(Int(bytes[i + 2]) - r) < 40 && abs(Int(bytes[i + 1]) - g) < 40 && abs(Int(bytes[i]) - b) < 40 { n += 1 }
            }
        }
        return n
    }

    @Test func emptyUntilTheRevealReachesTheOutput() throws {
        let amber = Palette.dark.amber, accent = Palette.dark.accent
        #expect(try count(amber, reveal: 0) == 0)
        #expect(try count(accent, reveal: 0) == 0)
        #expect(try count(amber, reveal: 0.4) == 0)
        #expect(try count(amber, reveal: nil) > 200)
    }

    @Test func uncertainAnswerIsAmberNotAccent() throws {
        // The fixed scene answers 0 at 68 %: uncertain, so no accent-coloured verdict.
        #expect(try count(Palette.dark.accent, reveal: nil) < 20)
    }

    @Test func wrongLabelTurnsRed() throws {
        var style = FrameStyle()
        style.label = 3
        #expect(try count(Palette.dark.alert, reveal: nil, style: style) > 200)
        #expect(try count(Palette.dark.alert, reveal: nil) == 0)
    }
}

@Suite("Runner-up trace")
struct RunnerUpTraceTests {
    @Test func runnerUpEdgesEndOnTheRunnerUpsOutputCell() throws {
        let (network, trace) = FixedScene.trace()
        let scene = try SceneBuilder.build(network: network, trace: trace)
        let runnerUp = trace.top2[1].digit
        let output = try #require(scene.layers.last)
        let last = scene.layers.count - 2
        let winnerInto = scene.edges.filter { $0.fromLayer == last }
        let runnerInto = scene.runnerUpEdges.filter { $0.fromLayer == last }
        #expect(!runnerInto.isEmpty)
        #expect(runnerInto.allSatisfy { $0.to == output.cellCenter(runnerUp) })
        #expect(winnerInto.allSatisfy { $0.to == output.cellCenter(trace.prediction) })
        // The same tracing rule as the winner's: traced back to the input layer.
        #expect(scene.runnerUpEdges.contains { $0.fromLayer == 0 })
        // Traced explicitly for the winner, the paths are the winner's own.
        let explicit = network.contributionPaths(
            in: trace, linksPerUnit: 8, unitsPerLayer: 6, target: trace.prediction)
        #expect(explicit == network.contributionPaths(in: trace, linksPerUnit: 8, unitsPerLayer: 6))
    }
}
