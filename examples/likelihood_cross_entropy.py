"""Maximum likelihood gives cross-entropy (classes) and squared loss (Gaussian noise)
==================================================================================

Classification: the model says p(y = j | x) = ŷⱼ = softmax(a)ⱼ. The likelihood of n independent
examples is the product of the probabilities given to their true labels, Πᵢ ŷ_{i, yᵢ}; its
negative log is the sum of the per-example cross-entropy losses -log ŷ_{i, yᵢ}:

>>> y_hat, labels = random_predictions()
>>> y_hat.shape, labels.shape
((8, 3), (8,))
>>> likelihood = nd.pick(y_hat, labels).prod()
>>> nll = -nd.log(likelihood)
>>> summed_ce = (-nd.pick(y_hat, labels).log()).sum()
>>> bool(abs(nll - summed_ce).asscalar() < 1e-4)
True

That is why the loss is computed as a sum of logs: with 200 examples the product itself
underflows float32 to 0, while the sum of the logs is an ordinary number:

>>> y_hat, labels = random_predictions(n=200)
>>> float(nd.pick(y_hat, labels).prod().asscalar())
0.0
>>> bool(np.isfinite((-nd.pick(y_hat, labels).log()).sum().asscalar()))
True

Regression: with y = f(x) + ε and ε ~ N(0, σ²), the density of y is
exp(-(y - f(x))² / (2σ²)) / (σ √(2π)). Its negative log, minus the constant log(σ √(2π)), is the
squared loss (y - f(x))² / 2 divided by σ²:

>>> sigma = 0.5
>>> y, f = noisy_targets(sigma)
>>> nll = -nd.log(gaussian_density(y, f, sigma))
>>> constant = math.log(sigma * math.sqrt(2 * math.pi))
>>> squared_loss = (y - f) ** 2 / 2
>>> bool(nd.abs(nll - constant - squared_loss / sigma**2).max().asscalar() < 1e-5)
True
"""

import math

import mxnet as mx
import numpy as np
from mxnet import nd


def random_predictions(n=8, classes=3):
    mx.random.seed(1)
    logits = nd.random.normal(shape=(n, classes))
    labels = nd.random.randint(0, classes, shape=(n,)).astype("float32")
    return nd.softmax(logits), labels


def noisy_targets(sigma, n=8):
    mx.random.seed(2)
    x = nd.random.uniform(-1, 1, shape=(n,))
    f = 2 * x + 1  # any model's prediction would do; the identity holds for every f(x)
    y = f + nd.random.normal(scale=sigma, shape=(n,))
    return y, f


def gaussian_density(y, mean, sigma):
    return nd.exp(-((y - mean) ** 2) / (2 * sigma**2)) / (sigma * math.sqrt(2 * math.pi))


if __name__ == "__main__":
    y_hat, labels = random_predictions()
    picked = nd.pick(y_hat, labels)
    print("probabilities of the true labels:", picked.asnumpy().round(4))
    print("likelihood (product)            :", picked.prod().asscalar())
    print("-log likelihood                 :", -nd.log(picked.prod()).asscalar())
    print("sum of cross-entropy losses     :", (-picked.log()).sum().asscalar())
    sigma = 0.5
    y, f = noisy_targets(sigma)
    nll = -nd.log(gaussian_density(y, f, sigma))
    constant = math.log(sigma * math.sqrt(2 * math.pi))
    print("Gaussian -log p(y|x) - constant :", (nll - constant).asnumpy().round(4))
    print("squared loss / sigma^2          :", ((y - f) ** 2 / 2 / sigma**2).asnumpy().round(4))
