"""The output shape of a convolution with padding and stride
==========================================================

With p_h rows of padding in all (the book's convention) and stride s_h, the kernel's first row
can sit at rows 0, s_h, 2 s_h, ... as long as the window still fits in the n_h + p_h padded rows,
so the output has floor((n_h - k_h + p_h + s_h) / s_h) rows; columns likewise. Gluon's
``padding=(a, b)`` adds a rows at the top and a at the bottom, b columns at each side: p_h = 2a,
p_w = 2b. The formula against ``nn.Conv2D``'s real output, on a grid of 8×7 inputs, 4 kernel
shapes, 4 paddings and 3 strides:

>>> cases = shape_grid()
>>> len(cases), all(case["formula"] == case["nn.Conv2D"] for case in cases)
(48, True)

The book's last example of 5.2 (an 8×8 input, kernel 3×5, ``padding=(0, 1)``, ``strides=(3, 4)``):

>>> output_shape((8, 8), (3, 5), padding=(0, 2), strides=(3, 4))  # p_w = 2 × 1
(2, 2)
>>> conv2d_shape((8, 8), (3, 5), padding=(0, 1), strides=(3, 4))
(2, 2)

The formula needs only the total padding, so it holds for an odd total too. Gluon pads both sides
equally, but ``nd.pad`` can pad 1 row on top and 2 at the bottom (p_h = 3) before an unpadded
convolution:

>>> odd = odd_padding_cases()
>>> all(case["formula"] == case["padded by hand"] for case in odd)
True

Three easy slips, and how many of the 48 cases each gets wrong: plugging Gluon's per-side
``padding`` into the book's formula as p_h; plugging the book's p_h into the formula
floor((n + 2p - k) / s) + 1, which expects the per-side p; rounding up instead of down:

>>> wrong_answers(cases)
{'per-side padding as p_h': 30, 'total padding as per-side p': 33, 'rounding up': 30}

Rounding down means that the last rows or columns of the input can go unused. With n_h = 8,
k_h = 3, no padding and stride 2, the windows start at rows 0, 2 and 4, and row 7 is never read:
the output's gradient with respect to it is zero.

>>> unused_rows(n=8, k=3, s=2)
[7]
"""

import functools

import matplotlib.pyplot as plt
import numpy as np
from mxnet import autograd, nd
from mxnet.gluon import nn

from _glue import glue


def output_shape(input_shape, kernel_shape, padding, strides):
    """The book's formula; ``padding`` is the total (p_h, p_w), top plus bottom, left plus right."""
    return tuple((n - k + p + s) // s
                 for n, k, p, s in zip(input_shape, kernel_shape, padding, strides))


def conv2d_shape(input_shape, kernel_shape, padding, strides):
    """What nn.Conv2D really outputs; ``padding`` is Gluon's, per side."""
    layer = nn.Conv2D(1, kernel_size=kernel_shape, padding=padding, strides=strides, in_channels=1)
    layer.initialize()
    return layer(nd.zeros((1, 1) + tuple(input_shape))).shape[2:]


@functools.lru_cache(maxsize=None)
def shape_grid(input_shape=(8, 7)):
    cases = []
    for kernel in [(1, 1), (3, 3), (3, 5), (5, 2)]:
        for padding in [(0, 0), (1, 1), (0, 1), (2, 1)]:  # Gluon's, per side
            for strides in [(1, 1), (2, 2), (3, 4)]:
                total = tuple(2 * p for p in padding)
                cases.append({
                    "kernel": kernel, "padding": padding, "strides": strides,
                    "formula": output_shape(input_shape, kernel, total, strides),
                    "nn.Conv2D": conv2d_shape(input_shape, kernel, padding, strides),
                    "n": input_shape,
                })
    return cases


def odd_padding_cases(input_shape=(8, 7)):
    cases = []
    for (top, bottom, left, right), kernel, strides in [
        ((1, 2, 0, 1), (3, 3), (2, 2)),
        ((0, 1, 2, 1), (2, 4), (3, 2)),
        ((2, 1, 1, 0), (4, 2), (1, 3)),
    ]:
        X = nd.pad(nd.zeros((1, 1) + input_shape), mode="constant",
                   pad_width=(0, 0, 0, 0, top, bottom, left, right))
        Y = nd.Convolution(X, nd.zeros((1, 1) + kernel), kernel=kernel, stride=strides,
                           num_filter=1, no_bias=True)
        cases.append({
            "formula": output_shape(input_shape, kernel, (top + bottom, left + right), strides),
            "padded by hand": Y.shape[2:],
        })
    return cases


