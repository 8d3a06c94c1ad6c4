/// Elementwise comparisons with broadcasting. Results are masks of 0 and 1 and carry no gradient.
extension Tensor {
    public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor { broadcastScalars(lhs, rhs, op: ".==") { $0 == $1 ? 1 : 0 } }
    public static func .!= (lhs: Tensor, rhs: Tensor) -> Tensor { broadcastScalars(lhs, rhs, op: ".!=") { $0 != $1 ? 1 : 0 } }
    public static func .< (lhs: Tensor, rhs: Tensor) -> Tensor { broadcastScalars(lhs, rhs, op: ".<") { $0 < $1 ? 1 : 0 } }
    public static func .<= (lhs: Tensor, rhs: Tensor) -> Tensor { broadcastScalars(lhs, rhs, op: ".<=") { $0 <= $1 ? 1 : 0 } }
    public static func .> (lhs: Tensor, rhs: Tensor) -> Tensor { broadcastScalars(lhs, rhs, op: ".>") { $0 > $1 ? 1 : 0 } }
    public static func .>= (lhs: Tensor, rhs: Tensor) -> Tensor { broadcastScalars(lhs, rhs, op: ".>=") { $0 >= $1 ? 1 : 0 } }

    public static func .== (lhs: Tensor, rhs: Float) -> Tensor { lhs .== Tensor(rhs) }
    public static func .!= (lhs: Tensor, rhs: Float) -> Tensor { lhs .!= Tensor(rhs) }
    public static func .< (lhs: Tensor, rhs: Float) -> Tensor { lhs .< Tensor(rhs) }
    public static func .<= (lhs: Tensor, rhs: Float) -> Tensor { lhs .<= Tensor(rhs) }
    public static func .> (lhs: Tensor, rhs: Float) -> Tensor { lhs .> Tensor(rhs) }
    public static func .>= (lhs: Tensor, rhs: Float) -> Tensor { lhs .>= Tensor(rhs) }

    /// Picks from `a` where `condition` is non-zero and from `b` elsewhere; all three broadcast.
    /// The gradient flows to the picked side only, so a NaN in the other side never leaks in.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = Broadcasting.shapeOrFail(Broadcasting.shapeOrFail(condition.shape, a.shape, op: "where"),
                                             b.shape, op: "where")
        let mask = condition.broadcast(to: shape).detached()
        let result = zipScalars(mask, a.detached().broadcast(to: shape), b.detached().broadcast(to: shape)) { $0 != 0 ? $1 : $2 }
        return record("where", result, inputs: [a, b]) { g, needs in
            [needs[0] ? zipScalars(mask, g) { $0 != 0 ? $1 : 0 } : nil,
             needs[1] ? zipScalars(mask, g) { $0 != 0 ? 0 : $1 } : nil]
        }
    }
}
