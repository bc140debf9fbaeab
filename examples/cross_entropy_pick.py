"""Cross-entropy with nd.pick: minus the log-probability of the true class
=========================================================================

With a one-hot label y, the cross-entropy H(y, ŷ) = -Σⱼ yⱼ log ŷⱼ keeps a single term,
-log ŷ_y, the log-probability of the true class y. ``nd.pick(y_hat, y)`` takes from row i the
entry in column y[i], which is exactly that probability, so no one-hot matrix is ever built.

Example 0 has label 0 and example 1 label 2, so pick returns 0.1 and 0.5:

>>> y_hat = nd.array([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
>>> y = nd.array([0, 2])
>>> [round(v, 6) for v in nd.pick(y_hat, y).asnumpy().tolist()]
[0.1, 0.5]
>>> [round(v, 4) for v in cross_entropy(y_hat, y).asnumpy().tolist()]  # -log 0.1, -log 0.5
[2.3026, 0.6931]

The shortcut equals the full sum over a one-hot label:

>>> bool(nd.abs(cross_entropy(y_hat, y) - one_hot_cross_entropy(y_hat, y)).max() < 1e-6)
True

Gluon's ``SoftmaxCrossEntropyLoss`` takes the logits o (before softmax) and integer labels and
gives the same per-example losses as softmax followed by the pick formula:

>>> o, labels = random_batch()
>>> o.shape, labels.shape
((6, 4), (6,))
>>> ours = cross_entropy(nd.softmax(o), labels)
>>> gluon_loss = gluon.loss.SoftmaxCrossEntropyLoss()(o, labels)
>>> bool(nd.abs(ours - gluon_loss).max() < 1e-5)
True

They part ways when the true class's probability underflows. For logits [0, 100] and label 0,
softmax gives that class exactly 0 in float32 and the pick formula takes log 0 = -inf. Gluon
computes log ŷ₀ = o₀ - log Σₖ exp(oₖ) directly from the logits, so its loss is the right, finite
value, 100:

>>> o, label = nd.array([[0, 100]]), nd.array([0])
>>> cross_entropy(nd.softmax(o), label).asnumpy().tolist()
[inf]
>>> gluon.loss.SoftmaxCrossEntropyLoss()(o, label).asnumpy().tolist()
[100.0]
"""

import mxnet as mx
from mxnet import gluon, nd

from _glue import glue


def cross_entropy(y_hat, y):
    return -nd.pick(y_hat, y).log()


def one_hot_cross_entropy(y_hat, y):
    one_hot = nd.one_hot(y, y_hat.shape[1])
    return -(one_hot * y_hat.log()).sum(axis=1)  # all terms but the true class are 0 * log


def random_batch():
    mx.random.seed(0)
    o = nd.random.normal(scale=2, shape=(6, 4))
    labels = nd.random.randint(0, 4, shape=(6,)).astype("float32")
    return o, labels


if __name__ == "__main__":
    o, labels = random_batch()
    y_hat = nd.softmax(o)
    loss = gluon.loss.SoftmaxCrossEntropyLoss()
    print("labels          :", labels.asnumpy())
    print("pick formula    :", cross_entropy(y_hat, labels).asnumpy().round(4))
    print("one-hot formula :", one_hot_cross_entropy(y_hat, labels).asnumpy().round(4))
    print("gluon loss      :", loss(o, labels).asnumpy().round(4))
    o, label = nd.array([[0, 100]]), nd.array([0])
    naive, stable = cross_entropy(nd.softmax(o), label), loss(o, label)
    print("logits [0, 100], label 0: pick formula", naive.asnumpy(), " gluon loss", stable.asnumpy())
    glue("naive_gap_100", str(float(naive.asscalar())))
    glue("gluon_gap_100", float(stable.asscalar()))
