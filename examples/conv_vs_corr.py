"""Convolution is cross-correlation with the kernel flipped, and learning does not care
=====================================================================================

Mathematical convolution flips the kernel in both directions (turns it by 180°) before sliding
it; the book's ``corr2d`` does not. SciPy has both operations, and ``corr2d`` matches each, once
we flip the kernel for the convolution:

>>> X, K = random_input_and_kernel()
>>> bool(np.allclose(corr2d(X, K).asnumpy(), correlate2d(X.asnumpy(), K.asnumpy(), "valid")))
True
>>> bool(np.allclose(corr2d(X, flip(K)).asnumpy(), convolve2d(X.asnumpy(), K.asnumpy(), "valid")))
True
>>> bool(np.allclose(corr2d(X, K).asnumpy(), convolve2d(X.asnumpy(), K.asnumpy(), "valid")))
False

Only a kernel that is its own 180° turn gives the same result both ways:

>>> S = nd.array([[1, 2, 1], [0, 5, 0], [1, 2, 1]])
>>> bool(np.allclose(corr2d(X, S).asnumpy(), convolve2d(X.asnumpy(), S.asnumpy(), "valid")))
True

Now learn the kernel from data, as the book does: the input is its 6×8 image with a black band,
the target is that image cross-correlated with K = [1, -1]. One layer is Gluon's ``nn.Conv2D``
(cross-correlation); the other is the same layer with its kernel flipped before use, i.e. a true
convolution. Both start from the same weights and take the same 40 gradient steps:

>>> runs = learn_both_ways()
>>> {name: run["kernel"].round(2).tolist() for name, run in runs.items()}
{'cross-correlation': [1.0, -1.0], 'convolution': [-1.0, 1.0]}
>>> all(run["loss"] < 1e-3 for run in runs.values())  # both fit the target
True

Each layer learns whatever kernel makes its own operation produce the target: the convolution's
kernel comes out flipped, and the two layers compute the same function:

>>> bool(np.allclose(runs["convolution"]["kernel"][::-1], runs["cross-correlation"]["kernel"],
...                  atol=1e-5))
True
"""

import functools

import numpy as np
from mxnet import autograd, nd
from mxnet.gluon import nn
from scipy.signal import convolve2d, correlate2d

from _glue import glue
from _train import seed
from conv2d_scratch import corr2d, edge_image


def flip(K):
    """Turn a 2-D kernel by 180°: reverse its rows and its columns."""
    return nd.flip(nd.flip(K, axis=0), axis=1)


def random_input_and_kernel():
    seed(0)
    X = nd.random.normal(shape=(5, 6))
    K = nd.array([[1, 2, 0], [-1, 0, 3]])  # not symmetric: flipping it changes it
    return X, K


class FlippedConv2D(nn.Conv2D):
    """nn.Conv2D that turns its kernel by 180° before use: a convolution in the maths sense."""

    def hybrid_forward(self, F, x, weight, bias=None):
        flipped = F.flip(F.flip(weight, axis=2), axis=3)  # axes 2, 3: the kernel's height, width
        return super().hybrid_forward(F, x, flipped, bias)


def learn(layer_class, steps=40, lr=0.03):
    """The book's loop: squared error summed over the output, plain gradient steps, no bias."""
    X = edge_image()
    Y = corr2d(X, nd.array([[1, -1]]))
    X, Y = X.reshape((1, 1, 6, 8)), Y.reshape((1, 1, 6, 7))
    layer = layer_class(channels=1, kernel_size=(1, 2), in_channels=1, use_bias=False)
    layer.initialize()
    layer.weight.set_data(nd.array([[[[0.3, 0.5]]]]))  # the same start for both layers
    for _ in range(steps):
        with autograd.record():
            loss = ((layer(X) - Y) ** 2).sum()
        loss.backward()
        layer.weight.set_data(layer.weight.data() - lr * layer.weight.grad())
    return {"kernel": layer.weight.data().reshape((2,)).asnumpy(), "loss": float(loss.asscalar())}


@functools.lru_cache(maxsize=None)
def learn_both_ways():
    return {"cross-correlation": learn(nn.Conv2D), "convolution": learn(FlippedConv2D)}


if __name__ == "__main__":
    X, K = random_input_and_kernel()
    print("K =", K.asnumpy().tolist(), "  flipped K =", flip(K).asnumpy().tolist())
    for name, ours, scipys in [
        ("corr2d(X, K)       vs scipy correlate2d", corr2d(X, K), correlate2d),
        ("corr2d(X, flip(K)) vs scipy convolve2d ", corr2d(X, flip(K)), convolve2d),
        ("corr2d(X, K)       vs scipy convolve2d ", corr2d(X, K), convolve2d),
    ]:
        difference = np.abs(ours.asnumpy() - scipys(X.asnumpy(), K.asnumpy(), "valid")).max()
        print(f"{name}: largest difference {difference:.1e}")
    print("\nlearning the kernel [1, -1] from the book's image, same start [0.3, 0.5], 40 steps:")
    for (name, run), key in zip(learn_both_ways().items(), ["corr", "conv"]):
        print(f"{name:17s} learned kernel {run['kernel'].round(4)}  final loss {run['loss']:.1e}")
        glue(f"{key}_k0", float(run["kernel"][0]))
        glue(f"{key}_k1", float(run["kernel"][1]))
        glue(f"{key}_loss", run["loss"])
