"""Batch GD, SGD and minibatch SGD on the same linear regression
================================================================

The book's data (1000 examples, w = [2, -3.4], b = 4.2, noise 0.01), the same start, learning
rate 0.03 and 5 epochs; only the examples per update differ. The analytical solution's loss is
the floor, about 0.01² / 2:

>>> best = analytic_loss()
>>> round(best, 7)
5.01e-05

Every method evaluates each example's gradient once per epoch; the updates that buys differ:

>>> runs = train_all()
>>> [(run["gradients"], run["updates"]) for run in runs.values()]
[(1000, 1), (1000, 1000), (1000, 100)]

Batch GD is still far above the floor after 5 epochs; SGD is within 10% of it after one epoch,
minibatch SGD after three, and ends several times closer to it than SGD, which keeps jittering:

>>> [round(runs["batch GD"]["loss"][i], 1) for i in (0, 5)]
[16.3, 12.1]
>>> [[loss < 1.1 * best for loss in runs[name]["loss"][1:4]] for name in ("SGD", "minibatch SGD")]
[[True, True, True], [False, False, True]]
>>> excess = {name: runs[name]["loss"][-1] - best for name in ("SGD", "minibatch SGD")}
>>> excess["SGD"] > 5 * excess["minibatch SGD"] > 0
True
"""

import functools
import time

import matplotlib.pyplot as plt
import mxnet as mx
import numpy as np
from mxnet import nd

from _glue import glue


def synthetic_data(n=1000):
    mx.random.seed(0)
    X = nd.random.normal(shape=(n, 2))
    y = nd.dot(X, nd.array([2, -3.4])) + 4.2 + nd.random.normal(scale=0.01, shape=(n,))
    return X.asnumpy().astype(np.float64), y.asnumpy().astype(np.float64)


def analytic_loss():
    X, y = synthetic_data()
    A = np.hstack([X, np.ones((len(X), 1))])  # a column of 1s for b
    w = np.linalg.lstsq(A, y, rcond=None)[0]
    return float(((A @ w - y) ** 2 / 2).mean())


def train(batch_size, X, y, epochs=5, lr=0.03):
    rng = np.random.default_rng(1)  # same start and same shuffling for every method
    w, b = rng.normal(0, 0.01, size=2), 0.0
    loss, updates, gradients, seconds = [((X @ w + b - y) ** 2 / 2).mean()], 0, 0, []
    for _ in range(epochs):
        start = time.process_time()  # CPU time: not inflated by other programs
        order = rng.permutation(len(y))
        for i in range(0, len(y), batch_size):
            batch = order[i : i + batch_size]
            residual = X[batch] @ w + b - y[batch]  # gradient of the batch's mean loss:
            w, b = w - lr * X[batch].T @ residual / len(batch), b - lr * residual.mean()
            updates, gradients = updates + 1, gradients + len(batch)
        seconds.append(time.process_time() - start)
        loss.append(((X @ w + b - y) ** 2 / 2).mean())
    return {"loss": loss, "updates": updates // epochs, "gradients": gradients // epochs,
            "seconds": min(seconds)}


@functools.lru_cache(maxsize=None)
def train_all():
    X, y = synthetic_data()
    return {"batch GD": train(1000, X, y), "SGD": train(1, X, y), "minibatch SGD": train(10, X, y)}


if __name__ == "__main__":
    best, runs = analytic_loss(), train_all()
    print(f"analytical solution: loss {best:.2e}")
    for name, run in runs.items():
        print(f"{name:13s} {run['updates']:4d} updates/epoch, {1000 * run['seconds']:5.2f} ms CPU/epoch,",
              "loss", " ".join(f"{v:.1e}" for v in run["loss"]))
    glue("time_ratio", runs["SGD"]["seconds"] / runs["minibatch SGD"]["seconds"])
    glue("excess_ratio", (runs["SGD"]["loss"][-1] - best) / (runs["minibatch SGD"]["loss"][-1] - best))
    glue("bgd_loss_start", runs["batch GD"]["loss"][0])
    glue("bgd_loss_end", runs["batch GD"]["loss"][-1])
    glue("gradients_per_epoch", runs["SGD"]["gradients"])
    glue("updates_sgd", runs["SGD"]["updates"])
    glue("updates_minibatch", runs["minibatch SGD"]["updates"])
    fig, ax = plt.subplots(figsize=(6, 3.5))
    for name, run in runs.items():
        label = {"minibatch SGD": "minibatch SGD ($|\\mathcal{B}|$ = 10)"}.get(name, name)
        ax.plot(run["loss"], marker="o", label=label)
    ax.axhline(best, color="gray", linestyle="--", label="analytical solution")
    ax.set(yscale="log", xlabel="epoch", ylabel="training loss (log scale)")
    ax.legend()
    fig.tight_layout()
    plt.show()
