"""Batch GD, SGD and minibatch SGD on the same linear regression
================================================================

1000 synthetic examples y = Xw + b + noise with w = [2, -3.4], b = 4.2 and noise standard
deviation 0.01. Linear regression has an analytic solution (least squares), whose loss
½(ŷ - y)², averaged over the data, is the floor no method can go below, about 0.01² / 2:

>>> best = analytic_loss()
>>> round(best, 7)
5.01e-05

The three numerical methods start from the same parameters, use the same learning rate 0.03 and
run for 5 epochs; they differ only in how many examples each update looks at:

>>> runs = train_all()
>>> {name: run["updates_per_epoch"] for name, run in runs.items()}
{'batch GD': 1, 'SGD': 1000, 'minibatch SGD (b=10)': 100}
>>> {name: len(run["loss"]) for name, run in runs.items()}  # the initial loss plus one per epoch
{'batch GD': 6, 'SGD': 6, 'minibatch SGD (b=10)': 6}

Every epoch touches every example once, but batch GD turns that work into a single update, so
after 5 epochs it has barely moved, while the other two are within 2% of the floor:

>>> runs["batch GD"]["loss"][-1] > 10
True
>>> [runs[name]["loss"][-1] < 1.02 * best for name in ("SGD", "minibatch SGD (b=10)")]
[True, True]

With a fixed learning rate, SGD's one-example gradients keep pushing the parameters around the
minimum; averaging 10 examples per step lets minibatch SGD settle much closer to it:

>>> sgd_excess = runs["SGD"]["loss"][-1] - best
>>> minibatch_excess = runs["minibatch SGD (b=10)"]["loss"][-1] - best
>>> sgd_excess > 10 * minibatch_excess > 0
True
"""

import matplotlib.pyplot as plt
import mxnet as mx
import numpy as np
from mxnet import autograd, nd

TRUE_W, TRUE_B = [2, -3.4], 4.2


def synthetic_data(num_examples=1000):
    mx.random.seed(0)
    X = nd.random.normal(0, 1, shape=(num_examples, 2))
    y = nd.dot(X, nd.array(TRUE_W)) + TRUE_B
    y += nd.random.normal(0, 0.01, shape=y.shape)
    return X, y.reshape((-1, 1))


def analytic_loss():
    """The smallest possible training loss, from the least-squares solution (in float64)."""
    X, y = synthetic_data()
    A = np.hstack([X.asnumpy(), np.ones((len(X), 1))]).astype(np.float64)  # a column of 1s for b
    t = y.asnumpy().astype(np.float64)
    solution = np.linalg.lstsq(A, t, rcond=None)[0]
    return float(((A @ solution - t) ** 2 / 2).mean())


def data_iter(batch_size, X, y):
    # Shuffle once per epoch, then hand out contiguous slices: one minibatch at a time.
    order = nd.array(np.random.permutation(len(X)))
    X, y = X.take(order), y.take(order)
    for i in range(0, len(X), batch_size):
        yield X[i : i + batch_size], y[i : i + batch_size]


def squared_loss(X, y, w, b):
    return (nd.dot(X, w) + b - y) ** 2 / 2


def train(batch_size, X, y, epochs=5, lr=0.03):
    np.random.seed(1)  # same shuffling and same starting point for every method
    mx.random.seed(1)
    w = nd.random.normal(0, 0.01, shape=(2, 1))
    b = nd.zeros(1)
    w.attach_grad()
    b.attach_grad()
    loss = [squared_loss(X, y, w, b).mean().asscalar()]
    updates = 0
    for _ in range(epochs):
        for X_batch, y_batch in data_iter(batch_size, X, y):
            with autograd.record():
                l = squared_loss(X_batch, y_batch, w, b)
            l.backward()  # gradient of the batch's summed loss
            for param in (w, b):
                param -= lr * param.grad / X_batch.shape[0]  # in place; average over the batch
            updates += 1
        loss.append(squared_loss(X, y, w, b).mean().asscalar())
    return {"loss": loss, "updates_per_epoch": updates // epochs}


def train_all():
    X, y = synthetic_data()
    return {
        "batch GD": train(len(X), X, y),
        "SGD": train(1, X, y),
        "minibatch SGD (b=10)": train(10, X, y),
    }


if __name__ == "__main__":
    best = analytic_loss()
    runs = train_all()
    print(f"analytic least-squares loss: {best:.2e}")
    fig, ax = plt.subplots(figsize=(6, 3.5))
    for name, run in runs.items():
        ax.plot(range(len(run["loss"])), run["loss"], marker="o", label=name)
        print(f"{name:22s} updates/epoch {run['updates_per_epoch']:5d}   loss per epoch",
              " ".join(f"{v:.2e}" for v in run["loss"]))
    ax.axhline(best, color="gray", linestyle="--", linewidth=1, label="analytic solution")
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss (log scale)")
    ax.legend()
    ax.grid(alpha=0.3)
    plt.show()
