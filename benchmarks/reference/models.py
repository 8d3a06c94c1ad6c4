"""The PyTorch and Keras (TensorFlow backend) side of `cortex-bench models`.

  models.py run --framework {torch,keras} --workload NAME [--steps N] [--warmup W] [--threads T]
      Builds the workload's model with the framework, runs W untimed steps (warm-up: graph
      tracing, XLA compilation, allocator growth), then N timed samples, and prints one JSON line:
      {"framework", "version", "workload", "seconds": [...], "median": ...}. A training sample is one
      optimizer step on one batch; an inference sample is `iterations` calls (sized so one sample
      lasts about 5 ms) divided by `iterations`, so fast calls are not timed near the clock's
      resolution. `seconds` are per step or per call; cortex-bench turns them into samples/s or µs.

  models.py serve --framework {torch,keras} [--threads T]
      The same for many requests in one process (so the framework is imported once): reads one
      JSON request a line from standard input, {"workload": NAME, "steps": N, "warmup": W}, and
      answers each with the JSON line `run` prints (or {"error": ...} when the workload fails). A workload's model is built on its first
      request and kept for the later ones. cortex-bench keeps one such process per contender.

  models.py fit --framework {torch,keras} --data DIR [--epochs E] [--batch-size B] [--threads T]
      The end-to-end MNIST run of `cortex-bench mnist-fit`: reads the IDX files the package bundles
      (DIR is Sources/CortexData/Resources; nothing is downloaded), scales the images to [0, 1],
      trains the cnn model for E epochs on shuffled batches, then evaluates on the test set.
      Prints one JSON line {"framework", "version", "seconds", "accuracy"}: `seconds` is the wall
      time of the training epochs alone (loading and evaluation are left out, as on Cortex's side).
      Keras fits a tf.data pipeline (shuffle over the whole set, batch, prefetch); PyTorch walks a
      DataLoader (shuffle, batch) in the training process, as in-memory tensors need no workers.

  models.py versions
      Prints {"torch": VERSION or null, "keras": VERSION or null}: which frameworks import.

Every workload uses synthetic data from a seeded generator, the shapes and optimizer the Cortex
side uses (Adam, learning rate 1e-3, sparse categorical cross-entropy on a softmax output), and
each framework's fastest honest path: PyTorch folds the softmax into CrossEntropyLoss for training
and runs inference under `torch.inference_mode()`; Keras trains with `train_on_batch` (its
compiled train step) and infers with `model(x, training=False)`.
"""
import argparse
import json
import os
import sys
import time

# name: (kind, batch, model family). Training kinds time one optimizer step; inference kinds one call.
WORKLOADS = {
    "mlp_train": ("train", 128, "mlp"),
    "cnn_train": ("train", 64, "cnn"),
    "mlp_infer1": ("infer", 1, "mlp"),
    "cnn_infer1": ("infer", 1, "cnn"),
    "mlp_infer256": ("infer", 256, "mlp"),
    "cnn_infer256": ("infer", 256, "cnn"),
    "lstm_train": ("train", 64, "lstm"),
    "embrnn_train": ("train", 64, "embrnn"),
}

# Input shape of one sample (channels last), number of classes, and whether inputs are token ids.
FAMILIES = {
    "mlp": ([784], 10, False),
    "cnn": ([28, 28, 1], 10, False),
    "lstm": ([50, 32], 10, False),
    "embrnn": ([100], 2, True),
}
VOCABULARY = 10000


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("versions")
    serve = commands.add_parser("serve")
    serve.add_argument("--framework", required=True, choices=["torch", "keras"])
    serve.add_argument("--threads", type=int, default=2)
    run = commands.add_parser("run")
    run.add_argument("--framework", required=True, choices=["torch", "keras"])
    run.add_argument("--workload", required=True, choices=sorted(WORKLOADS))
    run.add_argument("--steps", type=int, default=30)
    run.add_argument("--warmup", type=int, default=5)
    run.add_argument("--threads", type=int, default=2)
    fit = commands.add_parser("fit")
    fit.add_argument("--framework", required=True, choices=["torch", "keras"])
    fit.add_argument("--data", required=True)
    fit.add_argument("--epochs", type=int, default=3)
    fit.add_argument("--batch-size", type=int, default=128)
    fit.add_argument("--threads", type=int, default=2)
    return parser.parse_args()


