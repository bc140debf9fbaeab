"""Which losses are convex: cross-entropy, squared loss through a sigmoid, a small network
=======================================================================================

A function is convex when the chord between any two points lies on or above it: at the midpoint
of θ₁ and θ₂, f((θ₁ + θ₂)/2) <= (f(θ₁) + f(θ₂))/2. One pair that breaks this proves a function
is not convex; for convexity we check the second derivative.

Cross-entropy is convex in the logits. Its Hessian with respect to o is diag(ŷ) - ŷŷᵀ (the
softmax Jacobian), and that matrix has no negative eigenvalue, whatever the logits:

>>> min_eigenvalue = min(np.linalg.eigvalsh(cross_entropy_hessian(o)).min() for o in random_logits())
>>> min_eigenvalue > -1e-12
True

In softmax regression the logits o = Wx + b are linear in the parameters, so the training loss
is convex in (W, b) as well. On the digits (1000 examples, 64 pixels, 10 classes), the loss at
the midpoint of 100 random pairs of parameters never rises above the chord:

>>> gaps = softmax_regression_midpoint_gaps()
>>> len(gaps), bool(gaps.max() <= 1e-12)
(100, True)

Squared loss through a sigmoid is not convex. One example x = 1 with label y = 1, a weight w and
ℓ(w) = (σ(w) - 1)² / 2: at w = -10 the model is confidently wrong, at w = 0 it is undecided.
The loss at their midpoint, w = -5, lies above the chord; cross-entropy -log σ(w) stays below it:

>>> squared = lambda w: (sigmoid(w) - 1) ** 2 / 2
>>> cross_entropy = lambda w: -np.log(sigmoid(w))
>>> [round(float(f(-5) - (f(-10) + f(0)) / 2), 3) for f in (squared, cross_entropy)]
[0.181, -0.34]

A network with a hidden layer is not convex with either loss. Here a logit o = v₁ relu(w₁x) +
v₂ relu(w₂x) + c fits four points (label 1 for |x| = 2, label 0 for |x| = 1) with its two hidden
units computing relu(x) and relu(-x). Swapping the two units gives other parameters and the
same function, hence the same low cross-entropy; halfway between them both units are 0, the
output is constant, and the loss is far higher:

>>> theta, swapped = two_hidden_units()
>>> [round(mlp_cross_entropy(p), 3) for p in (theta, swapped, (theta + swapped) / 2)]
[0.127, 0.127, 3.002]
"""

import functools

import numpy as np

from _data import digits
from _glue import glue


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(o):
    e = np.exp(o - o.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def random_logits(count=100, q=10):
    return np.random.default_rng(0).normal(scale=5, size=(count, q))


def cross_entropy_hessian(o):
    """Hessian of -log softmax(o)_y with respect to o; it does not depend on the label y."""
    y_hat = softmax(o)
    return np.diag(y_hat) - np.outer(y_hat, y_hat)


def softmax_regression_loss(W, b, X, y):
    o = X @ W + b
    log_y_hat = o - o.max(axis=1, keepdims=True)
    log_y_hat -= np.log(np.exp(log_y_hat).sum(axis=1, keepdims=True))
    return -log_y_hat[np.arange(len(y)), y].mean()


@functools.lru_cache(maxsize=None)
def softmax_regression_midpoint_gaps(pairs=100):
    """f(midpoint) - mean of f at the ends, for random pairs of (W, b); <= 0 if f is convex."""
    X, y, _, _ = digits()
    X, y = X.asnumpy().astype(np.float64), y.asnumpy().astype(int)
    rng = np.random.default_rng(1)
    gaps = []
    for _ in range(pairs):
        (W1, b1), (W2, b2) = [(rng.normal(size=(64, 10)), rng.normal(size=10)) for _ in range(2)]
        middle = softmax_regression_loss((W1 + W2) / 2, (b1 + b2) / 2, X, y)
        chord = (softmax_regression_loss(W1, b1, X, y) + softmax_regression_loss(W2, b2, X, y)) / 2
        gaps.append(middle - chord)
    return np.array(gaps)


X_MLP, Y_MLP = np.array([-2.0, -1.0, 1.0, 2.0]), np.array([1, 0, 0, 1])


def two_hidden_units(k=4.0, c=-6.0):
    """Parameters (w₁, w₂, v₁, v₂, c) computing o = k|x| + c, and the same with the units swapped."""
    theta = np.array([1.0, -1.0, k, k, c])
    swapped = np.array([-1.0, 1.0, k, k, c])
    return theta, swapped


def mlp_cross_entropy(params):
    w1, w2, v1, v2, c = params
    o = v1 * np.maximum(w1 * X_MLP, 0) + v2 * np.maximum(w2 * X_MLP, 0) + c
    y_hat = sigmoid(o)
    return float(-(Y_MLP * np.log(y_hat) + (1 - Y_MLP) * np.log(1 - y_hat)).mean())


if __name__ == "__main__":
    print("smallest eigenvalue of the cross-entropy Hessian over 100 random logits:",
          f"{min(np.linalg.eigvalsh(cross_entropy_hessian(o)).min() for o in random_logits()):.1e}")
    gaps = softmax_regression_midpoint_gaps()
    print(f"softmax regression on digits, 100 random pairs: largest midpoint - chord = {gaps.max():.3f}")
    for name, f in (("squared loss ", lambda w: (sigmoid(w) - 1) ** 2 / 2),
                    ("cross-entropy", lambda w: -np.log(sigmoid(w)))):
        print(f"{name} through a sigmoid: loss at w = -10, 0, -5: "
              f"{f(-10):.3f}, {f(0):.3f}, {f(-5):.3f}   midpoint - chord = {f(-5) - (f(-10) + f(0)) / 2:+.3f}")
    theta, swapped = two_hidden_units()
    losses = [mlp_cross_entropy(p) for p in (theta, swapped, (theta + swapped) / 2)]
    print("one-hidden-layer network, cross-entropy: θ {:.3f}, units swapped {:.3f}, midpoint {:.3f}".format(*losses))
    glue("se_gap", float((sigmoid(-5) - 1) ** 2 / 2 - ((sigmoid(-10) - 1) ** 2 / 2 + (sigmoid(0) - 1) ** 2 / 2) / 2))
    glue("mlp_loss", losses[0])
    glue("mlp_mid_loss", losses[2])
