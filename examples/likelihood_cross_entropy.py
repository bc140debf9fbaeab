"""Maximum likelihood gives cross-entropy (classes) and squared loss (Gaussian noise)
==================================================================================

Softmax classifier: -log of the likelihood Πᵢ ŷ⁽ⁱ⁾_y⁽ⁱ⁾ is the summed cross-entropy. For 200
examples the product itself underflows float32 to 0; the sum of logs does not:

>>> y_hat, labels = random_predictions(8)
>>> p = nd.pick(y_hat, labels)
>>> bool(abs(-nd.log(p.prod()) - (-p.log()).sum()).asscalar() < 1e-4)
True
>>> y_hat, labels = random_predictions(200)
>>> float(nd.pick(y_hat, labels).prod().asscalar()), bool(np.isfinite((-nd.pick(y_hat, labels).log()).sum().asscalar()))
(0.0, True)

Two classes: ŷ = σ(o) is the Bernoulli probability of y = 1; -log(ŷ^y (1 - ŷ)^(1 - y)) is the
binary cross-entropy, which is ``SigmoidBinaryCrossEntropyLoss`` of the logit:

>>> o, y = nd.array([-3.0, -0.5, 0.5, 2.0]), nd.array([1.0, 0.0, 1.0, 0.0])
>>> y_hat = nd.sigmoid(o)
>>> bernoulli_nll = -nd.log(y_hat ** y * (1 - y_hat) ** (1 - y))
>>> bce = -(y * nd.log(y_hat) + (1 - y) * nd.log(1 - y_hat))
>>> [bool(nd.abs(bernoulli_nll - l).max() < 1e-5) for l in (bce, gluon.loss.SigmoidBinaryCrossEntropyLoss()(o, y))]
[True, True]

The average negative log-likelihood is the cross-entropy H(P̂, Q) of the model Q relative to the
empirical distribution P̂ of the data. For a model with no input (one distribution Q over 3
classes) P̂ is the class frequencies, and no Q does better than Q = P̂:

>>> labels = np.array([0, 0, 0, 1, 1, 2, 0, 1, 0, 2])
>>> p_hat, Q = np.bincount(labels) / len(labels), np.array([0.2, 0.5, 0.3])
>>> p_hat.tolist(), bool(np.isclose(-np.log(Q[labels]).mean(), -(p_hat * np.log(Q)).sum()))
([0.5, 0.3, 0.2], True)
>>> models = np.random.default_rng(0).dirichlet(np.ones(3), size=1000)
>>> (-np.log(models[:, labels])).mean(axis=1).min() > -(p_hat * np.log(p_hat)).sum()
True

Regression, y = ŷ + ε with ε ~ N(0, σ_ε²): -log of the density, minus log(σ_ε √(2π)), is the
squared loss over σ_ε²:

>>> sigma, y_hat = 0.5, nd.array([0.3, -1.2, 2.0])
>>> y = y_hat + nd.array([0.4, -0.1, 0.7])
>>> nll = -nd.log(nd.exp(-(y - y_hat) ** 2 / (2 * sigma**2)) / (sigma * math.sqrt(2 * math.pi)))
>>> bool(nd.abs(nll - math.log(sigma * math.sqrt(2 * math.pi)) - (y - y_hat) ** 2 / 2 / sigma**2).max() < 1e-5)
True
"""

import math

import mxnet as mx
import numpy as np
from mxnet import gluon, nd


def random_predictions(n, classes=3):
    mx.random.seed(1)
    logits = nd.random.normal(shape=(n, classes))
    return nd.softmax(logits), nd.random.randint(0, classes, shape=(n,)).astype("float32")


if __name__ == "__main__":
    y_hat, labels = random_predictions(8)
    p = nd.pick(y_hat, labels)
    print("probabilities of the true labels:", p.asnumpy().round(3))
    print(f"-log(product) = {-math.log(p.prod().asscalar()):.4f}, sum of cross-entropies = {(-p.log()).sum().asscalar():.4f}")
    y_hat, labels = random_predictions(200)
    print("200 examples: product", nd.pick(y_hat, labels).prod().asscalar(),
          " sum of cross-entropies", (-nd.pick(y_hat, labels).log()).sum().asscalar())