def synthetic_batch(family, batch):
    import numpy as np

    shape, classes, tokens = FAMILIES[family]
    generator = np.random.default_rng(1)
    if tokens:
        x = generator.integers(0, VOCABULARY, size=[batch] + shape).astype(np.int64)
    else:
        x = generator.uniform(-1, 1, size=[batch] + shape).astype(np.float32)
    y = generator.integers(0, classes, size=[batch]).astype(np.int64)
    return x, y


# MARK: - PyTorch

def torch_model(family):
    import torch
    from torch import nn

    class LastStep(nn.Module):
        """The last time step of a recurrent layer's output (Keras' return_sequences=False)."""

        def __init__(self, recurrent):
            super().__init__()
            self.recurrent = recurrent

        def forward(self, x):
            return self.recurrent(x)[0][:, -1, :]

    class Sequences(nn.Module):
        """A recurrent layer's whole output sequence (Keras' return_sequences=True)."""

        def __init__(self, recurrent):
            super().__init__()
            self.recurrent = recurrent

        def forward(self, x):
            return self.recurrent(x)[0]

    if family == "mlp":
        return nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))
    if family == "cnn":
        return nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(64 * 5 * 5, 128), nn.ReLU(), nn.Linear(128, 10))
    if family == "lstm":
        return nn.Sequential(Sequences(nn.LSTM(32, 64, batch_first=True)), LastStep(nn.LSTM(64, 64, batch_first=True)),
                             nn.Linear(64, 10))
    if family == "embrnn":
        return nn.Sequential(nn.Embedding(VOCABULARY, 64), LastStep(nn.RNN(64, 128, batch_first=True)), nn.Linear(128, 2))
    raise ValueError(family)


def torch_inputs(family, x):
    import torch

    tensor = torch.from_numpy(x)
    # PyTorch convolutions take NCHW; the transpose is made once, outside the timing.
    return tensor.permute(0, 3, 1, 2).contiguous() if family == "cnn" else tensor


def torch_step(workload, threads):
    import torch
    from torch import nn

    torch.set_num_threads(threads)
    torch.manual_seed(1)
    kind, batch, family = WORKLOADS[workload]
    x, y = synthetic_batch(family, batch)
    inputs, targets = torch_inputs(family, x), torch.from_numpy(y)
    model = torch_model(family)
    if kind == "train":
        model.train()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
        loss_function = nn.CrossEntropyLoss()

        def step():
            optimizer.zero_grad(set_to_none=True)
            loss = loss_function(model(inputs), targets)
            loss.backward()
            optimizer.step()
        return step, torch.__version__

    model.eval()

    def infer():
        with torch.inference_mode():
            return torch.softmax(model(inputs), dim=-1)
    return infer, torch.__version__


# MARK: - Keras

def keras_model(family):
    import keras
    from keras import layers

    shape, classes, _ = FAMILIES[family]
    if family == "mlp":
        body = [layers.Dense(512, activation="relu"), layers.Dense(256, activation="relu")]
    elif family == "cnn":
        body = [layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
                layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2),
                layers.Flatten(), layers.Dense(128, activation="relu")]
    elif family == "lstm":
        body = [layers.LSTM(64, return_sequences=True), layers.LSTM(64)]
    elif family == "embrnn":
        body = [layers.Embedding(VOCABULARY, 64), layers.SimpleRNN(128)]
    else:
        raise ValueError(family)
    return keras.Sequential([keras.Input(shape=shape)] + body + [layers.Dense(classes, activation="softmax")])


def keras_step(workload, threads):
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
    import keras

    keras.utils.set_random_seed(1)
    kind, batch, family = WORKLOADS[workload]
    x, y = synthetic_batch(family, batch)
    model = keras_model(family)
    version = f"{tf.__version__}/keras {keras.__version__}"
    if kind == "train":
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="sparse_categorical_crossentropy")
        return (lambda: model.train_on_batch(x, y)), version
    inputs = tf.constant(x)
    return (lambda: model(inputs, training=False)), version


# MARK: - MNIST end to end

def mnist(directory):
    """(train images, train labels, test images, test labels): images [n, 28, 28, 1] float32 in
    [0, 1], labels int64, read from the bundled IDX files."""
    import gzip
    import numpy as np

    def read(name, header):
        with gzip.open(os.path.join(directory, name), "rb") as file:
            return np.frombuffer(file.read(), dtype=np.uint8, offset=header)

    def images(name):
        return (read(name, 16).reshape(-1, 28, 28, 1) / np.float32(255)).astype(np.float32)

    def labels(name):
        return read(name, 8).astype(np.int64)

    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))


