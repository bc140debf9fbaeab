"""A Conv2D layer built on a hand-written cross-correlation
=========================================================

``corr2d`` is the book's two-dimensional cross-correlation: slide the kernel over the input and, at
each position, sum the elementwise products. On the book's 3×3 input and 2×2 kernel:

>>> X = nd.arange(9).reshape((3, 3))
>>> K = nd.array([[0, 1], [2, 3]])
>>> corr2d(X, K)
<BLANKLINE>
[[19. 25.]
 [37. 43.]]
<NDArray 2x2 @cpu(0)>

MXNet's own operator, ``nd.Convolution``, computes the same numbers. It works on 4-D arrays in the
NCHW layout (batch, channel, height, width): the input here is 1×1×3×3 and the weight
c_o×c_i×k_h×k_w = 1×1×2×2; ``num_filter`` is the number of output channels c_o, ``kernel`` the
kernel's (k_h, k_w), and ``no_bias=True`` because we pass no bias:

>>> nd.Convolution(X.reshape((1, 1, 3, 3)), K.reshape((1, 1, 2, 2)),
...                kernel=(2, 2), num_filter=1, no_bias=True)
<BLANKLINE>
[[[[19. 25.]
   [37. 43.]]]]
<NDArray 1x1x2x2 @cpu(0)>

``num_filter`` and ``kernel`` cannot be left out, although the weight's shape implies them, and
without ``no_bias=True`` the operator wants a third input, the bias:

>>> X4, K4 = X.reshape((1, 1, 3, 3)), K.reshape((1, 1, 2, 2))
>>> nd.Convolution(X4, K4, kernel=(2, 2), no_bias=True)
Traceback (most recent call last):
...
mxnet.base.MXNetError: ...Required parameter num_filter of int (non-negative) is not presented...
>>> nd.Convolution(X4, K4, num_filter=1, no_bias=True)
Traceback (most recent call last):
...
mxnet.base.MXNetError: ...Required parameter kernel of Shape(tuple) is not presented...
>>> nd.Convolution(X4, K4, kernel=(2, 2), num_filter=1)
Traceback (most recent call last):
...
mxnet.base.MXNetError: ...Operator Convolution expects 3 inputs, but got 2 instead.

It agrees on random inputs and kernels of other shapes as well:

>>> max_difference_from_mxnet()  # largest |corr2d - nd.Convolution| over 4 random cases
0.0

The layer has the two parameters of the book's ``Conv2D``: a weight of the kernel's shape and a
bias of shape (1,). Gluon's ``nn.Conv2D`` with one input and one output channel holds the same
numbers, its weight shaped c_o×c_i×k_h×k_w:

>>> mine, gluons = twin_layers(kernel_size=(1, 2))
>>> mine.weight.shape, mine.bias.shape
((1, 2), (1,))
>>> gluons.weight.shape, gluons.bias.shape
((1, 1, 1, 2), (1,))

With the same weight and bias, the two give the same output on the book's image, whose columns 2
to 5 are black (0) and the rest white (1):

>>> X = edge_image()
>>> bool((mine(X) == gluons(X.reshape((1, 1, 6, 8))).reshape((6, 7))).min())
True
"""

from mxnet import nd
from mxnet.gluon import nn

from _glue import glue
from _train import seed


def corr2d(X, K):
    """The book's 2-D cross-correlation of a 2-D input X with a 2-D kernel K."""
    h, w = K.shape
    Y = nd.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i : i + h, j : j + w] * K).sum()
    return Y


class Conv2D(nn.Block):
    """The book's 2-D convolutional layer: corr2d with a learned kernel, plus a learned bias."""

    def __init__(self, kernel_size, **kwargs):
        super().__init__(**kwargs)
        self.weight = self.params.get("weight", shape=kernel_size)
        self.bias = self.params.get("bias", shape=(1,))

    def forward(self, x):
        return corr2d(x, self.weight.data()) + self.bias.data()


def edge_image():
    """The book's 6×8 image: white (1) with a black (0) band in columns 2 to 5."""
    X = nd.ones((6, 8))
    X[:, 2:6] = 0
    return X


def mxnet_corr2d(X, K):
    """corr2d by MXNet's operator: add the batch and channel axes, then drop them again."""
    Y = nd.Convolution(X.reshape((1, 1) + X.shape), K.reshape((1, 1) + K.shape),
                       kernel=K.shape, num_filter=1, no_bias=True)
    return Y.reshape(Y.shape[2:])


def max_difference_from_mxnet():
    seed(0)
    worst = 0.0
    for input_shape, kernel_shape in [((5, 7), (3, 2)), ((4, 4), (4, 1)), ((6, 3), (1, 3)),
                                      ((8, 8), (5, 5))]:
        X = nd.random.randint(-9, 10, shape=input_shape).astype("float32")
        K = nd.random.randint(-9, 10, shape=kernel_shape).astype("float32")
        worst = max(worst, nd.abs(corr2d(X, K) - mxnet_corr2d(X, K)).max().asscalar())
    return float(worst)


def twin_layers(kernel_size):
    """The book's Conv2D and Gluon's nn.Conv2D holding the same weight and bias."""
    mine = Conv2D(kernel_size)
    mine.initialize()  # default: uniform weight in [-0.07, 0.07], bias 0
    mine.bias.set_data(nd.array([0.5]))  # a nonzero bias, so that it is checked too
    gluons = nn.Conv2D(channels=1, kernel_size=kernel_size, in_channels=1)
    gluons.initialize()
    gluons.weight.set_data(mine.weight.data().reshape((1, 1) + kernel_size))
    gluons.bias.set_data(mine.bias.data())
    return mine, gluons


if __name__ == "__main__":
    X = nd.arange(9).reshape((3, 3))
    K = nd.array([[0, 1], [2, 3]])
    print("corr2d(X, K) =\n", corr2d(X, K).asnumpy())
    print("nd.Convolution, NCHW in and out:", mxnet_corr2d(X, K).asnumpy().tolist())
    print("largest difference from nd.Convolution on random cases:",
          glue("max_difference", max_difference_from_mxnet()))

    mine, gluons = twin_layers(kernel_size=(1, 2))
    for name, layer in [("book's Conv2D", mine), ("nn.Conv2D", gluons)]:
        print(f"{name:14s} weight {layer.weight.shape}, bias {layer.bias.shape}")
    X = edge_image()
    mine_out = mine(X)
    gluons_out = gluons(X.reshape((1, 1, 6, 8))).reshape((6, 7))  # NCHW in, NCHW out
    # The image's rows are all the same, so are the outputs': one row of each says it all.
    print("book's Conv2D, first output row:", mine_out[0].asnumpy().round(4))
    print("nn.Conv2D,     first output row:", gluons_out[0].asnumpy().round(4))
    print("largest difference over the 6×7 output:",
          nd.abs(mine_out - gluons_out).max().asscalar())
