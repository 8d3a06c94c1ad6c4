/// A height and width for kernels, strides, pools and upsampling factors. Written as Keras
/// writes them: `kernelSize: 3` for 3×3, or `kernelSize: [3, 5]`.
public struct Size2D: Equatable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, CustomStringConvertible {
    public let height: Int
    public let width: Int

    public init(_ height: Int, _ width: Int) {
        self.height = height
        self.width = width
    }

    public init(integerLiteral value: Int) { self.init(value, value) }

    public init(arrayLiteral elements: Int...) {
        precondition(elements.count == 2, "Size2D: expected [height, width], got \(elements)")
        self.init(elements[0], elements[1])
    }

    var pair: (Int, Int) { (height, width) }
    public var description: String { "(\(height), \(width))" }
    var config: ConfigValue { .ints([height, width]) }
}
