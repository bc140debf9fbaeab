"""Gluon's Dropout: what it drops, how it rescales, and when it is off
===================================================================

``nn.Dropout(p)`` zeroes each element with probability p and multiplies the survivors by
1 / (1 - p) (bit for bit, in float32), so that the expectation of its output is its input. We feed it the same hidden vector h (256
values) 10,000 times in training mode, i.e. 10,000 independent masks, for the book's two rates:

>>> for p in (0.2, 0.5):
...     stats = mask_statistics(p)
...     print(p, stats["fraction dropped"], stats["survivors are h / (1 - p)"],
...           stats["mean over masks / h"])
0.2 0.2 True 1.0
0.5 0.5 True 1.0

(the fraction dropped to 3 decimals, and the average over the 10,000 masks relative to h, over all
256 units, to 3 decimals). A single unit's average over 10,000 masks has a standard error of
sqrt(p / (1 - p) / 10,000) = 1% of its h for p = 0.5; the worst of the 256 units is within 4%:

>>> mask_statistics(0.5)["worst unit"] < 0.04
True

The rescaling keeps the mean, not the variance: each output varies around h with variance
h^2 p / (1 - p), which is h^2 for p = 0.5 (measured over the masks, relative to that formula):

>>> mask_statistics(0.2)["variance / (h^2 p / (1 - p))"], mask_statistics(0.5)["variance / (h^2 p / (1 - p))"]
(1.0, 1.0)

For linear regression with dropout on the inputs, the mean and the variance together give the
expected loss: sum_i (y_i - x~_i . w)^2 / 2 over the masks equals the loss without dropout plus the
L2-like penalty p / (2 (1 - p)) * sum_j w_j^2 sum_i x_ij^2. Averaged over 10,000 masks drawn by
``nn.Dropout`` (20 examples, 5 features), the two sides agree to within 1%, and the penalty is
no small correction (it adds more than half of the loss without dropout):

>>> monte_carlo, formula, plain = linear_dropout_loss(0.5)
>>> abs(monte_carlo / formula - 1) < 0.01, formula - plain > plain / 2
(True, True)

Training mode is what ``autograd.record()`` turns on (or ``autograd.train_mode()`` without
recording); every call draws a new mask. Outside them, in prediction mode, Dropout is the
identity, exactly:

>>> modes = dropout_modes(0.5)
>>> modes["record(): two calls differ"], modes["train_mode(): drops"]
(True, True)
>>> modes["prediction: identity"], modes["record(train_mode=False): identity"]
(True, True)
"""

import functools

import mxnet as mx
import numpy as np
from mxnet import autograd, nd
from mxnet.gluon import nn

from _glue import glue

N_MASKS, N_UNITS = 10_000, 256


def hidden_vector():
    mx.random.seed(0)
    return nd.random.uniform(0.5, 1.5, shape=(N_UNITS,))  # like a ReLU layer's positive outputs


@functools.lru_cache(maxsize=None)
def mask_statistics(p):
    h = hidden_vector()
    H = nd.broadcast_to(h.reshape((1, -1)), (N_MASKS, N_UNITS))  # row i gets mask i
    with autograd.train_mode():
        out = nn.Dropout(p)(H).asnumpy()
    h, H = h.asnumpy(), H.asnumpy()
    kept = out != 0
    unit_means = out.mean(axis=0) / h
    return {
        "fraction dropped": round(float(1 - kept.mean()), 3),
        "survivors are h / (1 - p)": bool((out[kept] == (H * np.float32(1 / (1 - p)))[kept]).all()),
        "mean over masks / h": round(float(unit_means.mean()), 3),
        "worst unit": float(np.abs(unit_means - 1).max()),
        "variance / (h^2 p / (1 - p))": round(float((out.var(axis=0) / (h**2 * p / (1 - p))).mean()), 2),
    }


def linear_dropout_loss(p):
    """(average over masks of the loss with dropout on the inputs, closed form, loss without dropout)."""
    rng = np.random.RandomState(0)
    X, w, y = rng.normal(size=(20, 5)), rng.normal(size=5), rng.normal(size=20)
    mx.random.seed(1)
    with autograd.train_mode():
        X_dropped = nn.Dropout(p)(nd.array(np.broadcast_to(X, (N_MASKS, 20, 5)))).asnumpy()
    monte_carlo = float(((y - X_dropped @ w) ** 2 / 2).sum(axis=1).mean())
    plain = float(((y - X @ w) ** 2 / 2).sum())
    formula = plain + float(p / (2 * (1 - p)) * (w**2 * (X**2).sum(axis=0)).sum())
    return monte_carlo, formula, plain


def dropout_modes(p):
    layer = nn.Dropout(p)
    X = nd.ones((4, 100))
    with autograd.record():
        first, second = layer(X), layer(X)
    with autograd.train_mode():
        scoped = layer(X)
    with autograd.record(train_mode=False):
        recorded_predict = layer(X)
    return {
        "record(): two calls differ": bool((first != second).sum().asscalar() > 0),
        "train_mode(): drops": bool((scoped == 0).sum().asscalar() > 0),
        "prediction: identity": bool((layer(X) == X).min().asscalar() == 1),
        "record(train_mode=False): identity": bool((recorded_predict == X).min().asscalar() == 1),
    }


if __name__ == "__main__":
    print(f"{N_MASKS} masks on a vector of {N_UNITS} hidden units")
    for p in (0.2, 0.5):
        stats = mask_statistics(p)
        print(f"p = {p}: " + ", ".join(f"{k}: {v:.4f}" if isinstance(v, float) else f"{k}: {v}"
                                       for k, v in stats.items()))
    glue("worst_unit", mask_statistics(0.5)["worst unit"])
    monte_carlo, formula, plain = linear_dropout_loss(0.5)
    print(f"linear regression, dropout 0.5 on the inputs: loss {monte_carlo:.1f} averaged over the masks,"
          f" {formula:.1f} by the formula, {plain:.1f} without dropout")
    for name, value in dropout_modes(0.5).items():
        print(f"{name:36s} {value}")
