"""Reference timing for train.bench.ts: XGBoost hist on the same rows and params.

Reads the float32 matrix the benchmark wrote, fits with nthread=2, prints one JSON line.
"""
import json
import sys
import time

import numpy as np
import xgboost as xgb
from sklearn.metrics import roc_auc_score

path, n_train, n_test, d, n_cat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
n = n_train + n_test
raw = np.fromfile(path, dtype=np.float32)
X = raw[: n * d].reshape(n, d)
y = raw[n * d :]
types = ["q"] * (d - n_cat) + ["c"] * n_cat
dtrain = xgb.DMatrix(X[:n_train], label=y[:n_train], feature_types=types, enable_categorical=True, nthread=2)
dtest = xgb.DMatrix(X[n_train:], feature_types=types, enable_categorical=True, nthread=2)
params = {
    "objective": "binary:logistic",
    "tree_method": "hist",
    "grow_policy": "lossguide",
    "max_leaves": 31,
    "max_depth": 0,
    "max_bin": 255,
    "eta": 0.1,
    "lambda": 1.0,
    "min_child_weight": 1e-3,
    "nthread": 2,
    "max_cat_to_onehot": 1,
}
t0 = time.perf_counter()
booster = xgb.train(params, dtrain, num_boost_round=200)
fit = time.perf_counter() - t0
t0 = time.perf_counter()
p = booster.predict(dtest)
pred = time.perf_counter() - t0
print(json.dumps({"version": xgb.__version__, "fit_s": fit, "predict_rows_per_s": n_test / pred, "auc": float(roc_auc_score(y[n_train:], p))}))
