// Fuzz target: the CSV reader on arbitrary bytes. The input is read twice, from memory and
// from a file in tiny chunks (so records cross buffer refills); both must give the same items.
import Glibc
import PreceptInput

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  FuzzReaders.compare(bytes, format: .csv)
  return 0
}
