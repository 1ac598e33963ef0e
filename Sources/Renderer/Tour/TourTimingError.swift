/// A shot whose timing cannot be met: an `at:` before the shot before it can end or past the
/// voice-over, a written duration that disagrees with the next shot's `at:`, or an
/// `until: audio-end` without room. `shot` indexes the plan's shots, `key` names the
/// scene key at fault (`at`, `until`, `duration`), so scene loaders can point at its line.
public struct TourTimingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var shot: Int
    public var key: String
    public var message: String

    public init(shot: Int, key: String, message: String) {
        self.shot = shot
        self.key = key
        self.message = message
    }

    public var description: String { "shot \(shot) \(key): \(message)" }
}
