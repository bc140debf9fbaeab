"""The same small CNN trained with and without batch normalization
================================================================

Two convolution layers and a hidden dense layer with ReLU, on the 8×8 digits (1,000 training and
797 test images). The BN version adds a batch normalization after each of the three hidden layers
and is otherwise the same network: the convolution and dense layers start from the same weights,
and both runs see the same batches in the same order for 4 epochs, at two learning rates. Each
run reports, after every epoch, the training loss and the test accuracy (in prediction mode, so the
BN net uses its moving averages):

>>> runs = train_all()
>>> same_initial_weights()
True

At η = 0.1 both nets learn, but the BN net is far ahead after the same 4 epochs:

>>> plain, bn = runs[("plain", 0.1)], runs[("BN", 0.1)]
>>> bool(bn["train_loss"][-1] < plain["train_loss"][-1] / 5)
True
>>> bool(bn["test_acc"][-1] > 0.9 > plain["test_acc"][-1])
True

At η = 2 the plain net never gets off the ground: its loss stays at ln 10 ≈ 2.30, the loss of
giving every class probability 1/10, and its test accuracy is at chance. The BN net still learns:

>>> plain, bn = runs[("plain", 2.0)], runs[("BN", 2.0)]
>>> [round(loss, 2) for loss in plain["train_loss"]]
[2.31, 2.31, 2.3, 2.31]
>>> bool(max(plain["test_acc"]) < 0.15), bool(bn["test_acc"][-1] > 0.85)
(True, True)

though not smoothly: its test accuracy drops in some epochs before it rises again:

>>> any(later < earlier for earlier, later in zip(bn["test_acc"], bn["test_acc"][1:]))
True

One reason large steps do less harm: a layer followed by batch normalization gives the same output
(up to the ε added to the variance) if its weights are all multiplied by a positive number, while
their gradient is divided by that number:

>>> invariance = weight_scale_invariance(scale=10.0)
>>> bool(invariance["output_change"] < 1e-3), bool(abs(invariance["grad_ratio"] - 0.1) < 1e-3)
(True, True)

and the gradient is orthogonal to the weights (|cosine| < 0.01), so an SGD step can only make them
longer, which in turn shrinks the next gradient and the effective step:

>>> bool(abs(invariance["cosine"]) < 0.01)
True
"""

import functools

import matplotlib.pyplot as plt
import mxnet as mx
import numpy as np
from mxnet import autograd, init, nd
from mxnet.gluon import nn

from _data import digits
from _glue import glue
from _train import seed, train

EPOCHS, BATCH_SIZE = 4, 64
LEARNING_RATES = (0.1, 2.0)


def small_cnn(batch_norm):
    """conv(8) -> pool -> conv(16) -> pool -> dense(64) -> dense(10), ReLU after each hidden layer;
    ``batch_norm`` puts a BatchNorm between each hidden layer and its ReLU, as the book does."""
    net = nn.HybridSequential()

    def hidden(layer):
        net.add(layer)
        if batch_norm:
            net.add(nn.BatchNorm())
        net.add(nn.Activation("relu"))

    hidden(nn.Conv2D(8, kernel_size=3, padding=1))
    net.add(nn.MaxPool2D(pool_size=2, strides=2))
    hidden(nn.Conv2D(16, kernel_size=3, padding=1))
    net.add(nn.MaxPool2D(pool_size=2, strides=2))
    hidden(nn.Dense(64))
    net.add(nn.Dense(10))
    return net


def fresh_net(batch_norm):
    seed(0)  # the same draws for the conv and dense weights of both nets
    net = small_cnn(batch_norm)
    net.initialize(init.Xavier())
    net.hybridize()
    return net


def same_initial_weights():
    """Do the conv and dense layers of both nets start from the same parameters?"""
    params = []
    for batch_norm in (False, True):
        net = fresh_net(batch_norm)
        net(nd.zeros((1, 1, 8, 8)))  # the first call gives the deferred parameters their shapes
        params.append([p.data().asnumpy() for name, p in net.collect_params().items()
                       if "batchnorm" not in name])
    return len(params[0]) == len(params[1]) and all(map(np.array_equal, *params))


@functools.lru_cache(maxsize=None)
def train_all():
    data = digits(images=True)
    runs = {}
    for lr in LEARNING_RATES:
        for name in ("plain", "BN"):
            runs[(name, lr)] = train(fresh_net(name == "BN"), data, epochs=EPOCHS, lr=lr,
                                     batch_size=BATCH_SIZE)
    return runs


def weight_scale_invariance(scale):
    """Conv (no bias) -> BatchNorm in training mode, with the conv's weight W and with scale × W."""
    mx.random.seed(1)
    X, T = nd.random.normal(shape=(16, 1, 8, 8)), nd.random.normal(shape=(16, 4, 6, 6))
    conv, bn = nn.Conv2D(4, kernel_size=3, use_bias=False), nn.BatchNorm()
    conv.initialize(init.Xavier())  # output variance near 1, far above ε
    bn.initialize()
    conv(X)
    W = conv.weight.data().copy()
    outputs, grads = [], []
    for s in (1.0, scale):
        conv.weight.set_data(W * s)
        with autograd.record():
            Y = bn(conv(X))
            loss = ((Y - T) ** 2).sum()  # T: a target, so the loss depends on the output
        loss.backward()
        outputs.append(Y)
        grads.append(conv.weight.grad().copy())
    W, G = W.reshape(-1), grads[0].reshape(-1)
    return {"output_change": abs(outputs[1] - outputs[0]).max().asscalar(),
            "cosine": (nd.dot(W, G) / (nd.norm(W) * nd.norm(G))).asscalar(),
            "grad_ratio": (nd.norm(grads[1]) / nd.norm(grads[0])).asscalar()}


if __name__ == "__main__":
    print(f"{EPOCHS} epochs, batch size {BATCH_SIZE}: training loss and test accuracy per epoch")
    glue("epochs", EPOCHS)
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(7.5, 3.5))
    for (name, lr), run in train_all().items():
        print(f"{name:5s} η = {lr:<4} loss", " ".join(f"{v:.3f}" for v in run["train_loss"]),
              "  acc", " ".join(f"{v:.2f}" for v in run["test_acc"]))
        key = f"{name.lower()}_{str(lr).replace('.', '')}"  # e.g. bn_01, plain_20
        glue(f"{key}_train_loss", run["train_loss"][-1])
        glue(f"{key}_test_acc", run["test_acc"][-1])
        glue(f"{key}_test_acc_min", min(run["test_acc"]))
        style = dict(color="tab:blue" if lr == 0.1 else "tab:red", marker="o", markersize=3,
                     linestyle="-" if name == "BN" else "--", label=f"{name}, $\\eta$ = {lr}")
        ax_loss.plot(range(1, EPOCHS + 1), run["train_loss"], **style)
        ax_acc.plot(range(1, EPOCHS + 1), run["test_acc"], **style)
    ax_loss.set(yscale="log", xlabel="epoch", ylabel="training loss (log scale)")
    ax_acc.set(xlabel="epoch", ylabel="test accuracy", ylim=(0, 1))
    ax_acc.legend(fontsize="small")
    for ax in (ax_loss, ax_acc):
        ax.grid(alpha=0.3)
    fig.tight_layout()
    plt.show()
