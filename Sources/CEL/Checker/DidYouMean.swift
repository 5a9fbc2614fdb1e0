/// "did you mean 'x'?" suggestions by edit distance.
func didYouMean(_ name: String, _ candidates: [String]) -> String? {
  let target = Array(name.lowercased().unicodeScalars)
  let limit = min(3, max(1, (target.count + 1) / 3))
  var best: (distance: Int, name: String)?
  for candidate in Set(candidates) where candidate != name {
    let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
    guard distance <= limit else { continue }
    if best == nil || distance < best!.distance
      || (distance == best!.distance && candidate < best!.name)
    {
      best = (distance, candidate)
    }
  }
  return best.map { "did you mean '\($0.name)'?" }
}

/// Levenshtein distance, with a transposition of neighbours counting as one edit.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous2 = [Int](repeating: 0, count: b.count + 1)
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
        current[j] = min(current[j], previous2[j - 2] + 1)
      }
    }
    (previous2, previous, current) = (previous, current, previous2)
  }
  return previous[b.count]
}
