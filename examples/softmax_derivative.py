"""The derivative of softmax: ∂ŷᵢ/∂oⱼ = ŷᵢ(δᵢⱼ - ŷⱼ), checked with autograd
==========================================================================

ŷ = softmax(o) has q outputs and q inputs, so its derivative is a q × q matrix, the Jacobian
J with Jᵢⱼ = ∂ŷᵢ/∂oⱼ. Autograd gives one row per ``backward()``: the gradient of ŷᵢ alone is row
i. For q = 4 random logits it equals the formula diag(ŷ) - ŷŷᵀ:

>>> o = random_logits()
>>> J, formula = autograd_jacobian(o), jacobian_formula(o)
>>> J.shape
(4, 4)
>>> bool(np.abs(J - formula).max() < 1e-6)
True

Two consequences that the formula makes plain. The matrix is symmetric, and each column sums to
0: raising one logit moves probability between the classes but keeps the total at 1:

>>> bool(np.abs(J - J.T).max() < 1e-6), bool(np.abs(J.sum(axis=0)).max() < 1e-6)
(True, True)

The diagonal is positive (a class's probability rises with its own logit) and everything off it
is negative (and falls when another class's logit rises):

>>> bool((np.diag(J) > 0).all()), bool((J[~np.eye(4, dtype=bool)] < 0).all())
(True, True)
"""

import mxnet as mx
import numpy as np
from mxnet import autograd, nd


def random_logits(q=4):
    mx.random.seed(0)
    return nd.random.normal(shape=(q,))


def autograd_jacobian(o):
    q = o.shape[0]
    rows = []
    for i in range(q):
        o.attach_grad()
        with autograd.record():
            y_hat = nd.softmax(o)
        y_hat.backward(nd.one_hot(nd.array([i]), q)[0])  # differentiate ŷᵢ only
        rows.append(o.grad.asnumpy().copy())
    return np.array(rows)


def jacobian_formula(o):
    y_hat = nd.softmax(o).asnumpy()
    return np.diag(y_hat) - np.outer(y_hat, y_hat)  # ŷᵢ δᵢⱼ - ŷᵢ ŷⱼ


if __name__ == "__main__":
    o = random_logits()
    np.set_printoptions(precision=4, suppress=True)
    print("logits o      :", o.asnumpy())
    print("ŷ = softmax(o):", nd.softmax(o).asnumpy())
    print("Jacobian from autograd:\n", autograd_jacobian(o))
    print("ŷᵢ(δᵢⱼ - ŷⱼ):\n", jacobian_formula(o))
