/// The k-th smallest of an array without sorting it all: Hoare's selection (quickselect with
/// a median-of-three pivot), expected linear time; the array is reordered in place so that
/// everything before index k is at most the k-th value and everything after at least it.
/// `sorted()[k]` is the reference it is tested against.
public enum OrderStatistic {
    /// The value `sorted()[k]` would give (k in `0..<values.count`), reordering `values`.
    public static func select<T: Comparable>(_ values: inout [T], _ k: Int) -> T {
        precondition(values.indices.contains(k), "index \(k) outside 0..<\(values.count)")
        return values.withUnsafeMutableBufferPointer { a in select(a, k, in: 0..<a.count) }
    }

    /// The k-th smallest of `a[range]` (k an index inside `range`), reordering that range.
    public static func select<T: Comparable>(_ a: UnsafeMutableBufferPointer<T>, _ k: Int, in range: Range<Int>) -> T {
        var lo = range.lowerBound, hi = range.upperBound - 1
        while hi > lo {
            // Median of three as the pivot.
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while pivot < a[j] { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            // Now a[lo...j] ≤ pivot ≤ a[i...hi], and a[j+1..<i] equal the pivot.
            if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
        }
        return a[k]
    }
}
