"""What a pooling layer's forward pass costs
==========================================

A pooling layer with a k_h×k_w window, p_h rows and p_w columns of padding in all (the book's
convention: half on each side) and strides s_h, s_w turns a c×n_h×n_w input into c×o_h×o_w outputs,

    o_h = ⌊(n_h - k_h + p_h + s_h) / s_h⌋,   o_w = ⌊(n_w - k_w + p_w + s_w) / s_w⌋,

and each output looks at k_h·k_w values: max pooling needs k_h·k_w - 1 comparisons per output,
average pooling k_h·k_w - 1 additions and one division. ``pooling_ops`` is that formula;
``counting_pool`` pools with plain Python loops and counts every operation while it computes.
Both agree, and the loops compute what ``nd.Pooling`` computes. Here c = 3, a 7×7 input, a 3×3
window, one row and column of padding on each side (p_h = p_w = 2) and stride 2:

>>> X = example_input()
>>> pooling_ops(3, 7, 7, k=3, p=2, s=2)
{'outputs': 48, 'comparisons (max)': 384, 'additions (avg)': 384, 'divisions (avg)': 48}
>>> out_max, counted_max = counting_pool(X, k=3, pad=1, stride=2, kind="max")
>>> out_avg, counted_avg = counting_pool(X, k=3, pad=1, stride=2, kind="avg")
>>> counted_max, counted_avg
({'comparisons': 384}, {'additions': 384, 'divisions': 48})
>>> bool((out_max == mxnet_pool(X, 3, 1, 2, "max")).all())
True
>>> bool(abs(out_avg - mxnet_pool(X, 3, 1, 2, "avg")).max() < 1e-6)
True

The formula counts the padded positions too: the loops compare with -inf (max) or add 0 (avg),
and MXNet's average divides every window by k_h·k_w = 9, zeros of the padding included
(``count_include_pad=True``, its default). With ``count_include_pad=False`` it divides by the
number of real values instead, which changes exactly the outputs whose windows touch the padding,
the border of each 4×4 output:

>>> include, exclude = (mxnet_pool(X, 3, 1, 2, "avg", count_include_pad=flag) for flag in (True, False))
>>> changed = include != exclude
>>> changed.astype(int)[0]
array([[1, 1, 1, 1],
       [1, 0, 0, 1],
       [1, 0, 0, 1],
       [1, 1, 1, 1]])
>>> bool((changed == changed[0]).all())  # the same in all 3 channels
True

Counting c·n_h·n_w·(k_h·k_w - 1), as if every input position started a window, is right only for
stride 1. For 2×2 windows with stride 2 on a 3×8×8 input it counts four times too many:

>>> stride_2 = pooling_ops(3, 8, 8, k=2, p=0, s=2)["comparisons (max)"]
>>> stride_2, 3 * 8 * 8 * (2 * 2 - 1) // stride_2
(144, 4)

A pooling layer has no parameters:

>>> from mxnet.gluon import nn
>>> list(nn.MaxPool2D(pool_size=3, strides=2, padding=1).collect_params().keys())
[]

Next to a convolution its cost is small: AlexNet's first 3×3, stride-2 max pooling (96×54×54 ->
96×26×26) makes 0.5% as many comparisons as the convolution before it makes multiplications:

>>> round(alexnet_pool_over_conv(), 4)
0.0051
"""

import numpy as np
from mxnet import nd

from _glue import glue


def example_input():
    return np.random.RandomState(0).randn(3, 7, 7).astype("float32")


def pooling_ops(c, n_h, n_w, k, p, s):
    """Operations of a square k×k pooling with p padding in all (p/2 per side) and stride s."""
    o_h, o_w = (n_h - k + p + s) // s, (n_w - k + p + s) // s
    outputs = c * o_h * o_w
    return {"outputs": outputs, "comparisons (max)": outputs * (k * k - 1),
            "additions (avg)": outputs * (k * k - 1), "divisions (avg)": outputs}


def counting_pool(X, k, pad, stride, kind):
    """Pool the c×h×w array X with a k×k window, ``pad`` on each side, counting every operation."""
    fill = -np.inf if kind == "max" else 0.0  # max ignores the padding, the average adds 0s
    Xp = np.pad(X, ((0, 0), (pad, pad), (pad, pad)), constant_values=fill)
    c, h, w = Xp.shape
    o_h, o_w = (h - k) // stride + 1, (w - k) // stride + 1
    out, ops = np.zeros((c, o_h, o_w), dtype=X.dtype), {}
    for ch in range(c):
        for i in range(o_h):
            for j in range(o_w):
                window = Xp[ch, i * stride:i * stride + k, j * stride:j * stride + k].ravel()
                acc = window[0]
                for value in window[1:]:
                    if kind == "max":
                        acc = value if value > acc else acc
                        ops["comparisons"] = ops.get("comparisons", 0) + 1
                    else:
                        acc = acc + value
                        ops["additions"] = ops.get("additions", 0) + 1
                if kind == "avg":
                    acc = acc / (k * k)
                    ops["divisions"] = ops.get("divisions", 0) + 1
                out[ch, i, j] = acc
    return out, ops


def mxnet_pool(X, k, pad, stride, kind, count_include_pad=True):
    out = nd.Pooling(nd.array(X[np.newaxis]), kernel=(k, k), pad=(pad, pad),
                     stride=(stride, stride), pool_type=kind, count_include_pad=count_include_pad)
    return out[0].asnumpy()


def alexnet_pool_over_conv():
    """AlexNet's first pooling's comparisons over its first convolution's multiplications."""
    conv_mults = 96 * 54 * 54 * (3 * 11 * 11)  # each of 96×54×54 outputs: a 3×11×11 dot product
    pool_comparisons = pooling_ops(96, 54, 54, k=3, p=0, s=2)["comparisons (max)"]
    return pool_comparisons / conv_mults


if __name__ == "__main__":
    X = example_input()
    print("input 3×7×7, window 3×3, padding 1 on each side, stride 2 -> output 3×4×4")
    print("formula:", pooling_ops(3, 7, 7, k=3, p=2, s=2))
    for kind in ("max", "avg"):
        out, ops = counting_pool(X, k=3, pad=1, stride=2, kind=kind)
        diff = abs(out - mxnet_pool(X, 3, 1, 2, kind)).max()
        print(f"{kind} pooling, counted: {ops}; largest difference from nd.Pooling: {diff:.1e}")
    print("without padding, 2×2 window, stride 2, 3×8×8 input:",
          pooling_ops(3, 8, 8, k=2, p=0, s=2))
    print(f"AlexNet's first pooling / first convolution: {alexnet_pool_over_conv():.2%}")
    ops = pooling_ops(3, 7, 7, k=3, p=2, s=2)
    glue("outputs", ops["outputs"])
    glue("comparisons", ops["comparisons (max)"])
    glue("pool_over_conv", alexnet_pool_over_conv())
