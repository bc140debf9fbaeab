"""Cross-correlation as one matrix product: rearrange the kernel, or rearrange the input
======================================================================================

Flatten the n_h×n_w input X row by row into a vector x, and the output Y likewise into y. Every
output element is a weighted sum of input elements, so y = W x for a matrix W with one row per
output element: row (i, j) holds K[a, b] in the column of input element (i + a, j + b), and 0
elsewhere. Or rearrange the input instead (im2col): the matrix C has one column per output
element, the window X[i : i + k_h, j : j + k_w] flattened; then y = C^T k, with k the flattened
kernel. On the book's 3×3 input and 2×2 kernel both give its output [[19, 25], [37, 43]]:

>>> X = nd.arange(9).reshape((3, 3))
>>> K = nd.array([[0, 1], [2, 3]])
>>> kernel_matrix(K, X.shape).shape, im2col(X, K.shape).shape
((4, 9), (4, 4))
>>> nd.dot(kernel_matrix(K, X.shape), X.reshape((-1,))).reshape((2, 2))
<BLANKLINE>
[[19. 25.]
 [37. 43.]]
<NDArray 2x2 @cpu(0)>
>>> nd.dot(im2col(X, K.shape).T, K.reshape((-1,))).reshape((2, 2))
<BLANKLINE>
[[19. 25.]
 [37. 43.]]
<NDArray 2x2 @cpu(0)>

On random cases of other shapes, both products match the hand-written ``corr2d`` and MXNet's
``nd.Convolution``:

>>> four_ways_agree()  # to 1e-5, on three random cases
True

W is mostly zeros: each row holds only the k_h k_w kernel entries. C repeats input elements, once
for every window that covers them:

>>> W = kernel_matrix(K, X.shape)
>>> int((W != 0).sum().asscalar()), W.size  # K's 0 entry is among the zeros, so 12, not 16
(12, 36)
>>> counts = np.bincount(im2col(nd.arange(9).reshape((3, 3)), (2, 2)).asnumpy().astype(int).ravel())
>>> counts.reshape((3, 3))  # how many times C holds each input element
array([[1, 2, 1],
       [2, 4, 2],
       [1, 2, 1]])
"""

import matplotlib.pyplot as plt
import numpy as np
from mxnet import nd

from _glue import glue
from _train import seed
from conv2d_scratch import corr2d, mxnet_corr2d


def kernel_matrix(K, input_shape):
    """W with y = W x: one row per output element, kernel entries at the inputs they multiply."""
    K = K.asnumpy()
    (h, w), (n_h, n_w) = K.shape, input_shape
    rows, columns = n_h - h + 1, n_w - w + 1
    W = np.zeros((rows * columns, n_h * n_w), dtype="float32")
    for i in range(rows):
        for j in range(columns):
            for a in range(h):
                for b in range(w):
                    W[i * columns + j, (i + a) * n_w + (j + b)] = K[a, b]
    return nd.array(W)


def im2col(X, kernel_shape):
    """C with y = C^T k: column (i, j) is the window at (i, j), flattened row by row."""
    h, w = kernel_shape
    rows, columns = X.shape[0] - h + 1, X.shape[1] - w + 1
    windows = [X[i : i + h, j : j + w].reshape((-1,)) for i in range(rows) for j in range(columns)]
    return nd.stack(*windows, axis=1)


def four_ways_agree():
    seed(0)
    worst = 0.0
    for input_shape, kernel_shape in [((4, 5), (2, 3)), ((6, 6), (3, 3)), ((5, 3), (1, 2))]:
        X = nd.random.normal(shape=input_shape)
        K = nd.random.normal(shape=kernel_shape)
        out_shape = corr2d(X, K).shape
        results = [
            corr2d(X, K),
            mxnet_corr2d(X, K),
            nd.dot(kernel_matrix(K, X.shape), X.reshape((-1,))).reshape(out_shape),
            nd.dot(im2col(X, K.shape).T, K.reshape((-1,))).reshape(out_shape),
        ]
        worst = max(worst, max(nd.abs(r - results[0]).max().asscalar() for r in results))
    return bool(worst < 1e-5)


def plot(input_shape=(3, 3), kernel_shape=(2, 2)):
    """Which kernel entry (left) and which input element (right) each matrix entry holds."""
    n_w, k_w = input_shape[1], kernel_shape[1]
    # Code every entry by its position: kernel entry p holds p + 1, input element q holds q + 1.
    K = nd.arange(1, 1 + np.prod(kernel_shape)).reshape(kernel_shape)
    X = nd.arange(1, 1 + np.prod(input_shape)).reshape(input_shape)
    W = kernel_matrix(K, input_shape).asnumpy().astype(int)
    C = im2col(X, kernel_shape).asnumpy().astype(int)
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3),
                                      gridspec_kw={"width_ratios": [W.shape[1], C.shape[1]]})
    for ax, M, label in [(left, W, lambda p: f"$k_{{{p // k_w}{p % k_w}}}$"),
                         (right, C, lambda q: f"$x_{{{q // n_w}{q % n_w}}}$")]:
        ax.imshow(np.where(M > 0, M, np.nan), cmap="tab20", vmin=1, vmax=20)
        for (r, c), value in np.ndenumerate(M):
            if value:
                ax.text(c, r, label(value - 1), ha="center", va="center", fontsize=10)
        ax.set_xticks(range(M.shape[1]))
        ax.set_yticks(range(M.shape[0]))
        ax.set_xticks(np.arange(M.shape[1] + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(M.shape[0] + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="0.6")
        ax.tick_params(which="minor", length=0)
    # Words and formulas in separate texts: the Chinese figure swaps the words only.
    for ax, words, formula in [(left, "kernel rearranged", "$y = W x$"),
                               (right, "input rearranged (im2col)", "$y = C^T k$")]:
        ax.set_title(words, pad=22)
        ax.text(0.5, 1.03, formula, transform=ax.transAxes, ha="center", va="bottom")
    left.set_xlabel("input element (row by row)")
    left.set_ylabel("output element")
    right.set_xlabel("output element")
    right.set_ylabel("kernel element")
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    X = nd.arange(9).reshape((3, 3))
    K = nd.array([[0, 1], [2, 3]])
    W, C = kernel_matrix(K, X.shape), im2col(X, K.shape)
    print("W (4×9), the kernel rearranged:\n", W.asnumpy().astype(int))
    print("C (4×4), the input rearranged (im2col):\n", C.asnumpy().astype(int))
    print("nonzero entries of W:", glue("w_nonzero", int((W != 0).sum().asscalar())),
          "of", glue("w_size", W.size))
    print("W x   =", nd.dot(W, X.reshape((-1,))).asnumpy())
    print("C^T k =", nd.dot(C.T, K.reshape((-1,))).asnumpy())
    print("corr2d, nd.Convolution, W x and C^T k agree on random cases:", four_ways_agree())
    plot()
    plt.show()
