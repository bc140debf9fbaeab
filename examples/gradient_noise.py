"""Minibatch gradients: the noise shrinks like 1/|B|
==================================================

At w = 0, b = 0 on the book's linear-regression data (n = 1000), 2000 random minibatches per
batch size. The variance of a minibatch gradient around the full gradient matches
v / |B| · (n - |B|) / (n - 1), v being that of one example's gradient, within 10%:

>>> sizes, measured, predicted, angles = gradient_statistics()
>>> all(0.9 < m / p < 1.1 for m, p in zip(measured, predicted))
True

10 times the batch size: a tenth of the variance. 4 times (5 to 20): half the standard deviation.
At |B| = 500 the factor (n - |B|) / (n - 1) halves the variance again:

>>> 9 < measured[0] / measured[3] < 11, round((measured[2] / measured[4]) ** 0.5, 1)
(True, 2.0)
>>> round(measured[-1] / (measured[0] / 500), 1)
0.5

Far from the minimum the examples agree: a minibatch of 100 points within 10 degrees of the full
gradient on average.

>>> angles[sizes.index(100)] < 10
True
"""

import functools

import matplotlib.pyplot as plt
import numpy as np

from _glue import glue

SIZES = [1, 2, 5, 10, 20, 50, 100, 200, 500]


@functools.lru_cache(maxsize=None)
def gradient_statistics(n=1000, trials=2000):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, 2))
    y = X @ [2, -3.4] + 4.2 + rng.normal(0, 0.01, n)
    G = -y[:, None] * np.hstack([X, np.ones((n, 1))])  # row i: gradient of example i at w = 0, b = 0
    full = G.mean(axis=0)
    v = ((G - full) ** 2).sum(axis=1).mean()
    # Each trial's random order of the n examples: its first |B| form a minibatch.
    orders = np.random.default_rng(1).permuted(np.tile(np.arange(n), (trials, 1)), axis=1)
    measured, predicted, angles = [], [], []
    for size in SIZES:
        g = G[orders[:, :size]].mean(axis=1)
        measured.append(((g - full) ** 2).sum(axis=1).mean())
        predicted.append(v / size * (n - size) / (n - 1))
        cosine = g @ full / (np.linalg.norm(g, axis=1) * np.linalg.norm(full))
        angles.append(np.degrees(np.arccos(np.clip(cosine, -1, 1))).mean())
    return SIZES, measured, predicted, angles


if __name__ == "__main__":
    sizes, measured, predicted, angles = gradient_statistics()
    for size, m, p, a in zip(sizes, measured, predicted, angles):
        print(f"|B| = {size:3d}: variance {m:7.3f}, predicted {p:7.3f}, angle to full gradient {a:5.1f}°")
    glue("ratio_1_10", measured[0] / measured[3])
    glue("angle_100", angles[sizes.index(100)])
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(sizes, measured, "o", label="measured (2000 minibatches)")
    ax.plot(sizes, predicted, label=r"$v\,/\,|\mathcal{B}| \cdot (n - |\mathcal{B}|)\,/\,(n - 1)$")
    ax.set(xscale="log", yscale="log", xlabel=r"batch size $|\mathcal{B}|$",
           ylabel="variance of the minibatch gradient")
    ax.legend()
    fig.tight_layout()
    plt.show()
