"""scikit-learn's side of compare.bench.ts.

`export NAME OUT.csv`: writes one of scikit-learn's bundled datasets as CSV (features,
then the target in a column named "target").
`run DATA.csv FOLDS.csv TASK [FAMILY,…]`: fits scikit-learn's five families with their defaults on
the folds the benchmark wrote (one fold number per row, the same folds Assay used) and
prints one JSON line: per family, wall seconds for all folds and the mean metric.
"""
import json
import sys
import time
import warnings

import numpy as np


def export(name, out):
    from sklearn import datasets

    loader = {
        "digits": datasets.load_digits,
        "wine": datasets.load_wine,
        "breast_cancer": datasets.load_breast_cancer,
        "iris": datasets.load_iris,
        "diabetes": datasets.load_diabetes,
    }[name]
    X, y = loader(return_X_y=True)
    header = ",".join([f"f{j}" for j in range(X.shape[1])] + ["target"])
    np.savetxt(out, np.column_stack([X, y]), delimiter=",", header=header, comments="", fmt="%.10g")


def families(task):
    from sklearn import ensemble, linear_model, neural_network

    if task == "regression":
        return {
            "gbdt": ensemble.HistGradientBoostingRegressor(random_state=0),
            "random_forest": ensemble.RandomForestRegressor(random_state=0),
            "extra_trees": ensemble.ExtraTreesRegressor(random_state=0),
            "linear_regression": linear_model.Ridge(),
            "mlp": neural_network.MLPRegressor(random_state=0),
        }
    return {
        "gbdt": ensemble.HistGradientBoostingClassifier(random_state=0),
        "random_forest": ensemble.RandomForestClassifier(random_state=0),
        "extra_trees": ensemble.ExtraTreesClassifier(random_state=0),
        "logistic_regression": linear_model.LogisticRegression(),
        "mlp": neural_network.MLPClassifier(random_state=0),
    }


def run(data, folds_file, task, only=None):
    from sklearn.base import clone
    from sklearn.metrics import accuracy_score, r2_score

    table = np.loadtxt(data, delimiter=",", skiprows=1)
    X, y = table[:, :-1], table[:, -1]
    fold = np.loadtxt(folds_file, dtype=int)
    warnings.filterwarnings("ignore")
    out = {}
    for name, est in families(task).items():
        if only and name not in only:
            continue
        scores = []
        t0 = time.perf_counter()
        for f in range(fold.max() + 1):
            tr, va = fold != f, fold == f
            m = clone(est).fit(X[tr], y[tr])
            p = m.predict(X[va])
            scores.append(r2_score(y[va], p) if task == "regression" else accuracy_score(y[va], p))
        out[name] = {"wall_s": time.perf_counter() - t0, "score": float(np.mean(scores))}
    import sklearn

    print(json.dumps({"version": sklearn.__version__, "families": out}))


if __name__ == "__main__":
    if sys.argv[1] == "export":
        export(sys.argv[2], sys.argv[3])
    else:
        run(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5].split(",") if len(sys.argv) > 5 else None)
