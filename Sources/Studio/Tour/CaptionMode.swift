/// Where a tour's captions go. Players load `NAME.srt` beside `NAME.mp4` by themselves, so
/// sidecars sit beside the video only when nothing is drawn (`sidecar`); with `both` they go
/// in a `NAME.captions` folder no player searches (`TimelineFinisher.sidecarPaths`): no mode
/// shows the captions twice.
public enum CaptionMode: String, Sendable, Equatable, CaseIterable {
    /// Drawn into the frames as a lower-third panel (the default); no sidecar files.
    case burned
    /// Only `NAME.srt` and `NAME.vtt` beside the video (players load them); nothing drawn.
    case sidecar
    /// Both: drawn, and `NAME.captions/NAME.srt` and `.vtt` written for uploading,
    /// translating or indexing, out of the players' way.
    case both

    /// Whether captions are drawn into the frames.
    public var drawsCaptions: Bool { self != .sidecar }
    /// Whether SRT and VTT files are written.
    public var writesSidecars: Bool { self != .burned }
}
