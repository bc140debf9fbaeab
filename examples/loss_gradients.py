"""Gradients with respect to the logit: squared loss vs cross-entropy
===================================================================

Sigmoid output ŷ = σ(o), label y = 1, o from -10 to 10. Autograd agrees with
∂ℓ/∂o = (ŷ - y) ŷ (1 - ŷ) for ℓ = (ŷ - y)² / 2 and ∂ℓ/∂o = ŷ - y for cross-entropy:

>>> o, y_hat, grad_se, grad_ce = sigmoid_gradients()
>>> bool(abs(grad_se - (y_hat - 1) * y_hat * (1 - y_hat)).max() < 1e-6), bool(abs(grad_ce - (y_hat - 1)).max() < 1e-6)
(True, True)

At o = -10 the true class gets ŷ ≈ 4.5e-5; the squared-loss gradient is as small, cross-entropy's
about -1. The squared-loss gradient never exceeds 4/27 ≈ 0.148 in magnitude:

>>> round(float(y_hat[0]), 7), round(float(grad_se[0]), 7), round(float(grad_ce[0]), 4)
(4.54e-05, -4.54e-05, -1.0)
>>> round(float(abs(grad_se).max()), 3)
0.148

Softmax, logits [0, 0, 10], true class the first: the gradient on its logit is ŷ₁ - 1 ≈ -1 for
cross-entropy and below 1e-4 in magnitude for ½‖ŷ - y‖²:

>>> y_hat1, ce, se = softmax_gradients(nd.array([0, 0, 10]))
>>> round(float(ce[0]), 4), bool(abs(se[0]) < 1e-4)
(-1.0, True)

For other logits, autograd matches ŷ - y and Σᵢ (ŷᵢ - yᵢ) ŷᵢ (δᵢⱼ - ŷⱼ):

>>> y_hat1, ce, se = softmax_gradients(nd.array([1.5, -2.0, 0.3, 2.2]))
>>> y = np.eye(4)[0]
>>> bool(abs(ce - (y_hat1 - y)).max() < 1e-5)
True
>>> bool(abs(se - (y_hat1 - y) @ (np.diag(y_hat1) - np.outer(y_hat1, y_hat1))).max() < 1e-5)
True

A mislabeled example looks like a confidently wrong one: at o = -10 its cross-entropy is 10 and
growing, while the squared loss never exceeds 1/2:

>>> round(float(-np.log(y_hat[0])), 2), bool(((y_hat - 1) ** 2 / 2).max() < 0.5)
(10.0, True)
"""

import matplotlib.pyplot as plt
import numpy as np
from mxnet import autograd, nd

from _glue import glue


def gradient(o, loss_of):
    o.attach_grad()
    with autograd.record():
        loss = loss_of(o)
    loss.backward()  # for a vector of independent losses, each entry's own gradient
    return o.grad.asnumpy().copy()


def sigmoid_gradients(y=1.0):
    o = nd.array(np.round(np.linspace(-10, 10, 201), 1))
    grad_se = gradient(o, lambda o: (nd.sigmoid(o) - y) ** 2 / 2)
    grad_ce = gradient(o, lambda o: -(y * nd.log(nd.sigmoid(o)) + (1 - y) * nd.log(1 - nd.sigmoid(o))))
    return o.asnumpy(), nd.sigmoid(o).asnumpy(), grad_se, grad_ce


def softmax_gradients(o, true_class=0):
    y = nd.one_hot(nd.array([true_class]), o.shape[0])[0]
    ce = gradient(o, lambda o: -(y * nd.log_softmax(o)).sum())
    se = gradient(o, lambda o: ((nd.softmax(o) - y) ** 2).sum() / 2)
    return nd.softmax(o).asnumpy(), ce, se


if __name__ == "__main__":
    o, y_hat, grad_se, grad_ce = sigmoid_gradients()
    for i in (0, 50, 100):
        print(f"sigmoid, o = {o[i]:5.1f}: ŷ = {y_hat[i]:.2e}, gradient: squared loss {grad_se[i]:+.2e},"
              f" cross-entropy {grad_ce[i]:+.2e}")
    y_hat1, ce, se = softmax_gradients(nd.array([0, 0, 10]))
    print(f"softmax, o = [0, 0, 10]: ŷ₁ = {y_hat1[0]:.2e}, gradient on o₁: squared loss {se[0]:+.2e},"
          f" cross-entropy {ce[0]:+.2e}")
    for name, value in (("p_true", y_hat[0]), ("grad_se_sigmoid", grad_se[0]), ("grad_ce_sigmoid", grad_ce[0]),
                        ("ce_loss_at_minus_10", -np.log(y_hat[0])), ("p_true_softmax", y_hat1[0]),
                        ("grad_ce_softmax", ce[0]), ("grad_se_softmax", se[0])):
        glue(name, float(value))
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(o, grad_se, label=r"squared loss: $(\hat{y} - y)\,\hat{y}\,(1 - \hat{y})$")
    ax.plot(o, grad_ce, label=r"cross-entropy: $\hat{y} - y$")
    ax.set(xlabel="logit $o$ (label $y = 1$)", ylabel=r"$\partial \ell / \partial o$")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    plt.show()
