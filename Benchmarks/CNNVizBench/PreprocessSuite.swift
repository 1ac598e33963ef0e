import CCairo
import CairoGraphics
import DigitSamples
import Foundation
import Preprocessing

/// The preprocessing pipeline on a 1000×1000 drawn canvas: the maths alone (canvas already
/// decoded), and the whole run from the PNG file, beside Cairo's PNG decode alone as the
/// baseline in the same process.
func preprocessSuite() throws -> [Row] {
    let style = DrawnDigitStyle(
        canvasWidth: 1000, canvasHeight: 1000, paper: RGBA(1, 1, 1), ink: RGBA(0, 0, 0),
        size: 0.7, penWidth: 0.1)
    let surface = try DrawnDigits.render(digit: 8, style: style)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cnnviz-bench-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("eight.png").path
    try surface.writePNG(to: path)
    let canvas = try Canvas(surface: surface)
    let maths = try measure(runs: 30, warmup: 3) { _ = try Preprocessor.run(canvas: canvas, source: "eight") }
    let whole = try measure(runs: 30, warmup: 3) { _ = try Preprocessor.run(file: path) }
    let decode = try measure(runs: 30, warmup: 3) { _ = try ImageSurface.readPNG(at: path) }
    let cairoDecode = measure(runs: 30, warmup: 3) { cairo_surface_destroy(cairo_image_surface_create_from_png(path)) }
    return [
        Row(
            benchmark: "preprocess 1000×1000 canvas (pipeline maths)", median: formatSeconds(maths.median),
            detail: "min \(formatSeconds(maths.min))"),
        Row(
            benchmark: "preprocess 1000×1000 PNG file (decode + pipeline)", median: formatSeconds(whole.median),
            detail: "PNG decode alone \(formatSeconds(decode.median)) (×\(String(format: "%.2f", whole.median / decode.median)) of it)"),
        Row(
            benchmark: "PNG decode 1000×1000 (libpng shim, readPNG)", median: formatSeconds(decode.median),
            detail:
                "Cairo's own reader \(formatSeconds(cairoDecode.median)) (×\(String(format: "%.2f", decode.median / cairoDecode.median)) of it)"
        ),
    ]
}
