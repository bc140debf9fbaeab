"""When the batch size does not divide the data: a shorter last batch
==================================================================

D2L's ``data_iter`` shuffles the example indices and yields them ``batch_size`` at a time.
With 23 examples in batches of 10, the last batch holds the 23 % 10 = 3 that are left:

>>> [len(X) for X, y in batches(23, 10)]
[10, 10, 3]

Each feature row here is its own example number, so we can check that one pass (an epoch)
uses every example exactly once, in a shuffled order:

>>> seen = [int(i) for X, y in batches(23, 10) for i in X[:, 0].asnumpy()]
>>> sorted(seen) == list(range(23)), seen != sorted(seen)
(True, True)

A batch size larger than the data set is the extreme case: one short batch.

>>> [len(X) for X, y in batches(23, 50)]
[23]

``min(i + batch_size, num_examples)`` makes the end of the last slice explicit; Python's
slicing would clamp it anyway. What does change is the last update: D2L's ``sgd`` divides
the summed gradient by ``batch_size``, so a batch of 3 moves the parameters with 3/10 of
the weight of a full one.
"""

import random

from mxnet import nd


def data_iter(batch_size, features, labels):
    num_examples = len(features)
    indices = list(range(num_examples))
    random.shuffle(indices)  # read the examples in a random order
    for i in range(0, num_examples, batch_size):
        j = nd.array(indices[i: min(i + batch_size, num_examples)])
        yield features.take(j), labels.take(j)  # take returns the rows listed in j


def batches(num_examples, batch_size):
    random.seed(0)  # same shuffle on every run
    features = nd.arange(num_examples).reshape((num_examples, 1))
    labels = 2 * features[:, 0]
    return list(data_iter(batch_size, features, labels))


if __name__ == "__main__":
    for X, y in batches(23, 10):
        print(len(X), "examples:", X[:, 0].asnumpy().astype(int).tolist())
