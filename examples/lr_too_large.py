"""A learning rate too large for LeNet, and a schedule that makes it work
======================================================================

The LeNet-like network of ``_classic_nets.lenet`` on the 8×8 digits, minibatch SGD with batches of
64 for 5 epochs. Every run starts from the same initial weights and sees the batches in the same
order; only the learning rate differs. The training loss is measured on the whole training set
before training (epoch 0) and after each epoch.

With η = 0.2 the loss falls steadily:

>>> runs = all_runs()
>>> good = runs["eta = 0.2"]
>>> good["train_loss"][-1] < 0.5, good["test_acc"] > 0.85
(True, True)

With η = 1.0 it does not blow up; it settles at ln 10 ≈ 2.303, the loss of a uniform guess over
10 classes, and stays there. The network has stopped looking at its input: the ReLUs of the second
convolution layer (layer 2 of ``net``) output 0 for every training image, where after η = 0.2 about
3 in 4 are 0. A ReLU at 0 passes no gradient, so these units never recover; the dense layers see
the same input for every image, every image gets the same logits and the same predicted class, and
the test accuracy is that class's share of the test set:

>>> big = runs["eta = 1.0"]
>>> abs(big["train_loss"][-1] - math.log(10)) < 0.01
True
>>> big["zero_fraction"][2], 0.5 < good["zero_fraction"][2] < 0.9
(1.0, True)
>>> big["classes_predicted"], big["test_acc"] < 0.15
(1, True)

Ten times larger still, η = 10, and the loss overflows: it grows by orders of magnitude in the
first steps and is nan before the first epoch ends.

>>> huge = runs["eta = 10"]
>>> [f"{value:.0e}" for value in huge["first_steps"]]
['4e+00', '2e+03', '2e+08', '4e+35', 'nan']
>>> math.isnan(huge["train_loss"][1])
True

A schedule rescues η = 1.0: a linear warm-up to 1.0 over the first quarter epoch (4 steps), then
halving every epoch. The largest steps come after the first updates have tamed the initial
gradients, and the rate falls below the range that kills the ReLUs before they die. The run trains
(its loss ends far below ln 10, its ReLUs are alive), although on this network it does not beat the
smaller constant rate:

>>> sched = runs["warm-up to 1.0, then halve every epoch"]
>>> sched["lr"][:4], max(sched["lr"])
([0.25, 0.5, 0.75, 1.0], 1.0)
>>> sched["train_loss"][-1] < 1, sched["test_acc"] > 0.75, sched["zero_fraction"][2] < 0.9
(True, True, True)
>>> good["train_loss"][-1] < sched["train_loss"][-1]
True
"""

import functools
import math

import matplotlib.pyplot as plt
import numpy as np
from mxnet import autograd, gluon, nd

import _train
from _classic_nets import HE_INIT, lenet
from _data import digits
from _glue import glue

EPOCHS, BATCH_SIZE = 5, 64


def constant(eta):
    return lambda t: eta


def warmup_then_halve(peak, warmup=0.25):
    """Learning rate at time t (in epochs): linear warm-up to ``peak``, then halve every epoch."""
    return lambda t: peak * t / warmup if t < warmup else peak * 0.5 ** (t - warmup)


