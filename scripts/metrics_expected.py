#!/usr/bin/env python3
"""Writes the scikit-learn values that CortexMetrics' tests compare against.

Usage (from the repository root):
    python3 -m venv /tmp/skl && /tmp/skl/bin/pip install scikit-learn numpy
    /tmp/skl/bin/python scripts/metrics_expected.py > Tests/CortexMetricsTests/SklearnExpected.swift

The inputs live here only; the generated Swift file carries them next to the expected values.
"""
import math
import warnings

import numpy as np
import sklearn
from sklearn import metrics
from sklearn.exceptions import UndefinedMetricWarning

# --- inputs -----------------------------------------------------------------------------------

LABEL_CASES = [
    # name, y_true, y_pred, pos_label, extra labels for the `labels=` checks, target names
    dict(name="binary",
         y_true=[0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1],
         y_pred=[0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0],
         pos_label=1, labels=[1, 0], target_names=["negative", "positive"]),
    dict(name="binaryOneTwo",
         y_true=[1, 2, 2, 1, 2, 1, 1, 2],
         y_pred=[1, 2, 1, 1, 2, 2, 1, 2],
         pos_label=2, labels=[2, 1], target_names=["no", "yes"]),
    dict(name="multiclass",
         y_true=[0, 1, 2, 2, 1, 0, 2, 1, 0, 2, 1, 1, 0, 2, 2],
         y_pred=[0, 2, 2, 1, 1, 0, 2, 1, 1, 2, 0, 1, 0, 2, 1],
         pos_label=1, labels=[2, 0, 1], target_names=["cat", "dog", "bird"]),
    dict(name="imbalancedNeverPredicted",
         # class 2 is never predicted, class 3 is rare
         y_true=[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 0, 0],
         y_pred=[0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 3, 3, 0],
         pos_label=1, labels=[0, 1, 2, 3, 4], target_names=["common", "uncommon", "hidden", "rare", "absent"]),
    dict(name="predictedOnly",
         # class 3 appears only in the predictions (recall and support undefined for it)
         y_true=[0, 1, 2, 0, 1, 2, 0, 1],
         y_pred=[0, 3, 2, 0, 1, 3, 3, 1],
         pos_label=1, labels=[0, 1, 2], target_names=["a-very-long-class-name", "b", "c", "d"]),
    dict(name="allWrongBinary",
         # nothing predicted positive: precision of the positive class is 0/0
         y_true=[1, 1, 0, 1, 0],
         y_pred=[0, 0, 0, 0, 0],
         pos_label=1, labels=[0, 1], target_names=["off", "on"]),
]

BINARY_SCORE_CASES = [
    dict(name="probabilitiesWithTies",
         y_true=[0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1],
         y_score=[0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2, 0.65, 0.65, 0.1, 0.5],
         pos_label=None),
    dict(name="decisionValues",
         y_true=[-1, 1, 1, -1, 1, -1, -1, 1, 1, -1],
         y_score=[-2.5, 0.3, 1.7, 0.3, -0.1, -1.2, 0.9, 2.2, 0.3, -0.7],
         pos_label=None),
    dict(name="imbalanced",
         y_true=[0] * 14 + [1, 1],
         y_score=[0.05, 0.1, 0.2, 0.15, 0.3, 0.12, 0.6, 0.02, 0.33, 0.41, 0.08, 0.25, 0.7, 0.18, 0.65, 0.9],
         pos_label=None),
    dict(name="labelsOneTwo",
         y_true=[1, 1, 2, 2, 1, 2],
         y_score=[0.1, 0.4, 0.35, 0.8, 0.6, 0.6],
         pos_label=2),
    dict(name="allTied",
         y_true=[0, 1, 0, 1, 1],
         y_score=[0.5, 0.5, 0.5, 0.5, 0.5],
         pos_label=None),
]

