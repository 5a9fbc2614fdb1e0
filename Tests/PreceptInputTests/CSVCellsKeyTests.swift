import PreceptInput
import Testing

/// `CSVCells.bytes(omitting:)` is a key for "the same row but for one cell".
@Suite struct CSVCellsKeyTests {
  static func rows(_ text: String) throws -> [CSVCells] {
    var reader = try CSVReader(bytes: Array(text.utf8), file: "t")
    var out: [CSVCells] = []
    while let item = try reader.next() {
      if case .record(let raw) = item, let cells = raw.cells { out.append(cells) }
    }
    return out
  }

  @Test func keysAreEqualExactlyWhenTheOtherCellsAre() throws {
    let r = try Self.rows(
      "id,a,b\nP1,x,y\nP10000,x,y\n,x,y\nP1,x,z\nP1,xy,\nP1,x,y \nP1,\"x\",y\nP2,,xy\n")
    let keys = r.map { $0.bytes(omitting: 0) }
    // Rows 0–2 differ in the id alone (its length too); quoting does not change a cell.
    #expect(keys[0] == keys[1] && keys[0] == keys[2] && keys[0] == keys[6])
    // Another value, the same bytes split differently, a trailing space: different rows.
    #expect(keys[3] != keys[0])
    #expect(keys[4] != keys[0] && keys[4] != keys[7])
    #expect(keys[5] != keys[0])
    // Leaving out another column.
    #expect(r[0].bytes(omitting: 2) != r[3].bytes(omitting: 1))
    #expect(r[0].bytes(omitting: 2) == r[3].bytes(omitting: 2))
  }
}
