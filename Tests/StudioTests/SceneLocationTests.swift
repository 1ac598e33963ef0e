import Renderer
import Studio
import Testing

/// Locations kept on decoded scenes, the shared value rules and the typed option values.
@Suite("Scene locations, rules and typed values")
struct SceneLocationTests {
    static let yaml = """
        input: sample:7
        outputs:
          - orbit:
              file: Output/o.mp4
          - poster:
              file: Output/p.png
              layer: conv9
        style: { colormap: magma }
        """

    @Test("the decoded description keeps the line of every key")
    func linesKept() throws {
        let scene = try SceneDescription.parse(yaml: Self.yaml, file: "s.yaml")
        #expect(scene.locations.file == "s.yaml")
        #expect(scene.locations.location(of: "input").line == 1)
        #expect(scene.locations.location(of: "outputs[0].orbit.file").line == 4)
        #expect(scene.locations.location(of: "outputs[1].poster").line == 5)
        #expect(scene.locations.location(of: "outputs[1].poster.layer").line == 7)
        // A key that was not written falls back to its nearest written parent.
        #expect(scene.locations.location(of: "outputs[1].poster.size").line == 5)
        #expect(scene.keyPath(ofOutput: 1) == "outputs[1].poster")
        let error = scene.locations.error(at: "outputs[1].poster.layer", "no such layer")
        #expect(error.description == "s.yaml:7: outputs[1].poster.layer: no such layer")
    }

    @Test("locations take no part in equality")
    func equality() throws {
        let written = try SceneDescription.parse(yaml: "input: sample:7\n", file: "a.yaml")
        let shifted = try SceneDescription.parse(yaml: "\n\n# moved\ninput: sample:7\n", file: "b.yaml")
        #expect(written == shifted)
        #expect(written.locations.location(of: "input").line == 1)
        #expect(shifted.locations.location(of: "input").line == 4)
    }

    @Test("the scene's colour map is the renderer's own type, sequential maps only")
    func colormaps() throws {
        let scene = try SceneDescription.parse(yaml: Self.yaml, file: "s.yaml")
        #expect(scene.style.colormap == Colormap.Name.magma)
        #expect(throws: SceneFileError.self) {
            _ = try SceneDescription.parse(yaml: "input: x\nstyle: { colormap: rdbu }\n", file: "d.yaml")
        }
    }

    @Test(
        "frame slices: A:B and A..<B mean the same, A..B includes B",
        arguments: [
            ("0:30", 0..<30), ("0..<30", 0..<30), (" 180:360 ", 180..<360), ("180..359", 180..<360), ("7:8", 7..<8),
        ] as [(String, Range<Int>)])
    func slices(text: String, range: Range<Int>) {
        #expect(FrameRange.parse(text)?.range == range)
        #expect(parseFrameRange(text) == range)
    }

    @Test("bad frame slices are refused", arguments: ["5:5", "9:3", "-1:3", "a:b", "0-30", "30", "", "0:", ":30", "0..<x"])
    func badSlices(text: String) {
        #expect(FrameRange.parse(text) == nil)
    }

    @Test("a slice prints in the shell-safe form")
    func sliceDescription() {
        #expect(FrameRange(30..<60).description == "30:60")
    }

    @Test("one size syntax; each use adds its own requirement")
    func sizes() {
        for text in ["640x480", "640×480", "640X480", " 640 x 480 "] {
            #expect(FrameSize.parse(text) == FrameSize(width: 640, height: 480), "\(text)")
        }
        #expect(FrameSize.parse("15x480") == nil)
        #expect(FrameSize.parse("640x8194") == nil)
        #expect(FrameSize.parse("640") == nil)
        let odd = FrameSize(width: 641, height: 480)
        #expect(odd.problem(as: .video)?.contains("even sides") == true)
        #expect(odd.problem(as: .picture) == nil)
        #expect(odd.problem(as: .poster) == nil)
        #expect(FrameSize(width: 300, height: 480).problem(as: .poster)?.contains("at least 320x240") == true)
    }

    @Test("the scene decoder and the command line share one rule per setting")
    func sharedRules() throws {
        #expect(!SceneRules.elevation.allows(90))
        #expect(SceneRules.elevation.problem(with: 90) == "expected degrees between -89 and 89, got 90.0")
        #expect(throws: SceneFileError.self) {
            _ = try SceneDescription.parse(yaml: "input: x\noutputs:\n  - orbit: { elevation: 90 }\n", file: "e.yaml")
        }
        let edge = try SceneDescription.parse(yaml: "input: x\noutputs:\n  - orbit: { elevation: 89 }\n", file: "e.yaml")
        guard case .orbit(let spec) = edge.outputs[0] else {
            Issue.record("expected an orbit")
            return
        }
        #expect(spec.elevation == 89 && SceneRules.elevation.allows(spec.elevation))
    }

    @Test("a poster size in a scene follows the poster rule")
    func posterSize() {
        do {
            _ = try SceneDescription.parse(yaml: "input: x\noutputs:\n  - poster: { size: 100x100 }\n", file: "p.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3 && error.keyPath == "outputs[0].poster.size", "\(error)")
            #expect(error.message.contains("at least 320x240"), "\(error)")
        }
    }
}
