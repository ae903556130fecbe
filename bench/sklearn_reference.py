"""scikit-learn reference for the classical learners in `npm run bench`.

Fits every case of bench/classical-cases.json with the scikit-learn estimator that has the
same hyper-parameters as Fitlab's learner, on the same folds (row i is in test fold i % 5),
one thread, and prints one JSON object: for each case and dataset, the median fit time per
fold in milliseconds and the mean test score (accuracy or R²). Optional argument: the number
of folds to run (fewer than the file's count = the first ones only, for --quick).

    /usr/bin/python3 bench/sklearn_reference.py [folds]
"""
import csv
import json
import os
import statistics
import sys
import time

# One thread, like a Fitlab worker; must be set before numpy and sklearn load their pools.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.ensemble import (  # noqa: E402
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.linear_model import (  # noqa: E402
    ElasticNet,
    Lasso,
    LinearRegression,
    LogisticRegression,
    Ridge,
)
from sklearn.metrics import accuracy_score, r2_score  # noqa: E402
from sklearn.naive_bayes import GaussianNB, MultinomialNB  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.svm import SVC  # noqa: E402
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))

# Fitlab's catalogue defaults (src/core/classical-catalog.ts), in scikit-learn's names.
DEFAULTS = {
    "tree": {"maxDepth": None, "minSamplesSplit": 2, "minSamplesLeaf": 1, "seed": 0},
    "gbdt": {
        "learningRate": 0.1,
        "maxIter": 100,
        "maxLeafNodes": 31,
        "maxDepth": None,
        "minSamplesLeaf": 20,
        "l2": 0,
        "maxBins": 255,
        "earlyStopping": True,
        "nIterNoChange": 10,
        "seed": 0,
    },
}


def tree_args(p):
    q = {**DEFAULTS["tree"], **p}
    return dict(
        max_depth=q["maxDepth"],
        min_samples_split=q["minSamplesSplit"],
        min_samples_leaf=q["minSamplesLeaf"],
        random_state=q["seed"],
    )


def gbdt_args(p):
    q = {**DEFAULTS["gbdt"], **p}
    return dict(
        learning_rate=q["learningRate"],
        max_iter=q["maxIter"],
        max_leaf_nodes=q["maxLeafNodes"],
        max_depth=q["maxDepth"],
        min_samples_leaf=q["minSamplesLeaf"],
        l2_regularization=q["l2"],
        max_bins=q["maxBins"],
        early_stopping=q["earlyStopping"],
        n_iter_no_change=q["nIterNoChange"],
        random_state=q["seed"],
    )


def knn_args(p):
    return dict(
        n_neighbors=p.get("k", 5),
        weights=p.get("weights", "uniform"),
        metric=p.get("metric", "euclidean"),
    )


def estimator(learner, p):
    if learner == "logistic-regression":
        return LogisticRegression(C=p.get("c", 1), max_iter=p.get("maxIter", 100))
    if learner == "linear-regression":
        return LinearRegression()
    if learner == "ridge":
        return Ridge(alpha=p.get("alpha", 1))
    if learner == "lasso":
        return Lasso(alpha=p.get("alpha", 1), max_iter=p.get("maxIter", 1000))
    if learner == "elastic-net":
        return ElasticNet(
            alpha=p.get("alpha", 1), l1_ratio=p.get("l1Ratio", 0.5), max_iter=p.get("maxIter", 1000)
        )
    if learner == "decision-tree-classifier":
        return DecisionTreeClassifier(criterion=p.get("criterion", "gini"), **tree_args(p))
    if learner == "decision-tree-regressor":
        return DecisionTreeRegressor(**tree_args(p))
    if learner == "random-forest-classifier":
        return RandomForestClassifier(
            n_estimators=p.get("nEstimators", 100),
            criterion=p.get("criterion", "gini"),
            max_features=p.get("maxFeatures", "sqrt"),
            bootstrap=p.get("bootstrap", True),
            **tree_args(p),
        )
    if learner == "random-forest-regressor":
        return RandomForestRegressor(
            n_estimators=p.get("nEstimators", 100),
            max_features=p.get("maxFeatures", 1.0),
            bootstrap=p.get("bootstrap", True),
            **tree_args(p),
        )
    if learner == "gbdt-classifier":
        return HistGradientBoostingClassifier(**gbdt_args(p))
    if learner == "gbdt-regressor":
        return HistGradientBoostingRegressor(**gbdt_args(p))
    if learner == "knn-classifier":
        return KNeighborsClassifier(**knn_args(p))
    if learner == "knn-regressor":
        return KNeighborsRegressor(**knn_args(p))
    if learner == "gaussian-nb":
        return GaussianNB(var_smoothing=p.get("varSmoothing", 1e-9))
    if learner == "multinomial-nb":
        return MultinomialNB(alpha=p.get("alpha", 1))
    if learner == "svm":
        # Fitlab's SVM gives probabilities by Platt scaling with libsvm's 5-fold CV, as this does.
        return SVC(
            kernel=p.get("kernel", "rbf"),
            C=p.get("c", 1),
            gamma=p.get("gamma", "scale"),
            probability=True,
            random_state=0,
        )
    raise ValueError(f"no scikit-learn estimator for {learner}")


def load(dataset_id, spec):
    with open(os.path.join(ROOT, "public", "datasets", dataset_id + ".csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    target = spec["target"]
    features = [c for c in rows[0].keys() if c != target]
    x = np.array([[float(r[c]) for c in features] for r in rows])
    raw = [r[target] for r in rows]
    if spec["task"] == "classification":
        classes = sorted(set(raw))
        return x, np.array([classes.index(v) for v in raw])
    return x, np.array([float(v) for v in raw])


def run_case(case, dataset_id, spec, x, y, folds, total_folds):
    times, scores = [], []
    index = np.arange(len(y))
    for fold in range(folds):
        test = index % total_folds == fold
        x_train, x_test = x[~test], x[test]
        if case["scale"]:
            scaler = StandardScaler().fit(x_train)
            x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)
        model = estimator(case["learner"], case["params"])
        start = time.perf_counter()
        model.fit(x_train, y[~test])
        times.append((time.perf_counter() - start) * 1000)
        pred = model.predict(x_test)
        classification = spec["task"] == "classification"
        scores.append(float(accuracy_score(y[test], pred) if classification else r2_score(y[test], pred)))
    return {
        "id": case["id"],
        "learner": case["learner"],
        "dataset": dataset_id,
        "metric": "accuracy" if spec["task"] == "classification" else "r2",
        "score": float(np.mean(scores)),
        "fitMs": float(statistics.median(times)),
    }


def main():
    with open(os.path.join(ROOT, "bench", "classical-cases.json")) as f:
        cases = json.load(f)
    total_folds = cases["folds"]
    folds = int(sys.argv[1]) if len(sys.argv) > 1 else total_folds
    tables = {}
    results = []
    for case in cases["cases"]:
        for dataset_id in case["datasets"]:
            spec = cases["datasets"][dataset_id]
            if dataset_id not in tables:
                tables[dataset_id] = load(dataset_id, spec)
            x, y = tables[dataset_id]
            results.append(run_case(case, dataset_id, spec, x, y, folds, total_folds))
    print(json.dumps({"sklearn": sklearn.__version__, "threads": 1, "results": results}))


if __name__ == "__main__":
    main()
