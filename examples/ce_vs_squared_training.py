"""Training softmax regression with cross-entropy and with squared loss
=====================================================================

Softmax regression (one Dense layer, 64 pixels in, 10 logits out) on the 8×8 digits (1000 for
training, 797 for testing; the stand-in for the book's Fashion-MNIST). The two runs start from
the same weights, see the same minibatches of 64 and use the same learning rate 0.5 for 6
epochs. They differ only in the loss: cross-entropy -log ŷ_y, or the squared loss ½‖ŷ - y‖²
between the softmax output and the one-hot label.

>>> runs = train_both()
>>> ce, se = runs["cross-entropy"], runs["squared loss"]
>>> len(ce["test_acc"]), len(se["test_acc"])
(6, 6)

Cross-entropy is ahead after every epoch, on the training and on the test set:

>>> all(c > s for c, s in zip(ce["train_acc"], se["train_acc"]))
True
>>> all(c > s for c, s in zip(ce["test_acc"], se["test_acc"]))
True

After one epoch cross-entropy is already past 80% test accuracy while squared loss is not;
after six, cross-entropy is past 90% and still ahead by more than 5 points:

>>> ce["test_acc"][0] > 0.8 > se["test_acc"][0]
True
>>> ce["test_acc"][-1] > 0.9, ce["test_acc"][-1] - se["test_acc"][-1] > 0.05
(True, True)
"""

import functools

import matplotlib.pyplot as plt
from mxnet import init, nd
from mxnet.gluon import loss as gloss
from mxnet.gluon import nn

import _train
from _data import digits
from _glue import glue


def squared_loss(o, y):
    """½‖softmax(o) - one_hot(y)‖² for each example."""
    return ((nd.softmax(o) - nd.one_hot(y, o.shape[1])) ** 2).sum(axis=1) / 2


@functools.lru_cache(maxsize=None)
def train_both(epochs=6, lr=0.5):
    data = digits()
    runs = {}
    for name, loss in (("cross-entropy", gloss.SoftmaxCrossEntropyLoss()), ("squared loss", squared_loss)):
        _train.seed(0)
        net = nn.Dense(10, in_units=64)  # in_units: the weights are drawn now, the same for both
        net.initialize(init.Normal(sigma=0.01))
        history = _train.train(net, data, epochs=epochs, lr=lr, batch_size=64, loss=loss)
        runs[name] = {key: history[key] for key in ("train_acc", "test_acc")}
    return runs


if __name__ == "__main__":
    runs = train_both()
    print("epoch   cross-entropy (train, test)   squared loss (train, test)")
    ce, se = runs["cross-entropy"], runs["squared loss"]
    for epoch in range(len(ce["test_acc"])):
        print(f"{epoch + 1:5d}   {ce['train_acc'][epoch]:13.3f} {ce['test_acc'][epoch]:6.3f}"
              f"   {se['train_acc'][epoch]:18.3f} {se['test_acc'][epoch]:6.3f}")
    glue("ce_test_1", ce["test_acc"][0])
    glue("se_test_1", se["test_acc"][0])
    glue("ce_test", ce["test_acc"][-1])
    glue("se_test", se["test_acc"][-1])

    fig, ax = plt.subplots(figsize=(6, 3.5))
    epochs = range(1, len(ce["test_acc"]) + 1)
    for (name, run), color in zip(runs.items(), ("C0", "C1")):
        ax.plot(epochs, run["test_acc"], marker="o", color=color, label=f"{name}, test")
        ax.plot(epochs, run["train_acc"], linestyle="--", color=color, label=f"{name}, train")
    ax.set_xlabel("epoch")
    ax.set_ylabel("accuracy")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    plt.show()
