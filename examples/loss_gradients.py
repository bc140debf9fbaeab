"""Gradients with respect to the logit: squared loss vs cross-entropy
===================================================================

A sigmoid output y = σ(z) with target t = 1. Autograd gives the gradient of each loss with
respect to the logit z, for z from -10 to 10:

- squared loss   L = (y - t)² / 2                     : dL/dz = (y - t) y (1 - y)
- cross-entropy  L = -[t log y + (1 - t) log(1 - y)]  : dL/dz = y - t

>>> z, y, grad_se, grad_ce = sigmoid_gradients()
>>> z.shape, float(z[0]), float(z[-1])
((201,), -10.0, 10.0)
>>> bool(abs(grad_se - (y - 1) * y * (1 - y)).max() < 1e-6)
True
>>> bool(abs(grad_ce - (y - 1)).max() < 1e-6)
True

At z = -10 the model is confidently wrong (y ≈ 4.5e-5, target 1). The squared-loss gradient is
about -4.5e-5, so learning barely moves; the cross-entropy gradient is about -1:

>>> round(float(y[0]), 7)
4.54e-05
>>> bool(abs(grad_se[0]) < 1e-3), round(float(grad_ce[0]), 4)
(True, -1.0)

At z = 0 (y = 0.5) cross-entropy pushes four times harder, and the squared-loss gradient never
exceeds 4/27 ≈ 0.148 in magnitude (the maximum of (1 - y)² y, reached at y = 1/3):

>>> i = int((z == 0).argmax())
>>> round(float(grad_se[i]), 4), round(float(grad_ce[i]), 4)
(-0.125, -0.5)
>>> round(float(abs(grad_se).max()), 3)
0.148

The same holds for softmax with a one-hot target: the gradient of the cross-entropy with
respect to the logits a is the vector softmax(a) - t.

>>> grad, closed_form = softmax_cross_entropy_gradient()
>>> grad.shape
(4, 5)
>>> bool(abs(grad - closed_form).max() < 1e-6)
True
"""

import matplotlib.pyplot as plt
import mxnet as mx
import numpy as np
from mxnet import autograd, nd


def sigmoid_gradients(t=1.0):
    z = nd.array(np.round(np.linspace(-10, 10, 201), 1))
    grads = {}
    for name in ("squared", "cross-entropy"):
        z.attach_grad()  # a fresh gradient buffer for each loss
        with autograd.record():
            y = nd.sigmoid(z)
            if name == "squared":
                loss = (y - t) ** 2 / 2
            else:
                loss = -(t * nd.log(y) + (1 - t) * nd.log(1 - y))
        loss.backward()  # the losses are independent, so the sum's gradient is each one's
        grads[name] = z.grad.asnumpy().copy()
    return z.asnumpy(), nd.sigmoid(z).asnumpy(), grads["squared"], grads["cross-entropy"]


def softmax_cross_entropy_gradient():
    mx.random.seed(0)
    a = nd.random.normal(scale=3, shape=(4, 5))
    labels = nd.array([0, 3, 1, 4])
    t = nd.one_hot(labels, 5)
    a.attach_grad()
    with autograd.record():
        loss = -(t * nd.log(nd.softmax(a))).sum(axis=1)
    loss.backward()
    return a.grad.asnumpy(), (nd.softmax(a) - t).asnumpy()


if __name__ == "__main__":
    z, y, grad_se, grad_ce = sigmoid_gradients()
    for value in (-10, -5, 0, 5):
        i = int((z == value).argmax())
        print(f"z = {value:>3}: y = {y[i]:<8.3g}  squared-loss grad = {grad_se[i]:+.2e}"
              f"  cross-entropy grad = {grad_ce[i]:+.2e}")
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(z, grad_se, label="squared loss: (y - t) y (1 - y)")
    ax.plot(z, grad_ce, label="cross-entropy: y - t")
    ax.axhline(0, color="gray", linewidth=0.8)
    ax.set_xlabel("logit z (target t = 1)")
    ax.set_ylabel("dL/dz")
    ax.legend()
    ax.grid(alpha=0.3)
    plt.show()