def torch_fit(data, epochs, batch_size, threads):
    import torch
    from torch import nn
    from torch.utils.data import DataLoader, TensorDataset

    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x_train, y_train, x_test, y_test = data
    nchw = lambda images: torch.from_numpy(images).permute(0, 3, 1, 2).contiguous()
    loader = DataLoader(TensorDataset(nchw(x_train), torch.from_numpy(y_train)), batch_size=batch_size, shuffle=True)
    model = torch_model("cnn")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_function = nn.CrossEntropyLoss()
    start = time.perf_counter()
    model.train()
    for _ in range(epochs):
        for inputs, targets in loader:
            optimizer.zero_grad(set_to_none=True)
            loss_function(model(inputs), targets).backward()
            optimizer.step()
    seconds = time.perf_counter() - start
    model.eval()
    with torch.inference_mode():
        predictions = torch.cat([model(batch).argmax(dim=1) for batch in nchw(x_test).split(1000)])
    accuracy = (predictions == torch.from_numpy(y_test)).float().mean().item()
    return seconds, accuracy, torch.__version__


def keras_fit(data, epochs, batch_size, threads):
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
    import keras

    keras.utils.set_random_seed(1)
    x_train, y_train, x_test, y_test = data
    batches = (tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(len(x_train), seed=1)
               .batch(batch_size).prefetch(tf.data.AUTOTUNE))
    model = keras_model("cnn")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    start = time.perf_counter()
    model.fit(batches, epochs=epochs, shuffle=False, verbose=0)  # the pipeline shuffles
    seconds = time.perf_counter() - start
    _, accuracy = model.evaluate(x_test, y_test, batch_size=1000, verbose=0)
    return seconds, accuracy, f"{tf.__version__}/keras {keras.__version__}"


# MARK: - Timing

def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def measure(step, kind, steps, warmup):
    """Seconds per step (training) or per call (inference) of `steps` timed samples."""
    for _ in range(max(1, warmup)):
        step()
    iterations = 1
    if kind == "infer":
        start = time.perf_counter()
        step()
        once = time.perf_counter() - start
        iterations = max(1, int(0.005 / max(once, 1e-9)))
    samples = []
    for _ in range(steps):
        start = time.perf_counter()
        for _ in range(iterations):
            step()
        samples.append((time.perf_counter() - start) / iterations)
    return samples


def versions():
    found = {}
    try:
        import torch
        found["torch"] = torch.__version__
    except ImportError:
        found["torch"] = None
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    try:
        import keras
        import tensorflow as tf
        found["keras"] = f"{tf.__version__}/keras {keras.__version__}"
    except ImportError:
        found["keras"] = None
    return found


def main():
    arguments = parse_arguments()
    if arguments.command == "versions":
        print(json.dumps(versions()))
        return
    # Set before torch or TensorFlow load their thread pools, so every native pool starts with the
    # thread count of the Cortex side.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(arguments.threads)
    if arguments.command == "fit":
        fit = torch_fit if arguments.framework == "torch" else keras_fit
        seconds, accuracy, version = fit(mnist(arguments.data), arguments.epochs, arguments.batch_size, arguments.threads)
        print(json.dumps({"framework": arguments.framework, "version": version, "seconds": seconds, "accuracy": accuracy}))
        return
    make = torch_step if arguments.framework == "torch" else keras_step
    if arguments.command == "run":
        report(arguments.framework, arguments.workload, make(arguments.workload, arguments.threads),
               arguments.steps, arguments.warmup)
        return
    built = {}
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        workload = request["workload"]
        try:
            if workload not in built:
                built[workload] = make(workload, arguments.threads)
            report(arguments.framework, workload, built[workload], request.get("steps", 30), request.get("warmup", 5))
        except Exception as error:  # One failing workload must not end the other workloads' runs.
            print(json.dumps({"framework": arguments.framework, "workload": workload,
                              "error": f"{type(error).__name__}: {error}"}), flush=True)


def report(framework, workload, made, steps, warmup):
    step, version = made
    samples = measure(step, WORKLOADS[workload][0], max(1, steps), warmup)
    print(json.dumps({"framework": framework, "version": version, "workload": workload,
                      "seconds": samples, "median": median(samples)}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
