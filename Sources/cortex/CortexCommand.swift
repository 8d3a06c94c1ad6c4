import ArgumentParser

@main
struct CortexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cortex",
        abstract: "Cortex: deep learning and classic machine learning in Swift.",
        subcommands: [Demo.self, TransformerDemo.self]
    )
}
