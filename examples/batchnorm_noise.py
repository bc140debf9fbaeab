"""Batch normalization's noise: an example's output depends on its batch-mates
=============================================================================

In training mode, ``nn.BatchNorm`` normalizes each feature with the mean and variance of the
current minibatch, so the same example comes out differently in different batches: that
randomness is the whole of batch normalization's regularizing side effect. We put one fixed
example x = 5 into 100 random batches of each size (the rest drawn from 1,000 examples whose
feature has mean 3 and standard deviation 2, so x sits one standard deviation above the mean)
and measure how much x's normalized value varies:

>>> spread = output_spread()
>>> list(spread)
[8, 32, 128]
>>> spread[8] > spread[32] > spread[128] > 0
True

The spread falls roughly like 1 / sqrt(batch size): from 8 to 128 examples (16 times more) it
shrinks by roughly 4:

>>> 2.5 < spread[8] / spread[128] < 6
True

In prediction mode the layer uses its running averages instead, so x's output is the same number
in every batch (one distinct value in 100 batches):

>>> len(np.unique(outputs_for_x(32, train=False)))
1
"""

import functools

import mxnet as mx
import numpy as np
from mxnet import autograd, nd
from mxnet.gluon import nn

from _glue import glue

SIZES, N_BATCHES = (8, 32, 128), 100


def population():
    mx.random.seed(0)
    X = nd.random.normal(3, 2, shape=(1000, 1))
    X[0] = 5.0  # the example we follow
    return X


def outputs_for_x(batch_size, train):
    """x's normalized value in N_BATCHES random batches that contain it (x is example 0)."""
    X = population()
    layer = nn.BatchNorm()
    layer.initialize()  # gamma = 1, beta = 0: the output is just the normalized value
    rng = np.random.RandomState(batch_size)
    values = []
    for _ in range(N_BATCHES):
        others = rng.choice(np.arange(1, len(X)), size=batch_size - 1, replace=False)
        batch = X.take(nd.array(np.concatenate([[0], others])))
        if train:
            with autograd.train_mode():
                values.append(layer(batch)[0, 0].asscalar())
        else:
            values.append(layer(batch)[0, 0].asscalar())
    return np.array(values)


@functools.lru_cache(maxsize=None)
def output_spread():
    return {size: float(outputs_for_x(size, train=True).std()) for size in SIZES}


if __name__ == "__main__":
    x = population()[0, 0].asscalar()
    print(f"x = {x:.3f}; its normalized value over {N_BATCHES} random batches (training mode):")
    for size, value in output_spread().items():
        print(f"  batch size {size:3d}: standard deviation {value:.3f}")
    print(f"prediction mode: {len(np.unique(outputs_for_x(32, train=False)))} distinct value(s)")
    glue("bn_spread_8", output_spread()[8])
    glue("bn_spread_128", output_spread()[128])
