"""Prints the scikit-learn results the tree-model tests in Tests/CortexMLTests pin.

Test accuracies of the four classifiers on the bundled datasets (random_state=0, split
train_test_split(test_size=0.2, random_state=42), as the Swift tests do), trees exactly as
export_text writes them, a forest's out-of-bag score and gradient boosting's losses per stage.
Run with a Python that has scikit-learn 1.9: python3 scripts/classic_reference.py
"""
import sklearn
from sklearn.datasets import load_breast_cancer, load_digits, load_iris, load_wine
from sklearn.ensemble import (GradientBoostingClassifier, HistGradientBoostingClassifier,
                              RandomForestClassifier)
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor, export_text

print("scikit-learn", sklearn.__version__)
models = {
    "DecisionTree(entropy, max_depth=3)": lambda: DecisionTreeClassifier(criterion="entropy", max_depth=3, random_state=0),
    "RandomForest(100)": lambda: RandomForestClassifier(n_estimators=100, random_state=0),
    "GradientBoosting(100, 0.1, 3)": lambda: GradientBoostingClassifier(n_estimators=100, learning_rate=0.1, max_depth=3, random_state=0),
    "HistGradientBoosting()": lambda: HistGradientBoostingClassifier(random_state=0),
}
datasets = {"iris": load_iris, "wine": load_wine, "breast_cancer": load_breast_cancer, "digits": load_digits}
for name, make in models.items():
    for dataset, load in datasets.items():
        x, y = load(return_X_y=True)
        x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=42)
        model = make().fit(x_train, y_train)
        print(f"{name} {dataset}: {model.score(x_test, y_test):.6f}")

iris = load_iris()
x_train, x_test, y_train, y_test = train_test_split(iris.data, iris.target, test_size=0.2, random_state=42)
tree = DecisionTreeClassifier(criterion="entropy", max_depth=3, random_state=0).fit(x_train, y_train)
print("iris entropy tree, max_depth=3:")
print(export_text(tree, feature_names=iris.feature_names), end="")
tree = DecisionTreeClassifier(random_state=0).fit(iris.data, iris.target)
print("iris gini tree, all samples, no depth limit: depth", tree.get_depth(), "leaves", tree.get_n_leaves())
print(export_text(tree), end="")
print("importances:", tree.feature_importances_.tolist())
regressor = DecisionTreeRegressor(max_depth=2, random_state=0).fit(iris.data[:, :3], iris.data[:, 3])
print("iris regression tree (petal width from the other three), max_depth=2:")
print(export_text(regressor), end="")

x, y = load_breast_cancer(return_X_y=True)
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=42)
forest = RandomForestClassifier(n_estimators=20, oob_score=True, random_state=0).fit(x_train, y_train)
print("breast_cancer forest(20, oob) oob_score:", repr(forest.oob_score_))
print("first tree of that forest: nodes", forest.estimators_[0].tree_.node_count,
      "root feature", forest.estimators_[0].tree_.feature[0], "threshold", repr(forest.estimators_[0].tree_.threshold[0]))

x, y = load_wine(return_X_y=True)
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=42)
for name, tree in [
    ("ccp_alpha=0.02", DecisionTreeClassifier(ccp_alpha=0.02, random_state=0)),
    ("max_leaf_nodes=5", DecisionTreeClassifier(max_leaf_nodes=5, random_state=0)),
    ("class_weight=balanced, max_depth=3", DecisionTreeClassifier(class_weight="balanced", max_depth=3, random_state=0)),
    ("max_features=sqrt, min_samples_leaf=3", DecisionTreeClassifier(max_features="sqrt", min_samples_leaf=3, random_state=7)),
]:
    tree.fit(x_train, y_train)
    print(f"wine tree {name}: leaves {tree.get_n_leaves()} depth {tree.get_depth()} test accuracy {tree.score(x_test, y_test):.6f}")
    print(export_text(tree), end="")
regressor = DecisionTreeRegressor(criterion="absolute_error", max_depth=2, random_state=0).fit(iris.data[:, :3], iris.data[:, 3])
print("iris absolute-error tree, max_depth=2:")
print(export_text(regressor, decimals=3), end="")

# Gradient-boosting internals pinned in GradientBoostingTests.swift.
from sklearn.ensemble import GradientBoostingRegressor

x, y = load_breast_cancer(return_X_y=True)
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=42)
for name, model in [
    ("log_loss", GradientBoostingClassifier(n_estimators=20, random_state=0)),
    ("log_loss subsample=0.7", GradientBoostingClassifier(n_estimators=20, subsample=0.7, random_state=0)),
    ("exponential", GradientBoostingClassifier(n_estimators=20, loss="exponential", random_state=0)),
]:
    model.fit(x_train, y_train)
    print(f"breast_cancer boosting(20, {name}): train_score first {model.train_score_[0]!r} last {model.train_score_[-1]!r}",
          f"test accuracy {model.score(x_test, y_test):.6f} decision_function[:2] {model.decision_function(x_test[:2]).tolist()!r}")
x_train, x_test, y_train, y_test = train_test_split(iris.data, iris.target, test_size=0.2, random_state=42)
model = GradientBoostingClassifier(n_estimators=20, random_state=0).fit(x_train, y_train)
print(f"iris boosting(20): train_score first {model.train_score_[0]!r} last {model.train_score_[-1]!r}",
      f"predict_proba[0] {model.predict_proba(x_test[:1]).tolist()!r} importances {model.feature_importances_.tolist()!r}")
for loss in ["squared_error", "absolute_error", "huber"]:
    model = GradientBoostingRegressor(n_estimators=20, loss=loss, random_state=0).fit(iris.data[:, :3], iris.data[:, 3])
    print(f"iris petal-width boosting(20, {loss}): train_score first {model.train_score_[0]!r}",
          f"last {model.train_score_[-1]!r} predict[:2] {model.predict(iris.data[:2, :3]).tolist()!r}")
