import Foundation
import Studio
import TestSupport
import Testing

@Suite("subtitles and chapters: SRT, VTT, FFMETADATA")
struct TimelineTextTests {
    let timeline = VideoTimeline(
        duration: 10,
        cues: [
            TimedCue(start: 4, end: 6.5, text: "conv1 <8 maps> & ReLU\n\nthen pooling"),
            TimedCue(start: 0.25, end: 3661.0, text: "  The input  "),
            TimedCue(start: 7, end: 7, text: "empty: dropped"),
            TimedCue(start: 8, end: 9, text: "\n \n"),
        ],
        chapters: [Chapter(start: 5, title: "conv1 = edges; #1"), Chapter(start: 0, title: "Intro")])

    @Test("SRT: numbered, sorted, comma milliseconds, clamped to the video, blank lines dropped")
    func srt() {
        #expect(
            SubtitleText.srt(timeline)
                == "1\n00:00:00,250 --> 00:00:10,000\nThe input\n\n2\n00:00:04,000 --> 00:00:06,500\nconv1 <8 maps> & ReLU\nthen pooling\n")
    }

    @Test("VTT: header, dot milliseconds, markup characters escaped")
    func vtt() {
        #expect(
            SubtitleText.vtt(timeline)
                == "WEBVTT\n\n00:00:00.250 --> 00:00:10.000\nThe input\n\n00:00:04.000 --> 00:00:06.500\nconv1 &lt;8 maps&gt; &amp; ReLU\nthen pooling\n"
        )
    }

    @Test("timestamps round to the millisecond and carry hours")
    func timestamps() {
        #expect(SubtitleText.timestamp(3723.0004, separator: ",") == "01:02:03,000")
        #expect(SubtitleText.timestamp(59.9996, separator: ".") == "00:01:00.000")
        #expect(SubtitleText.timestamp(-1, separator: ".") == "00:00:00.000")
    }

    @Test("chapters: sorted spans ending at the next start or the end of the video, escaped titles, timeline embedded")
    func ffmetadata() {
        let text = ChapterMetadata.text(timeline)
        let chapters = text.components(separatedBy: "[CHAPTER]").dropFirst()
        #expect(chapters.count == 2)
        #expect(chapters.first?.contains("START=0\nEND=5000\ntitle=Intro") == true)
        #expect(chapters.last?.contains("START=5000\nEND=10000\ntitle=conv1 \\= edges\\; \\#1") == true)
        #expect(ChapterMetadata.timeline(in: text) == timeline)
        #expect(!ChapterMetadata.text(timeline, chapters: false).contains("[CHAPTER]"))
        #expect(ChapterMetadata.timeline(in: ";FFMETADATA1\ncomment=my own words\n") == nil)
    }

    @Test(
        "bad times are errors naming the source",
        arguments: [
            VideoTimeline(duration: 0),
            VideoTimeline(duration: 5, cues: [TimedCue(start: 2, end: 1, text: "x")]),
            VideoTimeline(duration: 5, cues: [TimedCue(start: .nan, end: 1, text: "x")]),
            VideoTimeline(duration: 5, chapters: [Chapter(start: 5, title: "after the end")]),
        ])
    func invalid(_ bad: VideoTimeline) {
        #expect(throws: StudioError.self) { try bad.validate(source: "scene.yaml") }
        do { try bad.validate(source: "scene.yaml") } catch { #expect(error.description.hasPrefix("scene.yaml: ")) }
    }
}

@Suite("finishing videos: chapters, voice-over, sidecars, slices joined", .enabled(if: ffmpegAvailable, "needs ffmpeg on PATH"))
struct TimelineFinisherTests {
    /// A `seconds`-long 64×48 MP4 (or WebM) test pattern.
    func pattern(_ file: URL, seconds: Int, start: Int = 0) throws {
        let ffmpeg = try FFmpegLocator().locate(for: file.path).path
        _ = try run(
            ffmpeg,
            [
                "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=\(seconds)",
                "-c:v", file.pathExtension == "webm" ? "libvpx-vp9" : "libx264", "-g", "10", file.path,
            ])
    }

    func probe(_ file: URL, _ entries: String) throws -> String {
        try run("/usr/bin/ffprobe", ["-v", "error", "-show_entries", entries, "-of", "csv=p=0", file.path])
    }

    let timeline = VideoTimeline(
        duration: 4, cues: [TimedCue(start: 0.5, end: 2, text: "hello")],
        chapters: [Chapter(start: 0, title: "Intro"), Chapter(start: 1.5, title: "conv1"), Chapter(start: 3, title: "Answer")])

