"""Counting the multiplications and additions of a convolution layer's forward pass
=================================================================================

Input c_i×h×w, kernel c_o×c_i×k_h×k_w, p_h and p_w rows and columns of padding in all, strides
s_h and s_w. The output has c_o×h_o×w_o elements, h_o = floor((h - k_h + p_h + s_h) / s_h) and
w_o likewise. Each output element is a sum of c_i k_h k_w products, which takes c_i k_h k_w
multiplications and c_i k_h k_w - 1 additions, plus one more addition for the bias:

    multiplications = c_o h_o w_o c_i k_h k_w
    additions       = c_o h_o w_o (c_i k_h k_w - 1)    without the bias
                    = c_o h_o w_o c_i k_h k_w          with it

``convolve_counting`` computes the layer one scalar operation at a time on the zero-padded input
and counts the operations as it performs them. On a grid of cases its output matches
``nd.Convolution`` and its counts match the formula:

>>> results = [check(*case) for case in CASES]
>>> [r["output matches nd.Convolution"] for r in results]
[True, True, True, True, True]
>>> [r["counted"] == r["formula"] for r in results]
[True, True, True, True, True]

For one case (c_i = 2, 6×6, c_o = 3, 3×3 kernel, p_h = p_w = 2, stride 1), the numbers: the bias
makes the additions exactly as many as the multiplications. The count includes the products with
the zeros of the padding, which the direct computation performs; an implementation that skipped
them would do that many fewer:

>>> base = check(*BASE)
>>> base["counted"]
{'multiplications': 1944, 'additions without bias': 1836, 'bias additions': 108}
>>> base["products with padding zeros"]
408

How the count changes (the book's follow-up questions), from the counts themselves:

>>> scaling()
{'double c_i and c_o': 4.0, 'double the padding': 1.78, '1×1 kernel, same output size': 0.11}
"""

import numpy as np
from mxnet import nd

from _glue import glue
from _train import seed

# (c_i, h, w, c_o, k_h, k_w, p_h, p_w, s_h, s_w); the paddings are totals, top plus bottom.
BASE = (2, 6, 6, 3, 3, 3, 2, 2, 1, 1)
CASES = [
    BASE,
    (1, 5, 5, 1, 3, 3, 0, 0, 1, 1),
    (2, 5, 6, 3, 3, 3, 2, 2, 2, 2),
    (3, 6, 5, 2, 2, 3, 2, 0, 1, 2),
    (2, 7, 7, 2, 1, 1, 0, 0, 3, 3),
]


