"""Linear regression with Gluon, end to end
=========================================

The book's data (1000 examples, w = [2, -3.4], b = 4.2, noise 0.01) and workflow:
``ArrayDataset`` + ``DataLoader`` (shuffled minibatches of 10), ``nn.Sequential`` with one
``nn.Dense(1)``, ``init.Normal(sigma=0.01)``, ``gloss.L2Loss``, and a ``Trainer`` running minibatch
SGD with learning rate 0.03 for 3 epochs of 100 updates. The learned parameters end within 0.005
of the true ones, and the third epoch's mean minibatch loss within a factor 2 of the noise level
0.01² / 2:

>>> net, losses = train()
>>> len(losses), net[0].weight.data().shape
(300, (1, 2))
>>> bool(abs(net[0].weight.data().asnumpy() - [[2, -3.4]]).max() < 0.005), bool(abs(net[0].bias.data().asnumpy() - 4.2).max() < 0.005)
(True, True)
>>> losses[0] > 10, 0.5 < (sum(losses[-100:]) / 100) / (0.01**2 / 2) < 2
(True, True)
"""

import functools

import matplotlib.pyplot as plt
import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, init, nd
from mxnet.gluon import data as gdata
from mxnet.gluon import loss as gloss
from mxnet.gluon import nn

from _glue import glue


@functools.lru_cache(maxsize=None)
def train(num_epochs=3, batch_size=10, lr=0.03):
    """The trained net and the loss of every minibatch."""
    mx.random.seed(1)  # data and initial weights
    np.random.seed(1)  # DataLoader shuffles with NumPy's generator
    features = nd.random.normal(shape=(1000, 2))
    labels = nd.dot(features, nd.array([2, -3.4])) + 4.2 + nd.random.normal(scale=0.01, shape=(1000,))
    data_iter = gdata.DataLoader(gdata.ArrayDataset(features, labels), batch_size, shuffle=True)
    net = nn.Sequential()
    net.add(nn.Dense(1))  # the number of inputs is inferred at the first call
    net.initialize(init.Normal(sigma=0.01))
    loss = gloss.L2Loss()  # (y_hat - y)^2 / 2, and it reshapes y to y_hat's shape itself
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": lr})
    losses = []
    for epoch in range(num_epochs):
        for X, y in data_iter:
            with autograd.record():
                l = loss(net(X), y)
            l.backward()  # gradient of the batch's summed loss
            trainer.step(batch_size)  # divide by batch_size: one SGD step on the mean loss
            losses.append(float(l.mean().asscalar()))
    return net, losses


if __name__ == "__main__":
    net, losses = train()
    w, b = net[0].weight.data().asnumpy().ravel(), net[0].bias.data().asnumpy()
    print("w:", w, "b:", b, "mean minibatch loss per epoch:", [f"{sum(losses[i:i + 100]) / 100:.1e}" for i in (0, 100, 200)])
    glue("iterations", len(losses))
    glue("max_error", float(max(abs(w - [2, -3.4]).max(), abs(b - 4.2).max())))
    glue("third_epoch_loss", sum(losses[-100:]) / 100)
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(range(1, 301), losses, label="minibatch loss")
    for end in (100, 200):
        ax.axvline(end, color="gray", linestyle=":")
    ax.axhline(0.01**2 / 2, color="black", linestyle="--", label="noise level $0.01^2/2$")
    ax.set(yscale="log", xlabel="iteration (100 per epoch)", ylabel="L2 loss (log scale)")
    ax.legend()
    fig.tight_layout()
    plt.show()
