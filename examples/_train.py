"""The training loop that the examples share: the book's ``train_ch3`` for any Gluon model.

Every call is reproducible: ``seed`` fixes MXNet's generator (initial weights, dropout masks) and
NumPy's (the order in which ``DataLoader`` shuffles the examples).
"""

import random

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd


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


def minibatches(X, y, batch_size):
    """Shuffled minibatches of NumPy arrays (X, y) as NDArrays, the last one possibly short: what
    ``gluon.data.DataLoader(ArrayDataset(X, y), batch_size, shuffle=True)`` yields, in the same
    order for the same NumPy seed, without its per-example indexing (three times faster here)."""
    order = np.arange(len(X))
    np.random.shuffle(order)
    for start in range(0, len(X), batch_size):
        batch = order[start:start + batch_size]
        yield nd.array(X[batch]), nd.array(y[batch])


def train(net, data, *, epochs, lr, batch_size=64, loss=None, wd=0.0, optimizer="sgd",
          classify=True, seed_value=0, lr_schedule=None):
    """Train an initialized ``net`` on ``data = (X_train, y_train, X_test, y_test)``.

    Minibatch SGD on the mean loss (``trainer.step(batch_size)``), weight decay ``wd`` applied by
    the optimizer (to every parameter, biases included). ``lr_schedule(t)``, if given, sets the
    learning rate before each step from ``t``, the number of epochs done so far (fractional).
    Returns the history: for each epoch, the train and test loss (and accuracy), measured after
    the epoch on the whole sets.
    """
    X_train, y_train, X_test, y_test = data
    loss = loss or gluon.loss.SoftmaxCrossEntropyLoss()
    np.random.seed(seed_value)
    trainer = gluon.Trainer(net.collect_params(), optimizer, {"learning_rate": lr, "wd": wd})
    history = {key: [] for key in ("train_loss", "test_loss")}
    if classify:
        history.update(train_acc=[], test_acc=[])
    steps_per_epoch = -(-len(X_train) // batch_size)
    arrays = X_train.asnumpy(), y_train.asnumpy()
    for epoch in range(epochs):
        for step, (X, y) in enumerate(minibatches(*arrays, batch_size)):
            if lr_schedule:
                trainer.set_learning_rate(lr_schedule(epoch + step / steps_per_epoch))
            with autograd.record():
                l = loss(net(X), y)
            l.backward()
            trainer.step(X.shape[0])  # the last batch may be short: divide by its own size
        for split, (X, y) in (("train", (X_train, y_train)), ("test", (X_test, y_test))):
            for key, value in evaluate(net, X, y, loss, classify).items():
                history[f"{split}_{key}"].append(value)
    return history
