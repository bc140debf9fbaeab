"""Choosing the learning rate and the batch size: too small, about right, too large
==================================================================================

The same linear regression as the book (y = Xw + b + ε with w = [2, -3.4], b = 4.2, noise of
standard deviation 0.01), on 100 training examples and 100 held-out validation examples. Every
run starts from the same weights, sees the same shuffled data and lasts 3 epochs; only the learning
rate η or the batch size |B| changes. The floor is the noise, 0.01² / 2 = 5e-5.

Learning rate, with |B| = 10 (10 updates per epoch). Too small and the loss is still falling
slowly when the budget runs out; too large and every step overshoots, so the loss explodes:

>>> runs = train_all()
>>> small, right, large = (runs[("lr", lr)]["valid_loss"] for lr in LEARNING_RATES)
>>> small[0] > small[1] > small[2] > 0.1  # falling, but slowly
True
>>> right[0] < 1e-4  # at the floor after one epoch
True
>>> large[0] < large[1] < large[2] and large[2] > 1e6  # growing every epoch
True

Batch size, with η = 0.5. |B| = 1 makes 100 noisy updates per epoch: at this learning rate a
single example's gradient overshoots, and the loss jumps around, several times the floor.
|B| = 100 is the whole training set: one exact but lonely update per epoch, far from done:

>>> tiny, right, whole = (runs[("batch", size)] for size in BATCH_SIZES)
>>> [run["updates"] for run in (tiny, right, whole)]
[300, 30, 3]
>>> tiny["valid_loss"][1] > tiny["valid_loss"][0]  # it jumps up again in the second epoch
True
>>> tiny["valid_loss"][-1] > 5 * right["valid_loss"][-1]
True
>>> whole["valid_loss"][-1] > 100 * right["valid_loss"][-1]
True

The choice is made on the validation loss (the test set stays unused); its lowest value is the
run with η = 0.5 and |B| = 10:

>>> best = min(runs.values(), key=lambda result: result["valid_loss"][-1])
>>> best is runs[("lr", 0.5)] is runs[("batch", 10)]
True

Could the whole-batch run simply take a 10 times larger step? On this quadratic loss, gradient
descent on the whole training set diverges for any η above 2 divided by the largest eigenvalue of
the loss's Hessian; here that limit is below 2, so η = 5 is out of reach:

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

LEARNING_RATES = [0.05, 0.5, 3.0]  # with |B| = 10
BATCH_SIZES = [1, 10, 100]  # with η = 0.5


def synthetic_data(n_train=100, n_valid=100):
    mx.random.seed(0)
    X = nd.random.normal(shape=(n_train + n_valid, 2))
    y = nd.dot(X, nd.array([2, -3.4])) + 4.2 + nd.random.normal(scale=0.01, shape=(n_train + n_valid,))
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]


def largest_stable_lr():
    """2 / (largest eigenvalue of the Hessian) of the mean of ½(wᵀx + b - y)² over the training set."""
    X = synthetic_data()[0].asnumpy().astype("float64")
    A = np.hstack([X, np.ones((len(X), 1))])  # a column of 1s for the bias
    hessian = A.T @ A / len(A)
    return float(2 / np.linalg.eigvalsh(hessian).max())


def run(lr, batch_size, epochs=3):
    data = synthetic_data()
    _train.seed(1)
    net = nn.Dense(1, in_units=2)  # in_units: the weights are drawn now, the same for every run
    net.initialize(init.Normal(sigma=0.01))
    loss = gloss.L2Loss()
    start = _train.evaluate(net, data[2], data[3], loss, classify=False)["loss"]
    history = _train.train(net, data, epochs=epochs, lr=lr, batch_size=batch_size, loss=loss,
                           classify=False)
    updates = epochs * -(-len(data[1]) // batch_size)  # ⌈n / |B|⌉ per epoch
    return {"train_loss": history["train_loss"], "valid_loss": history["test_loss"],
            "start": start, "updates": updates}


@functools.lru_cache(maxsize=None)
def train_all():
    runs = {("lr", lr): run(lr, 10) for lr in LEARNING_RATES}
    for size in BATCH_SIZES:
        # |B| = 10 with η = 0.5 is the run above: no need to train it twice
        runs[("batch", size)] = runs[("lr", 0.5)] if size == 10 else run(0.5, size)
    return runs


if __name__ == "__main__":
    runs = train_all()
    print("  η     |B|  updates   train loss per epoch            validation loss per epoch")
    for (kind, value), result in runs.items():
        lr, size = (value, 10) if kind == "lr" else (0.5, value)
        print(f"{lr:5.2f} {size:5d} {result['updates']:8d}   "
              + " ".join(f"{v:9.2e}" for v in result["train_loss"]) + "   "
              + " ".join(f"{v:9.2e}" for v in result["valid_loss"]))
    glue("lr_small_loss", runs[("lr", 0.05)]["valid_loss"][-1])
    glue("lr_right_loss", runs[("lr", 0.5)]["valid_loss"][-1])
    glue("lr_large_loss", runs[("lr", 3.0)]["valid_loss"][-1])
    glue("batch_tiny_loss", runs[("batch", 1)]["valid_loss"][-1])
    glue("batch_whole_loss", runs[("batch", 100)]["valid_loss"][-1])
    glue("max_stable_lr", largest_stable_lr())
    print(f"full-batch gradient descent diverges for η > {largest_stable_lr():.2f}")

    fig, (left, right) = plt.subplots(1, 2, figsize=(7, 4.2))
    names = ["too small", "about right", "too large"]
    for lr, name in zip(LEARNING_RATES, names):
        result = runs[("lr", lr)]
        left.plot([0, 1, 2, 3], [result["start"]] + result["valid_loss"], marker="o",
                  label=f"$\\eta$ = {lr:g}: {name}")
    for size, name in zip(BATCH_SIZES, names):
        result = runs[("batch", size)]
        right.plot([0, 1, 2, 3], [result["start"]] + result["valid_loss"], marker="o",
                   label=f"$|\\mathcal{{B}}|$ = {size}: {name}")
    left.set_title(r"learning rate ($|\mathcal{B}|$ = 10)")
    right.set_title(r"batch size ($\eta$ = 0.5)")
    left.set_ylabel("validation loss (log scale)")
    for ax in (left, right):
        ax.axhline(0.01**2 / 2, color="gray", linestyle="--", linewidth=1)
        ax.set_yscale("log")
        ax.set_xlabel("epoch")
        ax.set_xticks([0, 1, 2, 3])
        ax.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.18))
        ax.grid(alpha=0.3)
    fig.tight_layout()
    plt.show()
