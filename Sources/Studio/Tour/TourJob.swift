import CairoGraphics
import DigitNet
import Foundation
import Renderer
import SceneGraph

/// Renders a tour output: plans the shots (the scene's or the default lesson), checks every
/// caption and title against the font, renders the frames through the orbit video path,
/// then writes the captions (SRT, VTT) and chapters (and the voice-over) with the shared
/// `TimelineFinisher`.
public enum TourJob {
    /// A prepared tour: its frames and its plan.
    public struct Prepared: Sendable {
        public var source: TourFrameSource
        public var shots: [TourShot]
        /// The voice-over's length in seconds (nil without one).
        public var audioDuration: Double?
        public var plan: TourPlan { source.plan }
    }

    /// Plans `spec` for `network` reading `input`; errors name the scene line through
    /// `locations`. A voice-over's length is read with `ffprobe` (beside `ffmpeg`) when the
    /// spec has one, for shots timed to it.
    public static func prepare(
        _ spec: TourSpec, input: DigitInput, network: Network, style: SceneStyle,
        locations: SceneLocations = SceneLocations(), keyPath: String = "tour", ffmpeg: FFmpegLocator = FFmpegLocator()
    ) throws -> Prepared {
        let trace = network.forward(Prediction.fitted(input.image, to: network.inputShape))
        var layout = SceneLayout.standard
        layout.edgesPerNode = style.edges
        let scene = try SceneBuilder.build(network: network, trace: trace, layout: layout)
        let title = input.readingTitle(model: network.architecture.name)
        let renderer = FrameRenderer(
            scene: scene, style: NetworkFrameSource.frameStyle(style, input: input, model: network.architecture.name))
        var shots: [TourShot]
        if let specs = spec.shots {
            shots = try TourShots.resolve(specs, network: network, trace: trace, locations: locations)
        } else {
            shots = DefaultLesson.shots(network: network, trace: trace, title: title)
        }
        // The opening chapter follows the one title scheme of every output unless written.
        if !shots.isEmpty, shots[0].title == nil { shots[0].title = title }
        var audioDuration: Double?
        if let audio = spec.audio {
            do { audioDuration = try AudioProbe.duration(of: audio, ffmpeg: ffmpeg) } catch let error as StudioError {
                throw spec.shots == nil ? error : locations.error(at: keyPath + ".audio", error.description)
            }
        }
        let plan: TourPlan
        do {
            plan = try TourPlan(
                shots: shots, renderer: renderer, network: network, trace: trace, width: spec.size.width,
                height: spec.size.height, audioDuration: audioDuration)
        } catch {
            if let specs = spec.shots, error.shot < specs.count {
                throw locations.error(at: specs[error.shot].keyPath + "." + error.key, error.message)
            }
            throw StudioError.badInput(file: keyPath, reason: error.description)
        }
        try checkText(plan, specs: spec.shots, locations: locations, keyPath: keyPath)
        let source = TourFrameSource(renderer: renderer, plan: plan, fps: spec.fps, drawsCaptions: spec.captions.drawsCaptions)
        return Prepared(source: source, shots: shots, audioDuration: audioDuration)
    }

