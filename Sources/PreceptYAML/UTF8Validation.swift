/// The offset of the first byte that is not part of well-formed UTF-8, or nil.
func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
  var iterator = bytes.makeIterator()
  var parser = Unicode.UTF8.ForwardParser()
  var offset = 0
  while true {
    switch parser.parseScalar(from: &iterator) {
    case .valid(let encoded):
      offset += encoded.count
    case .error(let length):
      _ = length
      return offset
    case .emptyInput:
      return nil
    }
  }
}
