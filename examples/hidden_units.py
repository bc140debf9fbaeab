"""Number of hidden units: 4, 16, 64, 256, 1024
============================================

One hidden ReLU layer of h units on 500 training digits, everything else fixed: the same data
and seed, 8 epochs of minibatch SGD (batch 50, learning rate 0.5 as in the book). The weights
start with Xavier initialization (the book's section 3.15), which scales each layer by its size,
so that every width starts at a comparable scale; with a fixed Normal(0.01) the narrow nets would
also start much more slowly, mixing two effects (see the questions on initialization).

>>> runs = train_widths()
>>> list(runs)
[4, 16, 64, 256, 1024]

Four units underfit: the training accuracy itself stays low, and the test accuracy is no worse
than it, so the model is too small for the task, not overfitting:

>>> runs[4]["train_acc"][-1] < 0.8, runs[4]["test_acc"][-1] < 0.8
(True, True)

From 4 to 64 units both accuracies climb steeply; past 64 they change by little, and within
this budget even 1024 units did not overfit: its test loss is no worse than that of 64 units.

>>> final = {h: run["test_acc"][-1] for h, run in runs.items()}
>>> final[64] - final[4] > 0.2, abs(final[1024] - final[64]) < 0.05
(True, True)
>>> runs[1024]["test_loss"][-1] <= runs[64]["test_loss"][-1]
True

The parameter count grows in proportion to h, 64 h + h + 10 h + 10:

>>> {h: parameter_count(h) for h in (4, 1024)}
{4: 310, 1024: 76810}
"""

import functools

import matplotlib.pyplot as plt
from mxnet import init
from mxnet.gluon import nn

import _data
import _train
from _glue import glue

WIDTHS = (4, 16, 64, 256, 1024)
EPOCHS, LR, BATCH = 8, 0.5, 50


def mlp(hidden_units):
    net = nn.Sequential()
    net.add(nn.Dense(hidden_units, activation="relu"), nn.Dense(10))
    return net


def parameter_count(hidden_units, inputs=64, outputs=10):
    return inputs * hidden_units + hidden_units + hidden_units * outputs + outputs


@functools.lru_cache(maxsize=None)
def train_widths():
    data = _data.digits(n_train=500)
    runs = {}
    for h in WIDTHS:
        _train.seed(0)
        net = mlp(h)
        net.initialize(init.Xavier())
        runs[h] = _train.train(net, data, epochs=EPOCHS, lr=LR, batch_size=BATCH)
    return runs


if __name__ == "__main__":
    runs = train_widths()
    print(" hidden units | parameters | train acc  test acc | train loss  test loss")
    for h, run in runs.items():
        print(f" {h:12d} | {parameter_count(h):10d} | {run['train_acc'][-1]:9.3f} "
              f"{run['test_acc'][-1]:9.3f} | {run['train_loss'][-1]:10.3f} "
              f"{run['test_loss'][-1]:10.3f}")
        glue(f"train_acc_{h}", runs[h]["train_acc"][-1])
        glue(f"test_acc_{h}", runs[h]["test_acc"][-1])

    fig, (acc, loss) = plt.subplots(1, 2, figsize=(6.4, 3.5))
    for split, style in (("train", "-o"), ("test", "--s")):
        acc.plot(WIDTHS, [runs[h][f"{split}_acc"][-1] for h in WIDTHS], style, label=split)
        loss.plot(WIDTHS, [runs[h][f"{split}_loss"][-1] for h in WIDTHS], style, label=split)
    acc.set_ylabel("accuracy after 8 epochs")
    loss.set_ylabel("loss after 8 epochs")
    for ax in (acc, loss):
        ax.set_xscale("log", base=2)
        ax.set_xticks(WIDTHS, [str(h) for h in WIDTHS])
        ax.set_xlabel("hidden units")
        ax.grid(alpha=0.3)
        ax.legend()
    fig.tight_layout()
    plt.show()
