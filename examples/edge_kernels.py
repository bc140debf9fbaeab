"""Which edges a difference kernel sees, and which it is blind to
===============================================================

Four 8×8 test images, each with one straight edge between white (1) and black (0): horizontal,
vertical, diagonal (top left to bottom right) and anti-diagonal (bottom left to top right). A
kernel fires on an edge when its feature map (``corr2d`` of the image) is nonzero somewhere:

>>> for name, K in KERNELS.items():
...     print(f"{name:37s}", sorted(edge for edge, on in fires(K).items() if on))
[[1], [-1]]                           ['anti-diagonal', 'diagonal', 'horizontal']
[[1, -1]]                             ['anti-diagonal', 'diagonal', 'vertical']
[[1, 0], [0, -1]]                     ['anti-diagonal', 'horizontal', 'vertical']
[[-1, 0, 1]]                          ['anti-diagonal', 'diagonal', 'vertical']
[[-1, -1, -1], [0, 0, 0], [1, 1, 1]]  ['anti-diagonal', 'diagonal', 'horizontal']
[[1, -1], [-1, 1]]                    ['anti-diagonal', 'diagonal']
[[0, 1, -1], [-1, 0, 1], [1, -1, 0]]  ['diagonal']

So [[1], [-1]], the book's kernel turned upright, finds horizontal edges and ignores vertical ones,
but it fires on diagonal edges too. The "diagonal" kernel [[1, 0], [0, -1]] fires on horizontal
and vertical edges and is blind to the diagonal edge, the one that runs along its own direction.

The rule behind the table: an image with an edge along some direction is constant along every
line in that direction, so a kernel is blind to that edge exactly when its entries on each such
line (its rows, its columns, its diagonals or its anti-diagonals) add up to zero:

>>> all(fires(K) == predicted(K) for K in KERNELS.values())
True

The figure applies four of these kernels to one image with a horizontal edge and two diagonal ones
(a white triangle). Away from the triangle's corners, each feature map is nonzero exactly along
the edges the table says it fires on:

>>> for name, edges in edges_seen().items():
...     print(f"{name:37s}", edges)
[[1], [-1]]                           ['anti-diagonal', 'diagonal', 'horizontal']
[[1, 0], [0, -1]]                     ['anti-diagonal', 'horizontal']
[[1, -1], [-1, 1]]                    ['anti-diagonal', 'diagonal']
[[0, 1, -1], [-1, 0, 1], [1, -1, 0]]  ['diagonal']
"""

import matplotlib.pyplot as plt
import numpy as np
from mxnet import nd

from conv2d_scratch import mxnet_corr2d as corr2d  # corr2d, by nd.Convolution: same numbers, faster

KERNELS = {
    str(K): nd.array(K)
    for K in [
        [[1], [-1]],  # the book's [1, -1] turned upright
        [[1, -1]],  # the book's kernel
        [[1, 0], [0, -1]],  # a difference along the diagonal
        [[-1, 0, 1]],  # often given as a "horizontal" kernel
        [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],  # Prewitt's, often given as a "diagonal" kernel
        [[1, -1], [-1, 1]],  # [1, -1] across rows and across columns at once
        [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],  # rows, columns, anti-diagonals sum to 0
    ]
}
PLOTTED = ["[[1], [-1]]", "[[1, 0], [0, -1]]", "[[1, -1], [-1, 1]]",
           "[[0, 1, -1], [-1, 0, 1], [1, -1, 0]]"]


def edge_images(n=8):
    """One image per edge direction, white on one side of the edge and black on the other."""
    i, j = np.indices((n, n))
    masks = {"horizontal": i < n // 2, "vertical": j < n // 2, "diagonal": j < i,
             "anti-diagonal": i + j < n - 1}
    return {edge: nd.array(mask.astype("float32")) for edge, mask in masks.items()}


def fires(K):
    return {edge: bool(nd.abs(corr2d(X, K)).max().asscalar() > 0)
            for edge, X in edge_images().items()}


def predicted(K):
    """Fires unless the entries on every line along the edge's direction sum to zero."""
    K = K.asnumpy()
    h, w = K.shape
    line_sums = {
        "horizontal": K.sum(axis=1),  # along rows
        "vertical": K.sum(axis=0),  # along columns
        "diagonal": [np.trace(K, offset) for offset in range(-h + 1, w)],
        "anti-diagonal": [np.trace(K[:, ::-1], offset) for offset in range(-h + 1, w)],
    }
    return {edge: bool(np.any(np.abs(sums) > 0)) for edge, sums in line_sums.items()}


def triangle(n=13, top=2, base=7):
    """A white triangle on black: apex at row ``top``, horizontal base at row ``base``."""
    i, j = np.indices((n, n))
    inside = (i >= top) & (i <= base) & (np.abs(j - n // 2) <= i - top)
    return nd.array(inside.astype("float32"))


def edges_seen(n=13, top=2, base=7):
    """Which of the triangle's edges each plotted kernel responds along, corners left out."""
    centre = n // 2
    corners = [(top, centre), (base, centre - (base - top)), (base, centre + (base - top))]
    X = triangle(n, top, base)
    seen = {}
    for name in PLOTTED:
        h, w = KERNELS[name].shape
        found = set()
        for r, c in zip(*np.nonzero(corr2d(X, KERNELS[name]).asnumpy())):
            # The window at (r, c) covers rows r..r+h-1 and columns c..c+w-1 of the image.
            middle = (r + (h - 1) / 2, c + (w - 1) / 2)
            if any(max(abs(middle[0] - a), abs(middle[1] - b)) <= 2 for a, b in corners):
                continue
            if r <= base < r + h - 1:  # the window spans the base's last row and the next
                found.add("horizontal")
            else:
                found.add("anti-diagonal" if middle[1] < centre else "diagonal")
        seen[name] = sorted(found)
    return seen


def plot(X):
    fig, axes = plt.subplots(2, 5, figsize=(8, 3.6))
    axes[0, 0].imshow(X.asnumpy(), cmap="gray")
    axes[0, 0].set_title("input image")
    axes[1, 0].axis("off")
    for column, name in enumerate(PLOTTED, start=1):
        K = KERNELS[name].asnumpy()
        Y = corr2d(X, KERNELS[name]).asnumpy()
        ax = axes[0, column]
        ax.imshow(K, cmap="RdBu_r", vmin=-1.5, vmax=1.5)
        for (r, c), value in np.ndenumerate(K):
            ax.text(c, r, f"{value:g}", ha="center", va="center", fontsize=8)
        ax.set_title("kernel")
        ax.set_xlim(-0.5, 2.5)  # every kernel in the same 3×3 frame, grey where it has no entry
        ax.set_ylim(2.5, -0.5)
        ax.set_facecolor("0.8")
        limit = np.abs(Y).max()
        axes[1, column].imshow(Y, cmap="RdBu_r", vmin=-limit, vmax=limit)
        axes[1, column].set_title("feature map")
    for ax in axes.flat:
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    edges = list(edge_images())
    print("does the kernel fire on an edge that is ...")
    print(f"{'kernel':37s}", "  ".join(edges))
    for name, K in KERNELS.items():
        result = fires(K)
        assert result == predicted(K)  # the line-sum rule
        row = "  ".join(f"{'yes' if result[e] else 'no':{len(e)}s}" for e in edges)
        print(f"{name:37s}", row.rstrip())
    print("\nthe triangle's edges that each plotted kernel responds along:")
    for name, found in edges_seen().items():
        print(f"  {name:37s}", ", ".join(found))
    plot(triangle())
    plt.show()