def train(data, schedule, epochs=EPOCHS, seed=0):
    """_train.train's loop, with the learning rate set before every step from ``schedule``."""
    X_train, y_train, X_test, y_test = data
    _train.seed(seed)  # same initial weights and batch order in every run
    net = lenet()
    net.initialize(HE_INIT)
    net.hybridize()
    loss = gluon.loss.SoftmaxCrossEntropyLoss()
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": schedule(0)})
    n = len(y_train)
    steps_per_epoch = math.ceil(n / BATCH_SIZE)
    run = {"train_loss": [_train.evaluate(net, X_train, y_train, loss)["loss"]],
           "lr": [], "first_steps": []}
    for epoch in range(epochs):
        order = nd.array(np.random.permutation(n))
        for start in range(0, n, BATCH_SIZE):
            step = epoch * steps_per_epoch + start // BATCH_SIZE
            trainer.set_learning_rate(schedule((step + 1) / steps_per_epoch))  # t at step's end
            batch = order[start:start + BATCH_SIZE]
            X, y = X_train.take(batch), y_train.take(batch)
            with autograd.record():
                l = loss(net(X), y)
            l.backward()
            trainer.step(X.shape[0])
            run["lr"].append(trainer.learning_rate)
            if len(run["first_steps"]) < 5:
                run["first_steps"].append(float(l.mean().asscalar()))
        run["train_loss"].append(_train.evaluate(net, X_train, y_train, loss)["loss"])
    run["test_acc"] = _train.evaluate(net, X_test, y_test, loss)["acc"]
    h = X_train
    run["zero_fraction"] = []  # per layer: the fraction of its outputs that are 0
    for layer in net:
        h = layer(h)
        run["zero_fraction"].append(float((h == 0).mean().asscalar()))
    run["classes_predicted"] = len(np.unique(net(X_test).argmax(axis=1).asnumpy()))
    return run


@functools.lru_cache(maxsize=None)
def all_runs():
    data = digits(images=True)
    return {
        "eta = 0.2": train(data, constant(0.2)),
        "eta = 1.0": train(data, constant(1.0)),
        "warm-up to 1.0, then halve every epoch": train(data, warmup_then_halve(1.0)),
        "eta = 10": train(data, constant(10.0), epochs=1),  # nan after one epoch: enough
    }


if __name__ == "__main__":
    runs = all_runs()
    for name, run in runs.items():
        print(f"{name:40s} training loss per epoch:",
              " ".join(f"{v:.3f}" for v in run["train_loss"]),
              f"| test accuracy {run['test_acc']:.2f}")
        if not math.isnan(run["train_loss"][-1]):
            print(f"{'':40s} second convolution's outputs on the training images that are 0: "
                  f"{run['zero_fraction'][2]:.0%}")
    print("eta = 10, loss of the first 5 minibatches:",
          " ".join(f"{v:.3g}" for v in runs["eta = 10"]["first_steps"]))
    glue("good_loss", runs["eta = 0.2"]["train_loss"][-1])
    glue("good_acc", runs["eta = 0.2"]["test_acc"])
    glue("big_loss", runs["eta = 1.0"]["train_loss"][-1])
    glue("big_acc", runs["eta = 1.0"]["test_acc"])
    sched = runs["warm-up to 1.0, then halve every epoch"]
    glue("sched_loss", sched["train_loss"][-1])
    glue("sched_acc", sched["test_acc"])

    labels = {"eta = 0.2": "$\\eta$ = 0.2", "eta = 1.0": "$\\eta$ = 1.0",
              "warm-up to 1.0, then halve every epoch": "warm-up to $\\eta$ = 1.0, then halve"}
    fig, (ax_lr, ax_loss) = plt.subplots(1, 2, figsize=(6.4, 3.5))
    for name, label in labels.items():
        run = runs[name]
        steps = np.arange(1, len(run["lr"]) + 1) * EPOCHS / len(run["lr"])
        ax_lr.plot(steps, run["lr"], label=label)
        ax_loss.plot(range(EPOCHS + 1), run["train_loss"], marker="o", label=label)
    ax_loss.axhline(math.log(10), color="gray", linestyle="--", linewidth=1)
    ax_loss.text(EPOCHS, math.log(10) * 1.08, "$\\ln 10$", ha="right", color="gray")
    ax_lr.set_xlabel("epoch")
    ax_lr.set_ylabel("learning rate")
    ax_loss.set_xlabel("epoch")
    ax_loss.set_ylabel("training loss (log scale)")
    ax_loss.set_yscale("log")
    ax_loss.set_yticks([0.2, 0.5, 1, 2, 3])
    ax_loss.set_yticklabels(["0.2", "0.5", "1", "2", "3"])
    ax_loss.minorticks_off()
    for ax in (ax_lr, ax_loss):
        ax.grid(alpha=0.3)
    fig.legend(*ax_lr.get_legend_handles_labels(), loc="upper center", ncol=3, fontsize=9)
    fig.tight_layout(rect=(0, 0, 1, 0.9))
    plt.show()
