"""scikit-learn's reference numbers for CortexML's SVM, linear, neighbour and model-selection tests.

Run with a scikit-learn 1.9 environment: python scripts/svm_reference.py
The datasets are the bundled ones (sklearn.datasets loaders); splits are
train_test_split(test_size=0.2, random_state=42).
"""
import warnings
import numpy as np

warnings.simplefilter("ignore", FutureWarning)
from sklearn.datasets import load_iris, load_wine, load_breast_cancer, load_digits
from sklearn.model_selection import train_test_split, KFold, StratifiedKFold
from sklearn.svm import SVC, SVR, LinearSVC
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier

np.set_printoptions(precision=10, suppress=True, linewidth=200)

datasets = {"iris": load_iris, "wine": load_wine, "breast_cancer": load_breast_cancer, "digits": load_digits}
models = {
    "SVC(linear, C=1)": lambda: SVC(kernel="linear", C=1),
    "SVC(rbf)": lambda: SVC(),
    "LinearSVC": lambda: LinearSVC(),
    "LogisticRegression": lambda: LogisticRegression(),
    "KNeighborsClassifier": lambda: KNeighborsClassifier(),
}

print("# test accuracy, train_test_split(test_size=0.2, random_state=42)")
for dname, load in datasets.items():
    x, y = load(return_X_y=True)
    xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.2, random_state=42)
    for mname, make in models.items():
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = make().fit(xtr, ytr)
        extra = ""
        if isinstance(model, SVC):
            extra = f" nSV={model.n_support_.tolist()}"
        print(f"{dname:14s} {mname:22s} {model.score(xte, yte):.6f}{extra}")

print("\n# iris, full data, SVC(rbf, C=1, gamma=0.5)")
x, y = load_iris(return_X_y=True)
model = SVC(C=1, gamma=0.5).fit(x, y)
print("n_support", model.n_support_.tolist(), "n_iter", model.n_iter_.tolist())
print("support", model.support_.tolist())
print("n_iter on the data rounded to Float32", SVC(C=1, gamma=0.5).fit(x.astype(np.float32).astype(np.float64), y).n_iter_.tolist())
print("intercept", model.intercept_)
print("dual_coef[:, :8]", model.dual_coef_[:, :8])
print("decision_function(ovr) rows 0, 60, 120", model.decision_function(x[[0, 60, 120]]))
print("decision_function(ovo) rows 0, 60, 120", SVC(C=1, gamma=0.5, decision_function_shape="ovo").fit(x, y).decision_function(x[[0, 60, 120]]))

print("\n# breast_cancer rounded to Float32 as a Tensor holds it, SVC(linear, C=1)")
xb, yb = load_breast_cancer(return_X_y=True)
xtr, xte, ytr, yte = train_test_split(xb.astype(np.float32).astype(np.float64), yb, test_size=0.2, random_state=42)
model32 = SVC(kernel="linear").fit(xtr, ytr)
print("n_support", model32.n_support_.tolist(), "n_iter", model32.n_iter_.tolist(), "accuracy", model32.score(xte, yte))

print("\n# iris classes 1 and 2 (binary), SVC(linear, C=1)")
mask = y > 0
model = SVC(kernel="linear").fit(x[mask], y[mask])
print("n_support", model.n_support_.tolist(), "intercept", model.intercept_, "coef", model.coef_)
print("decision rows 0, 50", model.decision_function(x[mask][[0, 50]]))

print("\n# SVR(rbf, C=10, epsilon=0.1) on a sine, inputs rounded to Float32 as a Tensor holds them")
t = np.linspace(0, 6, 40).astype(np.float32).astype(np.float64).reshape(-1, 1)
target = np.sin(t.astype(np.float32)).astype(np.float64).ravel()
svr = SVR(C=10, epsilon=0.1, gamma=0.5).fit(t, target)
print("support", svr.support_.tolist(), "intercept", svr.intercept_, "predict at 0.5, 2.5, 5.5", svr.predict([[0.5], [2.5], [5.5]]))

print("\n# KFold / StratifiedKFold test folds on 10 samples")
y10 = np.array([0, 0, 1, 1, 1, 2, 2, 0, 1, 2])
for cv in [KFold(3), KFold(3, shuffle=True, random_state=0), StratifiedKFold(3), StratifiedKFold(3, shuffle=True, random_state=1)]:
    print(cv, [test.tolist() for _, test in cv.split(np.zeros((10, 1)), y10)])

print("\n# model selection")
from sklearn.model_selection import cross_val_score, GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
x, y = load_iris(return_X_y=True)
print("iris cross_val_score(SVC(), cv=5)", cross_val_score(SVC(), x, y, cv=5))
search = GridSearchCV(SVC(), {"C": [0.1, 1, 10], "kernel": ["linear", "rbf"]}, cv=5).fit(x, y)
print("iris GridSearchCV best", search.best_params_, search.best_score_, "ranks", search.cv_results_["rank_test_score"].tolist())
xw, yw = load_wine(return_X_y=True)
print("wine cross_val_score(SVC())", cross_val_score(SVC(), xw, yw, cv=5).mean())
print("wine cross_val_score(StandardScaler + SVC())", cross_val_score(make_pipeline(StandardScaler(), SVC()), xw, yw, cv=5))

print("\n# iris SVC(probability=True, random_state=0), rows 0, 60, 70, 120")
model = SVC(probability=True, random_state=0).fit(x, y)
print("predict_proba", model.predict_proba(x[[0, 60, 70, 120]]))
print("probA", model.probA_, "probB", model.probB_)

print("\n# linear models")
xtr, xte, ytr, yte = train_test_split(xw, yw, test_size=0.2, random_state=42)
print("wine LinearSVC(tol=1e-8, max_iter=100000) intercept", LinearSVC(tol=1e-8, max_iter=100000).fit(xtr, ytr).intercept_)
lr = LogisticRegression(tol=1e-8, max_iter=5000).fit(x, y)
print("iris LogisticRegression(tol=1e-8, max_iter=5000) n_iter", lr.n_iter_, "intercept", lr.intercept_, "coef[0]", lr.coef_[0])
print("iris LogisticRegression predict_proba rows 0, 70", lr.predict_proba(x[[0, 70]]))
lrb = LogisticRegression(C=0.5, tol=1e-8, max_iter=5000).fit(x[mask], y[mask])
print("iris classes 1, 2 LogisticRegression(C=0.5, tol=1e-8, max_iter=5000) intercept", lrb.intercept_, "coef", lrb.coef_)

print("\n# wine GridSearchCV(StandardScaler + SVC, C in [0.1, 1, 10], StratifiedKFold(5, shuffle, random_state=0))")
search = GridSearchCV(make_pipeline(StandardScaler(), SVC()), {"svc__C": [0.1, 1, 10]},
                      cv=StratifiedKFold(5, shuffle=True, random_state=0)).fit(xw, yw)
print("best", search.best_params_, search.best_score_, "means", search.cv_results_["mean_test_score"].tolist())

print("\n# iris rows 0..<50 and 50..<70 and 100..<110 (unbalanced), SVC(class_weight='balanced')")
rows = np.r_[0:50, 50:70, 100:110]
balanced = SVC(class_weight="balanced").fit(x[rows], y[rows])
print("n_support", balanced.n_support_.tolist(), "intercept", balanced.intercept_, "class_weight", balanced.class_weight_)
