"""Which losses are convex: cross-entropy, squared loss through a sigmoid, a small network
=======================================================================================

Convex means the chord between two points never lies below the function; one pair whose midpoint
lies above the chord proves a function is not convex.

Cross-entropy's Hessian in the logits, diag(ŷ) - ŷŷᵀ, has no negative eigenvalue; so softmax
regression, whose logits are linear in (W, b), is convex: on the digits, 100 random pairs of
parameters never put the midpoint above the chord.

>>> min(np.linalg.eigvalsh(np.diag(p) - np.outer(p, p)).min() for p in softmax(random_logits())) > -1e-12
True
>>> bool(softmax_regression_midpoint_gaps().max() <= 0)
True

Squared loss through a sigmoid, one example x = 1, y = 1, weight w: the midpoint of w = -10 and
w = 0 lies above the chord; for cross-entropy it lies below:

>>> [round(midpoint_gap(f, -10, 0), 3) for f in (squared_sigmoid, cross_entropy_sigmoid)]
[0.181, -0.34]

A network with two hidden units, fitting label 1 at |x| = 2 and 0 at |x| = 1: swapping the units
gives the same function and cross-entropy; halfway between, both units are 0 and the loss jumps:

>>> theta, swapped = np.array([1.0, -1.0, 4.0, 4.0, -6.0]), np.array([-1.0, 1.0, 4.0, 4.0, -6.0])
>>> [round(mlp_cross_entropy(p), 3) for p in (theta, swapped, (theta + swapped) / 2)]
[0.127, 0.127, 3.002]
"""

import functools

import numpy as np

from _data import digits
from _glue import glue


def softmax(o):
    e = np.exp(o - o.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def random_logits():
    return np.random.default_rng(0).normal(scale=5, size=(100, 10))


def softmax_regression_loss(W, b, X, y):
    return -np.log(softmax(X @ W + b)[np.arange(len(y)), y]).mean()


@functools.lru_cache(maxsize=None)
def softmax_regression_midpoint_gaps(pairs=100):
    X, y, _, _ = digits()
    X, y, rng = X.asnumpy().astype(np.float64), y.asnumpy().astype(int), np.random.default_rng(1)
    gaps = []
    for _ in range(pairs):
        (W1, b1), (W2, b2) = [(rng.normal(size=(64, 10)), rng.normal(size=10)) for _ in range(2)]
        middle = softmax_regression_loss((W1 + W2) / 2, (b1 + b2) / 2, X, y)
        gaps.append(middle - (softmax_regression_loss(W1, b1, X, y) + softmax_regression_loss(W2, b2, X, y)) / 2)
    return np.array(gaps)


def squared_sigmoid(w):
    return (1 / (1 + np.exp(-w)) - 1) ** 2 / 2


def cross_entropy_sigmoid(w):
    return np.log(1 + np.exp(-w))  # -log σ(w)


def midpoint_gap(f, a, b):
    return float(f((a + b) / 2) - (f(a) + f(b)) / 2)


def mlp_cross_entropy(params, x=np.array([-2.0, -1.0, 1.0, 2.0]), y=np.array([1, 0, 0, 1])):
    w1, w2, v1, v2, c = params  # logit o = v₁ relu(w₁x) + v₂ relu(w₂x) + c
    o = v1 * np.maximum(w1 * x, 0) + v2 * np.maximum(w2 * x, 0) + c
    return float(np.mean(np.log(1 + np.exp(-o)) * y + np.log(1 + np.exp(o)) * (1 - y)))


if __name__ == "__main__":
    print("softmax regression, largest midpoint - chord over 100 pairs:", round(softmax_regression_midpoint_gaps().max(), 3))
    for f in (squared_sigmoid, cross_entropy_sigmoid):
        print(f"{f.__name__}: midpoint - chord between w = -10 and w = 0: {midpoint_gap(f, -10, 0):+.3f}")
    theta, swapped = np.array([1.0, -1.0, 4.0, 4.0, -6.0]), np.array([-1.0, 1.0, 4.0, 4.0, -6.0])
    losses = [mlp_cross_entropy(p) for p in (theta, swapped, (theta + swapped) / 2)]
    print("two hidden units: loss {:.3f}, swapped {:.3f}, midpoint {:.3f}".format(*losses))
    glue("se_gap", midpoint_gap(squared_sigmoid, -10, 0))
    glue("mlp_loss", losses[0])
    glue("mlp_mid_loss", losses[2])