def wrong_answers(cases):
    slips = {
        "per-side padding as p_h": lambda n, k, p, s: (n - k + p + s) // s,
        "total padding as per-side p": lambda n, k, p, s: (n + 2 * (2 * p) - k) // s + 1,
        "rounding up": lambda n, k, p, s: -(-(n - k + 2 * p + s) // s),
    }
    return {
        name: sum(
            tuple(slip(n, k, p, s) for n, k, p, s in
                  zip(case["n"], case["kernel"], case["padding"], case["strides"]))
            != case["nn.Conv2D"]
            for case in cases)
        for name, slip in slips.items()
    }


def unused_rows(n, k, s):
    """Input rows whose gradient is zero: the windows never read them."""
    X = nd.ones((1, 1, n, 1))
    X.attach_grad()
    with autograd.record():
        Y = nd.Convolution(X, nd.ones((1, 1, k, 1)), kernel=(k, 1), stride=(s, 1), num_filter=1,
                           no_bias=True)
    Y.backward()
    return [int(row) for row in np.nonzero(X.grad[0, 0, :, 0].asnumpy() == 0)[0]]


def plot(n=8, k=3):
    """One row of the input for two settings: where the windows start and what they cover."""
    settings = [(2, 3), (0, 2)]  # (total padding p_h, stride s_h)
    fig, axes = plt.subplots(len(settings), 1, figsize=(6, 3.2))
    for ax, (p, s) in zip(axes, settings):
        size = n + p
        starts = list(range(0, size - k + 1, s))
        for cell in range(size):
            padding = cell < p // 2 or cell >= p // 2 + n
            ax.add_patch(plt.Rectangle((cell, 0), 1, 1, facecolor="0.85" if padding else "white",
                                       edgecolor="0.3"))
            if not padding:
                ax.text(cell + 0.5, 0.5, str(cell - p // 2), ha="center", va="center")
        for row, start in enumerate(starts):
            ax.plot([start + 0.1, start + k - 0.1], [-0.4 - 0.35 * row] * 2, linewidth=4,
                    color=f"C{row}", solid_capstyle="butt")
        ax.set_xlim(-0.2, n + 5)
        ax.set_ylim(-0.4 - 0.35 * len(starts), 1.1)
        ax.axis("off")
        count = output_shape((n,), (k,), (p,), (s,))[0]
        ax.set_title(f"$n_h = {n},\\ k_h = {k},\\ p_h = {p},\\ s_h = {s}$", fontsize=10)
        ax.text(size + 0.3, -0.4 - 0.35 * (len(starts) - 1) / 2, f"{count} windows",
                va="center", fontsize=10)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    cases = shape_grid()
    agree = sum(case["formula"] == case["nn.Conv2D"] for case in cases)
    print(f"formula == nn.Conv2D output on {agree} of {len(cases)} cases (input 8×7); a few:")
    print("kernel  padding  strides   formula  nn.Conv2D")
    for case in cases[::9]:
        print(f"{case['kernel']!s:7s} {case['padding']!s:8s} {case['strides']!s:9s}"
              f" {case['formula']!s:8s} {case['nn.Conv2D']}")
    print("book's example, kernel (3, 5), padding=(0, 1), strides=(3, 4):",
          conv2d_shape((8, 8), (3, 5), (0, 1), (3, 4)))
    print("odd total padding, formula vs nd.pad + nd.Convolution:",
          [(case["formula"], case["padded by hand"]) for case in odd_padding_cases()])
    glue("n_cases", len(cases))
    slips = wrong_answers(cases)
    print("cases each slip gets wrong:", slips)
    for key, name in [("slip_per_side", "per-side padding as p_h"),
                      ("slip_total", "total padding as per-side p"), ("slip_ceil", "rounding up")]:
        glue(key, slips[name])
    print("rows never read (n=8, k=3, stride 2):", unused_rows(8, 3, 2))
    plot()
    plt.show()
