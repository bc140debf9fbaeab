"""Batch size, iterations and epochs: counting the updates
==========================================================

One iteration processes one minibatch and makes one parameter update; one epoch is one pass
over the whole training set. With n examples and batch size |B| an epoch has ⌈n / |B|⌉ iterations:

>>> iterations_per_epoch(2000, 500)
4
>>> iterations_per_epoch(2001, 500)
5

When |B| does not divide n, the last minibatch is smaller, so "examples per epoch = iterations ×
batch size" only holds when it does. Each example is still seen exactly once per epoch:

>>> batch_sizes(2000, 500)
[500, 500, 500, 500]
>>> batch_sizes(2001, 500)
[500, 500, 500, 500, 1]
>>> sum(batch_sizes(2001, 500))
2001

Gluon's DataLoader keeps the short last batch by default (``last_batch='keep'``) and can drop it
instead (``last_batch='discard'``), which gives ⌊n / |B|⌋ iterations:

>>> dataloader_iterations(2001, 500)
{'keep': 5, 'discard': 4}

Training for 3 epochs on 2000 examples in batches of 500 makes 3 × 4 = 12 updates:

>>> 3 * iterations_per_epoch(2000, 500)
12
"""

import functools
import math

from mxnet import nd
from mxnet.gluon import data as gdata

from _glue import glue


def iterations_per_epoch(num_examples, batch_size):
    return math.ceil(num_examples / batch_size)


def batch_sizes(num_examples, batch_size):
    # The same slicing as D2L's data_iter: indices[i : min(i + batch_size, num_examples)].
    return [
        min(i + batch_size, num_examples) - i for i in range(0, num_examples, batch_size)
    ]


@functools.lru_cache(maxsize=None)  # building a DataLoader runs a full gc.collect()
def dataloader_iterations(num_examples, batch_size):
    dataset = gdata.ArrayDataset(nd.arange(num_examples))
    return {
        last_batch: len(gdata.DataLoader(dataset, batch_size, last_batch=last_batch))
        for last_batch in ("keep", "discard")
    }


if __name__ == "__main__":
    for num_examples, batch_size in [(2000, 500), (2001, 500), (1000, 10), (1000, 1), (1000, 1000)]:
        sizes = batch_sizes(num_examples, batch_size)
        shown = sizes if len(sizes) <= 5 else sizes[:3] + ["..."]
        print(
            f"n = {num_examples:4d}, |B| = {batch_size:4d}: "
            f"iterations per epoch = {iterations_per_epoch(num_examples, batch_size):4d}, batches {shown}"
        )
    print("DataLoader, n = 2001, |B| = 500:", dataloader_iterations(2001, 500))
    glue("iterations_2000", iterations_per_epoch(2000, 500))
    glue("updates_3_epochs", 3 * iterations_per_epoch(2000, 500))
    glue("iterations_2001", iterations_per_epoch(2001, 500))
    glue("last_batch_2001", batch_sizes(2001, 500)[-1])
