#!/usr/bin/python3
"""Reference figures for Fitlab's linear, logistic, SVM and k-means learners.

Run once by hand with Debian's python3-sklearn (1.2.1):
    /usr/bin/python3 scripts/reference/classical_linear_reference.py
It writes tests/fixtures/classical-linear-reference.json: for each shipped dataset the fixed
5-fold test indices (StratifiedKFold / KFold, shuffle=True, random_state=0), each model's
per-fold score (accuracy, or R^2 for regression; features standardized inside each fold on
the training part) and mean fit time, plus k-means inertia on iris. The TypeScript parity
test replays the same folds and compares.
"""
import csv
import json
import os
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "public", "datasets")
OUT = os.path.join(ROOT, "tests", "fixtures", "classical-linear-reference.json")

# dataset id -> (target column, numeric feature columns or None for all but the target)
CLASSIFICATION = {"iris": "species", "wine": "cultivar", "breast_cancer": None}
REGRESSION = {
    "diabetes": ("progression", None),
    "auto_mpg": (
        "mpg",
        ["cylinders", "displacement_cu_in", "horsepower", "weight_lbs", "acceleration_s", "model_year"],
    ),
}

CLASSIFIERS = {
    "logistic-regression": lambda: LogisticRegression(C=1.0, max_iter=1000),
    "svm-linear": lambda: SVC(kernel="linear", C=1.0),
    "svm-rbf": lambda: SVC(kernel="rbf", C=1.0, gamma="scale"),
}
REGRESSORS = {
    "linear-regression": lambda: LinearRegression(),
    "ridge": lambda: Ridge(alpha=1.0),
    "lasso": lambda: Lasso(alpha=0.1),
    "elastic-net": lambda: ElasticNet(alpha=0.1, l1_ratio=0.5),
}


def read(name, target, features):
    with open(os.path.join(DATA, name + ".csv"), newline="") as handle:
        rows = list(csv.DictReader(handle))
    if target is None:
        target = list(rows[0].keys())[-1]
    cols = features or [c for c in rows[0].keys() if c != target]
    # Rows with a missing value in a used column are dropped (auto_mpg's horsepower).
    rows = [r for r in rows if all(r[c].strip() != "" for c in cols + [target])]
    x = np.array([[float(r[c]) for c in cols] for r in rows])
    return x, [r[target] for r in rows], cols, target


def evaluate(x, y, folds, models, score):
    out = {}
    for name, make in models.items():
        scores, times = [], []
        for train, test in folds:
            scaler = StandardScaler().fit(x[train])
            model = make()
            start = time.perf_counter()
            model.fit(scaler.transform(x[train]), y[train])
            times.append(time.perf_counter() - start)
            scores.append(float(score(y[test], model.predict(scaler.transform(x[test])))))
        out[name] = {"scores": scores, "mean": float(np.mean(scores)), "fitSeconds": float(np.mean(times))}
    return out


def main():
    result = {"sklearn": sklearn.__version__, "datasets": {}}
    for name, target in CLASSIFICATION.items():
        x, labels, cols, target = read(name, target, None)
        classes = sorted(set(labels))
        y = np.array([classes.index(v) for v in labels])
        folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(x, y))
        result["datasets"][name] = {
            "task": "classification", "target": target, "features": cols, "classes": classes,
            "rows": len(y), "folds": [test.tolist() for _, test in folds],
            "models": evaluate(x, y, folds, CLASSIFIERS, accuracy_score),
        }
    for name, (target, features) in REGRESSION.items():
        x, labels, cols, target = read(name, target, features)
        y = np.array([float(v) for v in labels])
        folds = list(KFold(5, shuffle=True, random_state=0).split(x))
        result["datasets"][name] = {
            "task": "regression", "target": target, "features": cols, "rows": len(y),
            "folds": [test.tolist() for _, test in folds],
            "models": evaluate(x, y, folds, REGRESSORS, r2_score),
        }
    x, _, _, _ = read("iris", "species", None)
    start = time.perf_counter()
    km = KMeans(n_clusters=3, n_init=10, random_state=0).fit(x)
    result["kmeansIris"] = {
        "k": 3, "nInit": 10, "inertia": float(km.inertia_), "fitSeconds": time.perf_counter() - start,
    }
    with open(OUT, "w") as handle:
        json.dump(result, handle, indent=1)
        handle.write("\n")
    for name, entry in result["datasets"].items():
        for model, stats in entry["models"].items():
            print(f"{name:14s} {model:20s} {stats['mean']:.4f} {stats['fitSeconds'] * 1000:.2f} ms")
    print("kmeans iris inertia", result["kmeansIris"]["inertia"])


if __name__ == "__main__":
    main()
