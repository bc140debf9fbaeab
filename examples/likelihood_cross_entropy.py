"""Maximum likelihood gives cross-entropy (classes, two or more) and squared loss (Gaussian noise)
==============================================================================================

Classification: the model says P(y = j | x) = ŷⱼ = softmax(o)ⱼ. The likelihood of n independent
examples is the product of the probabilities given to their true labels, Πᵢ ŷ⁽ⁱ⁾_y⁽ⁱ⁾; its
negative log is the sum of the per-example cross-entropy losses -log ŷ⁽ⁱ⁾_y⁽ⁱ⁾:

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

Two classes: a sigmoid output ŷ = σ(o) is the probability of y = 1 in a Bernoulli distribution,
P(y | x) = ŷ^y (1 - ŷ)^(1 - y). Its negative log is the binary cross-entropy
-[y log ŷ + (1 - y) log(1 - ŷ)], which Gluon computes from the logit as
``SigmoidBinaryCrossEntropyLoss``:

>>> o, y = random_binary()
>>> y_hat = nd.sigmoid(o)
>>> bernoulli_nll = -nd.log(y_hat ** y * (1 - y_hat) ** (1 - y))
>>> bce = -(y * nd.log(y_hat) + (1 - y) * nd.log(1 - y_hat))
>>> gluon_bce = gluon.loss.SigmoidBinaryCrossEntropyLoss()(o, y)
>>> bool(nd.abs(bernoulli_nll - bce).max() < 1e-5), bool(nd.abs(bce - gluon_bce).max() < 1e-5)
(True, True)

The empirical distribution P̂ of the labels puts probability 1/n on each observed example. For a
model Q with no input (one categorical distribution over q = 3 classes), the average negative
log-likelihood of the data is exactly the cross-entropy H(P̂, Q) = -Σⱼ P̂ⱼ log Qⱼ, and it is
smallest when Q = P̂, the class frequencies:

>>> labels = np.array([0, 0, 0, 1, 1, 2, 0, 1, 0, 2])
>>> p_hat = np.bincount(labels, minlength=3) / len(labels)
>>> p_hat.tolist()
[0.5, 0.3, 0.2]
>>> Q = np.array([0.2, 0.5, 0.3])
>>> bool(np.isclose(-np.log(Q[labels]).mean(), -(p_hat * np.log(Q)).sum()))
True
>>> best_of_random_models(labels) >= -(p_hat * np.log(p_hat)).sum()  # H(P̂, Q) >= H(P̂, P̂)
True

Regression: with y = ŷ + ε and ε ~ N(0, σ_ε²), the density of y is
exp(-(y - ŷ)² / (2σ_ε²)) / (σ_ε √(2π)). Its negative log, minus the constant log(σ_ε √(2π)), is
the squared loss (y - ŷ)² / 2 divided by σ_ε²:

>>> sigma = 0.5
>>> y, y_hat = noisy_targets(sigma)
>>> nll = -nd.log(gaussian_density(y, y_hat, sigma))
>>> constant = math.log(sigma * math.sqrt(2 * math.pi))
>>> squared_loss = (y - y_hat) ** 2 / 2
>>> bool(nd.abs(nll - constant - squared_loss / sigma**2).max().asscalar() < 1e-5)
True
"""

import math

import mxnet as mx
import numpy as np
from mxnet import gluon, nd


def random_predictions(n=8, classes=3):
    mx.random.seed(1)
    logits = nd.random.normal(shape=(n, classes))
    labels = nd.random.randint(0, classes, shape=(n,)).astype("float32")
    return nd.softmax(logits), labels


def random_binary(n=8):
    mx.random.seed(3)
    o = nd.random.normal(scale=2, shape=(n,))
    y = nd.random.randint(0, 2, shape=(n,)).astype("float32")
    return o, y


def best_of_random_models(labels, models=1000, q=3):
    """The lowest average negative log-likelihood among random categorical distributions Q."""
    Q = np.random.default_rng(0).dirichlet(np.ones(q), size=models)  # each row sums to 1
    return float((-np.log(Q[:, labels])).mean(axis=1).min())


def noisy_targets(sigma, n=8):
    mx.random.seed(2)
    x = nd.random.uniform(-1, 1, shape=(n,))
    y_hat = 2 * x + 1  # any model's prediction would do; the identity holds for every ŷ
    y = y_hat + nd.random.normal(scale=sigma, shape=(n,))
    return y, y_hat


def gaussian_density(y, mean, sigma):
    return nd.exp(-((y - mean) ** 2) / (2 * sigma**2)) / (sigma * math.sqrt(2 * math.pi))


if __name__ == "__main__":
    y_hat, labels = random_predictions()
    picked = nd.pick(y_hat, labels)
    print("probabilities of the true labels:", picked.asnumpy().round(4))
    print("likelihood (product)            :", picked.prod().asscalar())
    print("-log likelihood                 :", -nd.log(picked.prod()).asscalar())
    print("sum of cross-entropy losses     :", (-picked.log()).sum().asscalar())
    o, y = random_binary()
    y_hat = nd.sigmoid(o)
    print("Bernoulli -log P(y)             :", (-nd.log(y_hat ** y * (1 - y_hat) ** (1 - y))).asnumpy().round(4))
    print("SigmoidBinaryCrossEntropyLoss   :", gluon.loss.SigmoidBinaryCrossEntropyLoss()(o, y).asnumpy().round(4))
    labels = np.array([0, 0, 0, 1, 1, 2, 0, 1, 0, 2])
    p_hat = np.bincount(labels, minlength=3) / len(labels)
    print("class frequencies P̂             :", p_hat, " H(P̂) =", round(float(-(p_hat * np.log(p_hat)).sum()), 4),
          " best of 1000 random Q:", round(best_of_random_models(labels), 4))
    sigma = 0.5
    y, y_hat = noisy_targets(sigma)
    nll = -nd.log(gaussian_density(y, y_hat, sigma))
    constant = math.log(sigma * math.sqrt(2 * math.pi))
    print("Gaussian -log p(y|x) - constant :", (nll - constant).asnumpy().round(4))
    print("squared loss / σ_ε²             :", ((y - y_hat) ** 2 / 2 / sigma**2).asnumpy().round(4))
