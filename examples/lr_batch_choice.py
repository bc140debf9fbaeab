"""Learning rate and batch size: too small, about right, too large
================================================================

The book's linear regression on 100 training and 100 validation examples, 3 epochs, the same
start and shuffling every time; only η or |B| changes. The floor is the noise, 0.01² / 2.

Learning rate, with |B| = 10: too small falls slowly, about right hits the floor in one epoch,
too large grows every epoch:

>>> runs = train_all()
>>> small, right, large = (runs["lr", lr]["valid"] for lr in (0.05, 0.5, 3.0))
>>> small[0] > small[1] > small[2] > 0.1, right[0] < 1e-4, large[0] < large[1] < large[2]
(True, True, True)

Batch size, with η = 0.5: |B| = 1 makes 10 times the updates, bounces back up and ends far above
the floor; |B| = 100 (the whole set) makes one update per epoch and is far from done:

>>> tiny, whole = runs["batch", 1]["valid"], runs["batch", 100]["valid"]
>>> [runs["batch", size]["updates"] for size in (1, 10, 100)]
[300, 30, 3]
>>> tiny[1] > tiny[0], tiny[2] > 5 * right[2], whole[2] > 100 * right[2]
(True, True, True)

A 10 times larger step for the whole batch is out of reach: full-batch gradient descent on this
quadratic loss diverges above η = 2 / (largest eigenvalue of the Hessian):

>>> round(largest_stable_lr(), 2)
1.58
"""

import functools

import matplotlib.pyplot as plt
import mxnet as mx
import numpy as np
from mxnet import init, nd
from mxnet.gluon import loss as gloss
from mxnet.gluon import nn

import _train
from _glue import glue


def synthetic_data(n=200):
    mx.random.seed(0)
    X = nd.random.normal(shape=(n, 2))
    y = nd.dot(X, nd.array([2, -3.4])) + 4.2 + nd.random.normal(scale=0.01, shape=(n,))
    return X[:100], y[:100], X[100:], y[100:]  # training, validation


def largest_stable_lr():
    A = np.hstack([synthetic_data()[0].asnumpy(), np.ones((100, 1))])
    return float(2 / np.linalg.eigvalsh(A.T @ A / 100).max())  # Hessian of the mean L2Loss


def run(lr, batch_size):
    _train.seed(1)
    net = nn.Dense(1, in_units=2)  # in_units: weights drawn now, the same for every run
    net.initialize(init.Normal(sigma=0.01))
    data, loss = synthetic_data(), gloss.L2Loss()
    start = _train.evaluate(net, data[2], data[3], loss, classify=False)["loss"]
    history = _train.train(net, data, epochs=3, lr=lr, batch_size=batch_size, loss=loss, classify=False)
    return {"valid": history["test_loss"], "start": start, "updates": 3 * -(-100 // batch_size)}


@functools.lru_cache(maxsize=None)
def train_all():
    runs = {("lr", lr): run(lr, 10) for lr in (0.05, 0.5, 3.0)}
    runs["batch", 10] = runs["lr", 0.5]  # the same run
    runs.update({("batch", size): run(0.5, size) for size in (1, 100)})
    return runs


if __name__ == "__main__":
    runs = train_all()
    fig, axes = plt.subplots(1, 2, figsize=(7, 4.2))
    for ax, kind, values, symbol in ((axes[0], "lr", (0.05, 0.5, 3.0), r"$\eta$"),
                                     (axes[1], "batch", (1, 10, 100), r"$|\mathcal{B}|$")):
        for value, verdict in zip(values, ("too small", "about right", "too large")):
            result = runs[kind, value]
            print(f"{kind:5s} {value:5g}: {result['updates']:3d} updates, validation loss per epoch",
                  " ".join(f"{v:.1e}" for v in result["valid"]))
            ax.plot([result["start"]] + result["valid"], marker="o", label=f"{symbol} = {value:g}: {verdict}")
            glue(f"{kind}_{value:g}".replace(".", "_"), result["valid"][-1])
        ax.axhline(0.01**2 / 2, color="gray", linestyle="--")
        ax.set(yscale="log", xlabel="epoch", xticks=[0, 1, 2, 3])
        ax.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.18))
    axes[0].set(title=r"learning rate ($|\mathcal{B}|$ = 10)", ylabel="validation loss (log scale)")
    axes[1].set(title=r"batch size ($\eta$ = 0.5)")
    glue("max_stable_lr", largest_stable_lr())
    fig.tight_layout()
    plt.show()
