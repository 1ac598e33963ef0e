import Foundation
import Studio

/// The main job end to end: `Scenes/orbit.yaml` rendered to an mp4 (encoding included), plus
/// its parts: one frame on one core, and the encoder fed pre-rendered frames.
/// The bar: 12 s of 1280×720 video in under 8 s of wall time on two cores (1.5× real time).
func orbitSuite() throws -> [Row] {
    let scene = try SceneDescription.load(path: "Scenes/orbit.yaml")
    guard case .orbit(var spec) = scene.outputs.first(where: { if case .orbit = $0 { true } else { false } }) else {
        throw StudioError.badInput(file: "Scenes/orbit.yaml", reason: "has no orbit output")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnnviz-bench-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    spec.file = folder.appendingPathComponent("orbit.mp4").path

    let input = try resolveInput(scene.input)
    let network = try NetworkSource().load()
    let source = try NetworkFrameSource(network: network, input: input, spec: spec, style: scene.style)
    var rows: [Row] = []

    // One frame on one core (mid-orbit, everything lit).
    let mid = spec.frameCount / 2
    let single = try measure(runs: 10) { _ = try source.frame(mid) }
    rows.append(
        Row(
            benchmark: "orbit frame \(spec.size) (1 core)", median: formatSeconds(single.median),
            detail: "p99 \(formatSeconds(single.p99))"))

    // The encoder alone: pre-rendered frames cycled through the writer.
    let frames = try (0..<8).map { try source.frame($0 * spec.frameCount / 8) }
    let cached = CachedFrames(size: spec.size, frames: frames)
    var encodeSpec = spec
    encodeSpec.file = folder.appendingPathComponent("encode.mp4").path
    let encode = try measure(runs: 1, warmup: 0) {
        try OrbitJob(spec: encodeSpec, showProgress: false).run(source: cached)
    }
    rows.append(
        Row(
            benchmark: "encode \(spec.frameCount) frames (mp4)", median: formatSeconds(encode.median),
            detail: String(format: "%.1f ms/frame", encode.median * 1000 / Double(spec.frameCount))))

    // The whole job.
    let job = OrbitJob(spec: spec, showProgress: false)
    let full = try measure(runs: 3, warmup: 0) { try job.run(source: source) }
    let videoSeconds = Double(spec.frameCount) / Double(spec.fps)
    rows.append(
        Row(
            benchmark: "orbit Scenes/orbit.yaml → mp4 (\(spec.frameCount) frames, \(ProcessInfo.processInfo.activeProcessorCount) cores)",
            median: formatSeconds(full.median),
            detail: String(
                format: "%.2f× real time (best %.2f×); bar 1.5×, aim 3×",
                videoSeconds / full.median, videoSeconds / full.min)))
    return rows
}

/// Pre-rendered frames, cycled: isolates the encoder from the renderer.
private struct CachedFrames: FrameSource {
    let size: FrameSize
    let frames: [[UInt8]]
    func frame(_ index: Int) throws -> [UInt8] { frames[index % frames.count] }
}
