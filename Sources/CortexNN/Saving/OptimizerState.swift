import Cortex
import CortexData

/// An optimizer's slots, step count and running scalars as safetensors: one tensor per slot
/// named `<variable>/<slot index>` (`dense.kernel/0` is Adam's first moment of `dense.kernel`),
/// and `__metadata__` holding `optimizer` (its name), `iterations` and any scalar state
/// (`momentum_product` for Nadam), written with full precision.
enum OptimizerState {
    static func tensors(of optimizer: Optimizer, variables: [Variable]) -> SafeTensors {
        var file = SafeTensors(metadata: ["optimizer": optimizer.name, "iterations": String(optimizer.iterations)])
        for (key, value) in optimizer.scalarState { file.metadata[key] = String(value) }
        for variable in variables {
            for (index, slot) in optimizer.slotValues(for: variable).enumerated() {
                file.tensors["\(variable.name)/\(index)"] = slot
            }
        }
        return file
    }

    /// Checks everything first, then installs the state: either all of it is restored or none.
    static func restore(_ file: SafeTensors, into optimizer: Optimizer, variables: [Variable]) throws {
        func fail(_ reason: String) -> SavedModelError { .invalidOptimizerState(reason: reason) }
        guard file.metadata["optimizer"] == optimizer.name else {
            throw fail("saved for optimizer \(file.metadata["optimizer"] ?? "(none)"), restoring into \(optimizer.name)")
        }
        guard let iterations = file.metadata["iterations"].flatMap(Int.init), iterations >= 0 else {
            throw fail("iterations is missing or not a count: \(file.metadata["iterations"] ?? "(none)")")
        }
        var scalars = optimizer.scalarState
        for key in scalars.keys {
            guard let value = file.metadata[key].flatMap(Double.init) else { throw fail("\(key) is missing or not a number") }
            scalars[key] = value
        }
        let byName = Dictionary(variables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var slots: [String: [Int: Tensor]] = [:]
        for (key, tensor) in file.tensors {
            guard let separator = key.lastIndex(of: "/"), let index = Int(key[key.index(after: separator)...]) else {
                throw fail("tensor \(key) is not named <variable>/<slot>")
            }
            slots[String(key[..<separator]), default: [:]][index] = tensor
        }
        var restored: [(Variable, [Tensor])] = []
        for (name, indexed) in slots {
            guard let variable = byName[name] else { throw fail("slots for \(name), which the model does not have") }
            let expected = optimizer.makeSlots(shape: variable.shape).count
            guard indexed.count == expected, indexed.keys.allSatisfy({ (0..<expected).contains($0) }) else {
                throw fail("\(name) has slots \(indexed.keys.sorted()), \(optimizer.name) keeps \(expected)")
            }
            let values = (0..<expected).map { indexed[$0]! }
            if let wrong = values.first(where: { $0.shape != variable.shape }) {
                throw fail("a slot of \(name) has shape \(wrong.shape), the variable \(variable.shape)")
            }
            restored.append((variable, values))
        }
        for (variable, values) in restored { optimizer.setSlotValues(values, for: variable) }
        optimizer.iterations = iterations
        optimizer.scalarState = scalars
    }
}
