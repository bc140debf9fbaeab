"""Max pooling versus average pooling on the same input
====================================================

A 4×4 map made of four 2×2 windows: A has one strong response, B weak ones everywhere,
C strong ones everywhere, D one strong response in another corner than A.

>>> X = toy_map()
>>> X
array([[1. , 0. , 0.1, 0.3],
       [0. , 0. , 0.4, 0.2],
       [0.9, 1. , 0. , 0. ],
       [0.8, 0.9, 0. , 1. ]], dtype=float32)

Max pooling keeps each window's strongest response: it tells A from B, but not A from C (one
strong value or four) nor A from D (where in the window). Average pooling keeps how much response
there is in all: it tells A from C, but not A from B (one strong value or many weak ones) nor A
from D:

>>> pool(X, "max")
array([[1. , 0.4],
       [1. , 1. ]], dtype=float32)
>>> pool(X, "avg")
array([[0.25, 0.25],
       [0.9 , 0.25]], dtype=float32)

The two also train differently. The gradient of max pooling reaches only the largest value of
each window; average pooling hands every value a quarter:

>>> gradient(X, "max")
array([[1., 0., 0., 0.],
       [0., 0., 1., 0.],
       [0., 1., 0., 0.],
       [0., 0., 0., 1.]], dtype=float32)
>>> gradient(X, "avg")
array([[0.25, 0.25, 0.25, 0.25],
       [0.25, 0.25, 0.25, 0.25],
       [0.25, 0.25, 0.25, 0.25],
       [0.25, 0.25, 0.25, 0.25]], dtype=float32)

On a digit (bright strokes, 0 to 1, on a dark background), average pooling keeps the mean
brightness exactly but dims a thin stroke; max pooling keeps the strokes' full brightness and
thickens them, so its map is brighter on average:

>>> image = digit()
>>> stats = brightness(image)
>>> bool(abs(stats["avg"]["mean"] - stats["input"]["mean"]) < 1e-6)
True
>>> stats["max"]["mean"] > stats["input"]["mean"]
True
>>> stats["max"]["peak"] == stats["input"]["peak"] == 1.0, stats["avg"]["peak"] < 1.0
(True, True)
"""

import matplotlib.pyplot as plt
import numpy as np
from mxnet import autograd, nd

from _data import digits
from _glue import glue


def toy_map():
    A = np.array([[1, 0], [0, 0]])
    B = np.array([[0.1, 0.3], [0.4, 0.2]])
    C = np.array([[0.9, 1], [0.8, 0.9]])
    D = np.array([[0, 0], [0, 1]])
    return np.block([[A, B], [C, D]]).astype("float32")


def pool(X, kind):
    out = nd.Pooling(nd.array(X[np.newaxis, np.newaxis]), kernel=(2, 2), stride=(2, 2),
                     pool_type=kind)
    return out[0, 0].asnumpy()


def gradient(X, kind):
    """Gradient of the sum of the pooled outputs with respect to the input."""
    x = nd.array(X[np.newaxis, np.newaxis])
    x.attach_grad()
    with autograd.record():
        y = nd.Pooling(x, kernel=(2, 2), stride=(2, 2), pool_type=kind)
    y.backward()
    return x.grad[0, 0].asnumpy()


def digit(index=2):
    X_train, y_train, _, _ = digits(images=True)
    return X_train[index, 0].asnumpy()


def brightness(image):
    maps = {"input": image, "max": pool(image, "max"), "avg": pool(image, "avg")}
    return {name: {"mean": float(m.mean()), "peak": float(m.max())} for name, m in maps.items()}


if __name__ == "__main__":
    X = toy_map()
    print("toy map:\n", X)
    print("max pooling:\n", pool(X, "max"), "\naverage pooling:\n", pool(X, "avg"))
    image = digit()
    stats = brightness(image)
    for name, s in stats.items():
        print(f"digit, {name:5s}: mean brightness {s['mean']:.3f}, brightest pixel {s['peak']:.3f}")
    glue("mean_input", stats["input"]["mean"])
    glue("mean_max", stats["max"]["mean"])
    glue("peak_avg", stats["avg"]["peak"])

    fig, axes = plt.subplots(1, 3, figsize=(6, 2.4))
    panels = [("input, 8×8", image), ("2×2 max pooling", pool(image, "max")),
              ("2×2 average pooling", pool(image, "avg"))]
    for ax, (title, m) in zip(axes, panels):
        ax.imshow(m, cmap="gray", vmin=0, vmax=1)
        ax.set_title(title, fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()
    plt.show()
