"""Min pooling: easy to build, rarely useful after ReLU
====================================================

MXNet has no min pooling:

>>> nd.Pooling(nd.ones((1, 1, 4, 4)), kernel=(2, 2), stride=(2, 2), pool_type="min")
Traceback (most recent call last):
  ...
mxnet.base.MXNetError: ...Invalid Input: 'min', valid values are: {'avg', 'lp', 'max', 'sum'}

It needs none: the minimum of a window is minus the maximum of the negated window,
min(x) = -max(-x), exactly:

>>> _train.seed(0)
>>> x = nd.random.normal(shape=(2, 3, 6, 6))
>>> bool((min_pool(x).asnumpy() == x.asnumpy().reshape(2, 3, 3, 2, 3, 2).min(axis=(3, 5))).all())
True

After ReLU, though, most windows hold a 0, and min pooling outputs 0 there. In ``lenet()`` trained
on the digits (max pooling, 4 epochs), the 2×2 min of the ReLU maps of the test images is 0 in most
windows of both convolution layers, while max pooling outputs 0 only where a whole window is
inactive:

>>> maps = relu_map_statistics()
>>> [layer for layer, s in maps.items() if s["min is 0"] > 0.8]
['conv1', 'conv2']
>>> [layer for layer, s in maps.items() if s["max is 0"] < 0.4]
['conv1', 'conv2']

The pooling layers have no parameters, so the LeNet with min pooling starts from exactly the same
weights as the one with max pooling:

>>> same_initial_weights()
True

Such a layer also learns badly: its gradient goes only to each window's smallest value, which is
mostly a ReLU unit at 0, whose own gradient is 0. The same LeNet with min pooling, trained from the
same initial weights with the same data order and learning rate, ends with a much larger training
loss and a lower accuracy:

>>> runs = train_both()
>>> runs["min"]["train_loss"][-1] > 2 * runs["max"]["train_loss"][-1]
True
>>> runs["min"]["test_acc"][-1] < runs["max"]["test_acc"][-1] - 0.1
True

Min pooling is the right tool where small values carry the signal. Dark strokes on white paper, the
digits inverted, are an example: min pooling keeps the strokes, and it is exactly max pooling of the
original digits turned around, 1 - maxpool(x):

>>> image = held_out_images()[:1]
>>> bool((min_pool(1 - image) == 1 - max_pool(image)).asnumpy().all())
True
"""

import functools

from mxnet import nd

import _train
from _classic_nets import HE_INIT, lenet
from _data import digits
from _glue import glue

EPOCHS, LR = 4, 0.2


def max_pool(x):
    return nd.Pooling(x, kernel=(2, 2), stride=(2, 2), pool_type="max")


def min_pool(x):
    return -max_pool(-x)


def held_out_images():
    return digits(images=True)[2]


def initialized(pool):
    _train.seed(0)
    net = lenet(pool)
    net.initialize(HE_INIT)  # deferred: the weights are drawn at the first forward pass
    net(held_out_images()[:1])
    return net


def same_initial_weights():
    weights = [[p.data().asnumpy() for p in initialized(pool).collect_params().values()]
               for pool in ("max", "min")]
    return all((a == b).all() for a, b in zip(*weights))


@functools.lru_cache(maxsize=None)
def train_both():
    """Train LeNet with max and with min pooling: same data, initial weights, order and budget."""
    data, runs = digits(images=True), {}
    for pool in ("max", "min"):
        _train.seed(0)
        net = lenet(pool)
        net.initialize(HE_INIT)  # the pooling layers have no parameters: same initial weights
        net.hybridize()
        runs[pool] = _train.train(net, data, epochs=EPOCHS, lr=LR)
        runs[pool]["net"] = net
    return runs


def relu_map_statistics():
    """Fraction of 2×2 windows whose min (and whose max) is 0, in the trained max-pooling LeNet."""
    net = train_both()["max"]["net"]
    conv1 = net[0](held_out_images())  # the first convolution layer's ReLU output, N×6×8×8
    conv2 = net[2](net[1](conv1))  # the second one's, N×16×4×4
    return {name: {"zeros": float((a == 0).mean().asscalar()),
                   "min is 0": float((min_pool(a) == 0).mean().asscalar()),
                   "max is 0": float((max_pool(a) == 0).mean().asscalar())}
            for name, a in (("conv1", conv1), ("conv2", conv2))}


if __name__ == "__main__":
    for layer, s in relu_map_statistics().items():
        print(f"{layer}: {s['zeros']:.0%} of the ReLU outputs are 0; the 2×2 min is 0 in "
              f"{s['min is 0']:.0%} of the windows, the 2×2 max in {s['max is 0']:.0%}")
        glue(f"{layer}_zeros", s["zeros"])
        glue(f"{layer}_min_zero", s["min is 0"])
        glue(f"{layer}_max_zero", s["max is 0"])
    runs = train_both()
    for pool, run in runs.items():
        print(f"LeNet with {pool} pooling, {EPOCHS} epochs, lr {LR}: training loss per epoch",
              " ".join(f"{v:.2f}" for v in run["train_loss"]),
              f"| test accuracy {run['test_acc'][-1]:.2f}")
        glue(f"{pool}_loss", run["train_loss"][-1])
        glue(f"{pool}_acc", run["test_acc"][-1])
