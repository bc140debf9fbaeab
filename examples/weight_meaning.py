"""What a weight's size does and does not tell you
================================================

Synthetic house prices for 50 houses: price = 0.5 · area - 0.2 · age + 10 + noise, with the area
in square meters and the age in years. Linear regression, solved exactly (least squares),
recovers weights close to 0.5 and -0.2:

>>> w = fit(area_m2(), age())
>>> [round(v, 2) for v in w[:2]]
[0.51, -0.18]

A weight's size depends on its input's unit. Give the area in square centimeters (10⁴ times
larger numbers) and its weight becomes 10⁴ times smaller; the predictions do not change at all:

>>> w_cm2 = fit(area_m2() * 1e4, age())
>>> round(w[0] / w_cm2[0])
10000
>>> bool(np.allclose(predict(w, area_m2(), age()), predict(w_cm2, area_m2() * 1e4, age())))
True

A weight is the effect of its input *with the other inputs fixed*. Add a second, slightly noisy
measurement of the same area: the two are almost the same column, so the data cannot tell their
weights apart. Across five draws of the measurement noise the two weights swing, from more than
twice the area's weight to below 0, while their sum stays at the weight of the area alone:

>>> pairs = [fit(area_m2(), second_measurement(seed), age())[:2] for seed in range(5)]
>>> bool(max(pair.max() for pair in pairs) > 2 * w[0]), bool(min(pair.min() for pair in pairs) < 0)
(True, True)
>>> all(abs(pair.sum() - w[0]) < 0.01 for pair in pairs)
True
"""

import numpy as np

from _glue import glue

N = 50


def area_m2():
    return np.random.default_rng(0).uniform(50, 150, N)


def age():
    return np.random.default_rng(1).uniform(0, 30, N)


def price():
    return 0.5 * area_m2() - 0.2 * age() + 10 + np.random.default_rng(2).normal(0, 1, N)


def second_measurement(seed):
    """The area measured again, with an error of about half a square meter."""
    return area_m2() + np.random.default_rng(10 + seed).normal(0, 0.5, N)


def fit(*inputs):
    """Least-squares weights for the inputs, then the bias."""
    A = np.column_stack(inputs + (np.ones(N),))
    return np.linalg.lstsq(A, price(), rcond=None)[0]


def predict(w, *inputs):
    return np.column_stack(inputs + (np.ones(N),)) @ w


if __name__ == "__main__":
    w = fit(area_m2(), age())
    w_cm2 = fit(area_m2() * 1e4, age())
    print(f"area in m²  : weight of area {w[0]:.4g}, of age {w[1]:.3f}")
    print(f"area in cm² : weight of area {w_cm2[0]:.4g}, of age {w_cm2[1]:.3f}")
    print("two measurements of the area:")
    for seed in range(5):
        pair = fit(area_m2(), second_measurement(seed), age())[:2]
        print(f"  noise draw {seed}: weights {pair[0]:+.3f} and {pair[1]:+.3f}, sum {pair.sum():.3f}")
    glue("w_area", w[0])
    glue("w_area_cm2", w_cm2[0])
