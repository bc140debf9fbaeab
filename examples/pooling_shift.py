"""Pooling: a one-pixel shift, before and after
=============================================

The book's edge detector: a 6×9 image is bright (1) left of column ``c`` and dark (0) from column
``c`` on, and the 1×2 kernel [1, -1] answers 1 exactly where a pixel is brighter than its right
neighbour. The edge at c = 3 gives a 6×8 map with a single column of 1s, column 2:

>>> Y = edge_response(3)
>>> Y.shape, Y[0].tolist()
((6, 8), [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0])

Shift the edge by one pixel and the convolution output shifts with it (convolution is equivariant,
not invariant): the two maps differ in two columns, 12 entries.

>>> int((edge_response(3) != edge_response(4)).sum())
12

2×2 max pooling with stride 2 (the default of ``nn.MaxPool2D``) halves the height and width, so the
map has 4 times fewer values. A shift that stays inside one pooling window changes nothing; a shift
across a window boundary moves the pooled output by one column:

>>> pool(edge_response(3)).shape
(3, 4)
>>> bool((pool(edge_response(3)) == pool(edge_response(4))).all())
True
>>> pool(edge_response(4))[0].tolist(), pool(edge_response(5))[0].tolist()
([0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0])

Over every one-pixel shift of the edge across the map, about half leave the pooled map unchanged:

>>> unchanged_shifts()
(4, 7)

The book's own ``pool2d`` uses stride 1. Then the pooled map still moves, but it widens the line to
two columns, so the positions that fired before the shift still fire after it:

>>> before, after = pool(edge_response(3), stride=1), pool(edge_response(4), stride=1)
>>> before[0].tolist(), after[0].tolist()
([0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0])
>>> int((before * after).sum())  # positions that fire in both: column 2 of all 5 rows
5
"""

import matplotlib.pyplot as plt
import numpy as np
from mxnet import nd

from _glue import glue

KERNEL = nd.array([[[[1, -1]]]])  # (output channels, input channels, height, width)


def edge_response(c, height=6, width=9):
    """The edge detector's output for an image that is 1 left of column ``c`` and 0 from it on."""
    X = nd.zeros((1, 1, height, width))
    X[:, :, :, :c] = 1
    Y = nd.Convolution(X, KERNEL, kernel=(1, 2), num_filter=1, no_bias=True)
    return Y[0, 0].asnumpy()


def pool(Y, size=2, stride=2):
    out = nd.Pooling(nd.array(Y).reshape((1, 1) + Y.shape), kernel=(size, size),
                     stride=(stride, stride), pool_type="max")
    return out[0, 0].asnumpy()


def unchanged_shifts(width=9):
    """How many of the one-pixel shifts c -> c + 1 leave the 2×2, stride-2 pooled map unchanged."""
    shifts = [(c, c + 1) for c in range(1, width - 1)]
    same = sum(bool((pool(edge_response(a)) == pool(edge_response(b))).all()) for a, b in shifts)
    return same, len(shifts)


def draw(ax, values, window=None):
    ax.imshow(values, cmap="Blues", vmin=0, vmax=1)
    if window:  # the borders of the pooling windows
        rows, cols = values.shape
        ax.vlines(np.arange(-0.5, cols, window), -0.5, rows - 0.5, color="tab:orange")
        ax.hlines(np.arange(-0.5, rows, window), -0.5, cols - 0.5, color="tab:orange")
    ax.set_xticks([])
    ax.set_yticks([])


if __name__ == "__main__":
    same, total = unchanged_shifts()
    print(f"one-pixel shifts that leave the 2×2 max-pooled map unchanged: {same} of {total}")
    glue("unchanged", same)
    glue("shifts", total)
    glue("conv_changed", int((edge_response(3) != edge_response(4)).sum()))
    fig, axes = plt.subplots(2, 3, figsize=(6, 3.5), gridspec_kw={"height_ratios": [1, 1]})
    titles = ["original", "shifted by 1 pixel", "shifted by 2 pixels"]
    for col, (c, title) in enumerate(zip((3, 4, 5), titles)):
        Y = edge_response(c)
        print(f"\n{title} (edge at column {c})\nconvolution output, first row:",
              Y[0].astype(int).tolist(), "\n2×2 max pooling, stride 2, first row: ",
              pool(Y)[0].astype(int).tolist())
        draw(axes[0, col], Y, window=2)
        draw(axes[1, col], pool(Y))
        axes[0, col].set_title(title, fontsize=10)
    axes[0, 0].set_ylabel("convolution output", fontsize=9)
    axes[1, 0].set_ylabel("2×2 max pooled", fontsize=9)
    fig.tight_layout()
    plt.show()
