"""scikit-learn reference for the clustering and embedding learners in `npm run bench`.

Runs every case of bench/unsupervised-cases.json with scikit-learn on the same standardized
data as bench/unsupervised.ts, one thread, and prints a JSON list of figures: the adjusted Rand
index against the true labels (clustering; k-means also its inertia), the explained variance of
two PCA components, t-SNE's trustworthiness (5 neighbours), and the fit time in milliseconds
(median of three; t-SNE one). UMAP is skipped: umap-learn is not packaged in Debian.

    /usr/bin/python3 bench/sklearn_unsupervised.py
"""
import csv
import json
import os
import statistics
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.manifold import TSNE, trustworthiness  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(name, target):
    with open(os.path.join(ROOT, "public", "datasets", name + ".csv")) as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    t = header.index(target)
    classes = sorted({r[t] for r in body})
    labels = np.array([classes.index(r[t]) for r in body])
    x = np.array([[float(v) for j, v in enumerate(r) if j != t] for r in body])
    std = x.std(axis=0)
    std[std == 0] = 1
    return (x - x.mean(axis=0)) / std, labels


def timed(fit, repeats):
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = fit()
        times.append((time.perf_counter() - started) * 1000)
    return result, statistics.median(times)


def main():
    with open(os.path.join(ROOT, "bench", "unsupervised-cases.json")) as handle:
        spec = json.load(handle)
    figures = []
    for case in spec["cases"]:
        p = case["params"]
        for dataset in case["datasets"]:
            x, labels = load(dataset, spec["datasets"][dataset]["target"])
            kind = case["id"]
            if kind == "kmeans":
                model, ms = timed(lambda: KMeans(p["k"], n_init=p["nInit"], random_state=p["seed"]).fit(x), 3)
                figures.append({"id": kind, "dataset": dataset, "metric": "inertia", "value": float(model.inertia_),
                                "ari": float(adjusted_rand_score(labels, model.labels_)), "fitMs": ms})
            elif kind == "dbscan":
                model, ms = timed(lambda: DBSCAN(eps=p["eps"], min_samples=p["minSamples"]).fit(x), 3)
                figures.append({"id": kind, "dataset": dataset, "metric": "ari",
                                "value": float(adjusted_rand_score(labels, model.labels_)), "fitMs": ms})
            elif kind == "agglomerative":
                model, ms = timed(lambda: AgglomerativeClustering(p["nClusters"], linkage=p["linkage"]).fit(x), 3)
                figures.append({"id": kind, "dataset": dataset, "metric": "ari",
                                "value": float(adjusted_rand_score(labels, model.labels_)), "fitMs": ms})
            elif kind == "pca":
                model, ms = timed(lambda: PCA(2).fit(x), 3)
                figures.append({"id": kind, "dataset": dataset, "metric": "explainedVariance",
                                "value": float(model.explained_variance_ratio_.sum()), "fitMs": ms})
            elif kind == "tsne":
                embedding, ms = timed(lambda: TSNE(2, perplexity=p["perplexity"], n_iter=p["iterations"], init="pca",
                                                   learning_rate="auto", random_state=p["seed"]).fit_transform(x), 1)
                figures.append({"id": kind, "dataset": dataset, "metric": "trustworthiness",
                                "value": float(trustworthiness(x, embedding, n_neighbors=5)), "fitMs": ms})
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
