"""A whole convolution layer as one matrix product (im2col)
=========================================================

Input c_i×h×w, kernel c_o×c_i×k_h×k_w, padding and stride. Pad the input, then cut out every
window the kernel visits, across all c_i channels, and flatten it into one column: the matrix C
has c_i k_h k_w rows and one column per output position, h_o w_o of them. Reshape the kernel into
a c_o×(c_i k_h k_w) matrix, one row per output channel. Then

    Y = K C + b,    a (c_o)×(h_o w_o) matrix: reshape it to c_o×h_o×w_o.

For 3 input channels, 2 output channels, a 3×3 kernel, one row and column of padding on each
side (p_h = p_w = 2) and stride 2, the matrices are:

>>> X, K, b = example()
>>> X.shape, K.shape
((3, 5, 6), (2, 3, 3, 3))
>>> im2col(X, (3, 3), padding=(2, 2), strides=(2, 2)).shape  # 3·3·3 rows, 3×3 output positions
(27, 9)

The product matches ``nd.Convolution`` and the book's loop over channels
(``corr2d_multi_in_out`` on the padded input, every s-th row and column of its output kept):

>>> Y = conv_by_matmul(X, K, b, padding=(2, 2), strides=(2, 2))
>>> Y.shape
(2, 3, 3)
>>> {name: d < 1e-5 for name, d in differences().items()}
{'nd.Convolution': True, 'corr2d_multi_in_out': True}

The price is memory: C repeats each input element for every window that covers it. Here C holds
243 numbers for an input of 90. With stride 1 and the padding that keeps the height and width,
C is k_h k_w = 9 times the size of the input:

>>> size_ratio(X.shape, (3, 3), padding=(2, 2), strides=(2, 2))
2.7
>>> size_ratio((3, 8, 8), (3, 3), padding=(2, 2), strides=(1, 1))
9.0

When the windows do not overlap (stride = kernel size, no padding, and the kernel tiles the
input), each input element lands in C exactly once, and im2col is only a reshape and a transpose:

>>> X = nd.arange(2 * 4 * 6).reshape((2, 4, 6))
>>> C = im2col(X, (2, 3), padding=(0, 0), strides=(2, 3))
>>> bool((C == tiles_by_reshape(X, (2, 3))).min())
True
>>> sorted(C.reshape((-1,)).asnumpy().astype(int).tolist()) == list(range(48))
True
"""

import functools

from mxnet import nd

from _glue import glue
from _train import seed
from conv_1x1 import corr2d_multi_in_out


def example():
    seed(0)
    X = nd.random.normal(shape=(3, 5, 6))
    K = nd.random.normal(shape=(2, 3, 3, 3))
    b = nd.array([0.5, -1.0])
    return X, K, b


def pad(X, padding):
    """Zero padding; ``padding`` = (p_h, p_w) in all, as in the book, split evenly."""
    p_h, p_w = padding
    widths = (0, 0, 0, 0, p_h // 2, p_h - p_h // 2, p_w // 2, p_w - p_w // 2)
    return nd.pad(X.expand_dims(0), mode="constant", pad_width=widths)[0]


def im2col(X, kernel_shape, padding, strides):
    """C: one column per window, the window's c_i×k_h×k_w numbers flattened."""
    (k_h, k_w), (s_h, s_w) = kernel_shape, strides
    X = pad(X, padding)
    _, h, w = X.shape
    columns = [X[:, i : i + k_h, j : j + k_w].reshape((-1,))
               for i in range(0, h - k_h + 1, s_h) for j in range(0, w - k_w + 1, s_w)]
    return nd.stack(*columns, axis=1)


def conv_by_matmul(X, K, b, padding, strides):
    c_o, c_i, k_h, k_w = K.shape
    (p_h, p_w), (s_h, s_w) = padding, strides
    h_o = (X.shape[1] - k_h + p_h + s_h) // s_h
    w_o = (X.shape[2] - k_w + p_w + s_w) // s_w
    Y = nd.dot(K.reshape((c_o, -1)), im2col(X, (k_h, k_w), padding, strides)) + b.reshape((-1, 1))
    return Y.reshape((c_o, h_o, w_o))


@functools.lru_cache(maxsize=None)
def differences(padding=(2, 2), strides=(2, 2)):
    """Largest |difference| of the matrix product from MXNet's layer and from the book's loop."""
    X, K, b = example()
    c_o, _, k_h, k_w = K.shape
    (p_h, p_w), (s_h, s_w) = padding, strides
    Y = conv_by_matmul(X, K, b, padding, strides)
    mxnet = nd.Convolution(X.expand_dims(0), K, b, kernel=(k_h, k_w), num_filter=c_o,
                           pad=(p_h // 2, p_w // 2), stride=strides)[0]
    book = corr2d_multi_in_out(pad(X, padding), K)[:, ::s_h, ::s_w] + b.reshape((-1, 1, 1))
    return {name: float(nd.abs(Y - other).max().asscalar())
            for name, other in [("nd.Convolution", mxnet), ("corr2d_multi_in_out", book)]}


def size_ratio(input_shape, kernel_shape, padding, strides):
    C = im2col(nd.zeros(input_shape), kernel_shape, padding, strides)
    return round(C.size / nd.zeros(input_shape).size, 2)


def tiles_by_reshape(X, kernel_shape):
    """im2col for non-overlapping windows: cut the axes into tiles, move the tile axes last."""
    c_i, h, w = X.shape
    k_h, k_w = kernel_shape
    tiles = X.reshape((c_i, h // k_h, k_h, w // k_w, k_w)).transpose((0, 2, 4, 1, 3))
    return tiles.reshape((c_i * k_h * k_w, (h // k_h) * (w // k_w)))


if __name__ == "__main__":
    X, K, b = example()
    C = im2col(X, (3, 3), padding=(2, 2), strides=(2, 2))
    print("input", X.shape, " kernel", K.shape, " padding (2, 2) in all, stride (2, 2)")
    print("im2col matrix C", C.shape, "  kernel matrix", K.reshape((2, -1)).shape)
    print("output", conv_by_matmul(X, K, b, (2, 2), (2, 2)).shape)
    print("largest difference:", differences())
    print("size of C / size of input:",
          glue("ratio_strided", size_ratio(X.shape, (3, 3), (2, 2), (2, 2))), "here;",
          glue("ratio_same", size_ratio((3, 8, 8), (3, 3), (2, 2), (1, 1))),
          "for 3×8×8, stride 1")
    X = nd.arange(48).reshape((2, 4, 6))
    print("non-overlapping 2×3 windows: im2col == reshape and transpose:",
          bool((im2col(X, (2, 3), (0, 0), (2, 3)) == tiles_by_reshape(X, (2, 3))).min()))