MULTICLASS_SCORE_CASES = [
    dict(name="threeClasses",
         y_true=[0, 1, 2, 2, 1, 0, 2, 1, 0, 1],
         y_score=[[0.7, 0.2, 0.1], [0.2, 0.5, 0.3], [0.1, 0.3, 0.6], [0.3, 0.3, 0.4], [0.4, 0.4, 0.2],
                  [0.5, 0.25, 0.25], [0.2, 0.2, 0.6], [0.1, 0.8, 0.1], [0.3, 0.4, 0.3], [0.25, 0.25, 0.5]]),
    dict(name="fourClassesImbalanced",
         y_true=[0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 0, 1],
         y_score=[[0.6, 0.2, 0.1, 0.1], [0.5, 0.3, 0.1, 0.1], [0.25, 0.25, 0.25, 0.25], [0.4, 0.4, 0.1, 0.1],
                  [0.7, 0.1, 0.1, 0.1], [0.3, 0.3, 0.3, 0.1], [0.2, 0.5, 0.2, 0.1], [0.1, 0.2, 0.3, 0.4],
                  [0.2, 0.2, 0.5, 0.1], [0.1, 0.1, 0.2, 0.6], [0.2, 0.6, 0.1, 0.1], [0.3, 0.3, 0.2, 0.2]]),
]

# a score column (class 3) for a class that `y_true` never holds, named through `labels=`
LABELLED_SCORE_CASES = [
    dict(name="unseenClassColumn",
         y_true=[0, 1, 2, 2, 1, 0, 2, 1],
         y_score=[[0.6, 0.2, 0.1, 0.1], [0.2, 0.5, 0.2, 0.1], [0.1, 0.2, 0.6, 0.1], [0.2, 0.3, 0.3, 0.2],
                  [0.3, 0.3, 0.2, 0.2], [0.4, 0.2, 0.2, 0.2], [0.1, 0.1, 0.7, 0.1], [0.25, 0.25, 0.25, 0.25]],
         labels=[0, 1, 2, 3]),
]

REGRESSION_CASES = [
    dict(name="simple", y_true=[3.0, -0.5, 2.0, 7.0, 4.2], y_pred=[2.5, 0.0, 2.0, 8.0, 3.9]),
    dict(name="biased", y_true=[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], y_pred=[2.1, 3.0, 3.9, 5.2, 6.0, 6.8]),
    dict(name="constantTruthImperfect", y_true=[2.0, 2.0, 2.0], y_pred=[1.0, 2.0, 3.0]),
    dict(name="constantTruthPerfect", y_true=[2.0, 2.0, 2.0], y_pred=[2.0, 2.0, 2.0]),
]

AVERAGES = ["binary", "micro", "macro", "weighted"]
ZERO_DIVISIONS = ["warn", 0.0, 1.0, np.nan]


# --- Swift output ------------------------------------------------------------------------------

def swift_double(x):
    x = float(x)
    if math.isnan(x):
        return ".nan"
    if math.isinf(x):
        return ".infinity" if x > 0 else "-.infinity"
    return repr(x)


def swift_doubles(xs):
    return "[" + ", ".join(swift_double(x) for x in xs) + "]"


def swift_ints(xs):
    return "[" + ", ".join(str(int(x)) for x in xs) + "]"


def swift_matrix(rows, element):
    return "[" + ", ".join(element(r) for r in rows) + "]"


def swift_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def swift_optional(value, render):
    return "nil" if value is None else render(value)


def zero_division_name(z):
    if isinstance(z, str):
        return "warn"
    if isinstance(z, float) and math.isnan(z):
        return "nan"
    return {0.0: "zero", 1.0: "one"}[z]


