#!/usr/bin/env python3
"""Reference figures for Fitlab's tree and instance-based learners (issue 6, item 4).

Computes 5-fold cross-validated accuracy (classification) or R² (regression) with
scikit-learn on the shipped CSVs, using fold indices that are written out with the scores so
that `tests/unit/ml/classical/sklearn-parity.test.ts` trains Fitlab's learners on the very
same folds. Run once by hand from the repository root (Debian's python3-sklearn 1.2.1):

    /usr/bin/python3 scripts/reference/classical_reference.py

Output: tests/fixtures/classical-reference.json (scores per fold, mean, fit seconds).
Class labels are indexed in sorted order of their names; the TypeScript test does the same.
"""
import csv
import json
import os
import platform
import time

# One thread, like a Fitlab worker, so the fit times compare like with like (and OpenMP does
# not oversubscribe a busy machine). Must be set before numpy/sklearn load their thread pools.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import sklearn
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATASETS = [
    # (id, target column, task)
    ("iris", "species", "classification"),
    ("wine", "cultivar", "classification"),
    ("breast_cancer", "diagnosis", "classification"),
    ("digits", "label", "classification"),
    ("diabetes", "progression", "regression"),
]


def load(dataset_id, target):
    with open(os.path.join(ROOT, "public", "datasets", dataset_id + ".csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    features = [c for c in rows[0].keys() if c != target]
    x = np.array([[float(r[c]) for c in features] for r in rows])
    return features, x, [r[target] for r in rows]


def models(task):
    if task == "classification":
        return {
            "decision_tree": lambda: DecisionTreeClassifier(max_depth=5, random_state=0),
            "random_forest": lambda: RandomForestClassifier(n_estimators=100, random_state=0),
            "hist_gbdt": lambda: HistGradientBoostingClassifier(
                max_iter=100, learning_rate=0.1, early_stopping=False
            ),
            "knn": lambda: make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5)),
            "gaussian_nb": lambda: GaussianNB(),
        }
    return {
        "decision_tree": lambda: DecisionTreeRegressor(max_depth=5, random_state=0),
        "random_forest": lambda: RandomForestRegressor(n_estimators=100, random_state=0),
        "hist_gbdt": lambda: HistGradientBoostingRegressor(
            max_iter=100, learning_rate=0.1, early_stopping=False
        ),
        "knn": lambda: make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=5)),
    }


def make_tree(task):
    return DecisionTreeClassifier if task == "classification" else DecisionTreeRegressor


def seed_mean(tree_class, x, y, folds, task):
    means = []
    for seed in range(10):
        scores = []
        for test in folds:
            train = np.setdiff1d(np.arange(len(y)), test)
            pred = tree_class(max_depth=5, random_state=seed).fit(x[train], y[train]).predict(x[test])
            scores.append(accuracy_score(y[test], pred) if task == "classification" else r2_score(y[test], pred))
        means.append(float(np.mean(scores)))
    return float(np.mean(means))


def main():
    out = {
        "generator": "scripts/reference/classical_reference.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "omp_num_threads": os.environ["OMP_NUM_THREADS"],
        "datasets": {},
    }
    for dataset_id, target, task in DATASETS:
        features, x, raw_y = load(dataset_id, target)
        if task == "classification":
            classes = sorted(set(raw_y))
            y = np.array([classes.index(v) for v in raw_y])
            splitter = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
        else:
            classes = []
            y = np.array([float(v) for v in raw_y])
            splitter = KFold(n_splits=5, shuffle=True, random_state=0)
        folds = [test.tolist() for _, test in splitter.split(x, y)]
        entry = {
            "task": task,
            "target": target,
            "classes": classes,
            "rows": len(y),
            "metric": "accuracy" if task == "classification" else "r2",
            "folds": folds,
            "models": {},
        }
        for name, make in models(task).items():
            scores, seconds = [], []
            for test in folds:
                train = np.setdiff1d(np.arange(len(y)), test)
                model = make()
                start = time.perf_counter()
                model.fit(x[train], y[train])
                seconds.append(time.perf_counter() - start)
                pred = model.predict(x[test])
                score = accuracy_score(y[test], pred) if task == "classification" else r2_score(y[test], pred)
                scores.append(float(score))
            entry["models"][name] = {
                "scores": scores,
                "mean": float(np.mean(scores)),
                "fit_seconds_per_fold": float(np.mean(seconds)),
            }
            if name == "decision_tree":
                # A lone tree breaks ties between equally good splits by its random feature
                # order, which moves small-data scores by a few points; the mean over seeds
                # 0..9 is the figure to compare with (the TypeScript test does the same).
                entry["models"][name]["mean_over_seeds_0_9"] = seed_mean(make_tree(task), x, y, folds, task)
            print(f"{dataset_id:14s} {name:14s} {np.mean(scores):.4f}  {np.mean(seconds) * 1000:8.1f} ms/fold")
        out["datasets"][dataset_id] = entry
    path = os.path.join(ROOT, "tests", "fixtures", "classical-reference.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.relpath(path, ROOT))


if __name__ == "__main__":
    main()
