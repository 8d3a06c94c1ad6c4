/// A layer built around other layers, as Keras' wrappers (`Bidirectional`, `TimeDistributed`,
/// `RNN` and its cell). Its configuration holds each wrapped layer's whole saved form
/// (`{"class_name": ..., "config": ...}`) under a key, which saving adds to the wrapper's
/// `config` and its factory reads back with `ConfigReader.layer(_:as:)`; a wrapped layer
/// that cannot be saved makes saving throw, naming it.
protocol WrappingLayer: Layer {
    /// The wrapped layers under their configuration keys.
    var wrappedLayers: [String: Layer] { get }
}
