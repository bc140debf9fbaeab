"""A 1×1 convolution is a dense layer applied at every pixel
==========================================================

With a 1×1 kernel, output channel o at pixel (i, j) is sum_c K[o, c] X[c, i, j] + b[o]: a dense
layer from c_i inputs to c_o outputs, applied to the vector of channel values at each pixel,
with the same weights at every pixel. The book computes it as one matrix product: reshape the
c_i×h×w input to c_i×(h w), multiply by the c_o×c_i weight. Against ``nn.Conv2D`` with
``kernel_size=1``, and against Gluon's ``nn.Dense`` applied to the pixels (channels last):

>>> X, conv = example_input(), example_layer()
>>> Y = conv(X)
>>> Y.shape  # 3 channels in, 2 out, the 3×4 grid of pixels unchanged
(1, 2, 3, 4)
>>> float(nd.abs(Y[0] - dense_by_dot(X[0], conv)).max().asscalar()) < 1e-6
True
>>> float(nd.abs(Y - dense_at_every_pixel(X, conv)).max().asscalar()) < 1e-6
True

Each pixel's output depends on that pixel alone: changing one input pixel changes the output at
that pixel and nowhere else.

>>> changed_pixels(X, conv)
[(1, 2)]

So a 1×1 convolution sets the number of channels (here 3 to 2) and mixes them, without looking at
neighbours or changing the height and width. It costs c_o (c_i + 1) parameters, the weights and
biases of that dense layer; a 3×3 kernel between the same channels costs 9 c_o c_i + c_o:

>>> parameter_count(kernel_size=1), parameter_count(kernel_size=3)
(8, 56)

The book's exercise: are its Y1 (the matrix product ``corr2d_multi_in_out_1x1``) and Y2 (the
loop over channels ``corr2d_multi_in_out``, built on ``corr2d``) the same? Mathematically yes; in
float32 they take different routes to the same sums, and the last bits can differ:

>>> Y1, Y2 = book_two_ways()
>>> bool((Y1 == Y2).min().asscalar()), float(nd.abs(Y1 - Y2).max().asscalar()) < 1e-6
(False, True)
"""

from mxnet import nd
from mxnet.gluon import nn

from _glue import glue
from _train import seed
from conv2d_scratch import corr2d


def example_input():
    seed(0)
    return nd.random.normal(shape=(1, 3, 3, 4))  # NCHW: 3 channels, 3×4 pixels


def example_layer():
    seed(1)
    layer = nn.Conv2D(channels=2, kernel_size=1, in_channels=3)
    layer.initialize()
    layer.bias.set_data(nd.array([0.5, -1.0]))  # nonzero, so that the bias is checked too
    return layer


def dense_by_dot(X, layer):
    """The book's corr2d_multi_in_out_1x1, plus the bias: one matrix product for all pixels."""
    c_i, h, w = X.shape
    K = layer.weight.data().reshape((-1, c_i))  # c_o×c_i×1×1 to c_o×c_i
    Y = nd.dot(K, X.reshape((c_i, h * w))) + layer.bias.data().reshape((-1, 1))
    return Y.reshape((-1, h, w))


def dense_at_every_pixel(X, layer):
    """nn.Dense with the 1×1 kernel as its weight, on the channel vector of every pixel."""
    c_o, c_i = layer.weight.shape[:2]
    dense = nn.Dense(c_o, in_units=c_i, flatten=False)  # flatten=False: act on the last axis
    dense.initialize()
    dense.weight.set_data(layer.weight.data().reshape((c_o, c_i)))
    dense.bias.set_data(layer.bias.data())
    pixels = X.transpose((0, 2, 3, 1))  # NCHW to NHWC: each pixel's channels on the last axis
    return dense(pixels).transpose((0, 3, 1, 2))


def changed_pixels(X, layer, pixel=(1, 2)):
    X2 = X.copy()
    X2[0, :, pixel[0], pixel[1]] += 1
    changed = (nd.abs(layer(X2) - layer(X)).max(axis=(0, 1)) > 0).asnumpy()
    return [(int(i), int(j)) for i, j in zip(*changed.nonzero())]


def parameter_count(kernel_size, c_i=3, c_o=2):
    layer = nn.Conv2D(channels=c_o, kernel_size=kernel_size, in_channels=c_i)
    layer.initialize()
    return sum(param.data().size for param in layer.collect_params().values())


def corr2d_multi_in(X, K):
    return nd.add_n(*[corr2d(x, k) for x, k in zip(X, K)])


def corr2d_multi_in_out(X, K):
    return nd.stack(*[corr2d_multi_in(X, k) for k in K])


def corr2d_multi_in_out_1x1(X, K):
    c_i, h, w = X.shape
    c_o = K.shape[0]
    X = X.reshape((c_i, h * w))
    K = K.reshape((c_o, c_i))
    return nd.dot(K, X).reshape((c_o, h, w))


def book_two_ways():
    """The book's comparison: 3 input channels, 2 output channels, a 3×3 input."""
    seed(0)
    X = nd.random.uniform(shape=(3, 3, 3))
    K = nd.random.uniform(shape=(2, 3, 1, 1))
    return corr2d_multi_in_out_1x1(X, K), corr2d_multi_in_out(X, K)


if __name__ == "__main__":
    X, conv = example_input(), example_layer()
    Y = conv(X)
    print("input", X.shape, "-> 1×1 convolution ->", Y.shape)
    print("largest difference from the matrix product (nd.dot):",
          nd.abs(Y[0] - dense_by_dot(X[0], conv)).max().asscalar())
    print("largest difference from nn.Dense at every pixel:",
          nd.abs(Y - dense_at_every_pixel(X, conv)).max().asscalar())
    print("output pixels that change when input pixel (1, 2) changes:", changed_pixels(X, conv))
    print("parameters, 3 -> 2 channels: 1×1 kernel", glue("params_1x1", parameter_count(1)),
          " 3×3 kernel", glue("params_3x3", parameter_count(3)))
    Y1, Y2 = book_two_ways()
    print("book's Y1 (nd.dot) vs Y2 (loop of corr2d): largest difference",
          glue("y1_y2_difference", float(nd.abs(Y1 - Y2).max().asscalar())))
