"""Gradients with respect to the logit: squared loss vs cross-entropy
===================================================================

A sigmoid output ŷ = σ(o) with label y = 1. Autograd gives the gradient of each loss with
respect to the logit o, for o from -10 to 10:

- squared loss   ℓ = (ŷ - y)² / 2                     : ∂ℓ/∂o = (ŷ - y) ŷ (1 - ŷ)
- cross-entropy  ℓ = -[y log ŷ + (1 - y) log(1 - ŷ)]  : ∂ℓ/∂o = ŷ - y

>>> o, y_hat, grad_se, grad_ce = sigmoid_gradients()
>>> o.shape, float(o[0]), float(o[-1])
((201,), -10.0, 10.0)
>>> bool(abs(grad_se - (y_hat - 1) * y_hat * (1 - y_hat)).max() < 1e-6)
True
>>> bool(abs(grad_ce - (y_hat - 1)).max() < 1e-6)
True

At o = -10 the model gives the true class a probability of only ŷ ≈ 4.5e-5: it is confidently
wrong. The squared-loss gradient is about -4.5e-5, so learning barely moves; the cross-entropy
gradient is about -1:

>>> round(float(y_hat[0]), 7)
4.54e-05
>>> round(float(grad_se[0]), 7), round(float(grad_ce[0]), 4)
(-4.54e-05, -1.0)

At o = 0 (ŷ = 0.5) cross-entropy pushes four times harder, and the squared-loss gradient never
exceeds 4/27 ≈ 0.148 in magnitude (the maximum of (1 - ŷ)² ŷ, reached at ŷ = 1/3):

>>> i = int((o == 0).argmax())
>>> round(float(grad_se[i]), 4), round(float(grad_ce[i]), 4)
(-0.125, -0.5)
>>> round(float(abs(grad_se).max()), 3)
0.148

Softmax is no different. With q = 3 classes, logits o = [0, 0, 10] and true class 1, the model
gives the true class ŷ₁ ≈ 4.5e-5. The gradient with respect to the true class's logit o₁ is
ŷ₁ - 1 ≈ -1 for cross-entropy, but for the squared loss ½‖ŷ - y‖² every term carries the factor
ŷ₁, and it is about -9e-5:

>>> y_hat, grad_ce, grad_se = softmax_gradients(nd.array([0, 0, 10]), true_class=0)
>>> round(float(y_hat[0]), 7)
4.54e-05
>>> round(float(grad_ce[0]), 4), bool(abs(grad_se[0]) < 1e-4)
(-1.0, True)

Cross-entropy's gradient is the vector ŷ - y, and the squared loss's matches the formula
∂ℓ/∂oⱼ = Σᵢ (ŷᵢ - yᵢ) ŷᵢ (δᵢⱼ - ŷⱼ) (autograd against formulas, for random logits):

>>> y_hat, grad_ce, grad_se = softmax_gradients(random_logits(), true_class=2)
>>> y = np.eye(5)[2]
>>> bool(abs(grad_ce - (y_hat - y)).max() < 1e-6)
True
>>> jacobian = np.diag(y_hat) - np.outer(y_hat, y_hat)  # ∂ŷᵢ/∂oⱼ = ŷᵢ(δᵢⱼ - ŷⱼ)
>>> bool(abs(grad_se - (y_hat - y) @ jacobian).max() < 1e-6)
True

The flip side: an example whose label is wrong looks exactly like a confidently wrong
prediction. Its cross-entropy grows without bound (about 10 at o = -10, and still growing), so it
keeps pulling hard; its squared loss can never exceed 1/2, and its pull fades:

>>> o, y_hat, grad_se, grad_ce = sigmoid_gradients()
>>> round(float(-np.log(y_hat[0])), 2), bool(((y_hat - 1) ** 2 / 2).max() < 0.5)
(10.0, True)
"""

import matplotlib.pyplot as plt
import mxnet as mx
import numpy as np
from mxnet import autograd, nd

from _glue import glue


def sigmoid_gradients(y=1.0):
    o = nd.array(np.round(np.linspace(-10, 10, 201), 1))
    grads = {}
    for name in ("squared", "cross-entropy"):
        o.attach_grad()  # a fresh gradient buffer for each loss
        with autograd.record():
            y_hat = nd.sigmoid(o)
            if name == "squared":
                loss = (y_hat - y) ** 2 / 2
            else:
                loss = -(y * nd.log(y_hat) + (1 - y) * nd.log(1 - y_hat))
        loss.backward()  # the losses are independent, so the sum's gradient is each one's
        grads[name] = o.grad.asnumpy().copy()
    return o.asnumpy(), nd.sigmoid(o).asnumpy(), grads["squared"], grads["cross-entropy"]


def random_logits(q=5):
    mx.random.seed(0)
    return nd.random.normal(scale=3, shape=(q,))


def softmax_gradients(o, true_class):
    """ŷ = softmax(o), and the gradients of cross-entropy and of ½‖ŷ - y‖² with respect to o."""
    y = nd.one_hot(nd.array([true_class]), o.shape[0])[0]
    grads = []
    for name in ("cross-entropy", "squared"):
        o.attach_grad()
        with autograd.record():
            if name == "cross-entropy":
                loss = -(y * nd.log_softmax(o)).sum()
            else:
                loss = ((nd.softmax(o) - y) ** 2).sum() / 2
        loss.backward()
        grads.append(o.grad.asnumpy().copy())
    return nd.softmax(o).asnumpy(), grads[0], grads[1]


if __name__ == "__main__":
    o, y_hat, grad_se, grad_ce = sigmoid_gradients()
    print("sigmoid output, label y = 1")
    for value in (-10, -5, 0, 5):
        i = int((o == value).argmax())
        print(f"o = {value:>3}: ŷ = {y_hat[i]:<8.3g}  squared-loss grad = {grad_se[i]:+.2e}"
              f"  cross-entropy grad = {grad_ce[i]:+.2e}")
    glue("p_true", float(y_hat[0]))
    glue("grad_se_sigmoid", float(grad_se[0]))
    glue("grad_ce_sigmoid", float(grad_ce[0]))
    glue("ce_loss_at_minus_10", float(-np.log(y_hat[0])))
    soft_y_hat, soft_ce, soft_se = softmax_gradients(nd.array([0, 0, 10]), true_class=0)
    print("softmax, logits [0, 0, 10], true class 1:")
    print(f"  ŷ = {np.array2string(soft_y_hat, precision=3)}  gradient w.r.t. o₁:"
          f" cross-entropy {soft_ce[0]:+.2e}, squared loss {soft_se[0]:+.2e}")
    glue("p_true_softmax", float(soft_y_hat[0]))
    glue("grad_ce_softmax", float(soft_ce[0]))
    glue("grad_se_softmax", float(soft_se[0]))

    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(o, grad_se, label=r"squared loss: $(\hat{y} - y)\,\hat{y}\,(1 - \hat{y})$")
    ax.plot(o, grad_ce, label=r"cross-entropy: $\hat{y} - y$")
    ax.axhline(0, color="gray", linewidth=0.8)
    ax.set_xlabel("logit $o$ (label $y = 1$)")
    ax.set_ylabel(r"$\partial \ell / \partial o$")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    plt.show()
