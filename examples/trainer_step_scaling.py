"""trainer.step(batch_size) is one SGD step on the mean loss
==========================================================

``l.backward()`` on a batch's losses differentiates their sum; ``trainer.step(n)`` makes ONE
update with that gradient divided by n (it sets the optimizer's ``rescale_grad`` to 1/n). From the
same start and batch of 8, ``step(8)`` matches a hand-written step on the mean loss:

>>> w0 = updated_weight(None)
>>> w8, trainer = updated_weight(8, return_trainer=True)
>>> bool(abs(w8 - updated_weight("by hand")).max() < 1e-6), trainer.optimizer.rescale_grad
(True, 0.125)

If the loss was averaged before ``backward()``, use ``step(1)``: ``step(8)`` would divide twice.
``step(1)`` on the summed loss is still a single update, 8 times as long:

>>> bool(abs(updated_weight(1, average_first=True) - w8).max() < 1e-6)
True
>>> round(float(np.linalg.norm(updated_weight(1) - w0) / np.linalg.norm(w8 - w0)), 3)
8.0
"""

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, init, nd
from mxnet.gluon import loss as gloss
from mxnet.gluon import nn

from _glue import glue


def updated_weight(step, average_first=False, return_trainer=False, lr=0.1):
    """The weight after one update: trainer.step(step), a step by hand, or none (step=None)."""
    mx.random.seed(0)
    X = nd.random.normal(shape=(8, 2))
    y = nd.dot(X, nd.array([2, -3.4])) + 4.2
    mx.random.seed(42)  # every call starts from the same parameters
    net = nn.Dense(1, in_units=2)
    net.initialize(init.Normal(sigma=0.01))
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": lr})
    with autograd.record():
        l = gloss.L2Loss()(net(X), y)  # shape (8,): one loss per example
        if average_first or step == "by hand":
            l = l.mean()
    l.backward()
    if step == "by hand":  # w <- w - lr * d(mean loss)/dw
        for param in net.collect_params().values():
            param.set_data(param.data() - lr * param.grad())
    elif step is not None:
        trainer.step(step)
    weight = net.weight.data().asnumpy()
    return (weight, trainer) if return_trainer else weight


if __name__ == "__main__":
    w0 = updated_weight(None)
    print("start              ", w0)
    print("step(8)            ", updated_weight(8))
    print("by hand, mean loss ", updated_weight("by hand"))
    print("step(1), mean loss ", updated_weight(1, average_first=True))
    print("step(1), sum       ", updated_weight(1))
    glue("step_ratio", float(np.linalg.norm(updated_weight(1) - w0) / np.linalg.norm(updated_weight(8) - w0)))
