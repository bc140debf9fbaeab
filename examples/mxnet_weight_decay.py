"""What MXNet's ``wd`` does: one SGD step by hand, and the bias it also decays
============================================================================

MXNet's optimizers add ``wd * w`` to every parameter's gradient. With plain SGD and
``trainer.step(n)`` on a batch of n examples, one update is w <- w - lr * (grad_sum / n + wd * w),
i.e. w <- (1 - lr * wd) * w - lr * (gradient of the mean loss). That is exactly a gradient step on
the mean loss plus the penalty wd / 2 * ||w||^2, for *every* parameter, biases included:

>>> trained = gluon_step(wd=WD)
>>> by_hand = hand_step(wd=WD)
>>> penalized = penalty_step(wd=WD)
>>> [bool(np.abs(trained[k] - by_hand[k]).max() < 1e-6) for k in ("weight", "bias")]
[True, True]
>>> [bool(np.abs(trained[k] - penalized[k]).max() < 1e-6) for k in ("weight", "bias")]
[True, True]

The decay factor is (1 - lr * wd), not (1 - lr * wd / n) with n the batch size:

>>> divided = hand_step(wd=WD / BATCH)
>>> bool(np.abs(trained["weight"] - divided["weight"]).max() > 1e-4)
True

With a zero data gradient, only the decay moves the parameters. One Trainer for all parameters,
as ``gluon.Trainer(net.collect_params(), 'sgd', {'wd': ...})`` builds it, shrinks the bias
(which starts at 1) by the same factor 1 - lr * wd = 0.95 as the weights; the book's separate
Trainer for the biases, or ``wd_mult = 0`` on them, leaves the bias alone:

>>> round(decay_only("one trainer")["bias"], 6)
0.95
>>> round(decay_only("two trainers")["bias"], 6), round(decay_only("wd_mult = 0")["bias"], 6)
(1.0, 1.0)
>>> bool(np.allclose(decay_only("two trainers")["weight ratio"], 0.95))
True

Adam is different: ``wd * w`` goes into the gradient *before* Adam divides by the gradient's
running root mean square, so the decay is rescaled away. From the same weights, with no data
gradient, Adam's first step moves the weights by about lr = 0.01 on average whether wd is 1e-4
or 1e-2 (100 times larger), while SGD's step, lr * wd * |w|, is proportional to wd:

>>> round(float(adam_first_step(1e-4).mean()), 4), round(float(adam_first_step(1e-2).mean()), 4)
(0.0098, 0.01)
"""

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, init, nd
from mxnet.gluon import nn

LR, WD, BATCH = 0.5, 0.1, 8


def batch():
    mx.random.seed(0)
    X = nd.random.normal(shape=(BATCH, 4))
    y = nd.random.normal(shape=(BATCH, 2))
    return X, y


def fresh_net(X):
    mx.random.seed(42)  # every copy starts from the same parameters
    net = nn.Dense(2, bias_initializer=init.One())  # bias = 1, so its decay is visible
    net.initialize(init.Normal(sigma=0.5))
    net(X)
    return net


def params(net):
    return {"weight": net.weight.data().asnumpy(), "bias": net.bias.data().asnumpy()}


def gluon_step(wd):
    X, y = batch()
    net = fresh_net(X)
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": LR, "wd": wd})
    with autograd.record():
        l = gluon.loss.L2Loss()(net(X), y)
    l.backward()
    trainer.step(BATCH)
    return params(net)


def hand_step(wd):
    X, y = batch()
    net = fresh_net(X)
    with autograd.record():
        l = gluon.loss.L2Loss()(net(X), y)
    l.backward()  # gradient of the summed loss
    for p in (net.weight, net.bias):
        p.set_data(p.data() - LR * (p.grad() / BATCH + wd * p.data()))
    return params(net)


def penalty_step(wd):
    """Plain SGD (no wd) on the mean loss plus wd / 2 * (||W||^2 + ||b||^2), gradient by autograd."""
    X, y = batch()
    net = fresh_net(X)
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": LR})
    with autograd.record():
        penalty = sum((p.data() ** 2).sum() for p in (net.weight, net.bias))
        l = gluon.loss.L2Loss()(net(X), y).mean() + wd / 2 * penalty
    l.backward()
    trainer.step(1)  # the loss is already a mean
    return params(net)


def decay_only(setup):
    X, _ = batch()
    net = fresh_net(X)
    w0 = net.weight.data().asnumpy()
    if setup == "one trainer":
        trainers = [gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": LR, "wd": WD})]
    elif setup == "two trainers":  # as the book does
        trainers = [gluon.Trainer(net.collect_params(".*weight"), "sgd", {"learning_rate": LR, "wd": WD}),
                    gluon.Trainer(net.collect_params(".*bias"), "sgd", {"learning_rate": LR})]
    else:
        net.collect_params(".*bias").setattr("wd_mult", 0)
        trainers = [gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": LR, "wd": WD})]
    with autograd.record():
        l = (net(X) * 0).sum()  # every data gradient is exactly 0
    l.backward()
    for trainer in trainers:
        trainer.step(BATCH)
    return {"bias": float(net.bias.data().asnumpy()[0]),
            "weight ratio": net.weight.data().asnumpy() / w0}


def adam_first_step(wd, lr=0.01):
    """|change| of each weight in Adam's first step when only wd pushes it."""
    X, _ = batch()
    net = fresh_net(X)
    w0 = net.weight.data().asnumpy()
    trainer = gluon.Trainer(net.collect_params(), "adam", {"learning_rate": lr, "wd": wd})
    with autograd.record():
        l = (net(X) * 0).sum()
    l.backward()
    trainer.step(BATCH)
    return np.abs(net.weight.data().asnumpy() - w0)


if __name__ == "__main__":
    for name, result in (("Gluon, wd", gluon_step(WD)), ("by hand", hand_step(WD)),
                         ("penalty wd/2 ||theta||^2", penalty_step(WD))):
        print(f"{name:25s} w[0] = {np.round(result['weight'][0], 5)}  b = {np.round(result['bias'], 5)}")
    print("\nzero data gradient, lr = 0.5, wd = 0.1, bias starts at 1:")
    for setup in ("one trainer", "two trainers", "wd_mult = 0"):
        print(f"  {setup:13s} bias after one step: {decay_only(setup)['bias']:.4f}")
    w0 = np.abs(fresh_net(batch()[0]).weight.data().asnumpy())
    print("\nfirst step, lr = 0.01, only wd pushing (mean |change| of the weights):")
    for wd in (1e-4, 1e-2):
        print(f"  wd = {wd:g}:  Adam {adam_first_step(wd).mean():.5f}   SGD {0.01 * wd * w0.mean():.2e}")
