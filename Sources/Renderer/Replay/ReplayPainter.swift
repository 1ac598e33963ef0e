import CairoGraphics
import Foundation
import Geometry

/// Draws a replay frame's own panels (see ``ReplayLayout``) over a frame the
/// `FrameRenderer` has drawn: the canvas with the pen tip, the input strip, the timeline
/// with its marks, the banner of a fresh change of answer, and, while no digit is found,
/// a panel in the prediction panel's place saying so.
public struct ReplayPainter: Sendable {
    public let layout: ReplayLayout
    public let palette: Palette

    public init(layout: ReplayLayout, palette: Palette = .dark) {
        self.layout = layout
        self.palette = palette
    }

    /// Paints every panel of `overlay` into `c` (user space in frame pixels).
    public func paint(_ overlay: ReplayOverlay, into c: Context) throws {
        try paintCanvasPanel(overlay, c)
        try paintStrip(overlay, c)
        paintTimeline(overlay, c)
        paintBanner(overlay, c)
        if overlay.noDigit { paintNoDigit(c) }
        try c.checkStatus()
    }

    private var s: Double { layout.frame.scale }

    private func panel(_ box: ScreenRect, _ c: Context) {
        c.newPath()
        c.roundedRectangle(box.x, box.y, box.width, box.height, radius: 12 * s)
        c.setColor(palette.panel)
        c.fillPreserve()
        c.setColor(palette.border)
        c.setLineWidth(max(0.6, 1 * s))
        c.stroke()
    }

    /// The drawing fitted into the panel, the pen tip on it, and the clock.
    func paintCanvasPanel(_ o: ReplayOverlay, _ c: Context) throws {
        let box = layout.canvasPanel
        panel(box, c)
        c.drawText("CANVAS", x: box.x + 24 * s, y: box.y + 38 * s, size: 13 * s, bold: true, color: palette.muted)
        let clock = String(format: "%.1f s", max(0, o.time))
        c.drawText(clock, x: box.maxX - 24 * s, y: box.y + 38 * s, size: 13 * s, color: palette.muted, align: .right)
        let area = layout.drawingBox
        let cw = Double(o.canvas.width), ch = Double(o.canvas.height)
        let k = min(area.width / cw, area.height / ch)
        let dw = cw * k, dh = ch * k
        let dx = area.x + (area.width - dw) / 2, dy = area.y + (area.height - dh) / 2
        // A transparent canvas sits on a checker so its background reads as none.
        if o.canvas.hasTransparency { paintChecker(ScreenRect(x: dx, y: dy, width: dw, height: dh), c) }
        let image = try o.canvas.makeSurface()
        c.drawImage(image, x: dx, y: dy, width: dw, height: dh, filter: .good)
        c.newPath()
        c.rectangle(dx - 0.5, dy - 0.5, dw + 1, dh + 1)
        c.setColor(palette.muted.withAlpha(0.8))
        c.setLineWidth(max(0.6, 1 * s))
        c.stroke()
        c.drawText(
            "\(o.canvas.width)×\(o.canvas.height) px", x: dx + dw, y: dy + dh + 14 * s, size: 11 * s, color: palette.dim, align: .right)
        guard let tip = o.tip else { return }
        let tx = dx + tip.x * k, ty = dy + tip.y * k
        c.newPath()
        c.arc(tx, ty, radius: 7 * s)
        c.setColor(palette.accent.withAlpha(tip.down ? 0.9 : 0.45))
        c.setLineWidth(max(1, 2.5 * s))
        c.stroke()
        if tip.down {
            c.newPath()
            c.arc(tx, ty, radius: 2.5 * s)
            c.fill()
        }
    }

    private func paintChecker(_ r: ScreenRect, _ c: Context) {
        c.save()
        c.newPath()
        c.rectangle(r.x, r.y, r.width, r.height)
        c.clip()
        c.setColor(RGBA(0.55, 0.55, 0.58))
        c.paint()
        let cell = 10 * s
        c.setColor(RGBA(0.68, 0.68, 0.7))
        var row = 0
        var y = r.y
        while y < r.maxY {
            var x = r.x + (row % 2 == 0 ? 0 : cell)
            while x < r.maxX {
                c.rectangle(x, y, cell, cell)
                x += 2 * cell
            }
            y += cell
            row += 1
        }
        c.fill()
        c.restore()
    }

