import Foundation
import Studio
import TestSupport
import Testing

@Suite("Scene files")
struct SceneDecodingTests {
    @Test("only the input is required; everything else has defaults")
    func defaults() throws {
        let scene = try SceneDescription.parse(yaml: "input: sample:7\n", file: "min.yaml")
        #expect(scene.input == "sample:7")
        #expect(scene.outputs == [.orbit(OrbitSpec())])
        #expect(scene.style == SceneStyle())
        let orbit = OrbitSpec()
        #expect(orbit.size == FrameSize(width: 1280, height: 720))
        #expect(orbit.fps == 30 && orbit.seconds == 12 && orbit.frameCount == 360)
        #expect(orbit.reveal == .forwardPass && orbit.turns == 1)
    }

    @Test("an empty output entry takes every default")
    func emptyEntries() throws {
        let scene = try SceneDescription.parse(
            yaml: "input: a.png\noutputs:\n  - orbit:\n  - poster:\n  - preprocess: {}\n", file: "e.yaml")
        #expect(scene.outputs == [.orbit(OrbitSpec()), .poster(PosterSpec()), .preprocess(PreprocessSpec())])
    }

    @Test("every field of the DESIGN example is read")
    func designExample() throws {
        let yaml = """
            input: Scenes/digits/seven.png
            outputs:
              - orbit: { file: Output/orbit.mp4, size: 1280x720, fps: 30, seconds: 12,
                         elevation: 18, turns: 1, reveal: forward-pass }
              - poster: { file: Output/conv1.pdf, layer: conv1 }
              - preprocess: { file: Output/steps.png }
            style: { colormap: viridis, background: "#0d1117", edges: 8 }
            """
        let scene = try SceneDescription.parse(yaml: yaml, file: "design.yaml")
        guard case .orbit(let orbit) = scene.outputs[0], case .poster(let poster) = scene.outputs[1],
            case .preprocess(let steps) = scene.outputs[2]
        else {
            Issue.record("wrong output kinds: \(scene.outputs)")
            return
        }
        #expect(orbit.elevation == 18 && orbit.file == "Output/orbit.mp4")
        #expect(poster.layer == "conv1" && poster.file == "Output/conv1.pdf")
        #expect(steps.file == "Output/steps.png")
        #expect(scene.style.edges == 8 && scene.style.colormap == .viridis)
    }

    @Test("the brief's example error: file, line, key path, expectation and the bad value")
    func badFPS() {
        let yaml = """
            # comment
            input: sample:7
            outputs:
              - orbit:
                  file: Output/orbit.mp4
                  size: 1280x720
                  fps: fast
            """
        #expect {
            _ = try SceneDescription.parse(yaml: yaml, file: "Scenes/orbit.yaml")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("Scenes/orbit.yaml:7: outputs[0].orbit.fps: expected a positive integer")
                && text.hasSuffix("got 'fast'")
        }
    }

    @Test("unknown keys are errors that suggest the nearest allowed key")
    func unknownKey() {
        let yaml = "input: sample:7\noutputs:\n  - orbit: { fsp: 30 }\n"
        do {
            _ = try SceneDescription.parse(yaml: yaml, file: "s.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.keyPath == "outputs[0].orbit.fsp")
            #expect(error.description.contains("unknown key (did you mean 'fps'?)"))
        }
    }

    @Test(
        "bad values name their line and key path",
        arguments: [
            ("input: x\nstyle:\n  colormap: jet\n", 3, "style.colormap", "expected one of viridis, magma, grays"),
            ("input: x\nstyle: { background: blue }\n", 2, "style.background", "expected a colour"),
            ("input: x\noutputs:\n  - orbit: { size: big }\n", 3, "outputs[0].orbit.size", "expected a size WxH"),
            ("input: x\noutputs:\n  - orbit: { size: 1281x720 }\n", 3, "outputs[0].orbit.size", "even sides"),
            ("input: x\noutputs:\n  - orbit: { elevation: 100 }\n", 3, "outputs[0].orbit.elevation", "between -89 and 89"),
            ("input: x\noutputs:\n  - orbit: { reveal: sideways }\n", 3, "outputs[0].orbit.reveal", "forward-pass"),
            ("input: x\noutputs:\n  - orbit: { seconds: -2 }\n", 3, "outputs[0].orbit.seconds", "positive number"),
            ("input: x\noutputs:\n  - orbit: {}\n  - movie: {}\n", 4, "outputs[1].movie", "unknown key"),
            ("input: x\noutputs:\n  - { orbit: {}, poster: {} }\n", 3, "outputs[0]", "exactly one of"),
            ("input: x\noutputs: Output/orbit.mp4\n", 2, "outputs", "expected a list"),
            ("input:\n  - a\n", 2, "input", "expected text"),
            ("outputs: []\n", 1, "input", "missing"),
            ("input: x\nextra: 1\n", 2, "extra", "unknown key"),
        ] as [(String, Int, String, String)])
    func badValues(yaml: String, line: Int, keyPath: String, message: String) {
        do {
            _ = try SceneDescription.parse(yaml: yaml, file: "bad.yaml")
            Issue.record("expected an error for \(keyPath)")
        } catch {
            #expect(error.file == "bad.yaml")
            #expect(error.line == line, "\(error)")
            #expect(error.keyPath == keyPath, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test("YAML syntax errors carry a line")
    func syntax() {
        do {
            _ = try SceneDescription.parse(yaml: "input: x\noutputs:\n  - orbit: { fps: 30\n", file: "broken.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "broken.yaml")
            #expect(error.line != nil)
            #expect(error.message.contains("not valid YAML"))
        }
    }

    @Test("a missing scene file names the file")
    func missingFile() {
        #expect { _ = try SceneDescription.load(path: "/nonexistent/scene.yaml") } throws: { error in
            "\(error)".hasPrefix("/nonexistent/scene.yaml: cannot read scene file")
        }
    }

    @Test("every shipped scene decodes", arguments: ["orbit.yaml", "posters.yaml", "preprocessing.yaml", "all-digits.yaml"])
    func shippedScenes(name: String) throws {
        let scenes = try SceneDescription.loadAll(path: Fixtures.repositoryRoot.appendingPathComponent("Scenes/\(name)").path)
        #expect(!scenes.isEmpty)
        if name == "all-digits.yaml" {
            #expect(scenes.map(\.input) == (0...9).map { "sample:\($0)" })
        }
        if name == "orbit.yaml", case .orbit(let spec) = scenes[0].outputs[0] {
            #expect(spec.size == FrameSize(width: 1280, height: 720) && spec.frameCount == 360)
            #expect(spec.file == "Output/orbit.mp4" && spec.reveal == .forwardPass)
        }
    }

    @Test("frame sizes and slices parse")
    func parsers() {
        #expect(FrameSize.parse("1280x720") == FrameSize(width: 1280, height: 720))
        #expect(FrameSize.parse("64×36") == FrameSize(width: 64, height: 36))
        #expect(FrameSize.parse("12x720") == nil)
        #expect(FrameSize.parse("1280") == nil)
        #expect(parseFrameRange("0..<180") == 0..<180)
        #expect(parseFrameRange("180..359") == 180..<360)
        #expect(parseFrameRange("5..<5") == nil)
        #expect(parseFrameRange("a..<b") == nil)
    }
}