def with_warnings(function):
    """Calls `function`, returning its value and whether scikit-learn warned UndefinedMetric."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = function()
    return value, any(issubclass(w.category, UndefinedMetricWarning) for w in caught)


def label_case(case):
    yt, yp, pos = np.array(case["y_true"]), np.array(case["y_pred"]), case["pos_label"]
    binary = len(set(case["y_true"]) | set(case["y_pred"])) <= 2
    fields = [
        f"name: {swift_string(case['name'])}",
        f"yTrue: {swift_ints(yt)}",
        f"yPred: {swift_ints(yp)}",
        f"posLabel: {pos}",
        f"labels: {swift_ints(case['labels'])}",
        f"targetNames: [{', '.join(swift_string(n) for n in case['target_names'])}]",
        f"accuracy: {swift_double(metrics.accuracy_score(yt, yp))}",
        f"correctCount: {swift_double(metrics.accuracy_score(yt, yp, normalize=False))}",
        f"balancedAccuracy: {swift_double(metrics.balanced_accuracy_score(yt, yp))}",
        f"balancedAccuracyAdjusted: {swift_double(metrics.balanced_accuracy_score(yt, yp, adjusted=True))}",
        f"matthews: {swift_double(metrics.matthews_corrcoef(yt, yp))}",
        f"kappa: {swift_double(metrics.cohen_kappa_score(yt, yp))}",
        f"kappaLinear: {swift_double(metrics.cohen_kappa_score(yt, yp, weights='linear'))}",
        f"kappaQuadratic: {swift_double(metrics.cohen_kappa_score(yt, yp, weights='quadratic'))}",
        f"confusion: {swift_matrix(metrics.confusion_matrix(yt, yp), swift_ints)}",
        f"confusionWithLabels: {swift_matrix(metrics.confusion_matrix(yt, yp, labels=case['labels']), swift_ints)}",
    ]
    for normalize in ["true", "pred", "all"]:
        matrix = metrics.confusion_matrix(yt, yp, normalize=normalize)
        fields.append(f"confusionNormalized{normalize.capitalize()}: {swift_matrix(matrix, swift_doubles)}")

    averaged = []
    for average in AVERAGES:
        if average == "binary" and not binary:
            continue
        for zero_division in ZERO_DIVISIONS:
            # [9] is a label absent from every case: all supports are zero
            for beta, labels in [(1.0, None), (0.5, None), (2.0, None), (1.0, case["labels"]), (1.0, [9])]:
                if labels is not None and average == "binary":
                    continue
                kwargs = dict(average=average, zero_division=zero_division, labels=labels)
                if average == "binary":
                    kwargs["pos_label"] = pos
                (p, r, f, _), warned = with_warnings(
                    lambda: metrics.precision_recall_fscore_support(yt, yp, beta=beta, **kwargs))
                single = []
                for name, function in [("precision", metrics.precision_score), ("recall", metrics.recall_score)]:
                    _, w = with_warnings(lambda: function(yt, yp, **kwargs))
                    single.append(f"{name}Warns: {str(w).lower()}")
                _, w = with_warnings(lambda: metrics.fbeta_score(yt, yp, beta=beta, **kwargs))
                single.append(f"fscoreWarns: {str(w).lower()}")
                averaged.append(
                    f"SetWiseExpectation(average: .{average}, zeroDivision: .{zero_division_name(zero_division)}, "
                    f"beta: {swift_double(beta)}, labels: {swift_optional(labels, swift_ints)}, "
                    f"precision: {swift_double(p)}, recall: {swift_double(r)}, fscore: {swift_double(f)}, "
                    f"warns: {str(warned).lower()}, {', '.join(single)})")
    fields.append("averaged: [\n            " + ",\n            ".join(averaged) + "]")

    per_class = []
    for zero_division in ZERO_DIVISIONS:
        for beta, labels in [(1.0, None), (2.0, None), (1.0, case["labels"])]:
            (p, r, f, s), warned = with_warnings(lambda: metrics.precision_recall_fscore_support(
                yt, yp, beta=beta, labels=labels, average=None, zero_division=zero_division))
            per_class.append(
                f"PerClassExpectation(zeroDivision: .{zero_division_name(zero_division)}, beta: {swift_double(beta)}, "
                f"labels: {swift_optional(labels, swift_ints)}, precision: {swift_doubles(p)}, "
                f"recall: {swift_doubles(r)}, fscore: {swift_doubles(f)}, support: {swift_ints(s)}, "
                f"warns: {str(warned).lower()})")
    fields.append("perClass: [\n            " + ",\n            ".join(per_class) + "]")

    reports = []
    for labels, names, digits, zero_division in [
        (None, None, 2, "warn"),
        (None, None, 4, 0.0),
        (None, "names", 3, "warn"),
        (case["labels"], None, 2, 1.0),
        (case["labels"], "names", 5, np.nan),
        (case["labels"][:2], None, 2, "warn"),
    ]:
        target_names = None
        if names:
            target_names = case["target_names"] if labels is not None else case["target_names"][:len(
                np.unique(np.concatenate([yt, yp])))]
            if labels is not None:
                target_names = target_names[:len(labels)]
        text = metrics.classification_report(yt, yp, labels=labels, target_names=target_names, digits=digits,
                                             zero_division=zero_division)
        reports.append(
            f"ReportExpectation(labels: {swift_optional(labels, swift_ints)}, "
            f"targetNames: {swift_optional(target_names, lambda n: '[' + ', '.join(swift_string(x) for x in n) + ']')}, "
            f"digits: {digits}, zeroDivision: .{zero_division_name(zero_division)},\n                text: {swift_string(text)})")
    fields.append("reports: [\n            " + ",\n            ".join(reports) + "]")
    return "LabelCase(\n        " + ",\n        ".join(fields) + ")"


def binary_score_case(case):
    yt, ys, pos = np.array(case["y_true"]), np.array(case["y_score"]), case["pos_label"]
    fpr, tpr, thr = metrics.roc_curve(yt, ys, pos_label=pos)
    fpr_all, tpr_all, thr_all = metrics.roc_curve(yt, ys, pos_label=pos, drop_intermediate=False)
    prec, rec, pthr = metrics.precision_recall_curve(yt, ys, pos_label=pos)
    prec_d, rec_d, pthr_d = metrics.precision_recall_curve(yt, ys, pos_label=pos, drop_intermediate=True)
    ap_pos = pos if pos is not None else 1
    probabilities = bool(ys.min() >= 0 and ys.max() <= 1)
    fields = [
        f"name: {swift_string(case['name'])}",
        f"yTrue: {swift_ints(yt)}",
        f"yScore: {swift_doubles(ys)}",
        f"posLabel: {swift_optional(pos, str)}",
        f"rocFpr: {swift_doubles(fpr)}", f"rocTpr: {swift_doubles(tpr)}", f"rocThresholds: {swift_doubles(thr)}",
        f"rocFprAll: {swift_doubles(fpr_all)}", f"rocTprAll: {swift_doubles(tpr_all)}",
        f"rocThresholdsAll: {swift_doubles(thr_all)}",
        f"prPrecision: {swift_doubles(prec)}", f"prRecall: {swift_doubles(rec)}",
        f"prThresholds: {swift_doubles(pthr)}",
        f"prPrecisionDropped: {swift_doubles(prec_d)}", f"prRecallDropped: {swift_doubles(rec_d)}",
        f"prThresholdsDropped: {swift_doubles(pthr_d)}",
        f"rocAuc: {swift_double(metrics.roc_auc_score(yt, ys))}",
        f"rocAucMaxFprHalf: {swift_double(metrics.roc_auc_score(yt, ys, max_fpr=0.5))}",
        f"averagePrecision: {swift_double(metrics.average_precision_score(yt, ys, pos_label=ap_pos))}",
        f"aucOfRoc: {swift_double(metrics.auc(fpr, tpr))}",
        f"logLoss: {swift_optional(metrics.log_loss(yt, ys) if probabilities else None, swift_double)}",
        f"topOneAccuracy: {swift_double(metrics.top_k_accuracy_score(yt, ys, k=1))}",
    ]
    return "BinaryScoreCase(\n        " + ",\n        ".join(fields) + ")"


def multiclass_score_case(case):
    yt, ys = np.array(case["y_true"]), np.array(case["y_score"])
    roc = lambda **kw: swift_double(metrics.roc_auc_score(yt, ys, **kw))
    ap = lambda **kw: metrics.average_precision_score(yt, ys, **kw)
    fields = [
        f"name: {swift_string(case['name'])}",
        f"yTrue: {swift_ints(yt)}",
        f"yScore: {swift_matrix(ys, swift_doubles)}",
        f"ovrMacro: {roc(multi_class='ovr')}",
        f"ovrWeighted: {roc(multi_class='ovr', average='weighted')}",
        f"ovrMicro: {roc(multi_class='ovr', average='micro')}",
        f"ovoMacro: {roc(multi_class='ovo')}",
        f"ovoWeighted: {roc(multi_class='ovo', average='weighted')}",
        f"rocAucPerClass: {swift_doubles(metrics.roc_auc_score(yt, ys, multi_class='ovr', average=None))}",
        f"apMacro: {swift_double(ap())}",
        f"apMicro: {swift_double(ap(average='micro'))}",
        f"apWeighted: {swift_double(ap(average='weighted'))}",
        f"apPerClass: {swift_doubles(ap(average=None))}",
        f"logLoss: {swift_double(metrics.log_loss(yt, ys))}",
        f"logLossSum: {swift_double(metrics.log_loss(yt, ys, normalize=False))}",
        f"topOne: {swift_double(metrics.top_k_accuracy_score(yt, ys, k=1))}",
        f"topTwo: {swift_double(metrics.top_k_accuracy_score(yt, ys, k=2))}",
        f"topTwoCount: {swift_double(metrics.top_k_accuracy_score(yt, ys, k=2, normalize=False))}",
    ]
    return "MulticlassScoreCase(\n        " + ",\n        ".join(fields) + ")"


def labelled_score_case(case):
    yt, ys, labels = np.array(case["y_true"]), np.array(case["y_score"]), case["labels"]
    fields = [
        f"name: {swift_string(case['name'])}",
        f"yTrue: {swift_ints(yt)}",
        f"yScore: {swift_matrix(ys, swift_doubles)}",
        f"labels: {swift_ints(labels)}",
        f"ovoMacro: {swift_double(metrics.roc_auc_score(yt, ys, multi_class='ovo', labels=labels))}",
        f"ovoWeighted: {swift_double(metrics.roc_auc_score(yt, ys, multi_class='ovo', average='weighted', labels=labels))}",
        f"ovrWeighted: {swift_double(metrics.roc_auc_score(yt, ys, multi_class='ovr', average='weighted', labels=labels))}",
        f"ovrMicro: {swift_double(metrics.roc_auc_score(yt, ys, multi_class='ovr', average='micro', labels=labels))}",
        f"topOne: {swift_double(metrics.top_k_accuracy_score(yt, ys, k=1, labels=labels))}",
        f"topTwo: {swift_double(metrics.top_k_accuracy_score(yt, ys, k=2, labels=labels))}",
        f"logLoss: {swift_double(metrics.log_loss(yt, ys, labels=labels))}",
    ]
    return "LabelledScoreCase(\n        " + ",\n        ".join(fields) + ")"


def regression_case(case):
    yt, yp = np.array(case["y_true"]), np.array(case["y_pred"])
    fields = [
        f"name: {swift_string(case['name'])}",
        f"yTrue: {swift_doubles(yt)}",
        f"yPred: {swift_doubles(yp)}",
        f"meanSquared: {swift_double(metrics.mean_squared_error(yt, yp))}",
        f"rootMeanSquared: {swift_double(metrics.root_mean_squared_error(yt, yp))}",
        f"meanAbsolute: {swift_double(metrics.mean_absolute_error(yt, yp))}",
        f"r2: {swift_double(metrics.r2_score(yt, yp))}",
        f"r2NotForcedFinite: {swift_double(metrics.r2_score(yt, yp, force_finite=False))}",
        f"explainedVariance: {swift_double(metrics.explained_variance_score(yt, yp))}",
        f"explainedVarianceNotForcedFinite: "
        f"{swift_double(metrics.explained_variance_score(yt, yp, force_finite=False))}",
    ]
    return "RegressionCase(\n        " + ",\n        ".join(fields) + ")"


def main():
    np.seterr(all="ignore")
    warnings.simplefilter("ignore")
    print(f"// Generated by scripts/metrics_expected.py with scikit-learn {sklearn.__version__} "
          f"and NumPy {np.__version__}. Do not edit by hand: rerun the script.")
    print("// swiftlint:disable all\n")
    sections = [
        ("labelCases", "LabelCase", [label_case(c) for c in LABEL_CASES]),
        ("binaryScoreCases", "BinaryScoreCase", [binary_score_case(c) for c in BINARY_SCORE_CASES]),
        ("multiclassScoreCases", "MulticlassScoreCase", [multiclass_score_case(c) for c in MULTICLASS_SCORE_CASES]),
        ("labelledScoreCases", "LabelledScoreCase", [labelled_score_case(c) for c in LABELLED_SCORE_CASES]),
        ("regressionCases", "RegressionCase", [regression_case(c) for c in REGRESSION_CASES]),
    ]
    print("enum SklearnExpected {")
    for name, type_name, cases in sections:
        print(f"    static let {name}: [{type_name}] = [\n    " + ",\n    ".join(cases) + "]\n")
    print("}")


if __name__ == "__main__":
    main()
