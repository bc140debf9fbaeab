"""Reading the gradient of a Dense layer's weight
==============================================

``dense.weight`` is a ``Parameter``; ``.data()`` and ``.grad()`` are *methods* that return its
value and its gradient as NDArrays. Without the parentheses you get the method itself:

>>> net, dense = fresh_net()
>>> type(dense.weight.grad).__name__
'method'

Before the first forward pass the weight's number of inputs is still unknown (shape (1, 0)),
and asking for its value or its gradient raises an error:

>>> dense.weight.shape
(1, 0)
>>> dense.weight.grad()
Traceback (most recent call last):
    ...
mxnet.gluon.parameter.DeferredInitializationError: Parameter '...' has not been initialized yet because initialization was deferred...

After a forward pass the gradient exists, with the weight's shape (outputs, inputs), and it is
all zeros until the first ``backward()``:

>>> X, y = batch()
>>> _ = net(X)
>>> dense.weight.grad().shape, float(nd.abs(dense.weight.grad()).sum().asscalar())
((1, 2), 0.0)

After one batch of 5 examples with 2 features, an ``L2Loss`` and ``backward()`` on the vector of
losses, the gradient is that of their sum, Σᵢ (ŷ⁽ⁱ⁾ - y⁽ⁱ⁾)² / 2, which is Σᵢ (ŷ⁽ⁱ⁾ - y⁽ⁱ⁾) x⁽ⁱ⁾ᵀ:

>>> first, expected = backward_once(net, X, y), closed_form(net, X, y)
>>> bool(nd.abs(first - expected).max().asscalar() < 1e-5), bool(nd.abs(first).max().asscalar() > 0.1)
(True, True)

A second ``backward()`` on the same batch *overwrites* the gradient (``grad_req`` is ``'write'``
by default): it is the same, not twice as large. With ``grad_req='add'`` gradients accumulate
until you reset them with ``zero_grad()``:

>>> dense.weight.grad_req
'write'
>>> second = backward_once(net, X, y)
>>> bool(nd.abs(second - first).max().asscalar() < 1e-6)
True
>>> net.collect_params().setattr("grad_req", "add")
>>> net.collect_params().zero_grad()
>>> _ = backward_once(net, X, y)
>>> accumulated = backward_once(net, X, y)
>>> bool(nd.abs(accumulated - 2 * first).max().asscalar() < 1e-5)
True
"""

import mxnet as mx
from mxnet import autograd, init, nd
from mxnet.gluon import loss as gloss
from mxnet.gluon import nn


def fresh_net():
    """A Sequential holding one Dense(1), initialized but not yet run; and that layer."""
    mx.random.seed(0)
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Normal(sigma=0.01))
    return net, net[0]


def batch():
    mx.random.seed(1)
    X = nd.random.normal(shape=(5, 2))
    y = nd.random.normal(shape=(5,))  # any labels will do; shape (5,) as D2L builds them
    return X, y


def backward_once(net, X, y):
    """Run forward and backward on (X, y); return a copy of the first layer's weight gradient."""
    with autograd.record():
        l = gloss.L2Loss()(net(X), y)  # one loss per example; L2Loss reshapes y to (5, 1)
    l.backward()  # differentiates l.sum()
    return net[0].weight.grad().copy()


def closed_form(net, X, y):
    error = net(X) - y.reshape((-1, 1))  # (5, 1): ŷ⁽ⁱ⁾ - y⁽ⁱ⁾
    return nd.dot(error.T, X)  # (1, 5) x (5, 2): the sum over the batch of error_i * x_i


if __name__ == "__main__":
    net, dense = fresh_net()
    print("dense.weight.grad  ->", dense.weight.grad)
    try:
        dense.weight.grad()
    except Exception as error:  # DeferredInitializationError
        print("dense.weight.grad() before any forward pass ->", type(error).__name__)
    X, y = batch()
    net(X)
    print("after a forward pass, before backward:", dense.weight.grad().asnumpy())
    first = backward_once(net, X, y)
    print("after backward()           :", first.asnumpy())
    print("closed form                :", closed_form(net, X, y).asnumpy())
    print("after a second backward()  :", backward_once(net, X, y).asnumpy(), "(grad_req='write')")
    net.collect_params().setattr("grad_req", "add")
    net.collect_params().zero_grad()
    backward_once(net, X, y)
    print("two backward() with 'add'  :", backward_once(net, X, y).asnumpy())
