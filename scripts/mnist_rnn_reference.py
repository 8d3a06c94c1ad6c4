"""The `cortex demo --model lstm|bilstm` networks in Keras 3 (torch backend) on the same bundled
MNIST files, same optimizer, batch size, validation split and epochs, for comparison.
Run: KERAS_BACKEND=torch /tmp/skl/bin/python scripts/mnist_rnn_reference.py lstm [epochs] [training samples]
"""
import gzip
import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras
import numpy as np

RESOURCES = os.path.join(os.path.dirname(__file__), "..", "Sources", "CortexData", "Resources")


def idx(name, offset):
    with gzip.open(os.path.join(RESOURCES, name)) as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


x_train = idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28).astype("float32") / 255
y_train = idx("train-labels-idx1-ubyte.gz", 8).astype("int64")
x_test = idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28).astype("float32") / 255
y_test = idx("t10k-labels-idx1-ubyte.gz", 8).astype("int64")

kind = sys.argv[1] if len(sys.argv) > 1 else "lstm"
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
count = int(sys.argv[3]) if len(sys.argv) > 3 else len(x_train)
x_train, y_train = x_train[:count], y_train[:count]
keras.utils.set_random_seed(42)
recurrent = keras.layers.LSTM(128)
model = keras.Sequential([
    keras.Input((28, 28)),
    keras.layers.Bidirectional(recurrent) if kind == "bilstm" else recurrent,
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
start = time.time()
model.fit(x_train, y_train, batch_size=64, epochs=epochs, validation_split=0.1, verbose=2)
seconds = time.time() - start
loss, accuracy = model.evaluate(x_test, y_test, batch_size=256, verbose=0)
print(f"Keras {kind}: test accuracy {accuracy * 100:.2f}% (loss {loss:.4f}) after {epochs} epochs in {seconds:.0f} s")
