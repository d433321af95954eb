"""Reference timing for mlp.bench.ts: the same MLP in PyTorch on CPU.

Reads the float32 matrix the benchmark wrote (as xgb_reference.py does), standardises the
columns (missing values as 0 after standardising; categorical codes as numbers, where
Assay one-hot encodes them: a few more input columns on Assay's side), then trains a
ReLU MLP with Adam, the given hidden layers, epochs and batch size on 2 threads and
prints one JSON line: fit seconds and test AUC.
"""
import json
import sys
import time

import numpy as np
import torch
from sklearn.metrics import roc_auc_score

path, n_train, n_test, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
hidden = [int(h) for h in sys.argv[5].split(",")]
epochs, batch = int(sys.argv[6]), int(sys.argv[7])
torch.set_num_threads(2)
torch.manual_seed(0)
n = n_train + n_test
raw = np.fromfile(path, dtype=np.float32)
X = raw[: n * d].reshape(n, d)
y = raw[n * d :]
mean = np.nanmean(X[:n_train], axis=0)
std = np.nanstd(X[:n_train], axis=0)
std[std == 0] = 1
X = np.nan_to_num((X - mean) / std).astype(np.float32)
layers = []
width = d
for h in hidden:
    layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
    width = h
layers.append(torch.nn.Linear(width, 1))
model = torch.nn.Sequential(*layers)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = torch.nn.BCEWithLogitsLoss()
xt = torch.from_numpy(X[:n_train])
yt = torch.from_numpy(y[:n_train]).unsqueeze(1)
t0 = time.perf_counter()
for _ in range(epochs):
    order = torch.randperm(n_train)
    for i in range(0, n_train, batch):
        idx = order[i : i + batch]
        opt.zero_grad()
        loss = loss_fn(model(xt[idx]), yt[idx])
        loss.backward()
        opt.step()
fit = time.perf_counter() - t0
with torch.no_grad():
    p = torch.sigmoid(model(torch.from_numpy(X[n_train:]))).numpy().ravel()
print(json.dumps({"version": torch.__version__, "fit_s": fit, "auc": float(roc_auc_score(y[n_train:], p))}))
