"""Gluon's data, nn and loss modules at work
==========================================

``gluon.data`` reads the data: ``ArrayDataset`` pairs features with labels and ``DataLoader`` hands
them out in shuffled minibatches. 23 examples with 2 features in batches of 10 give two full
batches and a short one, features and labels alike:

>>> [(X.shape, y.shape) for X, y in minibatches()]
[((10, 2), (10,)), ((10, 2), (10,)), ((3, 2), (3,))]

With ``shuffle=True`` the order comes from a ``RandomSampler``, which shuffles with NumPy's random
generator: seeding NumPy (not only MXNet) makes the order the same on every run.

>>> np.random.seed(0); first = list(gluon.data.RandomSampler(10))
>>> np.random.seed(0); again = list(gluon.data.RandomSampler(10))
>>> first == again, first == list(range(10))
(True, False)

``gluon.nn`` holds the layers. A ``Sequential`` chains them; ``Dense(4)`` is a dense layer with 4
outputs. Its number of inputs is unknown until data flows through it, so right after
``initialize()`` the weight has shape (4, 0); the first forward pass fixes every shape, and a dense
layer's weight is (outputs, inputs):

>>> net = small_net()
>>> [param.shape for param in net.collect_params().values()]
[(4, 0), (4,), (3, 0), (3,)]
>>> X, y = minibatches()[0]
>>> net(X).shape
(10, 3)
>>> [param.shape for param in net.collect_params().values()]
[(4, 2), (4,), (3, 4), (3,)]
>>> sum(param.data().size for param in net.collect_params().values())  # 4·2 + 4 + 3·4 + 3
27

``init.Normal`` draws the weights; the biases keep their own default initializer, zeros:

>>> [float(nd.abs(param.data()).sum().asscalar()) for name, param in net.collect_params().items()
...  if name.endswith("bias")]
[0.0, 0.0]

``gluon.loss`` holds the loss functions; each returns one value per example, and each is its
textbook formula. ``L2Loss`` is (ŷ - y)² / 2, half the squared error (not the L2 norm):

>>> y_hat, y_true = nd.array([2.5, 0.0, 2.0]), nd.array([3.0, -0.5, 2.0])
>>> gluon.loss.L2Loss()(y_hat, y_true).asnumpy().tolist()
[0.125, 0.125, 0.0]

``SoftmaxCrossEntropyLoss`` takes the logits o (the net's output before softmax) and integer
labels y, and gives -log softmax(o)_y for each example:

>>> o = net(X)
>>> ce = gluon.loss.SoftmaxCrossEntropyLoss()(o, y)
>>> ce_formula = -nd.log(nd.pick(nd.softmax(o), y))
>>> ce.shape, bool(nd.abs(ce - ce_formula).max() < 1e-6)
((10,), True)
"""

import functools

import mxnet as mx
import numpy as np
from mxnet import gluon, init, nd
from mxnet.gluon import nn

from _glue import glue


@functools.lru_cache(maxsize=None)  # building a DataLoader runs a full gc.collect(): do it once
def minibatches(num_examples=23, batch_size=10):
    mx.random.seed(0)
    features = nd.random.normal(shape=(num_examples, 2))
    labels = nd.array([i % 3 for i in range(num_examples)])  # three classes: 0, 1, 2
    dataset = gluon.data.ArrayDataset(features, labels)
    np.random.seed(0)  # DataLoader shuffles with NumPy's generator
    return list(gluon.data.DataLoader(dataset, batch_size, shuffle=True))


def small_net():
    mx.random.seed(1)
    net = nn.Sequential()
    net.add(nn.Dense(4, activation="relu"), nn.Dense(3))
    net.initialize(init.Normal(sigma=0.1))
    return net


if __name__ == "__main__":
    for X, y in minibatches():
        print("minibatch: features", X.shape, "labels", y.shape)
    net = small_net()
    X, y = minibatches()[0]
    o = net(X)
    for name, param in net.collect_params().items():
        print(f"{name:20s} {param.shape}")
    print("output (logits o):", o.shape)
    y_hat, y_true = nd.array([2.5, 0.0, 2.0]), nd.array([3.0, -0.5, 2.0])
    print("L2Loss(ŷ, y)                 :", gluon.loss.L2Loss()(y_hat, y_true).asnumpy())
    print("(ŷ - y)² / 2                 :", ((y_hat - y_true) ** 2 / 2).asnumpy())
    ce = gluon.loss.SoftmaxCrossEntropyLoss()(o, y)
    print("SoftmaxCrossEntropyLoss(o, y):", ce[:4].asnumpy().round(4), "...")
    print("-log softmax(o)_y            :", (-nd.log(nd.pick(nd.softmax(o), y)))[:4].asnumpy().round(4), "...")
    glue("last_batch", minibatches()[-1][0].shape[0])
    glue("parameters", sum(param.data().size for param in net.collect_params().values()))
