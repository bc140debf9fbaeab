"""Weight scale at initialization: 0, 0.01, 0.1 and 1
==================================================

The book's MLP (256 ReLU hidden units, 10 outputs) on 500 training digits, trained four times
with the same data, seed and budget (8 epochs of minibatch SGD, batch 50, learning rate 0.5).
Only the standard deviation sigma of the initial weights changes; the biases start at 0 in every
run. Scale 0 cannot be written as Normal(0), MXNet refuses it, so that run uses ``init.Zero()``:

>>> from mxnet import init
>>> build(init.Normal(0))
Traceback (most recent call last):
...
mxnet.base.MXNetError: ...scale parameter in gaussian has to be positive

**All weights 0.** The hidden layer outputs relu(0) = 0 for every example, so the output
weights get no gradient (it is H^T times something, and H = 0), and the hidden layer gets none
either (its gradient passes through the output weights, which are 0). Only the output bias
learns:

>>> grads = gradients_at_start(0)
>>> [name for name, g in grads.items() if g > 0]
['output bias']

Training cannot leave this point: after the whole budget every weight is still exactly 0, the
loss is still about ln 10 = 2.30, and the net predicts one class for every image, the class the
output bias learned to favor: the most frequent one in the training set. Its test accuracy is
that class's share of the test set.

>>> runs = train_all()
>>> zero = runs[0]
>>> zero["weights_still_zero"], round(zero["train_loss"][-1], 2)
(True, 2.3)
>>> len(set(zero["test_predictions"])), zero["predicted_class_is_most_frequent"]
(1, True)
>>> abs(zero["test_acc"][-1] - zero["predicted_class_test_share"]) < 1e-6
True
>>> zero["predicted_class_test_share"] < 0.12
True

**Small weights, sigma = 0.01.** Logits start near 0, so the first loss is ln 10 too, and the
gradients are proportional to sigma: training starts slowly (the first epoch barely moves the
loss) but then works:

>>> round(runs[0.01]["start_loss"], 2), runs[0.01]["train_loss"][0] > 2
(2.3, True)
>>> runs[0.01]["train_acc"][-1] > 0.8
True

**Large weights, sigma = 1.** With zero biases, ReLU layers scale exactly: the logits are
sigma^2 times those of sigma = 1, so at sigma = 1 they are 10^4 times those at sigma = 0.01, and
the first loss is huge. Training does not diverge here (the loss falls every epoch), and it fits
the training set best of all, but it generalizes worst: the highest test loss and the widest
gap between training and test accuracy. Its first layer moves little relative to its size; the
net keeps most of its random features.

>>> logit_ratio() == 10**4
True
>>> runs[1]["start_loss"] > 30
True
>>> losses = [runs[1]["start_loss"]] + runs[1]["train_loss"]
>>> all(a > b for a, b in zip(losses, losses[1:]))
True
>>> runs[1]["train_loss"][-1] < runs[0.1]["train_loss"][-1] < runs[0.01]["train_loss"][-1]
True
>>> trained = (0.01, 0.1, 1)
>>> max(trained, key=lambda s: runs[s]["test_loss"][-1]), max(trained, key=lambda s: gap(runs[s]))
(1, 1)
>>> min(trained, key=lambda s: runs[s]["test_acc"][-1])
1
>>> runs[1]["first_layer_change"] < 0.3 < 1 < runs[0.01]["first_layer_change"]
True

sigma = 0.1, close to 1 / sqrt(64 inputs), has the best test results of the four:

>>> max(runs, key=lambda s: runs[s]["test_acc"][-1])
0.1
"""

import functools

import matplotlib.pyplot as plt
import numpy as np
from mxnet import autograd, gluon, init, nd
from mxnet.gluon import nn

import _data
import _train
from _glue import glue

SCALES = (0, 0.01, 0.1, 1)
EPOCHS, LR, BATCH = 8, 0.5, 50
ROLES = ("hidden weight", "hidden bias", "output weight", "output bias")


@functools.lru_cache(maxsize=None)
def data():
    return _data.digits(n_train=500)


def build(initializer):
    """The book's 3.10 net; Dense biases default to zeros whatever the initializer."""
    _train.seed(0)  # the same draws for every sigma: Normal(sigma) gives sigma times them
    net = nn.Sequential()
    net.add(nn.Dense(256, activation="relu"), nn.Dense(10))
    net.initialize(initializer)
    net(data()[0][:1]).wait_to_read()  # draw the parameters now (deferred initialization)
    return net


def initializer(sigma):
    return init.Normal(sigma) if sigma > 0 else init.Zero()


