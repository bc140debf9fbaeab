"""Batch GD, SGD and minibatch SGD on the same linear regression
================================================================

The book's data: 1000 synthetic examples y = Xw + b + ε with w = [2, -3.4], b = 4.2 and noise ε
of standard deviation 0.01. Linear regression has an analytical solution (least squares); its
loss ½(ŷ - y)², averaged over the data, is the floor no method can go below, about 0.01² / 2:

>>> best = analytic_loss()
>>> round(best, 7)
5.01e-05

An update on a batch B moves w by -η Xᵀ(Xw + b - y) / |B| and b by -η times the mean residual:
the gradient of the batch's mean loss, written out in NumPy so that 6000 small steps take
milliseconds. It is the gradient MXNet's autograd computes:

>>> gradient_matches_autograd()
True

The three methods start from the same parameters, use the same learning rate 0.03 and run for 5
epochs; they differ only in how many examples each update looks at. Every epoch evaluates the
gradient of every example once; what differs is how many updates that work buys:

>>> runs = train_all()
>>> {name: run["gradients_per_epoch"] for name, run in runs.items()}
{'batch GD': 1000, 'SGD': 1000, 'minibatch SGD': 1000}
>>> {name: run["updates_per_epoch"] for name, run in runs.items()}
{'batch GD': 1, 'SGD': 1000, 'minibatch SGD': 100}

Batch GD turns each epoch into a single update, so after 5 epochs its loss is still far above
the floor, while SGD is within 10% of the floor after one epoch and minibatch SGD after three:

>>> [round(runs["batch GD"]["loss"][i], 1) for i in (0, 5)]
[16.3, 12.1]
>>> [runs["SGD"]["loss"][1] < 1.1 * best, runs["minibatch SGD"]["loss"][1] < 1.1 * best]
[True, False]
>>> [runs["minibatch SGD"]["loss"][i] < 1.1 * best for i in (2, 3)]
[False, True]

With a fixed learning rate, SGD's one-example gradients keep pushing the parameters around the
minimum; averaging 10 examples per step lets minibatch SGD settle several times closer to it:

>>> sgd_excess = runs["SGD"]["loss"][-1] - best
>>> minibatch_excess = runs["minibatch SGD"]["loss"][-1] - best
>>> sgd_excess > 5 * minibatch_excess > 0
True
"""

import functools
import time

import matplotlib.pyplot as plt
import mxnet as mx
import numpy as np
from mxnet import autograd, nd

from _glue import glue

TRUE_W, TRUE_B = [2, -3.4], 4.2
LABELS = {"batch GD": "batch GD", "SGD": "SGD", "minibatch SGD": "minibatch SGD ($|\\mathcal{B}|$ = 10)"}


def synthetic_data(num_examples=1000):
    mx.random.seed(0)
    X = nd.random.normal(0, 1, shape=(num_examples, 2))
    y = nd.dot(X, nd.array(TRUE_W)) + TRUE_B
    y += nd.random.normal(0, 0.01, shape=y.shape)
    return X.asnumpy().astype(np.float64), y.asnumpy().astype(np.float64)


def analytic_loss():
    """The smallest possible training loss, from the least-squares solution."""
    X, y = synthetic_data()
    A = np.hstack([X, np.ones((len(X), 1))])  # a column of 1s for b
    solution = np.linalg.lstsq(A, y, rcond=None)[0]
    return float(((A @ solution - y) ** 2 / 2).mean())


def gradient(X, y, w, b):
    """Gradient of the mean of ½(Xw + b - y)² over the rows of X, with respect to w and b."""
    residual = X @ w + b - y
    return X.T @ residual / len(y), residual.mean()


def gradient_matches_autograd():
    X, y = synthetic_data()
    X, y = X[:10], y[:10]
    w, b = np.array([0.5, -1.0]), 0.3
    grad_w, grad_b = gradient(X, y, w, b)
    w_nd, b_nd = nd.array(w), nd.array([b])
    for param in (w_nd, b_nd):
        param.attach_grad()
    with autograd.record():
        loss = ((nd.dot(nd.array(X), w_nd) + b_nd - nd.array(y)) ** 2 / 2).mean()
    loss.backward()
    return bool(np.allclose(w_nd.grad.asnumpy(), grad_w, atol=1e-4)
                and np.allclose(b_nd.grad.asnumpy(), grad_b, atol=1e-4))


def train(batch_size, X, y, epochs=5, lr=0.03):
    rng = np.random.default_rng(1)  # same starting point and same shuffling for every method
    w, b = rng.normal(0, 0.01, size=2), 0.0
    loss = [float(((X @ w + b - y) ** 2 / 2).mean())]
    updates = gradients = 0
    seconds = []
    for _ in range(epochs):
        start = time.process_time()  # CPU time: not inflated when other programs run
        order = rng.permutation(len(y))  # a new random order each epoch
        for i in range(0, len(y), batch_size):
            batch = order[i : i + batch_size]
            grad_w, grad_b = gradient(X[batch], y[batch], w, b)
            w, b = w - lr * grad_w, b - lr * grad_b
            updates += 1
            gradients += len(batch)  # one per-example gradient for each example in the batch
        seconds.append(time.process_time() - start)
        loss.append(float(((X @ w + b - y) ** 2 / 2).mean()))
    return {"loss": loss, "updates_per_epoch": updates // epochs,
            "gradients_per_epoch": gradients // epochs,
            "seconds_per_epoch": min(seconds)}  # the fastest epoch: the least disturbed


@functools.lru_cache(maxsize=None)
def train_all():
    X, y = synthetic_data()
    return {
        "batch GD": train(len(y), X, y),
        "SGD": train(1, X, y),
        "minibatch SGD": train(10, X, y),
    }


if __name__ == "__main__":
    best = analytic_loss()
    runs = train_all()
    print(f"analytical least-squares loss: {best:.2e}")
    print(f"{'':14s} {'gradients':>9s} {'updates':>9s} {'CPU ms':>9s}   training loss after epoch 0..5")
    print(f"{'':14s} {'per epoch':>9s} {'per epoch':>9s} {'per epoch':>9s}")
    for name, run in runs.items():
        print(f"{name:14s} {run['gradients_per_epoch']:9d} {run['updates_per_epoch']:9d}"
              f" {1000 * run['seconds_per_epoch']:9.2f}  ", " ".join(f"{v:.2e}" for v in run["loss"]))
    ratio = runs["SGD"]["seconds_per_epoch"] / runs["minibatch SGD"]["seconds_per_epoch"]
    print(f"an SGD epoch took {ratio:.1f} times the CPU time of a minibatch SGD epoch (this run)")
    glue("best", best)
    glue("gradients_per_epoch", runs["SGD"]["gradients_per_epoch"])
    glue("updates_sgd", runs["SGD"]["updates_per_epoch"])
    glue("updates_minibatch", runs["minibatch SGD"]["updates_per_epoch"])
    glue("time_ratio", ratio)
    glue("bgd_loss_start", runs["batch GD"]["loss"][0])
    glue("bgd_loss_end", runs["batch GD"]["loss"][-1])
    glue("excess_ratio", (runs["SGD"]["loss"][-1] - best) / (runs["minibatch SGD"]["loss"][-1] - best))

    fig, ax = plt.subplots(figsize=(6, 3.5))
    for name, run in runs.items():
        ax.plot(range(len(run["loss"])), run["loss"], marker="o", label=LABELS[name])
    ax.axhline(best, color="gray", linestyle="--", linewidth=1, label="analytical solution")
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss (log scale)")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    plt.show()
