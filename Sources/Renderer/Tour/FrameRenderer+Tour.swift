import CairoGraphics
import Geometry
import SceneGraph

/// Tour frames: the network as in an orbit frame (no legend), with the chapter title, the
/// caption panel, an opened layer, a neuron's receptive field and arithmetic, and the
/// prediction panel when a shot asks for it.
extension FrameRenderer {
    /// The style tour frames are laid out with: a title band reserved for chapter titles, no
    /// legend, the prediction panel only when shown.
    static func tourStyle(_ base: FrameStyle, prediction: Bool) -> FrameStyle {
        var style = base
        style.title = style.title ?? "Tour"
        style.subtitle = []
        style.showLegend = false
        style.showPrediction = prediction
        return style
    }

    /// The tour layout for a `width`×`height` frame whose widest chapter title is
    /// `titleWidth` pixels wide (nil: the title band spans the frame).
    public func tourLayout(width: Int, height: Int, prediction: Bool = false, titleWidth: Double? = nil) -> TourLayout {
        TourLayout(
            frame: FrameLayout(
                width: width, height: height, style: Self.tourStyle(style, prediction: prediction), titleWidth: titleWidth))
    }

    /// The width of the widest of `titles` as the chapter title is drawn (32 px bold at 1080
    /// rows), nil without titles.
    public func chapterTitleWidth(_ titles: [String], width: Int, height: Int) -> Double? {
        guard !titles.isEmpty, let surface = try? ImageSurface(width: 1, height: 1), let c = try? Context(surface) else {
            return nil
        }
        let s = style.overlayScale ?? Double(min(width, height)) / 1080
        c.setFont(32 * s, bold: true)
        return titles.map { c.textExtents($0).xAdvance }.max()
    }

    /// Renders the tour frame `state` of `plan` into a new image: as `render` does, the
    /// pixels come from the renderer's pool and the floor grid is composited into each row
    /// as the cached background is copied (`floorWithBackground` false: the grid is drawn
    /// afterwards; the pixels are the same, tests compare the two).
    public func renderTour(_ state: TourFrameState, plan: TourPlan, floorWithBackground: Bool = true) throws -> ImageSurface {
        let width = plan.width, height = plan.height
        let surface: ImageSurface
        var grid: SolidBatch? = nil
        if style.transparentBackground {
            // Tours always drew the background gradient, whatever the style says.
            surface = try ImageSurface(width: width, height: height)
            copyBackground(into: surface, width: width, height: height)
        } else {
            if style.showFloor && floorWithBackground {
                let projector = state.camera.projector(width: width, height: height)
                let scale = tourLayout(
                    width: width, height: height, prediction: state.prediction > 0, titleWidth: plan.titleWidth
                ).frame.scale
                grid = floorGridBatch(projector, scale: scale, width: width, height: height)
            }
            surface = try newSurface(width: width, height: height, floorGrid: &grid)
        }
        let context = try Context(surface)
        try drawTour(state, plan: plan, into: context, pixels: surface, floorGridDone: grid != nil)
        surface.flush()
        return surface
    }

    /// The drawing context of tour frame `state`: its camera, layout and reveal amounts.
    func tourFrameContext(_ state: TourFrameState, plan: TourPlan, context: Context, pixels: ImageSurface?) -> FrameContext {
        let projector = state.camera.projector(width: plan.width, height: plan.height)
        let count = scene.layers.count
        let amounts: [Double]
        if let reveal = state.reveal {
            let start = count > 0 ? min(1, 2 / Double(count + 1)) : 0
            amounts = scene.revealAmounts(progress: start + reveal * (1 - start))
        } else {
            amounts = Array(repeating: 1, count: count)
        }
        let tour = tourLayout(width: plan.width, height: plan.height, prediction: state.prediction > 0, titleWidth: plan.titleWidth)
        return FrameContext(
            context: context, projector: projector, layout: tour.frame, reveal: amounts, dimming: dimming(projector),
            pixels: pixels)
    }

