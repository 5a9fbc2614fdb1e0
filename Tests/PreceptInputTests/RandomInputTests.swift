import PreceptInput
import PreceptTestSupport
import Testing

/// Random inputs from a small, hostile alphabet: reading never crashes, always terminates, and
/// gives the same items whatever the chunk size (every buffer boundary is exercised).
@Suite struct RandomInputTests {
  private static let csvAlphabet: [[UInt8]] =
    [",", "\"", "\n", "\r", "\r\n", "a", "bc", "pupil.id", ".", " ", "é", ";"].map {
      Array($0.utf8)
    }
    + [[0], [0xFF], [0xC3]]

  private static let jsonAlphabet: [[UInt8]] =
    [
      "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "d83d", "\"k\"", "\"v\"", "1", "-",
      "e5", ".", "true", "nul", " ", "\n", "\r\n", "é", "{\"a\": [1, {\"b\": null}]}",
    ].map { Array($0.utf8) } + [[0xFF], [0x01]]

  private func randomInput(_ seed: UInt64, _ alphabet: [[UInt8]], prefix: String) -> [UInt8] {
    var generator = SeededRandom(seed: seed)
    var bytes = Array(prefix.utf8)
    for _ in 0..<Int(generator.next() % 120) {
      bytes += generator.pick(alphabet)
    }
    return bytes
  }

  private func outcome(_ read: () throws(InputError) -> [ReadResult]) -> [String] {
    do {
      return summary(try read())
    } catch {
      return ["error \(error.code) \(error.message)"]
    }
  }

  private func check(_ bytes: [UInt8], _ format: InputFormat, _ name: String) throws {
    let expected = outcome { () throws(InputError) in try readItems(bytes: bytes, format) }
    try withTemporaryDirectory { dir in
      let path = try writeFile(dir, name, bytes)
      for chunk in [1, 3, 7] {
        let options = ReaderOptions(chunkSize: chunk)
        let items = outcome { () throws(InputError) in try readItems(path: path, options: options) }
        #expect(items == expected, "seeded input \(bytes) with chunk size \(chunk)")
      }
    }
  }

  @Test(arguments: 0..<60)
  func csv(_ seed: UInt64) throws {
    try check(randomInput(seed, Self.csvAlphabet, prefix: "a,b.c,d\n"), .csv, "r.csv")
  }

  @Test(arguments: 0..<60)
  func json(_ seed: UInt64) throws {
    try check(randomInput(seed, Self.jsonAlphabet, prefix: "[{\"a\": 1},"), .json, "r.json")
  }

  @Test(arguments: 0..<60)
  func jsonLines(_ seed: UInt64) throws {
    try check(randomInput(seed, Self.jsonAlphabet, prefix: "{\"a\": 1}\n"), .jsonl, "r.jsonl")
  }
}
