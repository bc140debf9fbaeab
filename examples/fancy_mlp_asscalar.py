"""FancyMLP with and without asscalar()
====================================

The book's FancyMLP (section 4.1) halves x while ``x.norm().asscalar() > 1`` and multiplies it by
10 if ``x.norm().asscalar() < 0.8``. Without ``asscalar()`` the conditions are NDArrays, and
Python asks them for their truth value. With the same parameters both versions give the same
output:

>>> X = nd.random.uniform(shape=(2, 20))
>>> with_asscalar, without = outputs(X)
>>> with_asscalar.asscalar() == without.asscalar()
True

``x.norm()`` is an NDArray of one element, and so is the comparison (1 for true, 0 for false).
``asscalar()`` instead gives a NumPy scalar, whose comparison is a NumPy boolean:

>>> norm = nd.array([0.3, 0.4]).norm()
>>> type(norm.asscalar()).__name__, type(norm.asscalar() > 1).__name__
('float32', 'bool_')

An NDArray of one element converts to bool; one with several elements refuses, as a NumPy
array does, and an empty one is False:

>>> condition = nd.array([0.5]) > 1
>>> condition
<BLANKLINE>
[0.]
<NDArray 1 @cpu(0)>
>>> bool(condition), bool(nd.array([2.0]) > 1)
(False, True)
>>> bool(nd.array([0.5, 2.0]) > 1)
Traceback (most recent call last):
  ...
ValueError: The truth value of an NDArray with multiple elements is ambiguous.
>>> import numpy as np
>>> bool(np.array([0.5, 2.0]) > 1)
Traceback (most recent call last):
  ...
ValueError: The truth value of an array with more than one element is ambiguous. ...
>>> bool(nd.array([]))
False

Both versions wait for the value: ``NDArray.__bool__`` itself calls ``asscalar()``, which blocks
until MXNet's asynchronous engine has computed it:

>>> import inspect
>>> "bool(self.asscalar())" in inspect.getsource(nd.NDArray.__bool__)
True

FancyMLP is a ``Block``, which ``hybridize()`` cannot compile: the call only hybridizes its
HybridBlock child, the Dense layer, and FancyMLP's own forward, Python loop included, still runs
as before, with the same result:

>>> output, dense_hybridized = hybridized_block_output(X)
>>> dense_hybridized, output.asscalar() == with_asscalar.asscalar()
(True, True)

In a ``HybridBlock`` that is hybridized, x is a symbol without a value. Python control flow on
it fails, with or without asscalar():

>>> hybrid_output(X, "asscalar")
Traceback (most recent call last):
  ...
mxnet.base.NotImplementedForSymbol: Function asscalar is not implemented for Symbol and only available in NDArray.
>>> hybrid_output(X, "bool")
Traceback (most recent call last):
  ...
mxnet.base.NotImplementedForSymbol: Function __bool__ (namely operator "bool") is not implemented for Symbol and only available in NDArray.

Written with the symbolic control-flow operators ``F.contrib.while_loop`` and
``F.contrib.cond``, the hybridized network computes the same output:

>>> bool(abs(hybrid_output(X, "symbolic").asscalar() - with_asscalar.asscalar()) < 1e-5)
True

In a graph, ``while_loop`` needs an upper bound on its number of iterations, and it cannot infer
the shapes that a deferred initialization waits for, so the Dense layer is given its number of
inputs (``in_units=20``). Without it:

>>> mx.sym.contrib.while_loop(cond=lambda x: x > 1, func=lambda x: ([], x / 2),
...                           loop_vars=mx.sym.var("x"))
Traceback (most recent call last):
  ...
ValueError: max_iterations should be specified
>>> hybrid_output(X, "symbolic", in_units=0)
Traceback (most recent call last):
  ...
ValueError: Deferred initialization failed because shape cannot be inferred. ...
"""

import mxnet as mx
from mxnet import nd
from mxnet.gluon import nn


class FancyMLP(nn.Block):
    """The book's FancyMLP."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rand_weight = self.params.get_constant(
            "rand_weight", nd.random.uniform(shape=(20, 20)))
        self.dense = nn.Dense(20, activation="relu")

    def forward(self, x):
        x = self.dense(x)
        x = nd.relu(nd.dot(x, self.rand_weight.data()) + 1)
        x = self.dense(x)
        while x.norm().asscalar() > 1:
            x /= 2
        if x.norm().asscalar() < 0.8:
            x *= 10
        return x.sum()


class FancyMLPWithoutAsscalar(FancyMLP):
    def forward(self, x):
        x = self.dense(x)
        x = nd.relu(nd.dot(x, self.rand_weight.data()) + 1)
        x = self.dense(x)
        while x.norm() > 1:  # an NDArray [1.] or [0.]; `while` calls its __bool__
            x /= 2
        if x.norm() < 0.8:
            x *= 10
        return x.sum()


class HybridFancyMLP(nn.HybridBlock):
    """FancyMLP as a HybridBlock; ``control`` picks how the loop and the test are written."""

    def __init__(self, control, in_units=20, **kwargs):
        super().__init__(**kwargs)
        self.control = control
        self.rand_weight = self.params.get_constant(
            "rand_weight", nd.random.uniform(shape=(20, 20)))
        self.dense = nn.Dense(20, activation="relu", in_units=in_units)  # 0: inferred later

    def hybrid_forward(self, F, x, rand_weight):
        x = self.dense(x)
        x = F.relu(F.dot(x, rand_weight) + 1)
        x = self.dense(x)
        if self.control == "symbolic":  # the loop and the test become operators of the graph
            _, x = F.contrib.while_loop(cond=lambda x: F.norm(x) > 1, func=lambda x: ([], x / 2),
                                        loop_vars=x, max_iterations=100)
            x = F.contrib.cond(F.norm(x) < 0.8, lambda: x * 10, lambda: x)
        elif self.control == "asscalar":
            while x.norm().asscalar() > 1:
                x = x / 2
            if x.norm().asscalar() < 0.8:
                x = x * 10
        else:
            while x.norm() > 1:
                x = x / 2
            if x.norm() < 0.8:
                x = x * 10
        return x.sum()


def build(cls, *args):
    mx.random.seed(1)  # the same rand_weight and the same Dense weights for every version
    net = cls(*args)
    net.initialize()
    return net


def outputs(X):
    return build(FancyMLP)(X), build(FancyMLPWithoutAsscalar)(X)


def hybridized_block_output(X):
    net = build(FancyMLP)
    net.hybridize()
    return net(X), net.dense._active  # _active: whether the Dense layer was hybridized


def hybrid_output(X, control, in_units=20):
    net = build(HybridFancyMLP, control, in_units)
    net.hybridize()
    return net(X)


if __name__ == "__main__":
    mx.random.seed(0)
    X = nd.random.uniform(shape=(2, 20))
    with_asscalar, without = outputs(X)
    print(f"Block, with asscalar():               {with_asscalar.asscalar():.6f}")
    print(f"Block, without asscalar():            {without.asscalar():.6f}")
    print(f"Block, hybridize() called:            {hybridized_block_output(X)[0].asscalar():.6f}")
    for control in ("asscalar", "bool", "symbolic"):
        try:
            output = hybrid_output(X, control).asscalar()
            print(f"HybridBlock, hybridized, {control:8s}: {output:.6f}")
        except mx.base.NotImplementedForSymbol as error:
            print(f"HybridBlock, hybridized, {control:8s}: NotImplementedForSymbol: {error}")
