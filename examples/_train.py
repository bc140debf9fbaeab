"""The training loop that the examples share: the book's ``train_ch3`` for any Gluon model.

Every call is reproducible: ``seed`` fixes MXNet's generator (initial weights, dropout masks) and
NumPy's (the order in which ``DataLoader`` shuffles the examples).
"""

import random

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon


def seed(number):
    """Seed every random source an example may use."""
    mx.random.seed(number)
    np.random.seed(number)
    random.seed(number)


def evaluate(net, X, y, loss, classify=True):
    """Mean loss and, for a classifier, accuracy of ``net`` on (X, y), in prediction mode."""
    output = net(X)  # outside autograd.record(): dropout and batch norm predict
    result = {"loss": float(loss(output, y).mean().asscalar())}
    if classify:
        result["acc"] = float((output.argmax(axis=1) == y.astype("float32")).mean().asscalar())
    return result


def train(net, data, *, epochs, lr, batch_size=64, loss=None, wd=0.0, optimizer="sgd",
          classify=True, seed_value=0):
    """Train an initialized ``net`` on ``data = (X_train, y_train, X_test, y_test)``.

    Minibatch SGD on the mean loss (``trainer.step(batch_size)``), weight decay ``wd`` applied by
    the optimizer. Returns the history: for each epoch, the train and test loss (and accuracy),
    measured after the epoch on the whole sets.
    """
    X_train, y_train, X_test, y_test = data
    loss = loss or gluon.loss.SoftmaxCrossEntropyLoss()
    np.random.seed(seed_value)
    loader = gluon.data.DataLoader(
        gluon.data.ArrayDataset(X_train, y_train), batch_size, shuffle=True
    )
    trainer = gluon.Trainer(net.collect_params(), optimizer, {"learning_rate": lr, "wd": wd})
    history = {key: [] for key in ("train_loss", "test_loss")}
    if classify:
        history.update(train_acc=[], test_acc=[])
    for _ in range(epochs):
        for X, y in loader:
            with autograd.record():
                l = loss(net(X), y)
            l.backward()
            trainer.step(X.shape[0])  # the last batch may be short: divide by its own size
        for split, (X, y) in (("train", (X_train, y_train)), ("test", (X_test, y_test))):
            for key, value in evaluate(net, X, y, loss, classify).items():
                history[f"{split}_{key}"].append(value)
    return history
