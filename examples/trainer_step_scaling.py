"""trainer.step(batch_size) is one SGD step on the mean loss
==========================================================

``l.backward()`` on a batch's vector of losses differentiates their *sum*. ``trainer.step(n)``
then makes ONE update, dividing that gradient by n: w <- w - lr * grad_sum / n, which is an
SGD step on the *mean* loss. We start two copies of the same net from the same parameters and
the same batch of n = 8 examples: one is updated by Gluon, the other by hand,
w <- w - lr * d(mean loss)/dw:

>>> w0, b0 = initial_parameters()
>>> w_gluon, b_gluon = gluon_step(batch_size=8)
>>> rescale_grad_after_step(batch_size=8)  # what step(8) told the optimizer to multiply by
0.125
>>> w_hand, b_hand = hand_step_on_mean_loss()
>>> bool(abs(w_gluon - w_hand).max() < 1e-6), bool(abs(b_gluon - b_hand).max() < 1e-6)
(True, True)

The parameters did move, so the agreement is not trivial:

>>> bool(abs(w_gluon - w0).max() > 0.01)
True

If the loss was already averaged before ``backward()``, the division has been done: then
``trainer.step(1)`` is the same update, and ``trainer.step(8)`` would divide a second time:

>>> w_mean_1, _ = gluon_step(batch_size=1, average_first=True)
>>> w_mean_8, _ = gluon_step(batch_size=8, average_first=True)
>>> bool(abs(w_mean_1 - w_gluon).max() < 1e-6), bool(abs((w_mean_8 - w0) - (w_gluon - w0) / 8).max() < 1e-6)
(True, True)

``trainer.step(1)`` on the summed loss would not divide at all: still one update, but n = 8 times
as long:

>>> w_one, b_one = gluon_step(batch_size=1)
>>> bool(abs((w_one - w0) - 8 * (w_gluon - w0)).max() < 1e-5)
True
>>> round(step_length_ratio(), 3)  # length of the step(1) update / length of the step(8) update
8.0
"""

import mxnet as mx
from mxnet import autograd, gluon, init, nd
from mxnet.gluon import loss as gloss
from mxnet.gluon import nn

from _glue import glue

LR = 0.1


def batch():
    mx.random.seed(0)
    X = nd.random.normal(shape=(8, 2))
    y = nd.dot(X, nd.array([2, -3.4])) + 4.2
    return X, y


def fresh_net(X):
    mx.random.seed(42)  # every copy starts from the same parameters
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Normal(sigma=0.01))
    net(X)  # the first call fixes the weight's shape (1, 2) and draws its values
    return net


def parameters(net):
    return net[0].weight.data().asnumpy(), net[0].bias.data().asnumpy()


def initial_parameters():
    X, y = batch()
    return parameters(fresh_net(X))


def gluon_step(batch_size, return_trainer=False, average_first=False):
    X, y = batch()
    net = fresh_net(X)
    loss = gloss.L2Loss()
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": LR})
    with autograd.record():
        l = loss(net(X), y)  # shape (8,): one loss per example
        if average_first:
            l = l.mean()
    l.backward()  # same as l.sum().backward()
    trainer.step(batch_size)
    return trainer if return_trainer else parameters(net)


def rescale_grad_after_step(batch_size):
    return gluon_step(batch_size, return_trainer=True).optimizer.rescale_grad


def hand_step_on_mean_loss():
    X, y = batch()
    net = fresh_net(X)
    loss = gloss.L2Loss()
    with autograd.record():
        l = loss(net(X), y).mean()
    l.backward()
    for param in net.collect_params().values():
        param.set_data(param.data() - LR * param.grad())
    return parameters(net)


def step_length_ratio():
    w0, b0 = initial_parameters()
    moves = []
    for batch_size in (1, 8):
        w, b = gluon_step(batch_size)
        moves.append(float(((w - w0) ** 2).sum() + ((b - b0) ** 2).sum()) ** 0.5)
    return moves[0] / moves[1]


if __name__ == "__main__":
    w0, b0 = initial_parameters()
    print("before         w =", w0.ravel(), "b =", b0)
    w, b = gluon_step(batch_size=8)
    print("step(8)        w =", w.ravel(), "b =", b)
    w, b = hand_step_on_mean_loss()
    print("by hand (mean) w =", w.ravel(), "b =", b)
    w, b = gluon_step(batch_size=1)
    print("step(1)        w =", w.ravel(), "b =", b)
    ratio = step_length_ratio()
    print(f"the step(1) update is {ratio:.3f} times as long as the step(8) update")
    glue("step_ratio", ratio)
