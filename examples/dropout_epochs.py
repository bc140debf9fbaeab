"""Training longer, with and without dropout
==========================================

The book's MLP (see ``dropout_swap``) on 200 digits for 50 epochs, without dropout and with the
book's dropout (0.2, 0.5): same data, same initial weights, same minibatch order.

Without dropout the test loss is lowest after about 20 epochs; from then on the training loss
keeps falling while the test loss creeps up, so the gap between them widens:

>>> plain, drop = histories()
>>> 15 <= best_epoch(plain) <= 30
True
>>> plain["test_loss"][-1] > min(plain["test_loss"]) + 0.01
True
>>> plain["train_loss"][-1] < plain["train_loss"][best_epoch(plain) - 1] / 2
True
>>> gap(plain, 50) > gap(plain, 10) + 0.1
True

The rise in test loss is not more mistakes: the test accuracy at the end is no lower than at the
best epoch. Every training image is already classified correctly, so the training loss can only
keep falling by making the predictions more confident, and on the misclassified test images that
confidence is paid for:

>>> plain["train_acc"][best_epoch(plain) - 1], plain["train_acc"][-1]
(1.0, 1.0)
>>> plain["test_acc"][-1] >= plain["test_acc"][best_epoch(plain) - 1]
True

With dropout the gap grows too, but it ends smaller; the test loss is still improving late in
training, and the test accuracy ends about a point higher:

>>> gap(plain, 50) > gap(drop, 50) > gap(drop, 10)
True
>>> best_epoch(drop) > best_epoch(plain) + 10
True
>>> drop["train_acc"][-1], drop["test_acc"][-1] > plain["test_acc"][-1] + 0.005
(1.0, True)
"""

import matplotlib.pyplot as plt
import numpy as np

from _glue import glue
from dropout_swap import EPOCHS, trained


def histories():
    """Training histories without and with the book's dropout."""
    return trained(0.0, 0.0)[0], trained(0.2, 0.5)[0]


def best_epoch(h):
    """The epoch (1-based) with the lowest test loss."""
    return int(np.argmin(h["test_loss"])) + 1


def gap(h, epoch):
    """Test loss minus training loss after the given epoch (1-based)."""
    return h["test_loss"][epoch - 1] - h["train_loss"][epoch - 1]


if __name__ == "__main__":
    plain, drop = histories()
    print(f"{'':12s} {'best test loss':>15s} {'gap at 10':>10s} {'gap at 50':>10s} {'test acc':>9s}")
    for name, key, h in (("no dropout", "plain", plain), ("dropout", "dropout", drop)):
        print(f"{name:12s} {min(h['test_loss']):8.4f} (ep {best_epoch(h):2d}) {gap(h, 10):10.4f}"
              f" {gap(h, EPOCHS):10.4f} {h['test_acc'][-1]:9.3f}")
        glue(f"best_epoch_{key}", best_epoch(h))
        glue(f"best_loss_{key}", min(h["test_loss"]))
        glue(f"test_loss_{key}", h["test_loss"][-1])
        glue(f"test_acc_{key}", h["test_acc"][-1])
        glue(f"gap10_{key}", gap(h, 10))
        glue(f"gap50_{key}", gap(h, EPOCHS))

    epochs = np.arange(1, EPOCHS + 1)
    fig, ax = plt.subplots(figsize=(6, 3.5))
    for h, color, train_label, test_label in (
            (plain, "C0", "no dropout, train", "no dropout, test"),
            (drop, "C1", "dropout, train", "dropout, test")):
        ax.plot(epochs, h["train_loss"], color=color, linestyle="--", label=train_label)
        ax.plot(epochs, h["test_loss"], color=color, label=test_label)
    ax.set_ylim(0, 0.6)
    ax.set_xlabel("epoch")
    ax.set_ylabel("cross-entropy loss")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    plt.show()
