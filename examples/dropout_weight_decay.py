"""Dropout, weight decay, and both
================================

The book's MLP (see ``dropout_swap``) on 200 digits for 50 epochs, in four settings that share
the data, the initial weights and the minibatch order: no regularization, the book's dropout
(0.2, 0.5), weight decay ``wd`` = 0.001 (the shared training loop gives it to a single Trainer, so
the biases decay too), and both.

Every setting fits the training set. With dropout the test accuracy ends about a point higher
and the test loss lower. Weight decay at this strength leaves the test accuracy where it was and
slows the rise of the test loss a little (its best epoch comes later). Dropout and weight decay
together are as accurate as dropout alone and reach the lowest test loss of the four:

>>> runs = all_runs()
>>> all(h["train_acc"][-1] == 1.0 for h in runs.values())
True
>>> acc = {name: h["test_acc"][-1] for name, h in runs.items()}
>>> acc["dropout"] > acc["no regularization"] + 0.005
True
>>> abs(acc["weight decay"] - acc["no regularization"]) < 0.005
True
>>> abs(acc["dropout + weight decay"] - acc["dropout"]) < 0.005
True
>>> final = {name: h["test_loss"][-1] for name, h in runs.items()}
>>> final["dropout"] < final["weight decay"] < final["no regularization"]
True
>>> best_epoch(runs["weight decay"]) > best_epoch(runs["no regularization"])
True
>>> best = {name: min(h["test_loss"]) for name, h in runs.items()}
>>> min(best, key=best.get)
'dropout + weight decay'

Weight decay keeps the weights shorter (the length of all weight matrices together) and the
training loss higher; dropout does not shrink the weights, in this run its weights are even a
little longer than without regularization:

>>> norms = weight_norms()
>>> norms["weight decay"] < norms["no regularization"], norms["dropout + weight decay"] < norms["dropout"]
(True, True)
>>> runs["weight decay"]["train_loss"][-1] > runs["no regularization"]["train_loss"][-1]
True
>>> norms["dropout"] >= norms["no regularization"]
True
"""

import matplotlib.pyplot as plt
import numpy as np

from _glue import glue
from dropout_epochs import best_epoch
from dropout_swap import EPOCHS, trained

WD = 0.001
SETTINGS = {  # name: (dropout after hidden layer 1, after hidden layer 2, weight decay)
    "no regularization": (0.0, 0.0, 0.0),
    "dropout": (0.2, 0.5, 0.0),
    "weight decay": (0.0, 0.0, WD),
    "dropout + weight decay": (0.2, 0.5, WD),
}


def all_runs():
    return {name: trained(*setting)[0] for name, setting in SETTINGS.items()}


def weight_norms():
    """The length of all weight matrices together (biases left out), after training."""
    norms = {}
    for name, setting in SETTINGS.items():
        params = trained(*setting)[1].collect_params()
        squares = [(p.data() ** 2).sum().asscalar() for key, p in params.items() if key.endswith("weight")]
        norms[name] = float(np.sqrt(sum(squares)))
    return norms


if __name__ == "__main__":
    runs, norms = all_runs(), weight_norms()
    keys = {"no regularization": "plain", "dropout": "dropout", "weight decay": "wd",
            "dropout + weight decay": "both"}
    print(f"after {EPOCHS} epochs:")
    print(f"{'':24s} {'train loss':>10s} {'test loss':>10s} {'best test loss':>15s}"
          f" {'test acc':>9s} {'|W|':>6s}")
    for name, h in runs.items():
        print(f"{name:24s} {h['train_loss'][-1]:10.4f} {h['test_loss'][-1]:10.4f}"
              f" {min(h['test_loss']):8.4f} (ep {best_epoch(h):2d}) {h['test_acc'][-1]:9.3f}"
              f" {norms[name]:6.2f}")
        key = keys[name]
        glue(f"train_loss_{key}", h["train_loss"][-1])
        glue(f"test_loss_{key}", h["test_loss"][-1])
        glue(f"best_loss_{key}", min(h["test_loss"]))
        glue(f"best_epoch_{key}", best_epoch(h))
        glue(f"test_acc_{key}", h["test_acc"][-1])
        glue(f"norm_{key}", norms[name])

    epochs = np.arange(1, EPOCHS + 1)
    fig, ax = plt.subplots(figsize=(6, 3.5))
    for name, h in runs.items():
        ax.plot(epochs, h["test_loss"], label=name, linewidth=1.2)
    ax.set_ylim(0.18, 0.36)
    ax.set_xlabel("epoch")
    ax.set_ylabel("test loss")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    plt.show()
