/// Eight-float groups of a row, for pointwise loops that touch too many arrays for the compiler
/// to vectorise on its own (it gives up checking that many pointers for overlap). The body is
/// written once over `SIMD8<Float>`; the last group of a row whose length is not a multiple of
/// eight is loaded zero-padded and stored partially.
struct RowLanes {
    typealias Lanes = SIMD8<Float>
    let count: Int

    /// Calls `body` with the offset of each group: 0, 8, 16, …
    @inline(__always)
    func forEach(_ body: (Int) -> Void) {
        var offset = 0
        while offset < count {
            body(offset)
            offset += 8
        }
    }

    @inline(__always)
    func load(_ pointer: UnsafePointer<Float>, _ offset: Int) -> Lanes {
        if offset + 8 <= count { return UnsafeRawPointer(pointer + offset).loadUnaligned(as: Lanes.self) }
        var lanes = Lanes()
        for lane in 0..<(count - offset) { lanes[lane] = pointer[offset + lane] }
        return lanes
    }

    @inline(__always)
    func load(_ pointer: UnsafeMutablePointer<Float>, _ offset: Int) -> Lanes { load(UnsafePointer(pointer), offset) }

    @inline(__always)
    func store(_ lanes: Lanes, _ pointer: UnsafeMutablePointer<Float>, _ offset: Int) {
        if offset + 8 <= count {
            UnsafeMutableRawPointer(pointer + offset).storeBytes(of: lanes, as: Lanes.self)
            return
        }
        for lane in 0..<(count - offset) { pointer[offset + lane] = lanes[lane] }
    }
}
