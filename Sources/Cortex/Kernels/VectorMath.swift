/// `exp`, `tanh` and the logistic sigmoid eight lanes at a time.
///
/// glibc's `expf` and `tanhf` are scalar calls (`tanhf` about 20–30 ns each here), and the
/// gates of a recurrent layer or the rows of a softmax call them for every element. These use
/// SIMD arithmetic only: `exp` reduces `x = n·ln 2 + r` (ln 2 split in two parts, Cody–Waite)
/// and evaluates Cephes' degree-6 polynomial for `eʳ`, then scales by `2ⁿ` built in the
/// exponent bits; `tanh` is `(1 − e)/(1 + e)` with `e = exp(−2|x|)`, and its Taylor polynomial
/// up to `x¹³` where `|x| < 0.25` (there `1 − e` would cancel). Measured against double precision
/// on a grid of ±20, ±1, ±0.3 and ±0.01: `exp` within 8e-8 relative, `tanh` within 1.7e-7 relative
/// (2 ulp) — the tests hold them to these bounds.
///
/// `exp` overflows to infinity past ln(Float.greatestFiniteMagnitude) as `expf` does, and returns 0
/// where the result would be subnormal (below 1.2e-38); NaN propagates.
///
/// The buffer forms run a tail shorter than eight lanes through the same vector code, so an
/// element's result does not depend on its position in the buffer.
enum VectorMath {
    typealias Lanes = SIMD8<Float>

    @inline(__always)
    static func exp(_ v: Lanes) -> Lanes {
        var x = v
        x.replace(with: 88.72284, where: x .> 88.72284)
        x.replace(with: -87.33654, where: x .< -87.33654)
        // Adding 1.5·2²³ rounds x/ln 2 to the nearest integer n and leaves n in the low mantissa bits.
        let shifted = x * 1.44269504088896341 + 12_582_912
        let n = shifted - 12_582_912
        let r = x - n * 0.693359375 - n * -2.12194440e-4
        var p = Lanes(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        var result = p * (r * r) + r + 1
        // n reaches 128 just below the overflow threshold, one more than the exponent field
        // holds: scale by 2¹²⁷ and then by 2.
        let top = n .> 127
        result.replace(with: result * 2, where: top)
        var exponent = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        exponent.replace(with: 127, where: exponent .> 127)
        result *= unsafeBitCast((exponent &+ 127) &<< 23, to: Lanes.self)
        result.replace(with: .infinity, where: v .> 88.72284)
        result.replace(with: 0, where: v .< -87.33654)
        return result
    }

    @inline(__always)
    static func tanh(_ v: Lanes) -> Lanes {
        let negative = v .< 0
        let e = exp(-2 * v.replacing(with: -v, where: negative))
        var result = (1 - e) / (1 + e)
        result.replace(with: -result, where: negative)
        let x2 = v * v
        var p = Lanes(repeating: 21844.0 / 6_081_075.0)
        p = p * x2 - 1382.0 / 155_925.0
        p = p * x2 + 62.0 / 2835.0
        p = p * x2 - 17.0 / 315.0
        p = p * x2 + 2.0 / 15.0
        p = p * x2 - 1.0 / 3.0
        result.replace(with: v + v * x2 * p, where: x2 .< 0.0625)
        return result
    }

    @inline(__always)
    static func sigmoid(_ v: Lanes) -> Lanes { 1 / (1 + exp(-v)) }

    /// `result[i] = function(source[i])` for `count` elements; `result` may be `source`.
    @inline(__always)
    static func map(_ source: UnsafePointer<Float>, _ result: UnsafeMutablePointer<Float>, count: Int,
                    _ function: (Lanes) -> Lanes) {
        var i = 0
        while i + 8 <= count {
            let lanes = UnsafeRawPointer(source + i).loadUnaligned(as: Lanes.self)
            UnsafeMutableRawPointer(result + i).storeBytes(of: function(lanes), as: Lanes.self)
            i += 8
        }
        guard i < count else { return }
        var tail = Lanes()
        for lane in 0..<(count - i) { tail[lane] = source[i + lane] }
        let mapped = function(tail)
        for lane in 0..<(count - i) { result[i + lane] = mapped[lane] }
    }

    static func exp(_ source: UnsafePointer<Float>, _ result: UnsafeMutablePointer<Float>, count: Int) {
        map(source, result, count: count) { exp($0) }
    }

    static func tanh(_ source: UnsafePointer<Float>, _ result: UnsafeMutablePointer<Float>, count: Int) {
        map(source, result, count: count) { tanh($0) }
    }

    static func sigmoid(_ source: UnsafePointer<Float>, _ result: UnsafeMutablePointer<Float>, count: Int) {
        map(source, result, count: count) { sigmoid($0) }
    }
}
