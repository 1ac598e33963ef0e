/// Where a tour's captions go. Players load `NAME.srt` beside `NAME.mp4` by themselves, so
/// the default draws captions into the picture and writes no sidecars: no player shows
/// them twice unless `both` asks for it.
public enum CaptionMode: String, Sendable, Equatable, CaseIterable {
    /// Drawn into the frames as a lower-third panel (the default); no sidecar files.
    case burned
    /// Only `NAME.srt` and `NAME.vtt` beside the video; nothing drawn.
    case sidecar
    /// Both: drawn, and the sidecars written (a player that loads sidecars shows them twice).
    case both

    /// Whether captions are drawn into the frames.
    public var drawsCaptions: Bool { self != .sidecar }
    /// Whether SRT and VTT files are written.
    public var writesSidecars: Bool { self != .burned }
}
