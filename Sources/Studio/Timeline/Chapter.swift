/// A named section of a video (a shot with a title, a prediction flip): a chapter marker in
/// the MP4 that video players list.
public struct Chapter: Sendable, Equatable, Codable {
    /// Where the chapter starts, in seconds.
    public var start: Double
    /// The chapter's title, as players show it.
    public var title: String

    public init(start: Double, title: String) {
        self.start = start
        self.title = title
    }
}
