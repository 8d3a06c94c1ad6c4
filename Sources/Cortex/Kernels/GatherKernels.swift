/// Gathers and scatter-adds along one axis of a tensor seen as `[outer, extent, inner]`.
///
/// `gatherRows` picks whole rows by a map shared by every outer block (gather, tile, repeat,
/// reflect padding), so each row moves as one contiguous run. `gatherElements` takes its own
/// index per element (take-along-axis). The scatter-adds are their gradients: positions picked
/// several times accumulate. They write disjoint slabs on each thread, so they need no locks.
enum GatherKernels {
    /// `output[o, j, :] = source[o, map[j], :]`; `output` holds `outer * map.count * inner` scalars.
    static func gatherRows(_ source: UnsafePointer<Float>, outer: Int, extent: Int, inner: Int,
                           map: [Int], into output: UnsafeMutablePointer<Float>) {
        let picked = map.count
        map.withUnsafeBufferPointer { map in
            Parallelism.forEachChunk(outer * picked, costPerItem: inner) { rows in
                for row in rows {
                    let from = source + ((row / picked) * extent + map[row % picked]) * inner
                    if inner == 1 {
                        output[row] = from[0]
                    } else {
                        (output + row * inner).update(from: from, count: inner)
                    }
                }
            }
        }
    }

    /// `gradient[o, map[j], :] += upstream[o, j, :]` into a zeroed `gradient` of
    /// `outer * extent * inner` scalars.
    static func scatterAddRows(_ upstream: UnsafePointer<Float>, outer: Int, extent: Int, inner: Int,
                               map: [Int], into gradient: UnsafeMutablePointer<Float>) {
        let picked = map.count
        map.withUnsafeBufferPointer { map in
            forEachDisjointSlab(outer: outer, inner: inner, cost: picked) { block, columns in
                for j in 0..<picked {
                    let from = upstream + (block * picked + j) * inner
                    let to = gradient + (block * extent + map[j]) * inner
                    for column in columns { to[column] += from[column] }
                }
            }
        }
    }

    /// `output[o, j, i] = source[o, indices[o, j, i], i]`, where `indices` has `outer * picked * inner` entries.
    static func gatherElements(_ source: UnsafePointer<Float>, outer: Int, extent: Int, inner: Int,
                               indices: [Int], picked: Int, into output: UnsafeMutablePointer<Float>) {
        indices.withUnsafeBufferPointer { indices in
            Parallelism.forEachChunk(outer * picked, costPerItem: inner) { rows in
                for row in rows {
                    let block = source + (row / picked) * extent * inner
                    for column in 0..<inner {
                        output[row * inner + column] = block[indices[row * inner + column] * inner + column]
                    }
                }
            }
        }
    }

    /// `gradient[o, indices[o, j, i], i] += upstream[o, j, i]` into a zeroed `gradient`.
    static func scatterAddElements(_ upstream: UnsafePointer<Float>, outer: Int, extent: Int, inner: Int,
                                   indices: [Int], picked: Int, into gradient: UnsafeMutablePointer<Float>) {
        indices.withUnsafeBufferPointer { indices in
            forEachDisjointSlab(outer: outer, inner: inner, cost: picked) { block, columns in
                let to = gradient + block * extent * inner
                for j in 0..<picked {
                    let row = (block * picked + j) * inner
                    for column in columns { to[indices[row + column] * inner + column] += upstream[row + column] }
                }
            }
        }
    }

    /// Calls `body(block, columns)` so that every `(outer block, inner column)` pair is visited
    /// once, splitting across threads by outer blocks when there are enough of them and by
    /// columns otherwise (an embedding table's gradient has one outer block and wide rows).
    private static func forEachDisjointSlab(outer: Int, inner: Int, cost: Int,
                                            _ body: (Int, Range<Int>) -> Void) {
        if outer >= inner {
            Parallelism.forEachChunk(outer, costPerItem: inner * cost) { blocks in
                for block in blocks { body(block, 0..<inner) }
            }
        } else {
            Parallelism.forEachChunk(inner, costPerItem: outer * cost) { columns in
                for block in 0..<outer { body(block, columns) }
            }
        }
    }
}
