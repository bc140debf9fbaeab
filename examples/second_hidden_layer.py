"""A second hidden layer, with the same budget
===========================================

One hidden layer of 256 ReLU units against two (256 and 256), on 500 training digits, with the
same data, seed and budget: 8 epochs of minibatch SGD, batch 50, learning rate 0.5 (the book's).
Each pair is trained twice: with the book's initialization, weights drawn from Normal(0.01), and
with Xavier initialization (the book's section 3.15).

>>> runs = train_all()
>>> sorted(runs)
[('Normal(0.01)', 1), ('Normal(0.01)', 2), ('Xavier', 1), ('Xavier', 2)]

With Normal(0.01), the deeper net hardly trains in this budget: its loss stays near
ln 10 = 2.30 (uniform guessing) for half the epochs, while one hidden layer is far along:

>>> shallow, deep = runs["Normal(0.01)", 1], runs["Normal(0.01)", 2]
>>> round(deep["train_loss"][3], 2), deep["train_loss"][-1] > 1.5
(2.29, True)

It is slow, not stuck: in the last epochs its loss has started to fall.

>>> deep["train_loss"][-1] < deep["train_loss"][3] - 0.1
True
>>> shallow["train_loss"][-1] < 0.5, shallow["test_acc"][-1] > 0.85
(True, True)

The reason is the initial gradients. Every layer of small weights scales the signal down on the
way forward and the gradient down on the way back, so one more such layer shrinks the first
layer's gradient several times over (about eightfold here), and learning starts that much later.
With Xavier initialization the two first-layer gradients are of the same size:

>>> g1, g2 = first_layer_gradient("Normal(0.01)", 1), first_layer_gradient("Normal(0.01)", 2)
>>> 5 < g1 / g2 < 12
True
>>> g1, g2 = first_layer_gradient("Xavier", 1), first_layer_gradient("Xavier", 2)
>>> 0.5 < g1 / g2 < 2
True

Xavier initialization scales each layer to its size. Then the extra layer costs nothing in
speed, and the two nets end up close: both fit the training set well, test accuracies within
a few points of each other. The second layer is not a free gain on this small task.

>>> shallow, deep = runs["Xavier", 1], runs["Xavier", 2]
>>> shallow["train_acc"][-1] > 0.9, deep["train_acc"][-1] > 0.9
(True, True)
>>> abs(shallow["test_acc"][-1] - deep["test_acc"][-1]) < 0.05
True
"""

import functools

from mxnet import autograd, gluon, init, nd
from mxnet.gluon import nn

import _data
import _train
from _glue import glue

EPOCHS, LR, BATCH = 8, 0.5, 50
INITIALIZERS = {"Normal(0.01)": lambda: init.Normal(0.01), "Xavier": init.Xavier}


@functools.lru_cache(maxsize=None)
def data():
    return _data.digits(n_train=500)


def mlp(hidden_layers, initializer):
    _train.seed(0)
    net = nn.Sequential()
    for _ in range(hidden_layers):
        net.add(nn.Dense(256, activation="relu"))
    net.add(nn.Dense(10))
    net.initialize(INITIALIZERS[initializer]())
    return net


def first_layer_gradient(initializer, hidden_layers):
    """Norm of the first layer's weight gradient, on the whole training set, before training."""
    X, y, _, _ = data()
    net = mlp(hidden_layers, initializer)
    with autograd.record():
        loss = gluon.loss.SoftmaxCrossEntropyLoss()(net(X), y).mean()
    loss.backward()
    return float(nd.norm(net[0].weight.grad()).asscalar())


@functools.lru_cache(maxsize=None)
def train_all():
    runs = {}
    for initializer in INITIALIZERS:
        for hidden_layers in (1, 2):
            net = mlp(hidden_layers, initializer)
            runs[initializer, hidden_layers] = _train.train(
                net, data(), epochs=EPOCHS, lr=LR, batch_size=BATCH
            )
    return runs


if __name__ == "__main__":
    runs = train_all()
    print(" initialization  hidden layers | train loss by epoch                     | "
          "train acc  test acc")
    for (initializer, layers), run in runs.items():
        losses = " ".join(f"{v:.2f}" for v in run["train_loss"])
        print(f" {initializer:14s} {layers:13d} | {losses:39s} | {run['train_acc'][-1]:9.3f} "
              f"{run['test_acc'][-1]:9.3f}")
    print()
    for initializer in INITIALIZERS:
        g1, g2 = (first_layer_gradient(initializer, n) for n in (1, 2))
        print(f"{initializer}: first-layer gradient norm at the start, 1 hidden layer {g1:.2e}, "
              f"2 hidden layers {g2:.2e}")
    ratio = first_layer_gradient("Normal(0.01)", 1) / first_layer_gradient("Normal(0.01)", 2)
    glue("gradient_ratio", ratio)
    for (initializer, layers), run in runs.items():
        name = f"{'normal' if initializer.startswith('Normal') else 'xavier'}_{layers}"
        glue(f"train_loss_{name}", run["train_loss"][-1])
        glue(f"train_acc_{name}", run["train_acc"][-1])
        glue(f"test_acc_{name}", run["test_acc"][-1])
