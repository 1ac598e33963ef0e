import Foundation
import Preprocessing

extension SheetPanel {
    /// Caption lines for a page's narrow columns (about 18 characters each), saying what
    /// `caption(_:)` says on the wide sheet in fewer words.
    func shortCaption(_ content: SheetContent) -> [String] {
        let s = content.stages
        if s.photo != nil, let narrow = narrowCaption(content) { return narrow }
        switch self {
        case .canvas:
            let over = s.canvasColour == .white ? "white" : "black"
            let how = s.photo != nil ? "photo, as given" : s.canvas.hasTransparency ? "alpha → \(over)" : "as drawn"
            return ["\(s.canvas.width)×\(s.canvas.height) px", how]
        case .inkMask:
            let dropped = s.droppedComponents.count
            let first: String
            if let p = s.photo {
                first = "\(p.lines.count) line\(p.lines.count == 1 ? "" : "s") cut"
            } else {
                first = "Otsu at \(s.separation.threshold)"
            }
            return [
                first, "\(s.keptInkPixels) px ink",
                dropped > 0 ? "\(dropped) piece\(dropped == 1 ? "" : "s") cut" : (s.separation.inkIsDark ? "dark ink" : "light ink"),
            ]
        case .outline:
            let kept = s.components.filter(\.kept).count
            return ["\(s.outline.count) edge px", "\(kept) stroke\(kept == 1 ? "" : "s") kept"]
        case .boundingBox:
            let b = s.boundingBox
            return ["\(b.width)×\(b.height) px", "at (\(b.x), \(b.y))"]
        case .box:
            let w = s.strokeWidth
            let stroke =
                w.radius == 0
                ? String(format: "pen %.1f px", w.measured) : String(format: "pen %.1f→%.1f px", w.measured, w.result)
            return ["→ \(s.box.width)×\(s.box.height) px", "area-averaged", stroke]
        case .field:
            let p = s.placement
            return ["mass → middle", String(format: "shift %+d, %+d", p.shift.x, p.shift.y)]
        case .values:
            let nonzero = content.networkInput.filter { $0 > 0 }.count
            let read = content.isMNIST ? "MNIST's own pixels, as the network read them" : "what the network reads"
            return [
                "\(nonzero) of 784 cells hold ink: \(read)",
                "8 flatten: the 784 values row by row, then " + content.normalization.formula,
            ]
        case .flatten, .prediction:
            return []
        }
    }

    /// Caption lines for a photo's page, whose nine steps share the first row (about nine
    /// characters a line); nil for the second row's panels.
    func narrowCaption(_ content: SheetContent) -> [String]? {
        let s = content.stages
        switch self {
        case .canvas:
            return ["\(s.canvas.width)×\(s.canvas.height)", "photo"]
        case .inkMask:
            let dropped = s.droppedComponents.count
            return ["\(s.keptInkPixels) px", "kept", dropped > 0 ? "\(dropped) left out" : "all kept"]
        case .outline:
            let kept = s.components.filter(\.kept).count
            return ["\(s.outline.count) px", "edge", "\(kept) stroke\(kept == 1 ? "" : "s")"]
        case .boundingBox:
            return ["\(s.boundingBox.width)×\(s.boundingBox.height)", "px crop"]
        case .box:
            let w = s.strokeWidth
            return ["→ \(s.box.width)×\(s.box.height)", String(format: "pen %.1f", w.result)]
        case .field:
            let p = s.placement
            return ["mass to", "middle", String(format: "%+d, %+d", p.shift.x, p.shift.y)]
        case .values, .flatten, .prediction:
            return nil
        }
    }
}
