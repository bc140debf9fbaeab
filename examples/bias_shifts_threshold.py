"""What the weight and the bias do to a unit's output
==================================================

A unit with one input x and a sigmoid outputs σ(wx + b). The output passes 0.5 where wx + b = 0, that is
at x = -b/w: the bias moves that threshold (a larger b lets the unit switch on for smaller
inputs), while the weight sets how steeply and in which direction the output reacts to x.

>>> crossing(w=1, b=-2), crossing(w=1, b=0), crossing(w=1, b=2), crossing(w=2, b=2)
(2.0, 0.0, -2.0, -1.0)

With no input at all (x = 0) the pre-activation is the bias itself, so the output is σ(b):

>>> x, out = outputs(w=1, b=2)
>>> bool(abs(out[x == 0][0] - 1 / (1 + np.exp(-2))) < 1e-6)
True

A negative weight turns the unit around: it now switches on for small x and off for large x.

>>> x, out = outputs(w=-1, b=0)
>>> bool(out[0] > 0.99), bool(out[-1] < 0.01)
(True, True)
"""

import matplotlib.pyplot as plt
import numpy as np
from mxnet import nd


def outputs(w, b):
    x = np.round(np.linspace(-6, 6, 1201), 2)  # rounded so that x = -b/w is exactly on the grid
    out = nd.sigmoid(w * nd.array(x) + b).asnumpy()
    return x, out


def crossing(w, b):
    """The input at which the output is closest to 0.5."""
    x, out = outputs(w, b)
    return float(x[np.abs(out - 0.5).argmin()])


if __name__ == "__main__":
    fig, ax = plt.subplots(figsize=(6, 3.5))
    for w, b in [(1, -2), (1, 0), (1, 2), (-1, 0)]:
        x, out = outputs(w, b)
        ax.plot(x, out, label=f"$w$ = {w}, $b$ = {b}")
        print(f"w = {w:2d}, b = {b:2d}: output 0.5 at x = {crossing(w, b):.2f}")
    ax.axhline(0.5, color="gray", linestyle=":", linewidth=1)
    ax.set_xlabel("input $x$")
    ax.set_ylabel(r"output $\sigma(wx + b)$")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))  # outside: the curves fill the axes
    ax.grid(alpha=0.3)
    fig.tight_layout()
    plt.show()
