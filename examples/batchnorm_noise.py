"""Batch normalization's noise: an example's output depends on its batch-mates
=============================================================================

In training mode, ``nn.BatchNorm`` normalizes each feature with the mean and variance of the
current minibatch, so the same example comes out differently in different batches; that
randomness is where batch normalization's regularizing side effect comes from. We put one fixed
example x = 5 into 100 random batches of each size, the rest drawn from 1,000 examples whose
feature has mean 3 and standard deviation 2. Normalized, x is a little under 1 on average (it
sits about one standard deviation above the mean), but it varies from batch to batch, less so in
larger batches:

>>> stats = output_stats()
>>> list(stats)
[8, 32, 128]
>>> [round(mean, 1) for mean, sd in stats.values()]
[0.9, 0.9, 0.9]
>>> sd = {size: sd for size, (mean, sd) in stats.items()}
>>> sd[8] > sd[32] > sd[128] > 0
True

The spread falls roughly like 1 / sqrt(batch size): from 8 to 128 examples (16 times more) it
shrinks by roughly 4:

>>> 2.5 < sd[8] / sd[128] < 6
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
def output_stats():
    """{batch size: (mean, standard deviation) of x's normalized value over the batches}."""
    stats = {}
    for size in SIZES:
        values = outputs_for_x(size, train=True)
        stats[size] = (float(values.mean()), float(values.std()))
    return stats


if __name__ == "__main__":
    x = population()[0, 0].asscalar()
    print(f"x = {x:.3f}; its normalized value over {N_BATCHES} random batches (training mode):")
    for size, (mean, sd) in output_stats().items():
        print(f"  batch size {size:3d}: mean {mean:.3f}, standard deviation {sd:.3f}")
    print(f"prediction mode: {len(np.unique(outputs_for_x(32, train=False)))} distinct value(s)")
    glue("bn_spread_8", output_stats()[8][1])
    glue("bn_spread_128", output_stats()[128][1])
