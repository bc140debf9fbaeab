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
slicing would clamp it anyway:

>>> list(range(23))[20:30] == list(range(23))[20:min(30, 23)]
True

What does change is the last update. D2L's ``sgd`` divides the batch's summed gradient by
``batch_size``, not by the number of examples the batch really holds. Take one step of the
book's linear model on the short batch both ways, from the same parameters: dividing by 10
moves them 3/10 as far as a step on the batch's mean loss (dividing by 3):

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
    random.seed(0)  # same shuffle on every run
    features = nd.arange(num_examples).reshape((num_examples, 1))
    labels = 2 * features[:, 0]
    return list(data_iter(batch_size, features, labels))


def sgd(params, lr, batch_size):  # D2L's sgd, section 3.2
    for param in params:
        param[:] = param - lr * param.grad / batch_size


def one_step(X, y, divide_by, lr=0.03):
    """Parameters (w, b) before and after one sgd step on the batch (X, y)."""
    mx.random.seed(0)
    w, b = nd.random.normal(scale=0.01, shape=(X.shape[1], 1)), nd.zeros(1)
    before = nd.concat(w.reshape(-1), b, dim=0)
    for param in (w, b):
        param.attach_grad()
    with autograd.record():
        l = (nd.dot(X, w) + b - y.reshape((-1, 1))) ** 2 / 2  # D2L's squared_loss
    l.backward()  # gradient of the batch's summed loss
    sgd([w, b], lr, divide_by)
    return before, nd.concat(w.reshape(-1), b, dim=0)


def last_step_ratio(num_examples=23, batch_size=10):
    """How far the short last batch moves the parameters, relative to a step on its mean loss."""
    mx.random.seed(1)
    features = nd.random.normal(shape=(num_examples, 2))
    labels = nd.dot(features, nd.array([2, -3.4])) + 4.2
    random.seed(0)
    *_, (X, y) = data_iter(batch_size, features, labels)  # the last, short batch
    before, book = one_step(X, y, divide_by=batch_size)
    _, mean = one_step(X, y, divide_by=len(y))
    return float(nd.norm(book - before).asscalar() / nd.norm(mean - before).asscalar())


if __name__ == "__main__":
    for X, y in batches(23, 10):
        print(len(X), "examples:", X[:, 0].asnumpy().astype(int).tolist())
    ratio = last_step_ratio()
    print(f"last batch: step with sgd(..., batch_size=10) / step on its mean loss = {ratio:.3f}")
    sizes = [len(X) for X, y in batches(23, 10)]
    glue("last_size", sizes[-1])
    glue("step_ratio", ratio)
