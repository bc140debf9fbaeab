"""Autograd through the hand-written Conv2D: the error, and two fixes
===================================================================

The book's ``corr2d`` fills its output one element at a time, ``Y[i, j] = ...``: an in-place write
into an NDArray. Under ``autograd.record()`` MXNet refuses it, already in the forward pass, so
``backward()`` is never reached:

>>> layer = Conv2D(kernel_size=(1, 2))
>>> layer.initialize()
>>> with autograd.record():
...     Y_hat = layer(edge_image())
Traceback (most recent call last):
...
mxnet.base.MXNetError: ...Inplace operations ... are not supported when recording with autograd.

Outside ``autograd.record()`` the same layer runs fine; only recording refuses it:

>>> layer(edge_image()).shape
(6, 7)

What MXNet refuses is to record a write into an existing array. A write is recorded when the value
written depends on an array that needs a gradient, like the layer's weight. The smallest case:

>>> X, K, Y = nd.ones((3, 3)), nd.ones((2, 2)), nd.zeros((2, 2))
>>> with autograd.record():
...     Y[0, 0] = (X[0:2, 0:2] * K).sum()  # K needs no gradient: nothing to record, no error
>>> K.attach_grad()
>>> with autograd.record():
...     Y[0, 1] = (X[0:2, 1:3] * K).sum()
Traceback (most recent call last):
...
mxnet.base.MXNetError: ...Inplace operations ... are not supported when recording with autograd.

Two fixes. (1) Build the layer on ``nd.Convolution``, which autograd knows how to differentiate.
(2) Keep a hand-written cross-correlation but make it build Y without writing into it: Y is the sum,
over the kernel's entries K[a, b], of K[a, b] times the input shifted by (a, b). Both layers now
train: the loss is the book's (squared error between the layer's output and the image
cross-correlated with [1, -1]), from the same initial kernel and bias. The gradients they give agree
with Gluon's ``nn.Conv2D`` and with the formula dL/dK = corr2d(X, dL/dY), dL/db = sum(dL/dY):

>>> grads = gradients()
>>> for name, (weight_grad, bias_grad) in grads.items():
...     print(f"{name:24s}", weight_grad.round(3), bias_grad.round(3))
on nd.Convolution        [14.4 40.8] [37.2]
shift and add            [14.4 40.8] [37.2]
nn.Conv2D                [14.4 40.8] [37.2]
formula (corr2d)         [14.4 40.8] [37.2]
>>> import numpy as np
>>> reference = grads["formula (corr2d)"]
>>> all(np.allclose(w, reference[0], atol=1e-5) and np.allclose(b, reference[1], atol=1e-5)
...     for w, b in grads.values())
True
"""

import functools

from mxnet import autograd, nd
from mxnet.gluon import nn

from _glue import glue
from _train import seed
from conv2d_scratch import Conv2D, corr2d, edge_image

INITIAL_KERNEL, INITIAL_BIAS = [[0.3, 0.5]], [0.1]


class ConvolutionConv2D(Conv2D):
    """Fix 1: the book's Conv2D with corr2d replaced by nd.Convolution."""

    def forward(self, x):
        K = self.weight.data()
        Y = nd.Convolution(x.reshape((1, 1) + x.shape), K.reshape((1, 1) + K.shape),
                           self.bias.data(), kernel=K.shape, num_filter=1)
        return Y.reshape(Y.shape[2:])  # NCHW back to a 2-D output


def corr2d_shift_add(X, K):
    """Fix 2: the same cross-correlation as corr2d, built without in-place writes."""
    h, w = K.shape
    rows, columns = X.shape[0] - h + 1, X.shape[1] - w + 1
    return sum(K[a, b] * X[a : a + rows, b : b + columns] for a in range(h) for b in range(w))


class ShiftAddConv2D(Conv2D):
    def forward(self, x):
        return corr2d_shift_add(x, self.weight.data()) + self.bias.data()


@functools.lru_cache(maxsize=None)
def problem():
    """The book's image and its cross-correlation with [1, -1], the target."""
    X = edge_image()
    return X, corr2d(X, nd.array([[1, -1]]))


def start(layer):
    layer.initialize()
    layer.weight.set_data(nd.array(INITIAL_KERNEL).reshape(layer.weight.shape))
    layer.bias.set_data(nd.array(INITIAL_BIAS))
    return layer


def autograd_gradient(layer, reshape=lambda x: x):
    X, Y = problem()
    with autograd.record():
        loss = ((reshape(layer(reshape(X))) - reshape(Y)) ** 2).sum()
    loss.backward()
    return layer.weight.grad().reshape((-1,)).asnumpy(), layer.bias.grad().asnumpy()


def formula_gradient():
    """dL/dY = 2 (Y_hat - Y); each kernel entry multiplies a shifted copy of the input."""
    X, Y = problem()
    Y_hat = corr2d(X, nd.array(INITIAL_KERNEL)) + INITIAL_BIAS[0]  # no autograd needed
    dY = 2 * (Y_hat - Y)
    return corr2d(X, dY).reshape((-1,)).asnumpy(), dY.sum().reshape((1,)).asnumpy()


@functools.lru_cache(maxsize=None)
def gradients():
    gluons = start(nn.Conv2D(channels=1, kernel_size=(1, 2), in_channels=1))
    return {
        "on nd.Convolution": autograd_gradient(start(ConvolutionConv2D((1, 2)))),
        "shift and add": autograd_gradient(start(ShiftAddConv2D((1, 2)))),
        "nn.Conv2D": autograd_gradient(gluons, reshape=lambda x: x.reshape((1, 1) + x.shape[-2:])),
        "formula (corr2d)": formula_gradient(),
    }


if __name__ == "__main__":
    layer = start(Conv2D((1, 2)))
    X, Y = problem()
    print("book's Conv2D, not recording: output shape", layer(X).shape)
    try:
        with autograd.record():
            layer(X)
    except Exception as error:  # noqa: BLE001 - we want to see what is raised
        print("book's Conv2D, recording:", type(error).__module__ + "." + type(error).__name__)
        print("   ", str(error).strip().splitlines()[-1])
    seed(0)
    X = nd.random.uniform(shape=(5, 6))
    K = nd.random.uniform(shape=(2, 3))
    print("shift-and-add corr2d equals corr2d on a random case:",
          bool(nd.abs(corr2d_shift_add(X, K) - corr2d(X, K)).max().asscalar() < 1e-6))
    print("\ngradient of the loss at kernel", INITIAL_KERNEL, "and bias", INITIAL_BIAS)
    for name, (weight_grad, bias_grad) in gradients().items():
        print(f"  {name:18s} dL/dK = {weight_grad.round(4)}  dL/db = {bias_grad.round(4)}")
    weight_grad, bias_grad = gradients()["formula (corr2d)"]
    glue("grad_k0", float(weight_grad[0]))
    glue("grad_k1", float(weight_grad[1]))
    glue("grad_b", float(bias_grad[0]))
