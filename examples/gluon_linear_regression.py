"""Linear regression with Gluon, end to end
=========================================

Synthetic data y = Xw + b + noise with w = [2, -3.4], b = 4.2 and noise of standard deviation
0.01; then the Gluon workflow: ``ArrayDataset`` + ``DataLoader`` (shuffled minibatches of 10),
``nn.Sequential`` holding one ``nn.Dense(1)``, weights drawn from ``init.Normal(sigma=0.01)``,
``gloss.L2Loss`` and a ``Trainer`` running minibatch SGD with learning rate 0.03.

>>> net, losses = train(num_epochs=3)
>>> len(losses)  # 1000 examples / 10 per batch = 100 updates per epoch
300

The learned parameters are within 0.005 of the true ones:

>>> w = net[0].weight.data().asnumpy()
>>> b = net[0].bias.data().asnumpy()
>>> w.shape, b.shape
((1, 2), (1,))
>>> bool(abs(w - [[2, -3.4]]).max() < 0.005), bool(abs(b - 4.2).max() < 0.005)
(True, True)

The loss falls from more than 10 on the first minibatch to the level of the noise, 0.01² / 2 = 5e-5:
in the third epoch the mean minibatch loss is within a factor of 2 of it.

>>> bool(losses[0] > 10), 0.5 < (sum(losses[-100:]) / 100) / (0.01**2 / 2) < 2
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

TRUE_W = [2, -3.4]
TRUE_B = 4.2


def synthetic_data(num_examples=1000):
    features = nd.random.normal(scale=1, shape=(num_examples, len(TRUE_W)))
    labels = nd.dot(features, nd.array(TRUE_W)) + TRUE_B
    labels += nd.random.normal(scale=0.01, shape=labels.shape)
    return features, labels


@functools.lru_cache(maxsize=None)
def train(num_epochs=3, batch_size=10, lr=0.03):
    """Return the trained net and the loss of every minibatch, in order."""
    mx.random.seed(1)  # data and initial weights
    np.random.seed(1)  # DataLoader shuffles with NumPy's generator
    features, labels = synthetic_data()
    dataset = gdata.ArrayDataset(features, labels)
    data_iter = gdata.DataLoader(dataset, batch_size, shuffle=True)

    net = nn.Sequential()
    net.add(nn.Dense(1))  # one output; the number of inputs is inferred at the first call
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
    net, losses = train(num_epochs=3)
    for epoch in range(3):
        epoch_losses = losses[epoch * 100:(epoch + 1) * 100]
        print("epoch %d, mean minibatch loss %.6f" % (epoch + 1, sum(epoch_losses) / 100))
    w, b = net[0].weight.data().asnumpy().ravel(), net[0].bias.data().asnumpy()
    print("w:", w, "true:", TRUE_W)
    print("b:", b, "true:", TRUE_B)
    error = max(abs(w - TRUE_W).max(), abs(b - TRUE_B).max())
    print(f"largest error of a learned parameter: {error:.1e}")
    glue("iterations", len(losses))
    glue("max_error", float(error))
    glue("third_epoch_loss", sum(losses[-100:]) / 100)

    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(range(1, len(losses) + 1), losses, label="minibatch loss")
    for end in (100, 200):
        ax.axvline(end, color="gray", linestyle=":", linewidth=1)
    ax.axhline(0.01 ** 2 / 2, color="black", linestyle="--", linewidth=1,
               label="noise level $0.01^2/2$")
    ax.set_yscale("log")
    ax.set_xlabel("iteration (100 per epoch)")
    ax.set_ylabel("L2 loss (log scale)")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    plt.show()
