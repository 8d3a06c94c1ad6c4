import Foundation

/// A 2-D affine map from output pixel coordinates to source coordinates, with `x` the column and
/// `y` the row: `xIn = a0·x + a1·y + a2`, `yIn = b0·x + b1·y + b2`.
///
/// Resampling reads each output pixel from where this map sends it (the inverse mapping of
/// scipy's `affine_transform` and Keras 3's `transform = [a0, a1, a2, b0, b1, b2, 0, 0]`), so
/// `translation(x: 1, y: 0)` makes the picture move one pixel to the left.
public struct AffineTransform: Equatable, Sendable {
    public var a0, a1, a2: Double
    public var b0, b1, b2: Double

    public init(a0: Double, a1: Double, a2: Double, b0: Double, b1: Double, b2: Double) {
        (self.a0, self.a1, self.a2, self.b0, self.b1, self.b2) = (a0, a1, a2, b0, b1, b2)
    }

    /// The map of a 2×3 matrix `[[a0, a1, a2], [b0, b1, b2]]`, or of a 3×3 one whose last row
    /// is `[0, 0, 1]`; nil for any other shape (a projective 3×3 is not affine).
    public init?(matrix rows: [[Double]]) {
        guard rows.count == 2 || rows.count == 3, rows.allSatisfy({ $0.count == 3 }),
              rows.count == 2 || rows[2] == [0, 0, 1] else { return nil }
        self.init(a0: rows[0][0], a1: rows[0][1], a2: rows[0][2], b0: rows[1][0], b1: rows[1][1], b2: rows[1][2])
    }

    /// The 3×3 matrix of this map, last row `[0, 0, 1]`.
    public var matrix: [[Double]] { [[a0, a1, a2], [b0, b1, b2], [0, 0, 1]] }

    public static let identity = AffineTransform(a0: 1, a1: 0, a2: 0, b0: 0, b1: 1, b2: 0)

    /// Reads the source `x` pixels to the right and `y` pixels down.
    public static func translation(x: Double, y: Double) -> AffineTransform {
        AffineTransform(a0: 1, a1: 0, a2: x, b0: 0, b1: 1, b2: y)
    }

    /// Keras' rotation matrix `[[cos θ, −sin θ], [sin θ, cos θ]]`: a positive angle turns the
    /// picture counter-clockwise.
    public static func rotation(radians theta: Double) -> AffineTransform {
        AffineTransform(a0: cos(theta), a1: -sin(theta), a2: 0, b0: sin(theta), b1: cos(theta), b2: 0)
    }

    /// Keras' `ImageDataGenerator` shear `[[1, −sin s], [0, cos s]]`.
    public static func shear(radians shear: Double) -> AffineTransform {
        AffineTransform(a0: 1, a1: -sin(shear), a2: 0, b0: 0, b1: cos(shear), b2: 0)
    }

    /// Reads the source `x` times as far along columns and `y` times along rows: factors above 1
    /// zoom out.
    public static func scale(x: Double, y: Double) -> AffineTransform {
        AffineTransform(a0: x, a1: 0, a2: 0, b0: 0, b1: y, b2: 0)
    }

    /// The map that first applies `other`, then `self` (the matrix product `self · other`).
    public func concatenating(_ other: AffineTransform) -> AffineTransform {
        AffineTransform(a0: a0 * other.a0 + a1 * other.b0, a1: a0 * other.a1 + a1 * other.b1,
                        a2: a0 * other.a2 + a1 * other.b2 + a2,
                        b0: b0 * other.a0 + b1 * other.b0, b1: b0 * other.a1 + b1 * other.b1,
                        b2: b0 * other.a2 + b1 * other.b2 + b2)
    }

    /// The same linear map about the point (`x`, `y`) instead of the origin, like Keras'
    /// `transform_matrix_offset_center`.
    public func centered(atX x: Double, y: Double) -> AffineTransform {
        AffineTransform.translation(x: x, y: y).concatenating(self).concatenating(.translation(x: -x, y: -y))
    }

    /// The same linear map about the centre of an image of `height` × `width` pixels.
    public func centered(height: Int, width: Int) -> AffineTransform {
        centered(atX: Double(width - 1) / 2, y: Double(height - 1) / 2)
    }
}
