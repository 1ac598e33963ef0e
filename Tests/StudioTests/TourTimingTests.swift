import DigitNet
import Foundation
import Renderer
import Studio
import TestSupport
import Testing

/// Shots timed to a voice-over: `at:` (a shot's start on the audio's clock) and
/// `until: audio-end`, read from the scene, checked against the audio's length (read with
/// ffprobe) with the scene's line, and shown by `render --check`.
@Suite("Tour timing to a voice-over")
struct TourTimingTests {
    /// A silent mono 8 kHz 16-bit WAV of `seconds`.
    static func wav(seconds: Double, in folder: ScratchFolder) throws -> String {
        let samples = Int(seconds * 8000)
        var data = Data()
        func le32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { data.append(contentsOf: $0) } }
        func le16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8)); le32(36 + samples * 2)
        data.append(contentsOf: Array("WAVEfmt ".utf8)); le32(16); le16(1); le16(1); le32(8000); le32(16000); le16(2); le16(16)
        data.append(contentsOf: Array("data".utf8)); le32(samples * 2)
        data.append(Data(count: samples * 2))
        let path = folder.file("voice.wav").path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A tour scene with `shots` (list items at four spaces) and an optional voice-over.
    static func scene(_ shots: String, audio: String? = nil) -> String {
        var yaml = "input: sample:7\noutputs:\n  - tour:\n      file: Output/t.mp4\n      size: 320x180\n"
        if let audio { yaml += "      audio: \(audio)\n" }
        let indented = shots.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
        return yaml + "      shots:\n" + indented
    }

    static func prepare(_ yaml: String) throws -> (TourJob.Prepared, TourSpec) {
        let scene = try SceneDescription.parse(yaml: yaml, file: "t.yaml")
        guard case .tour(let spec) = scene.outputs[0] else {
            throw SceneFileError(file: "t.yaml", line: nil, keyPath: "", message: "no tour")
        }
        let prepared = try TourJob.prepare(
            spec, input: try resolveInput(Fixtures.digitFile.path), network: try Fixtures.network(), style: scene.style,
            locations: scene.locations, keyPath: "outputs[0].tour")
        return (prepared, spec)
    }

    static func error(_ yaml: String) -> String {
        do {
            _ = try prepare(yaml)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test("at: starts a shot on the clock and stretches the planner's shot before it; until: audio-end lasts to the audio's end")
    func timed() throws {
        let folder = try ScratchFolder("tour-timing")
        defer { folder.remove() }
        let audio = try Self.wav(seconds: 14.5, in: folder)
        let (prepared, spec) = try Self.prepare(
            Self.scene(
                """
                    - orbit: { yaw: [-60, -30] }
                      duration: 7.25
                    - fly-to: conv1
                      at: 7.25
                    - hold:
                    - fly-to: network
                      at: 12
                      until: audio-end

                """, audio: audio))
        let plan = prepared.plan
        #expect(abs((prepared.audioDuration ?? 0) - 14.5) < 0.01)
        #expect(plan.shots[0].duration == 7.25 && !plan.shots[0].defaultDuration)
        #expect(plan.shots[1].start == 7.25 && plan.shots[3].start == 12)
        #expect(plan.shots[2].end == 12 && !plan.shots[2].defaultDuration)
        #expect(abs(plan.duration - 14.5) < 0.01, "\(plan.duration)")
        // The camera still never jumps where a shot was stretched.
        for s in plan.shots.dropFirst() {
            let a = plan.state(at: s.start - 1e-6).camera, b = plan.state(at: s.start + 1e-6).camera
            #expect((a.eye - b.eye).length < 1e-3 * max(1, (a.eye - a.target).length))
        }
        let text = TourJob.timelineText(prepared, spec: spec)
        #expect(text.contains("voice-over: \(audio) (14.50 s, muxed in"), "\(text)")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("0.00–   7.25 s") && $0.contains("7.25 s@") }, "\(text)")
        #expect(lines.contains { $0.contains("[at 12.00 s]") && $0.contains("[until audio-end]") })
        #expect(text.contains("@ duration set by the next shot's at: time or by until: audio-end"))
    }

    @Test(
        "timing mistakes are errors at the shot's line",
        arguments: [
            (
                "    - orbit: { yaw: [-60, -30] }\n      duration: 5\n    - hold:\n      at: 3\n",
                "t.yaml:11: outputs[0].tour.shots[1].at: shot 0 (orbit) is written to last 5.00 s and so ends at 5.00 s, overlapping 3.00 s"
            ),
            (
                "    - orbit: { yaw: [-60, -30] }\n      duration: 5\n    - hold:\n      at: 5.5\n",
                "t.yaml:11: outputs[0].tour.shots[1].at: shot 0 (orbit) is written to last 5.00 s and so ends at 5.00 s, short of 5.50 s"
            ),
            (
                "    - hold:\n    - hold:\n      at: 4\n    - hold:\n      at: 3\n",
                "t.yaml:12: outputs[0].tour.shots[2].at: 3.00 s overlaps shot 1 (hold), which starts at 4.00 s"
            ),
            ("    - hold:\n      at: 2\n", "t.yaml:9: outputs[0].tour.shots[0].at: the first shot starts at 0 s, got 2.00 s"),
            ("    - hold:\n      at: 20\n", "t.yaml:9: outputs[0].tour.shots[0].at: 20.00 s is past the end of the voice-over (6.00 s)"),
            (
                "    - hold:\n      until: audio-end\n    - hold:\n",
                "t.yaml:9: outputs[0].tour.shots[0].until: only the last shot can last until the voice-over ends"
            ),
            (
                "    - hold:\n      duration: 7\n    - hold:\n      until: audio-end\n",
                "t.yaml:11: outputs[0].tour.shots[1].until: the voice-over ends at 6.00 s, before this shot can play (it starts at 7.00 s)"
            ),
        ])
    func mistakes(shots: String, expected: String) throws {
        let folder = try ScratchFolder("tour-timing-errors")
        defer { folder.remove() }
        let message = Self.error(Self.scene(shots, audio: try Self.wav(seconds: 6, in: folder)))
        #expect(message.hasPrefix(expected), "got: \(message)")
    }

    @Test(
        "until needs audio-end, a voice-over, and no duration beside it",
        arguments: [
            ("    - hold:\n      until: end\n", "t.yaml:8: outputs[0].tour.shots[0].until: until takes audio-end"),
            (
                "    - hold:\n      duration: 2\n      until: audio-end\n",
                "t.yaml:9: outputs[0].tour.shots[0].until: a shot lasts either a duration or until: audio-end"
            ),
            ("    - hold:\n      at: -1\n", "t.yaml:8: outputs[0].tour.shots[0].at: expected a time in seconds"),
            ("    - hold:\n      until: audio-end\n", "t.yaml:8: outputs[0].tour.shots[0].until: until: audio-end needs a voice-over"),
        ])
    func grammarMistakes(shots: String, expected: String) {
        let message = Self.error(Self.scene(shots))
        #expect(message.hasPrefix(expected), "got: \(message)")
    }

    @Test("a file that is not audio is an error naming it")
    func notAudio() throws {
        let folder = try ScratchFolder("tour-timing-bad-audio")
        defer { folder.remove() }
        let path = folder.file("voice.wav").path
        try Data("not a wave".utf8).write(to: URL(fileURLWithPath: path))
        let message = Self.error(Self.scene("    - hold:\n", audio: path))
        #expect(message.contains("outputs[0].tour.audio") && message.contains("voice.wav"), "got: \(message)")
    }
}
