"""Linear and softmax regression may start with all weights equal
================================================================

Neither model has a hidden layer, so there are no interchangeable units to keep alike, and both
losses are convex in the parameters. Each pair of runs below trains on the same data, in the
same order, with the same learning rate, batch size and number of epochs.

Linear regression on the book's synthetic data (y = 2 x1 - 3.4 x2 + 4.2 + noise), starting
from all weights 0 and from weights drawn with standard deviation 1, ends at the same weights,
the true ones:

>>> linear = linear_runs()
>>> w_zero, w_random = linear["zeros"]["w"], linear["random"]["w"]
>>> bool(np.abs(w_zero - w_random).max() < 1e-3), bool(np.abs(w_zero - [2, -3.4]).max() < 0.01)
(True, True)

Softmax regression on the digits, from all weights 0, from all weights 0.5, and from the book's
random start (standard deviation 0.01). Starting at 0.5 everywhere is the zero start shifted:
adding the same number to every class's score leaves the softmax unchanged, so every step is
the same and the weights stay exactly 0.5 apart:

>>> softmax = softmax_runs()
>>> W_zero, W_half = softmax["zeros"]["W"], softmax["all 0.5"]["W"]
>>> bool(np.abs(W_half - 0.5 - W_zero).max() < 1e-5)
True

From zeros, each class still learns its own weights: each class's row of W gets the gradient
sum_i (softmax_k - y_k) x_i, which differs because the labels differ. No two rows are alike:

>>> min_row_distance(W_zero) > 0.1
True

And the zero start does as well as the random one:

>>> zero, rand = softmax["zeros"]["history"], softmax["random"]["history"]
>>> abs(zero["train_loss"][-1] - rand["train_loss"][-1]) < 0.01
True
>>> abs(zero["test_acc"][-1] - rand["test_acc"][-1]) < 0.01
True
"""

import functools
import itertools

import mxnet as mx
import numpy as np
from mxnet import gluon, init, nd
from mxnet.gluon import nn

from _data import digits
from _glue import glue
from _train import seed, train


def synthetic_data(num_examples=300):
    """The book's linear-regression data (section 3.2): y = Xw + b + noise."""
    mx.random.seed(0)
    X = nd.random.normal(shape=(num_examples, 2))
    y = nd.dot(X, nd.array([2, -3.4])) + 4.2 + nd.random.normal(scale=0.01, shape=(num_examples,))
    return X[:200], y[:200], X[200:], y[200:]


def run(num_outputs, initializer, data, **budget):
    seed(0)
    net = nn.Sequential()
    net.add(nn.Dense(num_outputs))
    net.initialize(initializer)
    history = train(net, data, **budget)
    return {"W": net[0].weight.data().asnumpy(), "w": net[0].weight.data().asnumpy().ravel(),
            "b": net[0].bias.data().asnumpy(), "history": history}


@functools.lru_cache(maxsize=None)
def linear_runs():
    data = synthetic_data()
    budget = dict(epochs=4, lr=0.3, batch_size=20, loss=gluon.loss.L2Loss(), classify=False)
    return {name: run(1, initializer, data, **budget)
            for name, initializer in (("zeros", init.Zero()), ("random", init.Normal(1.0)))}


@functools.lru_cache(maxsize=None)
def softmax_runs():
    data = digits(n_train=500)
    budget = dict(epochs=5, lr=0.5, batch_size=50)
    starts = (("zeros", init.Zero()), ("all 0.5", init.Constant(0.5)),
              ("random", init.Normal(0.01)))
    return {name: run(10, initializer, data, **budget) for name, initializer in starts}


def min_row_distance(W):
    """Smallest difference between two rows of W (the largest entry of their difference)."""
    pairs = itertools.combinations(range(len(W)), 2)
    return min(float(np.abs(W[i] - W[j]).max()) for i, j in pairs)


if __name__ == "__main__":
    print("linear regression        w                  b        test loss")
    for name, result in linear_runs().items():
        print(f"  from {name:8s} {np.array2string(result['w'], precision=4):18s}"
              f" {result['b'][0]:.4f}   {result['history']['test_loss'][-1]:.2e}")
    linear = linear_runs()
    glue("linear_w_difference", float(np.abs(linear["zeros"]["w"] - linear["random"]["w"]).max()))

    print("softmax regression   train loss   test acc")
    for name, result in softmax_runs().items():
        history = result["history"]
        print(f"  from {name:9s} {history['train_loss'][-1]:10.4f}"
              f"   {history['test_acc'][-1]:8.3f}")
    softmax = softmax_runs()
    for name in ("zeros", "random"):
        glue(f"softmax_loss_{name}", softmax[name]["history"]["train_loss"][-1])
        glue(f"softmax_acc_{name}", softmax[name]["history"]["test_acc"][-1])
    shift = float(np.abs(softmax["all 0.5"]["W"] - 0.5 - softmax["zeros"]["W"]).max())
    print(f"largest |W(all 0.5) - 0.5 - W(zeros)|: {glue('shift_difference', shift):.1e}")
    print(f"smallest difference between two classes' rows of W(zeros): "
          f"{min_row_distance(softmax['zeros']['W']):.2f}")
