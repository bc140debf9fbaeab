"""Equal initial weights keep hidden units equal
=============================================

An MLP with 16 hidden units (ReLU) classifies 8×8 digits. Two copies train on the same 500
examples, in the same order, with the same learning rate, batch size and number of epochs; they
differ only in their initial weights: every weight equal to 0.1 (biases 0), or drawn from a
normal distribution with standard deviation 0.1.

With equal initial weights, every hidden unit computes the same value and gets the same
gradient, so after 100 steps of SGD the 16 units still have identical parameters (each unit's
row of W1, its bias and its column of W2), while the randomly initialized units have spread:

>>> runs = train_both()
>>> spread(runs["constant"]["net"]) < 1e-6
True
>>> spread(runs["random"]["net"]) > 0.1
True

The weights inside each unit did change, and differ from pixel to pixel; it is the units that
remain copies of one another:

>>> row = runs["constant"]["net"][0].weight.data().asnumpy()[0]
>>> bool(row.max() - row.min() > 0.1)
True

The equal units act as one: a network with a single hidden unit (W2's 16 equal columns added
into one) gives the same outputs on the test set:

>>> one_unit_difference(runs["constant"]["net"]) < 1e-4
True

The constant start does learn a little: at the start every class gets the same score, so the
loss is ln 10, and it goes down from there. But it stays far below the random start:

>>> import math
>>> losses = runs["constant"]["history"]["train_loss"]
>>> math.log(10) > losses[0] > losses[-1]
True

>>> accuracy = {name: run["history"]["test_acc"][-1] for name, run in runs.items()}
>>> accuracy["constant"] < 0.4 < 0.8 < accuracy["random"]
True

Dropout breaks the tie during training: from the equal start, one minibatch gives every hidden
unit the same gradient without dropout, and different gradients with dropout (p = 0.5), because
each unit is dropped in different examples:

>>> first_gradient_spread(dropout=0.0) < 1e-7
True
>>> first_gradient_spread(dropout=0.5) > 1e-3
True
"""

import functools

import matplotlib.pyplot as plt
import numpy as np
from mxnet import autograd, init, nd
from mxnet.gluon import loss as gloss
from mxnet.gluon import nn

from _data import digits
from _glue import glue
from _train import seed, train

NUM_HIDDEN, SCALE = 16, 0.1
EPOCHS, LR, BATCH_SIZE = 5, 0.3, 25


def build(initializer, dropout=0.0):
    seed(0)
    net = nn.Sequential()
    net.add(nn.Dense(NUM_HIDDEN, activation="relu"))
    if dropout:
        net.add(nn.Dropout(dropout))
    net.add(nn.Dense(10))
    net.initialize(initializer)  # weights only: Dense biases keep their own zero initializer
    return net


def unit_parameters(net, grad=False):
    """One row per hidden unit: its input weights, its bias and its output weights."""
    hidden, output = net[0], net[-1]
    values = [p.grad() if grad else p.data() for p in (hidden.weight, hidden.bias, output.weight)]
    W1, b1, W2 = (value.asnumpy() for value in values)
    return np.hstack([W1, b1[:, None], W2.T])


def spread(net, grad=False):
    """Largest difference between any hidden unit's parameters (or gradients) and unit 0's."""
    units = unit_parameters(net, grad)
    return float(np.abs(units - units[0]).max())


@functools.lru_cache(maxsize=None)
def train_both():
    data = digits(n_train=500)
    runs = {}
    for name, initializer in (("constant", init.Constant(SCALE)), ("random", init.Normal(SCALE))):
        net = build(initializer)
        history = train(net, data, epochs=EPOCHS, lr=LR, batch_size=BATCH_SIZE)
        runs[name] = {"net": net, "history": history}
    return runs


def one_unit_difference(net):
    """Largest output difference between ``net`` and a network with only its hidden unit 0."""
    _, _, X_test, _ = digits(n_train=500)
    single = nn.Sequential()
    single.add(nn.Dense(1, activation="relu"), nn.Dense(10))
    single.initialize()
    single(X_test)  # fixes the shapes, so that the parameters can be set
    single[0].weight.set_data(net[0].weight.data()[:1])
    single[0].bias.set_data(net[0].bias.data()[:1])
    single[1].weight.set_data(net[1].weight.data().sum(axis=1, keepdims=True))
    single[1].bias.set_data(net[1].bias.data())
    return float(nd.abs(single(X_test) - net(X_test)).max().asscalar())


def first_gradient_spread(dropout):
    """From equal weights: how much the hidden units' first gradients differ."""
    X, y, _, _ = digits(n_train=500)
    net = build(init.Constant(SCALE), dropout)
    with autograd.record():  # training mode: dropout is active
        l = gloss.SoftmaxCrossEntropyLoss()(net(X[:BATCH_SIZE]), y[:BATCH_SIZE])
    l.backward()
    return spread(net, grad=True)


if __name__ == "__main__":
    runs = train_both()
    print("                 spread of hidden units   train acc   test acc")
    for name, run in runs.items():
        history = run["history"]
        print(f"{name + ' init':16s} {spread(run['net']):22.2g}   {history['train_acc'][-1]:9.3f}"
              f"   {history['test_acc'][-1]:8.3f}")
        glue(f"spread_{name}", spread(run["net"]))
        glue(f"test_acc_{name}", history["test_acc"][-1])
    print("constant init vs. a single hidden unit, largest output difference:",
          f"{one_unit_difference(runs['constant']['net']):.1e}")
    for p in (0.0, 0.5):
        print(f"first gradients, spread across units, dropout {p}: {first_gradient_spread(p):.2g}")
    glue("steps", EPOCHS * 500 // BATCH_SIZE)

    fig, ax = plt.subplots(figsize=(6, 3.5))
    epochs = range(1, EPOCHS + 1)
    for (name, run), color in zip(runs.items(), ("C3", "C0")):
        ax.plot(epochs, run["history"]["train_acc"], color=color, linestyle="--",
                label=f"{name} init, train")
        ax.plot(epochs, run["history"]["test_acc"], color=color, marker="o",
                label=f"{name} init, test")
    ax.set_xlabel("epoch")
    ax.set_ylabel("accuracy")
    ax.set_ylim(0, 1)
    ax.set_xticks(list(epochs))
    ax.legend()
    ax.grid(alpha=0.3)
    plt.show()