    /// Where tour frame `state`'s layer labels go (see `LabelPlan`): clear of the caption
    /// band and the neuron panel as well as the frame's panels.
    public func tourLabelPlan(_ state: TourFrameState, plan: TourPlan) throws -> LabelPlan {
        let surface = try ImageSurface(width: 1, height: 1)
        let f = tourFrameContext(state, plan: plan, context: try Context(surface), pixels: nil)
        let tour = TourLayout(frame: f.layout)
        return labelPlan(f, avoiding: labelObstacles(state, plan: plan, layout: tour))
    }

    /// `floorGridDone`: the floor grid's lines are already in the pixels (`renderTour`).
    func drawTour(
        _ state: TourFrameState, plan: TourPlan, into context: Context, pixels: ImageSurface?, floorGridDone: Bool = false
    ) throws {
        let f = tourFrameContext(state, plan: plan, context: context, pixels: pixels)
        let projector = f.projector
        let showPrediction = state.prediction > 0
        let tour = TourLayout(frame: f.layout)
        let open = state.open.flatMap { $0.amount > 0.001 ? $0 : nil }
        context.setAntialias(style.fastAntialias ? .fast : .good)
        if style.showFloor { paintFloor(f, gridDone: floorGridDone) }
        for (_, item) in sortedItems(eyeX: scene.planeNormal.dot(projector.camera.eye)) {
            switch item {
            case .layer(let i):
                if i != open?.layer { paintLayer(i, f) }
            case .edges(let gap, let lo, let hi):
                paintEdges(gap: gap, xLow: lo, xHigh: hi, f)
            }
        }
        context.setAntialias(.good)
        if style.showLabels { paintLabels(f, avoiding: labelObstacles(state, plan: plan, layout: tour)) }
        if let neuron = state.neuron, neuron.amount > 0.001, neuron.shot < plan.shots.count {
            paintReceptiveField(plan.shots[neuron.shot], amount: neuron.amount, f)
        }
        if let open { paintOpenLayer(open.layer, amount: open.amount, in: tour.openArea, f) }
        if let neuron = state.neuron, neuron.amount > 0.001, neuron.shot < plan.shots.count,
            let arithmetic = plan.shots[neuron.shot].neuron
        {
            paintNeuronPanel(arithmetic, in: tour.neuronPanel, alpha: neuron.amount, f)
        }
        if let title = state.title { paintChapterTitle(title.text, alpha: title.alpha, f) }
        if let caption = state.caption, caption.alpha > 0.001 {
            paintCaptionPanel(
                caption.text, in: showPrediction ? tour.captionBandBesidePrediction : tour.captionBand,
                alpha: caption.alpha, size: tour.captionSize, lineHeight: tour.captionLineHeight, f)
        }
        if showPrediction { paintPrediction(f) }
        try context.checkStatus()
    }

    /// Rectangles labels keep off besides the layout's panels: the caption band (always, so
    /// labels never jump as captions come and go; a player's own subtitles sit there too)
    /// and, through a neuron shot, its panel.
    func labelObstacles(_ state: TourFrameState, plan: TourPlan, layout tour: TourLayout) -> [ScreenRect] {
        let s = tour.frame.scale
        var out = [(state.prediction > 0 ? tour.captionBandBesidePrediction : tour.captionBand).outset(by: 4 * s)]
        if let neuron = state.neuron, neuron.shot < plan.shots.count, plan.shots[neuron.shot].neuron != nil {
            out.append(tour.neuronPanel.outset(by: 4 * s))
        }
        return out
    }

    /// The chapter title in the layout's title rectangle.
    func paintChapterTitle(_ text: String, alpha: Double, _ f: FrameContext) {
        guard let box = f.layout.title else { return }
        let s = f.scale
        f.context.drawText(text, x: box.x, y: box.y + 30 * s, size: 32 * s, bold: true, color: style.palette.text.withAlpha(alpha))
    }
}
