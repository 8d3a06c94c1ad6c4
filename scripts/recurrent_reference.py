"""Reference outputs of Keras 3's recurrent layers for CortexNN's RecurrentLayerTests.

Weights and inputs follow closed formulas (`pattern`) so the Swift test rebuilds them exactly;
the printed values are pasted into Tests/CortexNNTests/RecurrentLayerTests.swift.
Run: KERAS_BACKEND=torch /tmp/skl/bin/python scripts/recurrent_reference.py
"""
import os

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras
import numpy as np


def pattern(shape, offset, scale=0.5):
    n = int(np.prod(shape))
    return (scale * np.sin(0.7 * np.arange(n) + offset)).astype(np.float32).reshape(shape)


def set_weights(layer, offset):
    layer.set_weights([pattern(w.shape, offset + 1.3 * k) for k, w in enumerate(layer.weights)])


def show(name, values):
    flat = np.asarray(values).reshape(-1)
    print(f"{name} ({list(np.asarray(values).shape)}):", "[" + ", ".join(f"{v:.6f}" for v in flat) + "]")


x = pattern((2, 4, 3), 0.2, scale=1.0)
mask = np.array([[True, True, False, True], [False, True, True, True]])
print("keras", keras.__version__, keras.backend.backend())

for name, layer in [
    ("simple_rnn", keras.layers.SimpleRNN(3, return_sequences=True, return_state=True)),
    ("lstm", keras.layers.LSTM(3, return_sequences=True, return_state=True)),
    ("gru", keras.layers.GRU(3, return_sequences=True, return_state=True)),
    ("gru_reset_before", keras.layers.GRU(3, return_sequences=True, return_state=True, reset_after=False)),
]:
    layer.build((2, 4, 3))
    set_weights(layer, 0.5)
    print(name, [tuple(w.shape) for w in layer.weights])
    outputs = layer(x)
    show(name + " outputs", keras.ops.convert_to_numpy(outputs[0]))
    for k, state in enumerate(outputs[1:]):
        show(f"{name} state {k}", keras.ops.convert_to_numpy(state))

lstm = keras.layers.LSTM(3, return_sequences=True, go_backwards=True)
lstm.build((2, 4, 3))
set_weights(lstm, 0.5)
show("lstm masked backwards", keras.ops.convert_to_numpy(lstm(x, mask=mask)))

gru = keras.layers.GRU(3)
gru.build((2, 4, 3))
set_weights(gru, 0.5)
show("gru masked last", keras.ops.convert_to_numpy(gru(x, mask=mask)))

bidirectional = keras.layers.Bidirectional(keras.layers.LSTM(2, return_sequences=True), merge_mode="concat")
bidirectional.build((2, 4, 3))
set_weights(bidirectional.forward_layer, 0.5)
set_weights(bidirectional.backward_layer, 2.0)
show("bidirectional concat", keras.ops.convert_to_numpy(bidirectional(x)))
