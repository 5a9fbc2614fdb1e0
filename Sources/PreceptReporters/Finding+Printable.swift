import PreceptEngine

extension String {
  /// The text with control characters (C0, DEL and C1, tab and newline included) written as
  /// `\u{1b}` escapes: text from an export (an incident id, a value in a message) then cannot
  /// move the cursor, recolour or otherwise drive the terminal it is printed on.
  public var escapingControlCharacters: String {
    escapingControlCharacters(keepingLineBreaks: false)
  }

  /// The text with control characters escaped; tab, line feed and carriage return kept when
  /// `keepingLineBreaks` (for formats that escape them their own way).
  public func escapingControlCharacters(keepingLineBreaks: Bool) -> String {
    func escaped(_ scalar: Unicode.Scalar) -> Bool {
      scalar.isControl
        && !(keepingLineBreaks && (scalar == "\t" || scalar == "\n" || scalar == "\r"))
    }
    guard unicodeScalars.contains(where: escaped) else { return self }
    var out = String.UnicodeScalarView()
    for scalar in unicodeScalars {
      if escaped(scalar) {
        out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }
}

extension Unicode.Scalar {
  /// C0 controls, DEL and C1 controls.
  fileprivate var isControl: Bool { value < 0x20 || (value >= 0x7F && value < 0xA0) }
}

extension Finding {
  /// The finding with every text that can come from an export or a rule file escaped with
  /// ``Swift/String/escapingControlCharacters``, for reports read on a terminal.
  var printable: Finding { printable(keepingLineBreaks: false) }

  /// The finding with control characters escaped in every text; tab, line feed and carriage
  /// return kept when `keepingLineBreaks`.
  func printable(keepingLineBreaks: Bool) -> Finding {
    var f = self
    f.record = f.record?.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
    f.group = f.group?.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
    f.message = f.message.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
    f.title = f.title?.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
    f.quote = f.quote?.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
    f.fix = f.fix?.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
    if var l = f.location {
      l.file = l.file.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
      f.location = l
    }
    if var w = f.waiver {
      w.reason = w.reason.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
      w.approver = w.approver.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
      w.expires = w.expires.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
      f.waiver = w
    }
    if var e = f.explanation {
      func terms(_ ts: [Explanation.Term]) -> [Explanation.Term] {
        ts.map {
          var t = $0
          t.expr = t.expr.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
          t.value = t.value.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
          return t
        }
      }
      e.when = e.when?.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
      e.condition = e.condition.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
      e.missing = e.missing?.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
      e.values = terms(e.values)
      e.definitions = e.definitions.map {
        var d = $0
        d.expr = d.expr.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
        d.value = d.value.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
        d.values = terms(d.values)
        return d
      }
      e.params = e.params.map {
        var p = $0
        p.value = p.value.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
        p.origin = p.origin.escapingControlCharacters(keepingLineBreaks: keepingLineBreaks)
        return p
      }
      f.explanation = e
    }
    return f
  }
}
