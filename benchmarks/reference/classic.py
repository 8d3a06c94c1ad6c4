"""The scikit-learn side of `cortex-bench classic`.

  classic.py prepare --data-dir DIR
      Writes DIR/synth20k.csv once: make_classification(20000 samples, 50 features,
      20 informative, random_state=0), one row per sample, the label last.

  classic.py run --data-dir DIR --dataset NAME --model MODEL [--repetitions N] [--threads T]
                 [--train-rows K]
      Reads DIR/NAME_train.csv and DIR/NAME_test.csv (written by cortex-bench, so both sides fit
      on the same float32 values and the same split), fits MODEL with the settings the Cortex
      side uses, and prints one JSON line: the median fit and predict seconds and the test
      accuracy. One untimed fit and predict come first (warm-up). With --train-rows, only the
      first K training rows are fitted on.
"""
import argparse
import json
import os
import sys
import time


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    prepare = commands.add_parser("prepare")
    prepare.add_argument("--data-dir", required=True)
    run = commands.add_parser("run")
    run.add_argument("--data-dir", required=True)
    run.add_argument("--dataset", required=True)
    run.add_argument("--model", required=True, choices=sorted(MODEL_NAMES))
    run.add_argument("--repetitions", type=int, default=3)
    run.add_argument("--threads", type=int, default=2)
    run.add_argument("--train-rows", type=int)
    return parser.parse_args()


MODEL_NAMES = {"dt", "rf", "gb", "hgb", "svc_linear", "svc_rbf"}


def make_model(name, threads):
    from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.svm import SVC
    from sklearn.tree import DecisionTreeClassifier

    return {
        "dt": lambda: DecisionTreeClassifier(criterion="entropy", max_depth=3, random_state=0),
        "rf": lambda: RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=threads),
        "gb": lambda: GradientBoostingClassifier(n_estimators=100, learning_rate=0.1, max_depth=3, random_state=0),
        "hgb": lambda: HistGradientBoostingClassifier(random_state=0),
        "svc_linear": lambda: SVC(kernel="linear", C=1),
        "svc_rbf": lambda: SVC(),
    }[name]()


def prepare(data_dir):
    import numpy as np
    from sklearn.datasets import make_classification

    path = os.path.join(data_dir, "synth20k.csv")
    if os.path.exists(path):
        return
    os.makedirs(data_dir, exist_ok=True)
    x, y = make_classification(n_samples=20000, n_features=50, n_informative=20, random_state=0)
    partial = path + ".partial"
    np.savetxt(partial, np.column_stack([x, y]), delimiter=",", fmt="%.9g")
    os.replace(partial, path)
    print(f"classic.py: wrote {path}")


def load(path):
    import numpy as np

    table = np.loadtxt(path, delimiter=",", dtype=np.float32, ndmin=2)
    return table[:, :-1], table[:, -1]


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def run(arguments):
    from threadpoolctl import threadpool_limits
    import sklearn

    x_train, y_train = load(os.path.join(arguments.data_dir, f"{arguments.dataset}_train.csv"))
    x_test, y_test = load(os.path.join(arguments.data_dir, f"{arguments.dataset}_test.csv"))
    if arguments.train_rows:
        x_train, y_train = x_train[:arguments.train_rows], y_train[:arguments.train_rows]
    repetitions = max(1, arguments.repetitions)

    with threadpool_limits(arguments.threads):
        model = make_model(arguments.model, arguments.threads).fit(x_train, y_train)
        start = time.perf_counter()
        predictions = model.predict(x_test)
        once = time.perf_counter() - start
        accuracy = float((predictions == y_test).mean())

        fit_seconds = []
        for _ in range(repetitions):
            start = time.perf_counter()
            make_model(arguments.model, arguments.threads).fit(x_train, y_train)
            fit_seconds.append(time.perf_counter() - start)

        # Fast predictions are repeated within one sample so it lasts at least 20 ms.
        iterations = max(1, int(0.02 / max(once, 1e-9)))
        predict_seconds = []
        for _ in range(repetitions):
            start = time.perf_counter()
            for _ in range(iterations):
                model.predict(x_test)
            predict_seconds.append((time.perf_counter() - start) / iterations)

    print(json.dumps({"model": arguments.model, "dataset": arguments.dataset, "sklearn": sklearn.__version__,
                      "fit": median(fit_seconds), "predict": median(predict_seconds), "accuracy": accuracy,
                      "train_rows": len(y_train)}))


def main():
    arguments = parse_arguments()
    if arguments.command == "prepare":
        prepare(arguments.data_dir)
        return
    # Set before numpy loads its BLAS, so every native pool starts with the same thread count
    # as the Cortex side.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(arguments.threads)
    run(arguments)


if __name__ == "__main__":
    sys.exit(main())
