"""What a weight's size does and does not tell you
================================================

50 houses, price = 0.5 · area - 0.2 · age + 10 + noise (area in m², age in years). Least squares
recovers weights near 0.5 and -0.2. With the area in cm² its weight is 10⁴ times smaller and the
predictions are the same:

>>> w, w_cm2 = fit(area, age), fit(area * 1e4, age)
>>> [round(v, 2) for v in w[:2]], round(w[0] / w_cm2[0])
([0.51, -0.18], 10000)
>>> bool(np.allclose(predict(w, area, age), predict(w_cm2, area * 1e4, age)))
True

Add a second, slightly noisy measurement of the area: over five noise draws the two area weights
swing from more than twice the area's weight to below 0, while their sum stays at it:

>>> pairs = [fit(area, area + rng(10 + seed).normal(0, 0.5, 50), age)[:2] for seed in range(5)]
>>> max(p.max() for p in pairs) > 2 * w[0], min(p.min() for p in pairs) < 0
(True, True)
>>> all(abs(p.sum() - w[0]) < 0.01 for p in pairs)
True
"""

import numpy as np

from _glue import glue

rng = np.random.default_rng
area, age = rng(0).uniform(50, 150, 50), rng(1).uniform(0, 30, 50)
price = 0.5 * area - 0.2 * age + 10 + rng(2).normal(0, 1, 50)


def predict(w, *inputs):
    return np.column_stack(inputs + (np.ones(50),)) @ w  # the last weight is the bias


def fit(*inputs):
    return np.linalg.lstsq(np.column_stack(inputs + (np.ones(50),)), price, rcond=None)[0]


if __name__ == "__main__":
    w, w_cm2 = fit(area, age), fit(area * 1e4, age)
    print(f"area in m²: weights {w[0]:.3g} (area), {w[1]:.3f} (age); in cm²: {w_cm2[0]:.3g}, {w_cm2[1]:.3f}")
    for seed in range(5):
        pair = fit(area, area + rng(10 + seed).normal(0, 0.5, 50), age)[:2]
        print(f"two area measurements, draw {seed}: weights {pair[0]:+.3f} and {pair[1]:+.3f}, sum {pair.sum():.3f}")
    glue("w_area", w[0])
    glue("w_area_cm2", w_cm2[0])
