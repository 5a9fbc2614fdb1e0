/// A CSV header: its column names and the nesting their dotted paths describe.
struct CSVHeader {
  /// One node of the nesting: a column (`column >= 0`) or an object of child nodes.
  struct Node {
    var key: String
    var column: Int
    var children: [Node]
  }

  /// The column names, trimmed, in order.
  let names: [String]
  /// The top-level nodes, in order of first appearance.
  let nodes: [Node]

  /// Builds the nesting from column names.
  ///
  /// - Throws: ``InputError`` for an empty name, an empty path segment, a duplicate name, or a
  ///   name that is both a value and an object (`pupil` beside `pupil.id`).
  init(names: [String], file: String, line: Int) throws(InputError) {
    self.names = names
    var roots: [Node] = []
    for (index, name) in names.enumerated() {
      let column = index + 1
      func fail(_ message: String) -> InputError {
        InputError(
          kind: .invalidHeader, message: message, file: file,
          location: RecordLocation(file: file, line: line, column: column))
      }
      if name.isEmpty {
        throw fail("column \(column) of the header has an empty name")
      }
      let segments = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
      if segments.contains(where: \.isEmpty) {
        throw fail("column \(column) '\(name)' has an empty path segment")
      }
      if let clash = Self.insert(segments[...], column: index, into: &roots) {
        let other = names[clash]
        if other == name {
          throw fail("column \(column) '\(name)' duplicates column \(clash + 1)")
        }
        throw fail("column \(column) '\(name)' conflicts with column \(clash + 1) '\(other)'")
      }
    }
    self.nodes = roots
  }

  /// Inserts a column's path; returns the index of a clashing column, if any.
  private static func insert(
    _ path: ArraySlice<String>, column: Int, into nodes: inout [Node]
  ) -> Int? {
    let key = path.first!
    let rest = path.dropFirst()
    if let at = nodes.firstIndex(where: { $0.key == key }) {
      if rest.isEmpty || nodes[at].column >= 0 {
        return nodes[at].column >= 0 ? nodes[at].column : firstColumn(of: nodes[at])
      }
      return insert(rest, column: column, into: &nodes[at].children)
    }
    if rest.isEmpty {
      nodes.append(Node(key: key, column: column, children: []))
    } else {
      var node = Node(key: key, column: -1, children: [])
      _ = insert(rest, column: column, into: &node.children)
      nodes.append(node)
    }
    return nil
  }

  private static func firstColumn(of node: Node) -> Int {
    node.column >= 0 ? node.column : firstColumn(of: node.children[0])
  }
}
