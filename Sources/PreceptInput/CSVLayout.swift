/// The shape of a CSV input's rows, worked out once from its header: the column names and the
/// nesting their dotted paths describe (`pupil.sen_status` is member `sen_status` of `pupil`).
/// Every ``CSVCells`` read from the input shares it.
public final class CSVLayout: Sendable {
  /// One step of the flattened header nesting, in pre-order.
  struct Step: Sendable {
    var key: String
    /// The column of a leaf, or -1 for an object.
    var column: Int
    /// For an object: how many steps its subtree spans after it.
    var size: Int
    /// For an object: how many direct members it has.
    var members: Int
  }

  /// The header's column names, trimmed, in order.
  public let names: [String]
  /// Whether empty cells are members with a null value (``ReaderOptions/keepEmptyFields``)
  /// rather than absent.
  public let keepsEmptyCells: Bool
  let steps: [Step]
  private let topLevelMembers: Int

  init(header: CSVHeader, keepEmpty: Bool) {
    names = header.names
    keepsEmptyCells = keepEmpty
    var steps: [Step] = []
    Self.flatten(header.nodes, into: &steps)
    self.steps = steps
    topLevelMembers = header.nodes.count
  }

  private static func flatten(_ nodes: [CSVHeader.Node], into steps: inout [Step]) {
    for node in nodes {
      let at = steps.count
      steps.append(Step(key: node.key, column: node.column, size: 0, members: 0))
      if node.column < 0 {
        flatten(node.children, into: &steps)
        steps[at].size = steps.count - at - 1
        steps[at].members = node.children.count
      }
    }
  }

  /// A row's members, nested as the header says: a column's value is `value(column)` (`nil`
  /// for an empty cell, left out unless ``keepsEmptyCells``), at `position(column)`; an object
  /// with no member present is left out, and one that is present starts at its first member.
  func members(
    value: (Int) -> String?, position: (Int) -> SourcePosition
  ) -> [RawField] {
    steps.withUnsafeBufferPointer { steps in
      members(steps, from: 0, to: steps.count, count: topLevelMembers, value, position)
    }
  }

  private func members(
    _ steps: UnsafeBufferPointer<Step>, from: Int, to end: Int, count: Int,
    _ value: (Int) -> String?, _ position: (Int) -> SourcePosition
  ) -> [RawField] {
    var fields: [RawField] = []
    fields.reserveCapacity(count)
    var i = from
    while i < end {
      let column = steps[i].column
      if column >= 0 {
        if let text = value(column) {
          fields.append(
            RawField(key: steps[i].key, value: .string(text), position: position(column)))
        } else if keepsEmptyCells {
          fields.append(RawField(key: steps[i].key, value: .null, position: position(column)))
        }
        i += 1
      } else {
        let size = steps[i].size
        let inner = members(
          steps, from: i + 1, to: i + 1 + size, count: steps[i].members, value, position)
        if let first = inner.first {
          fields.append(
            RawField(key: steps[i].key, value: .object(RawObject(inner)), position: first.position))
        }
        i += 1 + size
      }
    }
    return fields
  }
}
