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

    /// The tour layout for a `width`×`height` frame.
    public func tourLayout(width: Int, height: Int, prediction: Bool = false) -> TourLayout {
        TourLayout(frame: FrameLayout(width: width, height: height, style: Self.tourStyle(style, prediction: prediction)))
    }

    /// Renders the tour frame `state` of `plan` into a new image.
    public func renderTour(_ state: TourFrameState, plan: TourPlan) throws -> ImageSurface {
        let width = plan.width, height = plan.height
        let surface = try ImageSurface(width: width, height: height)
        copyBackground(into: surface, width: width, height: height)
        let context = try Context(surface)
        try drawTour(state, plan: plan, into: context, pixels: surface)
        surface.flush()
        return surface
    }

    func drawTour(_ state: TourFrameState, plan: TourPlan, into context: Context, pixels: ImageSurface?) throws {
        let width = plan.width, height = plan.height
        let projector = state.camera.projector(width: width, height: height)
        let count = scene.layers.count
        let amounts: [Double]
        if let reveal = state.reveal {
            let start = count > 0 ? min(1, 2 / Double(count + 1)) : 0
            amounts = scene.revealAmounts(progress: start + reveal * (1 - start))
        } else {
            amounts = Array(repeating: 1, count: count)
        }
        let showPrediction = state.prediction > 0
        let layout = FrameLayout(width: width, height: height, style: Self.tourStyle(style, prediction: showPrediction))
        let tour = TourLayout(frame: layout)
        let f = FrameContext(
            context: context, projector: projector, layout: layout, reveal: amounts, dimming: dimming(projector),
            pixels: pixels)
        let open = state.open.flatMap { $0.amount > 0.001 ? $0 : nil }
        context.setAntialias(style.fastAntialias ? .fast : .good)
        if style.showFloor { paintFloor(f) }
        for (_, item) in sortedItems(eyeX: scene.planeNormal.dot(projector.camera.eye)) {
            switch item {
            case .layer(let i):
                if i != open?.layer { paintLayer(i, f) }
            case .edges(let gap, let lo, let hi):
                paintEdges(gap: gap, xLow: lo, xHigh: hi, f)
            }
        }
        context.setAntialias(.good)
        if style.showLabels { paintLabels(f) }
        if let neuron = state.neuron, neuron.amount > 0.001, neuron.shot < plan.shots.count {
            paintReceptiveField(plan.shots[neuron.shot], amount: neuron.amount, f)
        }
        if let open { paintOpenLayer(open.layer, amount: open.amount, f) }
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

    /// The chapter title in the layout's title rectangle.
    func paintChapterTitle(_ text: String, alpha: Double, _ f: FrameContext) {
        guard let box = f.layout.title else { return }
        let s = f.scale
        f.context.drawText(text, x: box.x, y: box.y + 30 * s, size: 32 * s, bold: true, color: style.palette.text.withAlpha(alpha))
    }
}
