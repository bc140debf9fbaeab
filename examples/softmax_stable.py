"""Softmax without overflow: subtract the largest logit first
===========================================================

softmax(o)ᵢ = exp(oᵢ) / Σₖ exp(oₖ). Written literally, exp(1000) overflows float32 to inf and
inf / inf is nan:

>>> naive_softmax(nd.array([1000, 2000, 3000])).asnumpy().tolist()
[nan, nan, nan]

Softmax does not change when the same constant is added to every logit, so subtracting the
largest one keeps every exponent <= 0 and nothing overflows:

>>> stable_softmax(nd.array([1000, 2000, 3000])).asnumpy().tolist()
[0.0, 0.0, 1.0]

Those two zeros are not the true values. Mathematically every probability is positive: the
log-probabilities oᵢ - log Σₖ exp(oₖ) are finite, -2000, -1000 and 0, so the smallest
probability is exp(-2000) ≈ 10^-869. Float32 cannot hold a positive number below about 1.4e-45,
so it rounds them to exactly 0:

>>> [round(v, 3) for v in nd.log_softmax(nd.array([1000, 2000, 3000])).asnumpy().tolist()]
[-2000.0, -1000.0, 0.0]
>>> round(-2000 / math.log(10), 1)  # log10 of exp(-2000)
-868.6
>>> float(np.finfo(np.float32).smallest_subnormal)
1.401298464324817e-45

A gap of 100 between two logits is enough: the smaller one's probability, about 3.7e-44 when
computed in float64, is exactly 0 in MXNet's float32 softmax:

>>> float(nd.softmax(nd.array([0, 100]))[0].asscalar())
0.0
>>> 3e-44 < 1 / (1 + np.exp(np.float64(100))) < 4e-44
True

On ordinary logits both formulas agree, and each row sums to 1:

>>> o = nd.array([[1, 2, 3], [0, 0, 0]])
>>> bool(nd.abs(naive_softmax(o) - stable_softmax(o)).max().asscalar() < 1e-7)
True
>>> stable_softmax(o).sum(axis=1).asnumpy().tolist()
[1.0, 1.0]
"""

import math

import numpy as np
from mxnet import nd

from _glue import glue


def naive_softmax(o):
    exp = nd.exp(o)
    return exp / exp.sum(axis=-1, keepdims=True)


def stable_softmax(o):
    shifted = o - o.max(axis=-1, keepdims=True)  # every exponent is now <= 0
    exp = nd.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


if __name__ == "__main__":
    logits = nd.array([1000, 2000, 3000])
    print("naive          :", naive_softmax(logits).asnumpy())
    print("stable         :", stable_softmax(logits).asnumpy())
    print("log-probability:", nd.log_softmax(logits).asnumpy().round(3))
    tiny = float(nd.softmax(nd.array([0, 100]))[0].asscalar())
    exact = 1 / (1 + np.exp(np.float64(100)))
    print(f"softmax([0, 100])[0]: float32 {tiny}, float64 {exact:.2e}")
    glue("log10_smallest", -2000 / math.log(10))
    glue("exact_gap_100", float(exact))