    /// The network's input at evenly spaced moments of the drawing, pixel-crisp, headed by
    /// its size (28×28 for MNIST-sized models).
    func paintStrip(_ o: ReplayOverlay, _ c: Context) throws {
        let box = layout.strip
        let first = o.strip.first
        let heading = "\(first?.width ?? 28)×\(first?.height ?? 28) INPUT AS IT FORMS"
        c.drawText(heading, x: box.x, y: box.y + 12 * s, size: 11 * s, bold: true, color: palette.muted)
        let n = max(1, o.strip.count)
        let gap = 8 * s
        let side = min((box.width - gap * Double(n - 1)) / Double(n), box.height - 40 * s)
        let y = box.y + 22 * s
        for (i, shot) in o.strip.enumerated() {
            let x = box.x + Double(i) * (side + gap)
            c.newPath()
            c.rectangle(x, y, side, side)
            c.setColor(RGBA(0, 0, 0))
            c.fill()
            if shot.reached, let input = shot.input {
                let image = try Raster.image(width: shot.width, height: shot.height) { px, py in
                    let i = py * shot.width + px
                    return Raster.gray(i < input.count ? input[i] : 0)
                }
                // A non-square input keeps its aspect, centred in the square.
                let aspect = Double(shot.width) / Double(max(1, shot.height))
                let w = side * min(1, aspect), h = side * min(1, 1 / aspect)
                c.drawImage(image, x: x + (side - w) / 2, y: y + (side - h) / 2, width: w, height: h, filter: .nearest)
            } else if shot.reached {
                c.drawText("–", x: x + side / 2, y: y + side / 2 + 4 * s, size: 12 * s, color: palette.dim, align: .center)
            }
            c.newPath()
            c.rectangle(x - 0.5, y - 0.5, side + 1, side + 1)
            c.setColor((shot.reached ? palette.muted : palette.border).withAlpha(0.8))
            c.setLineWidth(max(0.6, 1 * s))
            c.stroke()
            c.drawText(
                String(format: "%.1f s", shot.time), x: x + side / 2, y: y + side + 14 * s, size: 10 * s,
                color: shot.reached ? palette.muted : palette.dim, align: .center)
        }
    }

    /// The drawing's progress along a track, the pen-up hold after it, and every mark passed.
    func paintTimeline(_ o: ReplayOverlay, _ c: Context) {
        let track = layout.timeline
        let total = max(o.totalSeconds, 1e-6)
        func x(_ videoTime: Double) -> Double { track.x + track.width * min(max(videoTime / total, 0), 1) }
        let now = o.time + o.leadIn
        c.newPath()
        c.roundedRectangle(track.x, track.y, track.width, track.height, radius: track.height / 2)
        c.setColor(palette.border.withAlpha(0.7))
        c.fill()
        // The drawing's span, then progress.
        let drawStart = x(o.leadIn), drawEnd = x(o.leadIn + o.drawingSeconds)
        c.newPath()
        c.rectangle(drawStart, track.y + track.height + 3 * s, max(1, drawEnd - drawStart), 2 * s)
        c.setColor(palette.dim.withAlpha(0.8))
        c.fill()
        c.newPath()
        c.roundedRectangle(track.x, track.y, max(track.height, x(now) - track.x), track.height, radius: track.height / 2)
        c.setColor(palette.accent.withAlpha(0.85))
        c.fill()
        c.drawText("TIMELINE", x: track.x, y: track.y - 12 * s, size: 11 * s, bold: true, color: palette.muted)
        c.drawText(
            String(format: "drawing %.1f s · hold %.1f s", o.drawingSeconds, max(0, o.totalSeconds - o.leadIn - o.drawingSeconds)),
            x: track.maxX, y: track.y - 12 * s, size: 11 * s, color: palette.dim, align: .right)
        for mark in o.marks where mark.time <= o.time {
            let mx = x(mark.time + o.leadIn)
            c.newPath()
            c.moveTo(mx, track.y - 4 * s)
            c.lineTo(mx + 5 * s, track.y + track.height / 2)
            c.lineTo(mx, track.y + track.height + 4 * s)
            c.lineTo(mx - 5 * s, track.y + track.height / 2)
            c.closePath()
            c.setColor(mark.from == nil ? palette.muted : palette.amber)
            c.fill()
            c.drawText(
                mark.text, x: mx, y: track.y + track.height + 22 * s, size: 13 * s, bold: mark.from != nil,
                color: mark.from == nil ? palette.muted : palette.text, align: .center)
        }
    }

    /// The latest change of answer, large above the network, fading out.
    func paintBanner(_ o: ReplayOverlay, _ c: Context) {
        guard let mark = o.marks.last(where: { $0.from != nil && $0.time <= o.time }) else { return }
        let age = o.time - mark.time
        guard age < ReplayOverlay.bannerSeconds else { return }
        let alpha = age < 0.15 ? age / 0.15 : min(1, (ReplayOverlay.bannerSeconds - age) / 0.6)
        let area = layout.networkArea
        // Beside the title when there is room (the network may rise beside it), else below it.
        var x = area.midX, y = area.y + 40 * s
        if let title = layout.frame.title, title.maxY + layout.frame.clearance > area.y {
            if area.maxX - title.maxX >= 240 * s {
                x = (title.maxX + area.maxX) / 2
            } else {
                y = title.maxY + layout.frame.clearance + 40 * s
            }
        }
        c.drawText(mark.text, x: x, y: y, size: 44 * s, bold: true, color: palette.amber.withAlpha(alpha), align: .center)
        c.drawText(
            "the answer changed and held", x: x, y: y + 26 * s, size: 15 * s, color: palette.muted.withAlpha(alpha),
            align: .center)
    }

    /// In the prediction panel's place: no digit found yet, so no prediction.
    func paintNoDigit(_ c: Context) {
        guard let box = layout.frame.prediction else { return }
        panel(box, c)
        c.drawText("PREDICTION", x: box.x + 24 * s, y: box.y + 38 * s, size: 13 * s, bold: true, color: palette.muted)
        c.drawText("no digit yet", x: box.midX, y: box.midY, size: 26 * s, bold: true, color: palette.muted, align: .center)
        c.drawText(
            "the preprocessing finds no ink to read,", x: box.midX, y: box.midY + 30 * s, size: 13 * s, color: palette.dim,
            align: .center)
        c.drawText("so the network is not asked", x: box.midX, y: box.midY + 50 * s, size: 13 * s, color: palette.dim, align: .center)
    }
}
