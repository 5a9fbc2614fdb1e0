import Foundation
import PreceptInput
import PreceptRules

/// What to check and how.
public struct CheckOptions: Sendable {
  /// One input: a path (`-` for standard input) and its format, if not from the extension.
  public struct Input: Sendable {
    public var path: String
    public var format: InputFormat?
    public init(path: String, format: InputFormat? = nil) {
      self.path = path
      self.format = format
    }
  }

  public var inputs: [Input]
  public var profile: Profile
  public var showPersonal: Bool
  /// The instant `now` evaluates to, and "today" for waiver expiry.
  public var now: Date
  public var waivers: [Waiver]
  public var toolVersion: String
  /// The roster of pupils on roll (CSV or JSON) for disproportionality rules; without it they
  /// are reported as not evaluable.
  public var roster: String?
  /// A wider roster (the trust's) for the alternate risk ratio.
  public var widerRoster: String?
  /// Only records dated on or after `from` and before `until` are checked (others are counted
  /// as outside the period); `nil` ends are open.
  public var from: Date?
  public var until: Date?
  /// `false` keeps only the counts of record rules, not their findings (`precept review`, whose
  /// memory must not grow with the export); aggregate and input findings are always kept.
  public var recordFindings: Bool = true
  /// How many cores may type and evaluate records at once; `nil` is one per core (at most 8).
  /// The report is the same whatever the number.
  public var lanes: Int?
  /// The fewest groups of a pattern rule each lane takes when the lanes share them (tests set
  /// it low to share small exports' groups).
  var patternGroupsPerLane = AggregateEvaluator.groupsPerLane
  /// Called with the number of records read so far, every ``progressInterval`` records.
  public var progress: (@Sendable (Int) -> Void)?
  public static let progressInterval = 1000

  public init(
    inputs: [Input], profile: Profile = .canonical, showPersonal: Bool = false, now: Date = Date(),
    waivers: [Waiver] = [], toolVersion: String = "0.0.0", roster: String? = nil,
    widerRoster: String? = nil, from: Date? = nil, until: Date? = nil,
    progress: (@Sendable (Int) -> Void)? = nil
  ) {
    self.roster = roster
    self.widerRoster = widerRoster
    self.from = from
    self.until = until
    self.progress = progress
    self.inputs = inputs
    self.profile = profile
    self.showPersonal = showPersonal
    self.now = now
    self.waivers = waivers
    self.toolVersion = toolVersion
  }
}
