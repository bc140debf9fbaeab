"""Reading the gradient of a Dense layer's weight
==============================================

``.grad()`` is a method: without the parentheses you get the method. Before the first forward
pass the weight's shape is (1, 0) and reading it raises an error:

>>> net = fresh_net()
>>> type(net[0].weight.grad).__name__, net[0].weight.shape
('method', (1, 0))
>>> net[0].weight.grad()
Traceback (most recent call last):
    ...
mxnet.gluon.parameter.DeferredInitializationError: Parameter '...' has not been initialized yet because initialization was deferred...

After a forward pass the gradient has the weight's shape (outputs, inputs) and is all zeros until
``backward()``; then it is Σᵢ (ŷ⁽ⁱ⁾ - y⁽ⁱ⁾) x⁽ⁱ⁾ᵀ, the gradient of the batch's summed L2Loss:

>>> X, y = batch()
>>> _ = net(X)
>>> net[0].weight.grad().asnumpy().tolist()
[[0.0, 0.0]]
>>> first = backward_once(net, X, y)
>>> bool(nd.abs(first - nd.dot((net(X) - y.reshape((-1, 1))).T, X)).max() < 1e-5), bool(nd.abs(first).max() > 0.1)
(True, True)

A second ``backward()`` overwrites the gradient (``grad_req='write'``, the default); with
``grad_req='add'`` gradients add up until ``zero_grad()``:

>>> net[0].weight.grad_req, bool(nd.abs(backward_once(net, X, y) - first).max() < 1e-6)
('write', True)
>>> net.collect_params().setattr("grad_req", "add")
>>> net.collect_params().zero_grad()
>>> _ = backward_once(net, X, y)
>>> bool(nd.abs(backward_once(net, X, y) - 2 * first).max() < 1e-5)
True
"""

import mxnet as mx
from mxnet import autograd, init, nd
from mxnet.gluon import loss as gloss
from mxnet.gluon import nn


def fresh_net():
    mx.random.seed(0)
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Normal(sigma=0.01))
    return net


def batch():
    mx.random.seed(1)
    return nd.random.normal(shape=(5, 2)), nd.random.normal(shape=(5,))


def backward_once(net, X, y):
    with autograd.record():
        l = gloss.L2Loss()(net(X), y)  # one loss per example
    l.backward()  # differentiates l.sum()
    return net[0].weight.grad().copy()


if __name__ == "__main__":
    net = fresh_net()
    print("net[0].weight.grad ->", net[0].weight.grad)
    X, y = batch()
    net(X)
    print("after a forward pass        :", net[0].weight.grad().asnumpy())
    print("after backward()            :", backward_once(net, X, y).asnumpy())
    print("after a second backward()   :", backward_once(net, X, y).asnumpy())
    net.collect_params().setattr("grad_req", "add")
    net.collect_params().zero_grad()
    backward_once(net, X, y)
    print("two backward(), grad_req=add:", backward_once(net, X, y).asnumpy())