def parameters(net):
    return dict(zip(ROLES, (net[0].weight, net[0].bias, net[1].weight, net[1].bias)))


def gradients_at_start(sigma):
    """Largest |gradient| of each parameter, on the whole training set, before any step."""
    X, y, _, _ = data()
    net = build(initializer(sigma))
    with autograd.record():
        loss = gluon.loss.SoftmaxCrossEntropyLoss()(net(X), y).mean()
    loss.backward()
    return {role: float(p.grad().abs().max().asscalar()) for role, p in parameters(net).items()}


def logit_ratio():
    X = data()[0]
    big, small = build(init.Normal(1))(X), build(init.Normal(0.01))(X)
    return round(float((big.abs().sum() / small.abs().sum()).asscalar()))


def gap(run):
    return run["train_acc"][-1] - run["test_acc"][-1]


@functools.lru_cache(maxsize=None)
def train_all():
    X, y, X_test, y_test = data()
    loss = gluon.loss.SoftmaxCrossEntropyLoss()
    runs = {}
    for sigma in SCALES:
        net = build(initializer(sigma))
        w_start = net[0].weight.data().copy()
        start = _train.evaluate(net, X, y, loss)
        start_test = _train.evaluate(net, X_test, y_test, loss)
        history = _train.train(net, data(), epochs=EPOCHS, lr=LR, batch_size=BATCH)
        run = {key: values for key, values in history.items()}
        run["start_loss"] = start["loss"]
        run["start_test_loss"] = start_test["loss"]
        w_end = net[0].weight.data()
        run["first_layer_change"] = float((nd.norm(w_end - w_start) / nd.norm(w_start)).asscalar()
                                          if sigma > 0 else 0.0)
        if sigma == 0:
            run["weights_still_zero"] = all(
                float(p.data().abs().max().asscalar()) == 0.0
                for role, p in parameters(net).items() if role != "output bias"
            )
            predictions = net(X_test).argmax(axis=1).asnumpy().astype(int)
            predicted = int(predictions[0])
            counts = np.bincount(y.asnumpy().astype(int), minlength=10)
            run["test_predictions"] = predictions.tolist()
            run["predicted_class_is_most_frequent"] = predicted == int(counts.argmax())
            run["predicted_class_test_share"] = float((y_test.asnumpy() == predicted).mean())
        runs[sigma] = run
    return runs


if __name__ == "__main__":
    runs = train_all()
    print("largest |gradient| at the start, all weights 0:")
    for role, g in gradients_at_start(0).items():
        print(f"  {role:13s} {g:.4f}")
    print()
    print(" sigma | loss at start | train loss by epoch                  | train acc  test acc "
          "| test loss | first layer moved")
    for sigma, run in runs.items():
        losses = " ".join(f"{v:.2f}" for v in run["train_loss"])
        print(f" {sigma:5g} | {run['start_loss']:13.2f} | {losses:36s} | "
              f"{run['train_acc'][-1]:9.3f} {run['test_acc'][-1]:9.3f} | "
              f"{run['test_loss'][-1]:9.3f} | {run['first_layer_change']:.2f}")
    for sigma, name in ((0, "zero"), (0.01, "small"), (0.1, "medium"), (1, "large")):
        glue(f"train_acc_{name}", runs[sigma]["train_acc"][-1])
        glue(f"test_acc_{name}", runs[sigma]["test_acc"][-1])
        glue(f"test_loss_{name}", runs[sigma]["test_loss"][-1])
        glue(f"train_loss_{name}", runs[sigma]["train_loss"][-1])
    glue("start_loss_large", runs[1]["start_loss"])
    glue("epoch1_loss_small", runs[0.01]["train_loss"][0])
    glue("change_large", runs[1]["first_layer_change"])
    glue("change_small", runs[0.01]["first_layer_change"])

    fig, ax = plt.subplots(figsize=(6, 3.5))
    epochs = np.arange(EPOCHS + 1)
    for i, (sigma, run) in enumerate(runs.items()):
        ax.plot(epochs, [run["start_loss"]] + run["train_loss"], color=f"C{i}", marker="o",
                markersize=3, label=f"std = {sigma:g}")
        ax.plot(epochs, [run["start_test_loss"]] + run["test_loss"], color=f"C{i}", linestyle="--")
    ax.plot([], [], color="gray", label="train")
    ax.plot([], [], color="gray", linestyle="--", label="test")
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss (log scale)")
    ax.legend(ncol=2, fontsize=8)
    ax.grid(alpha=0.3)
    plt.show()
