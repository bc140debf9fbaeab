"""When the batch size does not divide the data: a shorter last batch
==================================================================

D2L's ``data_iter`` with 23 examples in batches of 10: the last batch holds the 23 % 10 = 3 left,
every example appears exactly once (in a shuffled order), and a batch size above 23 gives one
short batch. Python's slicing would clamp the end of the last slice even without ``min``:

>>> [len(X) for X, y in batches(23, 10)], [len(X) for X, y in batches(23, 50)]
([10, 10, 3], [23])
>>> seen = [int(i) for X, y in batches(23, 10) for i in X[:, 0].asnumpy()]
>>> sorted(seen) == list(range(23)) != seen
True
>>> list(range(23))[20:30] == list(range(23))[20:min(30, 23)]
True

D2L's ``sgd`` divides the summed gradient by ``batch_size``, not by the batch's real size. One
step on the short batch, from the same parameters: dividing by 10 moves them 3/10 as far as a
step on the batch's mean loss (dividing by 3):

>>> round(last_step_ratio(), 6)
0.3
"""

import random

import mxnet as mx
from mxnet import autograd, nd

from _glue import glue


def data_iter(batch_size, features, labels):
    num_examples = len(features)
    indices = list(range(num_examples))
    random.shuffle(indices)  # read the examples in a random order
    for i in range(0, num_examples, batch_size):
        j = nd.array(indices[i: min(i + batch_size, num_examples)])
        yield features.take(j), labels.take(j)  # take returns the rows listed in j


def batches(num_examples, batch_size):
    random.seed(0)
    features = nd.arange(num_examples).reshape((num_examples, 1))  # row i holds i
    return list(data_iter(batch_size, features, 2 * features[:, 0]))


def sgd(params, lr, batch_size):  # D2L's sgd, section 3.2
    for param in params:
        param[:] = param - lr * param.grad / batch_size


def last_step_ratio(lr=0.03):
    mx.random.seed(1)
    features = nd.random.normal(shape=(23, 2))
    labels = nd.dot(features, nd.array([2, -3.4])) + 4.2
    random.seed(0)
    *_, (X, y) = data_iter(10, features, labels)  # the last, short batch
    moves = []
    for divide_by in (10, len(y)):
        w, b = nd.full((2, 1), 0.5), nd.zeros(1)
        for param in (w, b):
            param.attach_grad()
        with autograd.record():
            l = (nd.dot(X, w) + b - y.reshape((-1, 1))) ** 2 / 2  # D2L's squared_loss
        l.backward()
        sgd([w, b], lr, divide_by)
        moves.append(nd.sqrt(((w - 0.5) ** 2).sum() + (b ** 2).sum()).asscalar())
    return float(moves[0] / moves[1])


if __name__ == "__main__":
    for X, y in batches(23, 10):
        print(len(X), "examples:", X[:, 0].asnumpy().astype(int).tolist())
    print(f"last batch: sgd(..., batch_size=10) moves the parameters {last_step_ratio():.3f} times as far as a mean-loss step")
    glue("last_size", len(batches(23, 10)[-1][0]))
    glue("step_ratio", last_step_ratio())
