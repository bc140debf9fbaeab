"""Gluon's data, nn and loss modules at work
==========================================

``gluon.data``: ``ArrayDataset`` pairs features with labels, ``DataLoader`` cuts them into
shuffled minibatches (23 examples in batches of 10: 10, 10, 3). The shuffling comes from NumPy's
random generator, so seeding NumPy fixes the order:

>>> [(X.shape, y.shape) for X, y in minibatches()]
[((10, 2), (10,)), ((10, 2), (10,)), ((3, 2), (3,))]
>>> np.random.seed(0); first = list(gluon.data.RandomSampler(10))
>>> np.random.seed(0); first == list(gluon.data.RandomSampler(10)) != list(range(10))
True

``gluon.nn``: a ``Sequential`` of two ``Dense`` layers. The input size is unknown until the first
forward pass (shape (4, 0)); then each weight is (outputs, inputs), and the biases start at 0:

>>> net = small_net()
>>> [p.shape for p in net.collect_params().values()]
[(4, 0), (4,), (3, 0), (3,)]
>>> X, y = minibatches()[0]
>>> net(X).shape, [p.shape for p in net.collect_params().values()]
((10, 3), [(4, 2), (4,), (3, 4), (3,)])
>>> sum(p.data().size for p in net.collect_params().values()), [float(net[i].bias.data().abs().sum().asscalar()) for i in (0, 1)]
(27, [0.0, 0.0])

``gluon.loss``: one value per example, each the textbook formula. ``L2Loss`` is (ŷ - y)² / 2;
``SoftmaxCrossEntropyLoss`` takes the logits o and gives -log softmax(o)_y:

>>> gluon.loss.L2Loss()(nd.array([2.5, 0.0, 2.0]), nd.array([3.0, -0.5, 2.0])).asnumpy().tolist()
[0.125, 0.125, 0.0]
>>> o = net(X)
>>> bool(nd.abs(gluon.loss.SoftmaxCrossEntropyLoss()(o, y) + nd.log(nd.pick(nd.softmax(o), y))).max() < 1e-6)
True
"""

import functools

import mxnet as mx
import numpy as np
from mxnet import gluon, init, nd
from mxnet.gluon import nn

from _glue import glue


@functools.lru_cache(maxsize=None)  # building a DataLoader runs a full gc.collect(): do it once
def minibatches():
    mx.random.seed(0)
    dataset = gluon.data.ArrayDataset(nd.random.normal(shape=(23, 2)), nd.array([i % 3 for i in range(23)]))
    np.random.seed(0)
    return list(gluon.data.DataLoader(dataset, batch_size=10, shuffle=True))


def small_net():
    mx.random.seed(1)
    net = nn.Sequential()
    net.add(nn.Dense(4, activation="relu"), nn.Dense(3))
    net.initialize(init.Normal(sigma=0.1))
    return net


if __name__ == "__main__":
    print("minibatch shapes:", [(X.shape, y.shape) for X, y in minibatches()])
    net = small_net()
    net(minibatches()[0][0])
    for name, param in net.collect_params().items():
        print(f"{name:14s} {param.shape}")
    glue("last_batch", minibatches()[-1][0].shape[0])
    glue("parameters", sum(p.data().size for p in net.collect_params().values()))
