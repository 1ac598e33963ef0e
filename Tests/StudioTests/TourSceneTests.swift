import DigitNet
import Foundation
import Renderer
import Studio
import TestSupport
import Testing

@Suite("Tour scenes")
struct TourSceneTests {
    /// A scene with one tour output whose shots are `shots` (indented list items).
    /// Every line of `shots` is indented four more spaces, under `shots:`.
    static func scene(_ shots: String) -> String {
        let indented = shots.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
        return "input: sample:7\noutputs:\n  - tour:\n      file: Output/t.mp4\n      shots:\n" + indented
    }

    static func errorText(_ yaml: String) -> String {
        do {
            _ = try SceneDescription.parse(yaml: yaml, file: "t.yaml")
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test("every shot kind and common key is read")
    func grammar() throws {
        let yaml = Self.scene(
            """
                    - orbit: { yaw: [-60, -20], elevation: [26, 20] }
                      title: The network
                      duration: 5
                    - reveal:
                      easing: linear
                    - fly-to: conv2[5]
                      yaw: -50
                      elevation: 10
                      caption: "Sixteen maps."
                    - open: conv1
                    - neuron: conv1[3, 14, 12]
                    - neuron: fc1[37]
                      caption: none
                    - hold:
                      prediction: true
                      easing: ease-out

            """)
        let scene = try SceneDescription.parse(yaml: yaml, file: "t.yaml")
        guard case .tour(let tour) = scene.outputs.first, let shots = tour.shots else {
            Issue.record("no tour: \(scene.outputs)")
            return
        }
        #expect(shots.map(\.kind) == [.orbit, .reveal, .flyTo, .open, .neuron, .neuron, .hold])
        #expect(shots[0].yaw?.from == -60 && shots[0].yaw?.to == -20 && shots[0].elevation?.to == 20)
        #expect(shots[0].title == "The network" && shots[0].duration == 5)
        #expect(shots[1].easing == .linear)
        #expect(shots[2].subject == SubjectName(layer: "conv2", indexes: [5]) && shots[2].yaw?.to == -50)
        #expect(shots[2].caption == "Sixteen maps.")
        #expect(shots[4].subject == SubjectName(layer: "conv1", indexes: [3, 14, 12]))
        #expect(shots[5].noCaption && shots[5].caption == nil)
        #expect(shots[6].prediction && shots[6].easing == .easeOut)
        #expect(tour.captions == .burned)
    }

    @Test(
        "shot mistakes are errors naming the file, line and key",
        arguments: [
            ("    - fly-too: conv1\n", "t.yaml:6: outputs[0].tour.shots[0].fly-too: unknown key (did you mean 'fly-to'?)"),
            ("    - hold:\n    - fly-to: conv1\n      open: conv1\n", "t.yaml:7: outputs[0].tour.shots[1]: a shot is exactly one of"),
            (
                "    - hold:\n      duration: fast\n",
                "t.yaml:7: outputs[0].tour.shots[0].duration: expected a number of seconds (0.1...600)"
            ),
            ("    - reveal:\n      easing: bouncy\n", "t.yaml:7: outputs[0].tour.shots[0].easing: expected one of linear, ease-in"),
            ("    - neuron: conv1\n", "t.yaml:6: outputs[0].tour.shots[0].neuron: neuron takes a map or node"),
            ("    - open: conv1[2]\n", "t.yaml:6: outputs[0].tour.shots[0].open: open takes a layer name"),
            ("    - fly-to: conv1[\n", "t.yaml:6: outputs[0].tour.shots[0].fly-to: expected a layer (conv1)"),
            ("    - orbit: { yaw: [1, 2, 3] }\n", "t.yaml:6: outputs[0].tour.shots[0].orbit.yaw: expected one number or a list"),
            ("    - hold:\n      yaw: 20\n", "t.yaml:7: outputs[0].tour.shots[0].yaw: yaw is for fly-to and neuron shots"),
            ("    - hold: 3\n", "t.yaml:6: outputs[0].tour.shots[0].hold: hold takes no value"),
            ("    - title: x\n", "t.yaml:6: outputs[0].tour.shots[0]: a shot needs one of orbit"),
            ("    - hold:\n      prediction: maybe\n", "t.yaml:7: outputs[0].tour.shots[0].prediction: expected true or false"),
        ])
    func shotErrors(shots: String, expected: String) {
        let message = Self.errorText(Self.scene(shots))
        #expect(message.hasPrefix(expected), "got: \(message)")
    }

    @Test("an unknown captions mode names the choices")
    func captionsMode() {
        let message = Self.errorText("input: sample:7\noutputs:\n  - tour: { captions: subtitles }\n")
        #expect(message.hasPrefix("t.yaml:3: outputs[0].tour.captions: expected one of burned, sidecar, both"), "got: \(message)")
    }

    // MARK: Checked against the network

    static func prepare(_ yaml: String) throws -> TourJob.Prepared {
        let scene = try SceneDescription.parse(yaml: yaml, file: "t.yaml")
        guard case .tour(let spec) = scene.outputs[0] else {
            throw SceneFileError(file: "t.yaml", line: nil, keyPath: "", message: "no tour")
        }
        let input = try resolveInput(Fixtures.digitFile.path)
        return try TourJob.prepare(
            spec, input: input, network: try Fixtures.network(), style: scene.style, locations: scene.locations,
            keyPath: "outputs[0].tour")
    }

    static func prepareError(_ shots: String) -> String {
        do {
            _ = try prepare(scene(shots))
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test(
        "layers, maps, nodes and text are checked against the network and the font, at the shot's line",
        arguments: [
            (
                "    - hold:\n    - fly-to: conv9\n",
                "t.yaml:7: outputs[0].tour.shots[1].fly-to: the network has no layer 'conv9'; choose one of input, conv1"
            ),
            ("    - fly-to: conv2[16]\n", "t.yaml:6: outputs[0].tour.shots[0].fly-to: conv2 has 16 maps (0...15), got conv2[16]"),
            ("    - neuron: fc1[120]\n", "t.yaml:6: outputs[0].tour.shots[0].neuron: fc1 has 120 nodes (0...119), got fc1[120]"),
            ("    - neuron: conv1[0, 28, 0]\n", "t.yaml:6: outputs[0].tour.shots[0].neuron: conv1 has 28 rows (0...27)"),
            ("    - neuron: input[0]\n", "t.yaml:6: outputs[0].tour.shots[0].neuron: the input is not computed from anything"),
            (
                "    - hold:\n      caption: \"A 七 here\"\n",
                "t.yaml:7: outputs[0].tour.shots[0].caption: DejaVu Sans cannot draw '七' (U+4E03)"
            ),
        ])
    func networkErrors(shots: String, expected: String) {
        let message = Self.prepareError(shots)
        #expect(message.hasPrefix(expected), "got: \(message)")
    }

    @Test("text the font covers passes (accents, Greek, arrows, the minus sign)")
    func coveredText() throws {
        let prepared = try Self.prepare(Self.scene("    - hold:\n      caption: \"Café · σ(z) → max(0, −1.5) × 2\"\n"))
        #expect(prepared.plan.shots[0].caption == "Café · σ(z) → max(0, −1.5) × 2")
    }

    @Test("a neuron named by its map picks that map's most active unit")
    func neuronUnit() throws {
        let prepared = try Self.prepare(Self.scene("    - neuron: conv1[3]\n"))
        guard case .neuron(let layer, let unit) = prepared.shots[0].kind else {
            Issue.record("not a neuron shot")
            return
        }
        #expect(layer == 1 && (3 * 784..<4 * 784).contains(unit))
        let network = try Fixtures.network()
        let trace = network.forward(try resolveInput(Fixtures.digitFile.path).image)
        let map = trace["conv1"].map { Array($0.data[3 * 784..<4 * 784]) } ?? []
        #expect(map.max() == trace["conv1"]?.data[unit])
    }

    // MARK: The default lesson

    @Test(
        "the default lesson visits every layer, opens every layer with maps, has a neuron in conv1 and in a dense layer, and lasts 60–90 s")
    func defaultLesson() throws {
        let prepared = try Self.prepare("input: sample:7\noutputs:\n  - tour: {}\n")
        let plan = prepared.plan
        #expect(plan.duration >= 60 && plan.duration <= 90, "\(plan.duration) s")
        #expect(plan.chapters.count >= 9)
        var flown = Set<Int>(), opened = Set<Int>(), neurons: [Int] = []
        for shot in prepared.shots {
            switch shot.kind {
            case .flyTo(.layer(let l)): flown.insert(l)
            case .open(let l): opened.insert(l)
            case .neuron(let l, _): neurons.append(l)
            default: break
            }
        }
        #expect(flown == Set(0...7))
        #expect(opened == [1, 2, 3, 4])
        #expect(neurons == [1, 5])
        #expect(prepared.shots.last?.prediction == true)
        // Every shot explains itself: a caption on each, none empty.
        #expect(plan.shots.allSatisfy { ($0.caption?.count ?? 0) > 20 })
    }

    @Test("the default lesson is generated for another architecture: its own layers, maps opened, neurons, frames render")
    func otherArchitecture() throws {
        let architecture = Architecture(
            name: "Small net", inputShape: [1, 28, 28], normalization: InputNormalization(mean: 0.1307, std: 0.3081),
            layers: [
                .conv2d(name: "c1", filters: 6, kernel: 3), .relu,
                .conv2d(name: "c2", filters: 12, kernel: 3, stride: 2), .relu,
                .maxpool2d(name: "p", kernel: 2),
                .flatten,
                .linear(name: "hidden", units: 32), .relu,
                .linear(name: "scores", units: 10), .softmax,
            ])
        let network = try Network(architecture, weights: .initial(seed: 3))
        var spec = TourSpec()
        spec.size = FrameSize(width: 320, height: 180)
        let input = try resolveInput(Fixtures.digitFile.path)
        let prepared = try TourJob.prepare(spec, input: input, network: network, style: SceneStyle())
        let plan = prepared.plan
        // The opening chapter follows the one title scheme of every output (no class named).
        let opening = input.readingTitle(model: "Small net")
        #expect(opening.hasPrefix("Small net reading "))
        #expect(
            plan.chapters.map(\.title).starts(with: [opening, "The forward pass", "The input", "c1", "c2", "p", "hidden", "scores"]),
            "\(plan.chapters.map(\.title))")
        var opened: [Int] = [], neurons: [Int] = []
        for shot in prepared.shots {
            if case .open(let l) = shot.kind { opened.append(l) }
            if case .neuron(let l, _) = shot.kind { neurons.append(l) }
        }
        #expect(opened == [1, 2, 3] && neurons == [1, 4])
        #expect(plan.shots.contains { $0.caption?.contains("12 learned 3×3 filters slide over all 6 maps at once in steps of 2") == true })
        let source = prepared.source
        for index in [0, source.frameCount / 3, source.frameCount / 2, source.frameCount - 1] {
            #expect(try source.frame(index).count == 320 * 180 * 4)
        }
    }

    @Test("a still frame reused from the recent-frames cache is byte for byte the frame drawn afresh")
    func reusedFrames() throws {
        var yaml = Self.scene("        - hold:\n          duration: 1\n        - orbit: { yaw: [-40, -20] }\n          duration: 1\n")
        yaml = yaml.replacingOccurrences(of: "file: Output/t.mp4", with: "file: Output/t.mp4\n      size: 320x180\n      fps: 10")
        let prepared = try Self.prepare(yaml)
        let warm = prepared.source
        let fresh = try Self.prepare(yaml).source
        // Frames 6 and 7 (a hold, after the opening title has faded in) look alike: 7 comes
        // from the cache after 6 is drawn.
        #expect(warm.state(at: 6).looksLike(warm.state(at: 7)) && !warm.state(at: 12).looksLike(warm.state(at: 13)))
        for index in [6, 7, 12, 13] {
            #expect(try warm.frame(index, format: .yuv420p) == fresh.frame(index, format: .yuv420p), "frame \(index)")
        }
        #expect(try fresh.frame(7, format: .bgra) == fresh.image(7).bgraBytes())
    }

    @Test("captions become cues at their shots' times; equal neighbours merge into one cue")
    func cueTiming() throws {
        let prepared = try Self.prepare(
            Self.scene(
                """
                        - hold:
                          duration: 2
                          caption: One
                        - hold:
                          duration: 1.5
                          caption: One
                        - reveal:
                          duration: 3
                          caption: none
                        - hold:
                          duration: 2.25
                          caption: Two
                          title: Last

                """))
        let cues = prepared.plan.cues
        #expect(cues.count == 2)
        #expect(cues[0].text == "One" && cues[0].start == 0 && cues[0].end == 3.5)
        #expect(cues[1].text == "Two" && cues[1].start == 6.5 && cues[1].end == 8.75)
        let srt = SubtitleText.srt(VideoTimeline(duration: 8.75, cues: cues.map { TimedCue(start: $0.start, end: $0.end, text: $0.text) }))
        #expect(srt.contains("00:00:00,000 --> 00:00:03,500\nOne"))
        #expect(srt.contains("00:00:06,500 --> 00:00:08,750\nTwo"))
        // The first shot, untitled, opens with the tour's title (`LeNet reading …`).
        let opening = try resolveInput(Fixtures.digitFile.path).readingTitle(model: "LeNet")
        #expect(prepared.plan.chapters.map(\.title) == [opening, "Last"] && prepared.plan.chapters[1].start == 6.5)
    }
}
