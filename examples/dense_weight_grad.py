"""Reading the gradient of a Dense layer's weight
==============================================

``net[0].weight`` is a ``Parameter``; ``.data()`` and ``.grad()`` are *methods* that return its
value and its gradient as NDArrays. After one batch of 5 examples with 2 features, an
``L2Loss`` and ``backward()``, the gradient has the weight's shape, (outputs, inputs):

>>> weight, grad, expected = weight_and_gradient()
>>> weight.shape, grad.shape
((1, 2), (1, 2))

``backward()`` on the vector of losses differentiates their sum, Σᵢ (ŷᵢ - yᵢ)² / 2, whose
gradient with respect to the weight is Σᵢ (ŷᵢ - yᵢ) xᵢᵀ:

>>> bool(nd.abs(grad - expected).max().asscalar() < 1e-5)
True
>>> bool(nd.abs(grad).max().asscalar() > 0.1)  # a real gradient, not zeros
True
"""

import mxnet as mx
from mxnet import autograd, init, nd
from mxnet.gluon import loss as gloss
from mxnet.gluon import nn


def weight_and_gradient():
    """The weight, its gradient from autograd, and the closed-form gradient."""
    mx.random.seed(0)
    X = nd.random.normal(shape=(5, 2))
    y = nd.random.normal(shape=(5,))  # any labels will do; shape (5,) as D2L builds them
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Normal(sigma=0.01))
    loss = gloss.L2Loss()
    with autograd.record():
        y_hat = net(X)  # shape (5, 1); the weight gets its shape (1, 2) here
        l = loss(y_hat, y)  # L2Loss reshapes y to (5, 1) itself
    l.backward()
    weight = net[0].weight
    error = y_hat - y.reshape(y_hat.shape)  # (5, 1)
    expected = nd.dot(error.T, X)  # (1, 5) x (5, 2): sum over the batch of error_i * x_i
    return weight.data(), weight.grad(), expected


if __name__ == "__main__":
    weight, grad, expected = weight_and_gradient()
    print("weight         ", weight.asnumpy())
    print("weight.grad()  ", grad.asnumpy())
    print("closed form    ", expected.asnumpy())
