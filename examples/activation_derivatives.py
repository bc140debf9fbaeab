"""Derivatives of sigmoid and tanh, checked against autograd
=========================================================

The chain rule gives sigma'(x) = sigma(x)(1 - sigma(x)) and tanh'(x) = 1 - tanh(x)^2. On a grid
of inputs from -8 to 8, both formulas agree with MXNet's autograd, in fact to the last bit:

>>> x, curves = curves_on_grid()
>>> max_gap(curves["sigmoid'"], curves["sigmoid' (autograd)"])
0.0
>>> max_gap(curves["tanh'"], curves["tanh' (autograd)"])
0.0

MXNet's backward pass evaluates the same formulas from the function's output (its source
defines sigmoid_grad as y (1 - y), y the output), hence the exact agreement. A check that
shares nothing with MXNet: central differences of the definitions, in float64, match the
formulas to 1e-9 (and the float32 curves to 1e-6):

>>> fd = finite_differences(x.astype("float64"))
>>> max_gap(fd["sigmoid'"], curves["sigmoid'"]) < 1e-6, max_gap(fd["tanh'"], curves["tanh'"]) < 1e-6
(True, True)
>>> s, t = 1 / (1 + np.exp(-x.astype("float64"))), np.tanh(x.astype("float64"))
>>> max_gap(fd["sigmoid'"], s * (1 - s)) < 1e-9, max_gap(fd["tanh'"], 1 - t**2) < 1e-9
(True, True)

Both derivatives peak at x = 0: sigmoid's at 1/4, tanh's at 1. Far from 0 both functions
saturate and their derivatives almost vanish:

>>> peaks = derivative_peaks()
>>> peaks["sigmoid"], peaks["tanh"]
((0.0, 0.25), (0.0, 1.0))
>>> at_five = derivatives_at(5.0)
>>> round(at_five["sigmoid"], 4), round(at_five["tanh"], 4)
(0.0066, 0.0002)

tanh is a sigmoid stretched to (-1, 1) and squeezed twice as steep: tanh(x) = 2 sigma(2x) - 1.
The often quoted tanh(x) = 2 sigma(x) - 1 is wrong; 2 sigma(x) - 1 is tanh(x / 2):

>>> max_gap(curves["tanh"], 2 * sigmoid_of(2 * x) - 1) < 1e-6
True
>>> round(max_gap(curves["tanh"], 2 * sigmoid_of(x) - 1), 2)
0.3
>>> max_gap(np.tanh(x / 2), 2 * sigmoid_of(x) - 1) < 1e-6
True
"""

import matplotlib.pyplot as plt
import numpy as np
from mxnet import autograd, nd

from _glue import glue


def sigmoid_of(x):
    return nd.sigmoid(nd.array(x)).asnumpy()


def max_gap(a, b):
    return float(np.abs(np.asarray(a) - np.asarray(b)).max())


def finite_differences(x, h=1e-5):
    """Central differences (f(x + h) - f(x - h)) / 2h of the definitions, in NumPy."""
    sigmoid = lambda v: 1 / (1 + np.exp(-v))
    tanh = lambda v: (1 - np.exp(-2 * v)) / (1 + np.exp(-2 * v))  # the book's definition
    return {
        "sigmoid'": (sigmoid(x + h) - sigmoid(x - h)) / (2 * h),
        "tanh'": (tanh(x + h) - tanh(x - h)) / (2 * h),
    }


def autograd_derivative(function, x):
    """d function / dx at every point of x, by backpropagation."""
    x = nd.array(x)
    x.attach_grad()
    with autograd.record():
        y = function(x)
    y.backward()  # y is a vector: backward() differentiates y.sum(), i.e. each y_i by its x_i
    return y.asnumpy(), x.grad.asnumpy()


def curves_on_grid():
    x = np.linspace(-8, 8, 1601).astype("float32")
    s, ds_auto = autograd_derivative(nd.sigmoid, x)
    t, dt_auto = autograd_derivative(nd.tanh, x)
    curves = {
        "sigmoid": s,
        "sigmoid'": s * (1 - s),  # the chain-rule formulas, written with the function's own value
        "sigmoid' (autograd)": ds_auto,
        "tanh": t,
        "tanh'": 1 - t**2,
        "tanh' (autograd)": dt_auto,
    }
    return x, curves


def derivative_peaks():
    """(x, value) of each derivative's maximum on the grid."""
    x, curves = curves_on_grid()
    peaks = {}
    for name in ("sigmoid", "tanh"):
        d = curves[name + "' (autograd)"]
        i = int(d.argmax())
        peaks[name] = (float(x[i]), round(float(d[i]), 6))
    return peaks


def derivatives_at(value):
    x = np.array([value], dtype="float32")
    return {
        "sigmoid": float(autograd_derivative(nd.sigmoid, x)[1][0]),
        "tanh": float(autograd_derivative(nd.tanh, x)[1][0]),
    }


if __name__ == "__main__":
    x, curves = curves_on_grid()
    peaks = derivative_peaks()
    at_five = derivatives_at(5.0)
    gap_sigmoid = glue("gap_sigmoid", max_gap(curves["sigmoid'"], curves["sigmoid' (autograd)"]))
    gap_tanh = glue("gap_tanh", max_gap(curves["tanh'"], curves["tanh' (autograd)"]))
    glue("sigmoid_prime_at_5", at_five["sigmoid"])
    glue("tanh_prime_at_5", at_five["tanh"])
    print(f"largest |formula - autograd| on [-8, 8]: sigmoid' {gap_sigmoid:.1e}, "
          f"tanh' {gap_tanh:.1e}")
    for name, (where, peak) in peaks.items():
        print(f"{name}' peaks at x = {where:g} with value {peak:g}")
    print(f"at x = 5: sigmoid'(5) = {at_five['sigmoid']:.4f}, tanh'(5) = {at_five['tanh']:.5f}")
    right_identity = max_gap(curves["tanh"], 2 * sigmoid_of(2 * x) - 1)
    wrong_identity = max_gap(curves["tanh"], 2 * sigmoid_of(x) - 1)
    print(f"max |tanh(x) - (2 sigmoid(2x) - 1)| = {right_identity:.1e}")
    print(f"max |tanh(x) - (2 sigmoid(x) - 1)|  = {wrong_identity:.3f}")
    glue("wrong_identity_gap", wrong_identity)

    fig, (left, right) = plt.subplots(1, 2, figsize=(6.4, 3.5), sharex=True)
    left.plot(x, curves["sigmoid"], label="$\\sigma(x)$")
    left.plot(x, curves["tanh"], label="$\\tanh(x)$")
    left.set_title("functions")
    right.plot(x, curves["sigmoid' (autograd)"], label="$\\sigma'(x)$")
    right.plot(x, curves["tanh' (autograd)"], label="$\\tanh'(x)$")
    right.plot(x[::80], curves["sigmoid'"][::80], "o", markersize=3, color="C0",
               label="$\\sigma(x)(1-\\sigma(x))$")
    right.plot(x[::80], curves["tanh'"][::80], "o", markersize=3, color="C1",
               label="$1-\\tanh^2(x)$")
    right.axhline(0.25, color="gray", linestyle=":", linewidth=1)
    right.set_title("derivatives (lines: autograd, dots: formulas)", fontsize=9)
    for ax in (left, right):
        ax.set_xlabel("x")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    plt.show()
