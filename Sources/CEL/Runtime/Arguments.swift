/// The arguments of a function call, as an implementation (``Overload/implementation``) sees
/// them: receiver first for member calls. A view of storage the caller owns for the length of
/// the call (on the stack, usually), so that calling a function allocates nothing; an
/// implementation that keeps the arguments copies them (`Array(args)`).
public struct Arguments: RandomAccessCollection {
  @usableFromInline let base: UnsafePointer<Value>
  public let count: Int

  @inlinable init(_ base: UnsafePointer<Value>, count: Int) {
    self.base = base
    self.count = count
  }

  @inlinable public var startIndex: Int { 0 }
  @inlinable public var endIndex: Int { count }

  @inlinable public subscript(i: Int) -> Value {
    precondition(i >= 0 && i < count, "argument out of range")
    return base[i]
  }

  /// Calls `body` with `values` as arguments.
  @inlinable
  public static func with<R>(_ values: [Value], _ body: (Arguments) -> R) -> R {
    values.withUnsafeBufferPointer { buffer in
      // A non-nil base for no arguments, which no implementation reads.
      guard let base = buffer.baseAddress else {
        return withUnsafeTemporaryAllocation(of: Value.self, capacity: 1) {
          body(Arguments(UnsafePointer($0.baseAddress!), count: 0))
        }
      }
      return body(Arguments(base, count: buffer.count))
    }
  }

  /// Calls `body` with one argument, held on the stack.
  @inlinable
  public static func with<R>(_ a: Value, _ body: (Arguments) -> R) -> R {
    withUnsafeTemporaryAllocation(of: Value.self, capacity: 1) { buffer in
      let base = buffer.baseAddress!
      base.initialize(to: a)
      defer { base.deinitialize(count: 1) }
      return body(Arguments(UnsafePointer(base), count: 1))
    }
  }

  /// Calls `body` with two arguments, held on the stack.
  @inlinable
  public static func with<R>(_ a: Value, _ b: Value, _ body: (Arguments) -> R) -> R {
    withUnsafeTemporaryAllocation(of: Value.self, capacity: 2) { buffer in
      let base = buffer.baseAddress!
      base.initialize(to: a)
      (base + 1).initialize(to: b)
      defer { base.deinitialize(count: 2) }
      return body(Arguments(UnsafePointer(base), count: 2))
    }
  }
}
