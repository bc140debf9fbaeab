"""Minibatch gradients: the noise shrinks like 1/|B|
==================================================

A minibatch gradient is the average of |B| per-example gradients drawn at random from the n
examples, so it is an unbiased but noisy estimate of the full-data gradient. Its variance (the
mean squared distance to the full gradient) is v / |B|, times (n - |B|) / (n - 1) because a batch
never repeats an example; v is that variance for a single example's gradient.

Linear regression on the book's data (n = 1000 examples), at the starting point w = 0, b = 0;
2000 random minibatches for each batch size. The measured variance matches the formula within 10%:

>>> sizes, measured, predicted, angles = gradient_statistics()
>>> sizes
[1, 2, 5, 10, 20, 50, 100, 200, 500]
>>> all(0.9 < m / p < 1.1 for m, p in zip(measured, predicted))
True

Ten times the batch size gives about a tenth of the variance; four times the batch size (5 to
20) gives a quarter of the variance, i.e. half the typical error (the standard deviation):

>>> 9 < measured[0] / measured[3] < 11  # |B| = 1 versus |B| = 10
True
>>> round((measured[2] / measured[4]) ** 0.5, 1)  # |B| = 5 versus |B| = 20
2.0

When |B| is a sizeable part of n the factor (n - |B|) / (n - 1) adds to the gain: at |B| = 500 the
variance is about half of v / |B|, and at |B| = n (batch gradient descent) it would be 0:

>>> round(measured[-1] / (measured[0] / 500), 1)
0.5

Far from the minimum, as here, the examples' gradients largely agree: a minibatch of 100 points
within 10 degrees of the full-data gradient on average, for a tenth of the work:

>>> angles[sizes.index(100)] < 10
True
"""

import functools

import matplotlib.pyplot as plt
import numpy as np

from _glue import glue

SIZES = [1, 2, 5, 10, 20, 50, 100, 200, 500]


def per_example_gradients(num_examples=1000):
    """Row i is the gradient of ½(xᵢw + b - yᵢ)² with respect to (w₁, w₂, b) at w = 0, b = 0."""
    rng = np.random.default_rng(0)
    X = rng.normal(0, 1, size=(num_examples, 2))
    y = X @ np.array([2, -3.4]) + 4.2 + rng.normal(0, 0.01, size=num_examples)
    residual = 0 - y  # the prediction is 0 at the starting point
    return residual[:, None] * np.hstack([X, np.ones((num_examples, 1))])


@functools.lru_cache(maxsize=None)
def gradient_statistics(trials=2000):
    """Batch sizes; measured and predicted variance; mean angle (degrees) to the full gradient."""
    G = per_example_gradients()
    n = len(G)
    full = G.mean(axis=0)
    v = ((G - full) ** 2).sum(axis=1).mean()
    # One random permutation of the n examples per trial; its first |B| entries are a
    # minibatch of size |B| drawn without replacement.
    orders = np.random.default_rng(1).permuted(np.tile(np.arange(n), (trials, 1)), axis=1)
    measured, predicted, angles = [], [], []
    for size in SIZES:
        batch_gradients = G[orders[:, :size]].mean(axis=1)  # (trials, 3)
        errors = batch_gradients - full
        measured.append(float((errors**2).sum(axis=1).mean()))
        predicted.append(float(v / size * (n - size) / (n - 1)))
        cosines = batch_gradients @ full / (np.linalg.norm(batch_gradients, axis=1) * np.linalg.norm(full))
        angles.append(float(np.degrees(np.arccos(np.clip(cosines, -1, 1))).mean()))
    return SIZES, measured, predicted, angles


if __name__ == "__main__":
    sizes, measured, predicted, angles = gradient_statistics()
    print("  |B|   measured variance   predicted   |B| * measured   mean angle to full gradient")
    for size, m, p, a in zip(sizes, measured, predicted, angles):
        print(f"{size:5d}   {m:17.3f}   {p:9.3f}   {size * m:14.1f}   {a:6.2f} degrees")
    glue("ratio_1_10", measured[0] / measured[3])
    glue("angle_100", angles[sizes.index(100)])
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(sizes, measured, "o", label="measured (2000 minibatches)")
    ax.plot(sizes, predicted, "-", label=r"$v\,/\,|\mathcal{B}| \cdot (n - |\mathcal{B}|)\,/\,(n - 1)$")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"batch size $|\mathcal{B}|$")
    ax.set_ylabel("variance of the minibatch gradient")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    plt.show()