    /// Every title and caption must be drawable by the typeface: a character it lacks is an
    /// error naming the shot, not a box in the video.
    static func checkText(_ plan: TourPlan, specs: [ShotSpec]?, locations: SceneLocations, keyPath: String) throws {
        let surface = try ImageSurface(width: 4, height: 4)
        let context = try Context(surface)
        for (i, shot) in plan.shots.enumerated() {
            for (key, text, bold) in [("title", shot.shot.title, true), ("caption", shot.caption, false)] {
                guard let text else { continue }
                context.selectFont(Typeface.family, weight: bold ? .bold : .normal)
                context.setFontSize(20)
                let missing = context.missingCharacters(text)
                guard !missing.isEmpty else { continue }
                let shown = missing.map { c in
                    "'\(c)' (" + c.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ") + ")"
                }
                let message =
                    "\(Typeface.family) cannot draw \(shown.joined(separator: ", ")); use text the font covers "
                    + "(Latin, Greek, Cyrillic and common symbols)"
                if let specs, i < specs.count {
                    throw locations.error(at: specs[i].keyPath + "." + key, message)
                }
                throw StudioError.badInput(file: keyPath, reason: "shot \(i) \(key): " + message)
            }
        }
    }

    /// The video length a tour's frames give, for the timeline.
    static func timeline(_ prepared: Prepared, spec: TourSpec) -> VideoTimeline {
        let plan = prepared.plan
        let duration = Double(prepared.source.frameCount) / Double(spec.fps)
        return VideoTimeline(
            duration: duration,
            // Burned-only captions carry no cues, so nothing (not even `cnnviz concat` joining
            // slices) writes sidecars a player would show over the burned ones.
            cues: spec.captions.writesSidecars
                ? plan.cues.map { TimedCue(start: $0.start, end: min($0.end, duration), text: $0.text) } : [],
            chapters: plan.chapters.map { Chapter(start: $0.start, title: $0.title) },
            audio: spec.audio.map { URL(fileURLWithPath: $0).standardizedFileURL.path },
            captionsBurned: spec.captions == .both ? true : nil)
    }

    /// Renders the tour (all of it, or the slice `options.frames`) and finishes its timeline.
    @discardableResult
    public static func render(
        _ spec: TourSpec, prepared: Prepared, options: RenderOptions, cancel: CancellationFlag = CancellationFlag()
    ) throws -> OrbitReport {
        let source = prepared.source
        var video = OrbitSpec()
        video.file = options.frames.map { SceneRenderJob.sliceFileName(spec.file, $0) } ?? spec.file
        video.size = spec.size
        video.fps = spec.fps
        video.seconds = Double(source.frameCount) / Double(spec.fps)
        let job = OrbitJob(
            spec: video, frames: options.frames, video: options.video, scheduler: options.scheduler,
            showProgress: options.showProgress)
        _ = try job.frameRange()
        let report = try job.run(source: source, cancel: cancel)
        let finisher = TimelineFinisher(ffmpeg: options.video.ffmpeg, cancel: cancel)
        try finisher.finish(
            video: video.file, timeline: timeline(prepared, spec: spec), isSlice: options.frames != nil,
            sidecars: spec.captions.writesSidecars)
        return report
    }

    /// The shot timeline `render --check` prints: one line per shot with its start, end,
    /// kind and subject, a `*` on lengths the planner chose, then the chapter and caption.
    public static func timelineText(_ prepared: Prepared, spec: TourSpec) -> String {
        let plan = prepared.plan
        let names = ["input"] + prepared.source.renderer.scene.layers.dropFirst().map(\.name.rawValue)
        func layer(_ i: Int) -> String { i < names.count ? names[i] : "#\(i)" }
        func subject(_ kind: TourShot.Kind) -> String {
            switch kind {
            case .orbit(_, let yawTo, _, let elevationTo):
                return String(format: "to yaw %.0f° elevation %.0f°", yawTo, elevationTo)
            case .flyTo(.network): return "network"
            case .flyTo(.layer(let l)): return layer(l)
            case .flyTo(.map(let l, let m)): return "\(layer(l))[\(m)]"
            case .flyTo(.node(let l, let n)): return "\(layer(l))[\(n)]"
            case .hold, .reveal: return ""
            case .open(let l): return layer(l)
            case .neuron(let l, let u): return "\(layer(l)) unit \(u)"
            }
        }
        var lines = [
            String(
                format: "%@: %d shots, %.2f s, %d frames at %d fps, %dx%d, %d chapters, %d captions (%@)", spec.file,
                plan.shots.count, Double(prepared.source.frameCount) / Double(spec.fps), prepared.source.frameCount, spec.fps,
                spec.size.width, spec.size.height, plan.chapters.count, plan.cues.count, spec.captions.rawValue)
        ]
        if let audio = spec.audio {
            let length = prepared.audioDuration.map { String(format: "%.2f s, ", $0) } ?? ""
            lines.append("voice-over: \(audio) (\(length)muxed in; padded with silence or cut to the video's length)")
        }
        for (i, s) in plan.shots.enumerated() {
            let mark = s.defaultDuration ? "*" : (timedToAudio(i, plan: plan) ? "@" : " ")
            var line = String(format: "%3d  %7.2f–%7.2f s  %6.2f s%@  ", i, s.start, s.end, s.duration, mark)
            line += s.shot.keyword.padding(toLength: 7, withPad: " ", startingAt: 0) + " "
            line += subject(s.shot.kind).padding(toLength: 30, withPad: " ", startingAt: 0)
            if let at = s.shot.at { line += String(format: "  [at %.2f s]", at) }
            if s.shot.untilAudioEnd { line += "  [until audio-end]" }
            if let title = s.shot.title { line += "  [chapter: \(title)]" }
            if s.shot.prediction { line += "  [prediction]" }
            if let caption = s.caption {
                let short = caption.count > 60 ? String(caption.prefix(59)) + "…" : caption
                line += "  \"\(short)\""
            }
            lines.append(line)
        }
        lines.append("* duration chosen by the planner (the view turns at most \(Int(TourPlan.maxTurnRate))°/s)")
        if plan.shots.indices.contains(where: { timedToAudio($0, plan: plan) }) {
            lines.append("@ duration set by the next shot's at: time or by until: audio-end")
        }
        return lines.joined(separator: "\n")
    }

    /// Whether shot `i`'s length comes from the clock: the next shot's `at:` or its own `until: audio-end`.
    static func timedToAudio(_ i: Int, plan: TourPlan) -> Bool {
        plan.shots[i].shot.untilAudioEnd || (i + 1 < plan.shots.count && plan.shots[i + 1].shot.at != nil)
    }
}

extension TourJob {
    /// What can be checked before rendering: the output is an MP4 or WebM (chapters), the
    /// voice-over exists. Errors carry the key's line.
    static func preflight(_ spec: TourSpec, locations: SceneLocations, keyPath: String) throws(SceneFileError) {
        let format: VideoFormat
        do { format = try VideoFormat.forPath(spec.file) } catch {
            throw locations.error(at: keyPath + ".file", error.description)
        }
        guard format == .mp4 || format == .webm else {
            throw locations.error(
                at: keyPath + ".file", "a tour is written as .mp4 or .webm (its chapters live in the video), got \(spec.file)")
        }
        if let audio = spec.audio {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: audio, isDirectory: &isFolder), !isFolder.boolValue,
                FileManager.default.isReadableFile(atPath: audio)
            else {
                throw locations.error(at: keyPath + ".audio", "no readable audio file at \(audio)")
            }
        }
    }
}