def convolve_counting(X, K, bias, padding, strides):
    """Direct convolution (cross-correlation, as in the book), counting every operation."""
    c_i, h, w = X.shape
    c_o, _, k_h, k_w = K.shape
    (p_h, p_w), (s_h, s_w) = padding, strides
    padded = np.zeros((c_i, h + p_h, w + p_w), dtype=X.dtype)
    padded[:, p_h // 2 : p_h // 2 + h, p_w // 2 : p_w // 2 + w] = X
    is_padding = np.ones(padded.shape, dtype=bool)
    is_padding[:, p_h // 2 : p_h // 2 + h, p_w // 2 : p_w // 2 + w] = False
    rows = range(0, h + p_h - k_h + 1, s_h)  # where the windows start: no formula used
    columns = range(0, w + p_w - k_w + 1, s_w)
    Y = np.zeros((c_o, len(rows), len(columns)), dtype=X.dtype)
    count = {"multiplications": 0, "additions without bias": 0, "bias additions": 0,
             "products with padding zeros": 0}
    for o in range(c_o):
        for i, top in enumerate(rows):
            for j, left in enumerate(columns):
                total = None
                for c in range(c_i):
                    for a in range(k_h):
                        for b in range(k_w):
                            product = K[o, c, a, b] * padded[c, top + a, left + b]
                            count["multiplications"] += 1
                            count["products with padding zeros"] += is_padding[c, top + a, left + b]
                            if total is None:
                                total = product
                            else:
                                total = total + product
                                count["additions without bias"] += 1
                Y[o, i, j] = total + bias[o]
                count["bias additions"] += 1
    return Y, count


def formula(c_i, h, w, c_o, k_h, k_w, p_h, p_w, s_h, s_w):
    h_o = (h - k_h + p_h + s_h) // s_h
    w_o = (w - k_w + p_w + s_w) // s_w
    outputs = c_o * h_o * w_o
    return {"multiplications": outputs * c_i * k_h * k_w,
            "additions without bias": outputs * (c_i * k_h * k_w - 1),
            "bias additions": outputs}


def check(c_i, h, w, c_o, k_h, k_w, p_h, p_w, s_h, s_w):
    seed(0)
    X = nd.random.normal(shape=(c_i, h, w))
    K = nd.random.normal(shape=(c_o, c_i, k_h, k_w))
    bias = nd.random.normal(shape=(c_o,))
    Y, count = convolve_counting(X.asnumpy(), K.asnumpy(), bias.asnumpy(), (p_h, p_w), (s_h, s_w))
    reference = nd.Convolution(X.expand_dims(0), K, bias, kernel=(k_h, k_w), num_filter=c_o,
                               pad=(p_h // 2, p_w // 2), stride=(s_h, s_w))[0].asnumpy()
    padding_products = count.pop("products with padding zeros")
    return {
        "output matches nd.Convolution": Y.shape == reference.shape
        and bool(np.allclose(Y, reference, atol=1e-5)),
        "counted": count,
        "formula": formula(c_i, h, w, c_o, k_h, k_w, p_h, p_w, s_h, s_w),
        "products with padding zeros": padding_products,
    }


def multiplications(case):
    c_i, h, w, c_o, k_h, k_w, p_h, p_w, s_h, s_w = case
    X = np.ones((c_i, h, w), dtype="float32")
    K = np.ones((c_o, c_i, k_h, k_w), dtype="float32")
    return convolve_counting(X, K, np.zeros(c_o), (p_h, p_w), (s_h, s_w))[1]["multiplications"]


def scaling():
    c_i, h, w, c_o, k_h, k_w, p_h, p_w, s_h, s_w = BASE
    base = multiplications(BASE)
    changed = {
        "double c_i and c_o": (2 * c_i, h, w, 2 * c_o, k_h, k_w, p_h, p_w, s_h, s_w),
        "double the padding": (c_i, h, w, c_o, k_h, k_w, 2 * p_h, 2 * p_w, s_h, s_w),
        "1×1 kernel, same output size": (c_i, h, w, c_o, 1, 1, 0, 0, s_h, s_w),
    }
    return {name: round(multiplications(case) / base, 2) for name, case in changed.items()}


if __name__ == "__main__":
    print("c_i h  w  c_o k_h k_w p_h p_w s_h s_w | output ok | mult  (formula)"
          " | add+bias (formula)")
    for case in CASES:
        r = check(*case)
        counted, expected = r["counted"], r["formula"]
        adds = counted["additions without bias"] + counted["bias additions"]
        expected_adds = expected["additions without bias"] + expected["bias additions"]
        print(" ".join(f"{v:<3d}" for v in case),
              f"| {r['output matches nd.Convolution']!s:9s} | {counted['multiplications']:<5d}"
              f" ({expected['multiplications']:<5d}) | {adds:<5d}    ({expected_adds})")
    base = check(*BASE)
    print("\nbase case:", base["counted"], "of which products with padding zeros:",
          base["products with padding zeros"])
    for key, name in [("mults", "multiplications"), ("adds", "additions without bias"),
                      ("bias_adds", "bias additions")]:
        glue(key, base["counted"][name])
    glue("padding_products", base["products with padding zeros"])
    ratios = scaling()
    print("multiplications relative to the base case:", ratios)
    for key, name in [("ratio_channels", "double c_i and c_o"),
                      ("ratio_padding", "double the padding"),
                      ("ratio_1x1", "1×1 kernel, same output size")]:
        glue(key, ratios[name])
