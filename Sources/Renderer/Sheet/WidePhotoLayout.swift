/// Where the wide sheet puts its panels for a photo, which has three more steps (2a–2c, see
/// `PhotoSheetPanel`) between the canvas and the ink mask than a drawn canvas: two rows.
/// The first row holds 1 canvas, 2a light estimate, 2b light divided out and 2c lines and
/// noise dropped, then the key to 2c's colours; a bent arrow leads from 2c down to the second
/// row, which holds steps 2–6 where the drawn sheet has them. The value grid, the flatten
/// strip and the prediction keep their columns, lowered to the second row. Every panel keeps
/// the drawn sheet's sizes, so a photo's sheet is as legible as a drawn one, only taller.
public struct WidePhotoLayout: Sendable {
    /// Sheet width, as the drawn sheet's.
    public static let width = SheetPainter.width
    /// Top of the first row's headers (the drawn sheet's tall panels start here).
    public static let rowOneTop = 122.0
    /// Most caption lines a panel of either row gets (wrapped to its column).
    public static let captionLines = 4
    /// Horizontal distance between the small panels (as on the drawn sheet).
    public static let pitch = 246.0
    /// Width a caption of a small panel may take: its column, less a gap before the next.
    public static let captionWidth = pitch - 12

    /// Height of a small panel with `captionLines` caption lines, header to last descender.
    public static var smallPanelHeight: Double {
        let m = SheetMetrics.wide
        return m.headerHeight + m.side + m.captionHeight(lines: captionLines) + 3
    }

    /// Top of the second row's headers.
    public static let rowTwoTop = (rowOneTop + smallPanelHeight + 48).rounded()

    /// The line the arrows of a row run along (middle of its pictures).
    public static func arrowY(rowTop: Double) -> Double {
        rowTop + SheetMetrics.wide.headerHeight + SheetPanel.side / 2
    }

    /// Top of the prediction (as on the drawn sheet, its answer on the second row's arrow).
    public static let predictionTop = rowTwoTop

    /// Bottom of the prediction's last caption line (at most three lines).
    public static let predictionBottom = predictionTop + 26 + 266 + 2 * 19 + 4

    /// Top of the value grid's and the flatten strip's headers: low enough that the flatten
    /// strip's caption, which runs on under the prediction, starts below the prediction's last
    /// caption line (as on the drawn sheet).
    public static var tallTop: Double {
        let m = SheetMetrics.wide
        let firstCaption = m.headerHeight + SheetPanel.values.pictureSize.height + m.captionGap
        return (predictionBottom + m.captionLeading - firstCaption).rounded(.up)
    }

    /// Bottom of the value grid's and the flatten strip's two caption lines.
    public static var tallBottom: Double {
        let m = SheetMetrics.wide
        return tallTop + m.headerHeight + SheetPanel.values.pictureSize.height + m.captionHeight(lines: 2) + 3
    }

    /// Sheet height: the lowest caption and the drawn sheet's bottom margin.
    public static var height: Double {
        (max(tallBottom, rowTwoTop + smallPanelHeight, predictionBottom) + 46).rounded(.up)
    }

    /// Top-left of a step's header (steps 2–9; the canvas is on the first row).
    public static func origin(of panel: SheetPanel) -> (x: Double, y: Double) {
        switch panel {
        case .canvas: return (56, rowOneTop)
        case .values: return (SheetPainter.origin(of: .values).x, tallTop)
        case .flatten: return (SheetPainter.origin(of: .flatten).x, tallTop)
        case .prediction: return (SheetPainter.origin(of: .prediction).x, predictionTop)
        default: return (SheetPainter.origin(of: panel).x, rowTwoTop)
        }
    }

    /// Top-left of a photo step's header on the first row, after the canvas.
    public static func origin(of step: PhotoSheetPanel) -> (x: Double, y: Double) {
        (56 + Double(step.rawValue) * pitch, rowOneTop)
    }

    /// Top-left of the key to 2c's colours, in the first row after 2c.
    public static var keyOrigin: (x: Double, y: Double) {
        (origin(of: .dropped).x + pitch + 40, rowOneTop)
    }

    /// The bent arrow from 2c to the ink mask: out of 2c's right side, down past its caption,
    /// back under the first row to the canvas's column, down to the second row's arrow line
    /// and right into the ink mask.
    public static var returnArrow: [(x: Double, y: Double)] {
        let from = origin(of: .dropped), to = origin(of: .inkMask)
        let yA = arrowY(rowTop: rowOneTop), yB = arrowY(rowTop: rowTwoTop)
        let between = (rowOneTop + smallPanelHeight + rowTwoTop) / 2
        let out = from.x + captionWidth + 8  // right of 2c's caption
        let down = origin(of: .canvas).x + SheetPanel.side / 2
        return [(from.x + SheetPanel.side + 12, yA), (out, yA), (out, between), (down, between), (down, yB), (to.x - 12, yB)]
    }

    /// Every arrow of the sheet, named by the step it leads to, as the points it runs through
    /// (its head at the last): 1 → 2a → 2b → 2c, the bent one from 2c to 2, then 2 → … → 9.
    public static var arrows: [(name: String, points: [(x: Double, y: Double)])] {
        let side = SheetPanel.side
        var arrows: [(name: String, points: [(x: Double, y: Double)])] = []
        let yA = arrowY(rowTop: rowOneTop)
        var x = origin(of: .canvas).x + side
        for step in PhotoSheetPanel.allCases {
            arrows.append(("arrow → \(step.number)", [(x + 12, yA), (origin(of: step).x - 12, yA)]))
            x = origin(of: step).x + side
        }
        arrows.append(("arrow 2c → 2", returnArrow))
        let yB = arrowY(rowTop: rowTwoTop)
        let rowTwo = Array(SheetPanel.allCases.dropFirst())
        for (from, to) in zip(rowTwo.dropLast(), rowTwo.dropFirst()) {
            let a = origin(of: from), b = origin(of: to)
            let end = from == .flatten ? a.x + from.pictureSize.width + 40 : a.x + from.pictureSize.width
            arrows.append(("arrow → \(to.rawValue)", [(end + 12, yB), (b.x - 12, yB)]))
        }
        return arrows
    }
}
