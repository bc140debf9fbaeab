"""Minibatch gradients: the noise shrinks like 1/b
=================================================

A minibatch gradient is the average of b per-example gradients, drawn at random from the
dataset, so it is an unbiased but noisy estimate of the full-data gradient. Its variance (the
mean squared distance to the full gradient) is σ²/b, times (N - b)/(N - 1) because a batch
never repeats an example; σ² is the variance of a single example's gradient.

Linear regression with N = 1000 examples, at the starting point w = 0, b = 0; 2000 random
minibatches for each batch size. The measured variance matches the formula within 10%:

>>> sizes, measured, predicted = gradient_variance()
>>> sizes
[1, 2, 5, 10, 20, 50, 100, 200, 500]
>>> all(0.9 < m / p < 1.1 for m, p in zip(measured, predicted))
True

Ten times the batch size gives about a tenth of the variance, i.e. about 1/√10 ≈ 0.32 of the
typical error (the standard deviation):

>>> round(measured[0] / measured[3], 1)  # b = 1 versus b = 10
10.2

When b is a sizeable part of N the factor (N - b)/(N - 1) adds to the gain: at b = 500 the
variance is about half of σ²/b, and at b = N (batch gradient descent) it would be 0:

>>> round(measured[-1] / (measured[0] / 500), 2)
0.49
"""

import matplotlib.pyplot as plt
import numpy as np

SIZES = [1, 2, 5, 10, 20, 50, 100, 200, 500]


def per_example_gradients(num_examples=1000):
    """Row i is the gradient of ½(xᵢw + b - yᵢ)² with respect to (w₁, w₂, b) at w = 0, b = 0."""
    rng = np.random.default_rng(0)
    X = rng.normal(0, 1, size=(num_examples, 2))
    y = X @ np.array([2, -3.4]) + 4.2 + rng.normal(0, 0.01, size=num_examples)
    residual = 0 - y  # the prediction is 0 at the starting point
    return residual[:, None] * np.hstack([X, np.ones((num_examples, 1))])


def gradient_variance(trials=2000):
    G = per_example_gradients()
    N = len(G)
    full = G.mean(axis=0)
    sigma2 = ((G - full) ** 2).sum(axis=1).mean()
    rng = np.random.default_rng(1)
    measured, predicted = [], []
    for b in SIZES:
        errors = [G[rng.choice(N, b, replace=False)].mean(axis=0) - full for _ in range(trials)]
        measured.append(float((np.array(errors) ** 2).sum(axis=1).mean()))
        predicted.append(float(sigma2 / b * (N - b) / (N - 1)))
    return SIZES, measured, predicted


if __name__ == "__main__":
    sizes, measured, predicted = gradient_variance()
    for b, m, p in zip(sizes, measured, predicted):
        print(f"b = {b:3d}   measured variance {m:8.3f}   predicted {p:8.3f}   b * measured {b * m:6.1f}")
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(sizes, measured, "o", label="measured (2000 minibatches)")
    ax.plot(sizes, predicted, "-", label="σ²/b · (N − b)/(N − 1)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("batch size b")
    ax.set_ylabel("variance of the minibatch gradient")
    ax.legend()
    ax.grid(alpha=0.3)
    plt.show()