    @Test("an MP4 gains chapters players list and sidecars; the frames are not re-encoded")
    func mp4() throws {
        let scratch = try ScratchFolder("timeline-mp4")
        defer { scratch.remove() }
        let video = scratch.file("tour.mp4")
        try pattern(video, seconds: 4)
        let before = try frameHashes(video)
        try TimelineFinisher().finish(video: video.path, timeline: timeline)
        #expect(try frameHashes(video) == before)
        let chapters = try probe(video, "chapter=start_time,end_time:chapter_tags=title").split(separator: "\n")
        #expect(chapters == ["0.000000,1.500000,Intro", "1.500000,3.000000,conv1", "3.000000,4.000000,Answer"])
        #expect(try String(contentsOf: scratch.file("tour.srt"), encoding: .utf8) == SubtitleText.srt(timeline))
        #expect(try String(contentsOf: scratch.file("tour.vtt"), encoding: .utf8) == SubtitleText.vtt(timeline))
        #expect(try TimelineFinisher().timeline(of: video.path) == timeline)
        #expect(try scratch.contents() == ["tour.mp4", "tour.srt", "tour.vtt"])
    }

    @Test("captions also burned in go to NAME.captions/ (no player pairs them with the video), and slices carry that choice")
    func burnedSidecars() throws {
        let scratch = try ScratchFolder("timeline-burned")
        defer { scratch.remove() }
        let video = scratch.file("tour.mp4")
        try pattern(video, seconds: 4)
        var burned = timeline
        burned.captionsBurned = true
        try TimelineFinisher().finish(video: video.path, timeline: burned)
        #expect(try scratch.contents() == ["tour.captions", "tour.mp4"])
        #expect(try String(contentsOf: scratch.file("tour.captions/tour.srt"), encoding: .utf8) == SubtitleText.srt(burned))
        #expect(try String(contentsOf: scratch.file("tour.captions/tour.vtt"), encoding: .utf8) == SubtitleText.vtt(burned))
        // The embedded timeline keeps the choice, so `cnnviz concat` writes the joined video's captions there too.
        #expect(try TimelineFinisher().timeline(of: video.path)?.captionsBurned == true)
        #expect(VideoTimeline.parse(json: timeline.json())?.captionsBurned == nil)
    }

    @Test("a voice-over is muxed in and the video keeps its length when the audio is shorter")
    func audio() throws {
        let scratch = try ScratchFolder("timeline-audio")
        defer { scratch.remove() }
        let video = scratch.file("tour.mp4"), voice = scratch.file("voice.wav")
        try pattern(video, seconds: 4)
        let ffmpeg = try FFmpegLocator().locate(for: video.path).path
        _ = try run(ffmpeg, ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=2", voice.path])
        var voiced = timeline
        voiced.audio = voice.path
        try TimelineFinisher().finish(video: video.path, timeline: voiced)
        let streams = try probe(video, "stream=codec_type")
        // MP4 chapters also appear as a "data" (QuickTime chapter text) stream.
        #expect(streams.split(separator: "\n").filter { $0 != "data" }.sorted() == ["audio", "video"], "\(streams)")
        let duration = try Double(probe(video, "format=duration").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(abs(duration - 4) < 0.15)
    }

    @Test("slices carry the whole timeline and concat ends with the one-shot chapters and sidecars")
    func slices() throws {
        let scratch = try ScratchFolder("timeline-slices")
        defer { scratch.remove() }
        let a = scratch.file("a.mp4"), b = scratch.file("b.mp4"), joined = scratch.file("joined.mp4")
        try pattern(a, seconds: 2)
        try pattern(b, seconds: 2)
        try TimelineFinisher().finish(video: a.path, timeline: timeline, isSlice: true)
        try TimelineFinisher().finish(video: b.path, timeline: timeline, isSlice: true)
        #expect(try probe(a, "chapter=start_time").isEmpty)
        #expect(try scratch.contents() == ["a.mp4", "b.mp4"])
        try ConcatJob.run(parts: [a.path, b.path], output: joined.path)
        #expect(try probe(joined, "chapter_tags=title").split(separator: "\n") == ["Intro", "conv1", "Answer"])
        #expect(try String(contentsOf: scratch.file("joined.srt"), encoding: .utf8) == SubtitleText.srt(timeline))
    }

    @Test("slices of different videos are refused by name")
    func mismatched() throws {
        let scratch = try ScratchFolder("timeline-mismatch")
        defer { scratch.remove() }
        let a = scratch.file("a.mp4"), b = scratch.file("b.mp4")
        try pattern(a, seconds: 1)
        try pattern(b, seconds: 1)
        try TimelineFinisher().finish(video: a.path, timeline: timeline, isSlice: true)
        #expect {
            try ConcatJob.run(parts: [a.path, b.path], output: scratch.file("j.mp4").path)
        } throws: { error in
            (error as? StudioError)?.description.contains("b.mp4") == true
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.file("j.mp4").path))
    }

    @Test("a GIF gets sidecars but refuses chapters")
    func gif() throws {
        let scratch = try ScratchFolder("timeline-gif")
        defer { scratch.remove() }
        let gif = scratch.file("t.gif")
        #expect(FileManager.default.createFile(atPath: gif.path, contents: Data("GIF89a".utf8)))
        try TimelineFinisher().finish(video: gif.path, timeline: VideoTimeline(duration: 4, cues: timeline.cues))
        #expect(try scratch.contents() == ["t.gif", "t.srt", "t.vtt"])
        #expect(throws: StudioError.self) { try TimelineFinisher().finish(video: gif.path, timeline: timeline) }
    }
}
