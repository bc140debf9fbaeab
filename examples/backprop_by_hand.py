"""Backpropagation by hand for the one-hidden-layer MLP of section 3.14
====================================================================

The book's model, for a batch of n examples (one per row of X), without biases:

    Z = X W1ᵀ,  H = relu(Z),  O = H W2ᵀ,  L = mean softmax cross-entropy of O,
    s = λ/2 (‖W1‖² + ‖W2‖²),  J = L + s.

``backward_by_hand`` computes ∂J/∂W2 and ∂J/∂W1 with the formulas derived on the page, in
NDArray and without autograd; ``backward_autograd`` lets autograd differentiate the same J.
On one digit (n = 1, the book's case), both agree to float32 precision:

>>> hand, auto = gradients(n=1)
>>> sorted(hand), [hand[name].shape for name in sorted(hand)]
(['W1', 'W2'], [(16, 64), (10, 16)])
>>> max_abs_difference(hand, auto) < 1e-5
True

The gradients are not small by accident (the comparison is not 0 against 0):

>>> min(float(nd.abs(g).max().asscalar()) for g in auto.values()) > 0.01
True

The same formulas with rows for examples handle a minibatch of 32, the mean of the 32
single-example gradients of L (the penalty's gradient λW is added once):

>>> hand, auto = gradients(n=32)
>>> max_abs_difference(hand, auto) < 1e-5
True

The book's exercise adds biases, Z = X W1ᵀ + b1 and O = H W2ᵀ + b2 (not penalized):
∂J/∂b2 sums the rows of ∂J/∂O over the batch and ∂J/∂b1 those of ∂J/∂Z.

>>> hand, auto = gradients(n=32, biases=True)
>>> sorted(hand)
['W1', 'W2', 'b1', 'b2']
>>> max_abs_difference(hand, auto) < 1e-5
True
"""

import mxnet as mx
from mxnet import autograd, nd
from mxnet.gluon import loss as gloss

from _data import digits
from _glue import glue

NUM_HIDDEN, NUM_CLASSES, LAMBDA = 16, 10, 0.01


def parameters(num_inputs, biases):
    mx.random.seed(0)
    params = {
        "W1": nd.random.normal(0, 0.1, shape=(NUM_HIDDEN, num_inputs)),
        "W2": nd.random.normal(0, 0.1, shape=(NUM_CLASSES, NUM_HIDDEN)),
    }
    if biases:  # nonzero, so that a wrong bias gradient would show
        params["b1"] = nd.random.normal(0, 0.1, shape=(NUM_HIDDEN,))
        params["b2"] = nd.random.normal(0, 0.1, shape=(NUM_CLASSES,))
    return params


def forward(X, params):
    Z = nd.dot(X, params["W1"].T)
    if "b1" in params:
        Z = Z + params["b1"]
    H = nd.relu(Z)
    O = nd.dot(H, params["W2"].T)
    if "b2" in params:
        O = O + params["b2"]
    return Z, H, O


def objective(X, y, params):
    _, _, O = forward(X, params)
    L = gloss.SoftmaxCrossEntropyLoss()(O, y).mean()
    s = LAMBDA / 2 * ((params["W1"] ** 2).sum() + (params["W2"] ** 2).sum())
    return L + s


def backward_by_hand(X, y, params):
    n = X.shape[0]
    Z, H, O = forward(X, params)  # the forward pass stores Z and H; backward reuses them
    dO = (nd.softmax(O) - nd.one_hot(y, NUM_CLASSES)) / n  # ∂J/∂O: ∂L/∂O, since ∂J/∂L = 1
    grads = {"W2": nd.dot(dO.T, H) + LAMBDA * params["W2"]}  # (∂J/∂O)ᵀ H + λ W2
    dH = nd.dot(dO, params["W2"])  # ∂J/∂H = (∂J/∂O) W2
    dZ = dH * (Z > 0)  # ⊙ φ'(Z); relu'(z) is 1 for z > 0, else 0
    grads["W1"] = nd.dot(dZ.T, X) + LAMBDA * params["W1"]  # (∂J/∂Z)ᵀ X + λ W1
    if "b1" in params:
        grads["b2"] = dO.sum(axis=0)
        grads["b1"] = dZ.sum(axis=0)
    return grads


def backward_autograd(X, y, params):
    params = {name: value.copy() for name, value in params.items()}
    for value in params.values():
        value.attach_grad()
    with autograd.record():
        J = objective(X, y, params)
    J.backward()
    return {name: value.grad for name, value in params.items()}


def gradients(n, biases=False):
    X, y, _, _ = digits()
    X, y = X[:n], y[:n]
    params = parameters(X.shape[1], biases)
    return backward_by_hand(X, y, params), backward_autograd(X, y, params)


def max_abs_difference(hand, auto):
    return max(float(nd.abs(hand[name] - auto[name]).max().asscalar()) for name in auto)


if __name__ == "__main__":
    differences = []
    for n, biases in ((1, False), (32, False), (32, True)):
        hand, auto = gradients(n, biases)
        difference = max_abs_difference(hand, auto)
        differences.append(difference)
        print(f"n = {n:2d}, biases: {biases!s:5}  largest |hand - autograd| = {difference:.1e}")
        for name in sorted(auto):
            print(f"    ∂J/∂{name}  shape {str(auto[name].shape):9s}"
                  f" largest |entry| {float(nd.abs(auto[name]).max().asscalar()):.3f}")
    glue("max_diff", max(differences))
