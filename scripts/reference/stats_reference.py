"""Reference values for src/core/stats, computed with SciPy and scikit-learn.

Run by hand (Debian: apt-get install python3-scipy python3-sklearn):
    /usr/bin/python3 scripts/reference/stats_reference.py > tests/fixtures/stats-reference.json
"""
import json

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, mean_absolute_percentage_error

rng = np.random.default_rng(7)
cases = []


def add(name, fn, args, expected):
    cases.append({"name": name, "fn": fn, "args": args, "expected": expected})


for i, (n, df_) in enumerate([(8, None), (20, None), (5, None)]):
    a = rng.normal(0.8, 0.05, n)
    b = a - rng.normal(0.01 * (i + 1), 0.02, n)
    res = stats.ttest_rel(a, b)
    add(f"pairedTTest {i}", "pairedTTest", [a.tolist(), b.tolist()],
        {"statistic": float(res.statistic), "pvalue": float(res.pvalue)})

for x, df_ in [(0.5, 1), (3.84, 1), (10.0, 3), (25.0, 10), (0.01, 2)]:
    add(f"chiSquareSurvival {x} {df_}", "chiSquareSurvival", [x, df_], float(stats.chi2.sf(x, df_)))

for t, df_ in [(0.3, 4), (2.1, 9), (-4.5, 30), (12.0, 2)]:
    add(f"studentTTwoSidedP {t} {df_}", "studentTTwoSidedP", [t, df_], float(2 * stats.t.sf(abs(t), df_)))

for k, n in [(3, 10), (0, 7), (12, 30), (5, 10)]:
    add(f"binomial two-sided {k}/{n}", "mcnemarExactP", [k, n], float(min(1.0, 2 * stats.binom.cdf(k, n, 0.5))))

y = rng.integers(0, 2, 200)
p = np.clip(y * 0.6 + rng.uniform(0, 0.4, 200), 0, 1)
p[0] = 1.0
p[1] = 0.0
frac, mean = calibration_curve(y, p, n_bins=10, strategy="uniform")
add("calibrationCurve uniform 10", "calibrationCurve", [y.tolist(), p.tolist(), 10],
    {"meanPredicted": mean.tolist(), "fractionPositive": frac.tolist()})
add("brierScore", "brierScore", [y.tolist(), p.tolist()], float(brier_score_loss(y, p)))

yt = rng.normal(10, 3, 50)
yt[3] = 0.0
yp = yt + rng.normal(0, 1, 50)
add("meanAbsolutePercentageError", "meanAbsolutePercentageError", [yt.tolist(), yp.tolist()],
    float(mean_absolute_percentage_error(yt, yp)))

print(json.dumps({"generator": f"scipy {scipy.__version__}, scikit-learn {sklearn.__version__}",
                  "cases": cases}, indent=1))
