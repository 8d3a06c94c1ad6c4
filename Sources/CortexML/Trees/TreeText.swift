import Foundation

/// Renders trees as scikit-learn's `export_text` does, so outputs can be compared line by line.
enum TreeText {
    static func render(_ tree: TreeStructure, featureNames: [String]?, maxDepth: Int, decimals: Int,
                       leafText: (Int) -> String) throws -> String {
        if let featureNames, featureNames.count != tree.featureCount {
            throw MLError.invalidInput(argument: "featureNames",
                                       reason: "expected \(tree.featureCount) names, got \(featureNames.count)")
        }
        let names = featureNames ?? (0..<tree.featureCount).map { "feature_\($0)" }
        var report = ""
        func subtreeDepth(_ node: Int) -> Int {
            tree.isLeaf(node) ? 1 : 1 + max(subtreeDepth(Int(tree.leftChild[node])), subtreeDepth(Int(tree.rightChild[node])))
        }
        func visit(_ node: Int, _ depth: Int) {
            let indent = String(repeating: "|   ", count: depth - 1) + "|---"
            if depth <= maxDepth + 1 {
                if tree.isLeaf(node) {
                    report += "\(indent) \(leafText(node))\n"
                } else {
                    let name = names[Int(tree.feature[node])]
                    let threshold = String(format: "%.\(decimals)f", tree.threshold[node])
                    report += "\(indent) \(name) <= \(threshold)\n"
                    visit(Int(tree.leftChild[node]), depth + 1)
                    report += "\(indent) \(name) >  \(threshold)\n"
                    visit(Int(tree.rightChild[node]), depth + 1)
                }
            } else if subtreeDepth(node) == 1 {
                report += "\(indent) \(leafText(node))\n"
            } else {
                report += "\(indent) truncated branch of depth \(subtreeDepth(node))\n"
            }
        }
        visit(0, 1)
        return report
    }

    /// A class label as scikit-learn prints integer labels: `2`, not `2.0`.
    static func label(_ value: Float) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}
