"""NestMLP with its layers in a Python list
========================================

The book's NestMLP (section 4.1) keeps two Dense layers in an ``nn.Sequential`` and a third
one in ``self.dense``. Assigning a Block to an attribute registers it as a child; the network
then owns three layers' parameters, 20·64 + 64 + 64·32 + 32 + 32·16 + 16 of them:

>>> X = nd.random.uniform(shape=(2, 20))
>>> net = NestMLP()
>>> net.initialize()
>>> net(X).shape
(2, 16)
>>> count_parameters(net)
(6, 3952)

The book's exercise replaces the Sequential with a list, ``self.net = [nn.Dense(64, ...),
nn.Dense(32, ...)]``. A list is not a Block, so the two layers inside are not registered.
``initialize()`` goes through ``collect_params()``, which warns about it and then initializes
the one layer it can see; the unchanged ``forward`` then fails, since a list cannot be called:

>>> net = NestMLPList()
>>> print(warnings_of(net.initialize))
"NestMLPList.net" is an unregistered container with Blocks. Note that Blocks inside the list, tuple or dict will not be registered automatically. ...
>>> net(X)
Traceback (most recent call last):
  ...
TypeError: 'list' object is not callable

Calling the listed layers one by one in ``forward`` does not help: they were never initialized.

>>> net = NestMLPListLoop()
>>> _ = warnings_of(net.initialize)  # the same warning
>>> net(X)
Traceback (most recent call last):
  ...
RuntimeError: Parameter '...' has not been initialized. ...

Initializing them by hand makes the forward pass run, but the network still owns only the
last layer's parameters, so a Trainer built from ``net.collect_params()`` never updates the
other two. After a training step, only ``self.dense`` has moved:

>>> count_parameters(trained_list_net())
(2, 528)
>>> layers_that_moved()
{'net[0]': False, 'net[1]': False, 'dense': True}

``register_child`` (or ``nn.Sequential``, as in the book) registers the listed layers again:

>>> net = NestMLPRegistered()
>>> net.initialize()
>>> net(X).shape
(2, 16)
>>> count_parameters(net)
(6, 3952)
"""

import warnings

import mxnet as mx
from mxnet import autograd, gluon, nd
from mxnet.gluon import nn


class NestMLP(nn.Block):
    """The book's NestMLP."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.net = nn.Sequential()
        self.net.add(nn.Dense(64, activation="relu"), nn.Dense(32, activation="relu"))
        self.dense = nn.Dense(16, activation="relu")

    def forward(self, x):
        return self.dense(self.net(x))


class NestMLPList(nn.Block):
    """The exercise: a list instead of the Sequential, forward unchanged."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.net = [nn.Dense(64, activation="relu"), nn.Dense(32, activation="relu")]
        self.dense = nn.Dense(16, activation="relu")

    def forward(self, x):
        return self.dense(self.net(x))


class NestMLPListLoop(NestMLPList):
    def forward(self, x):
        for layer in self.net:
            x = layer(x)
        return self.dense(x)


class NestMLPRegistered(NestMLPListLoop):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for layer in self.net:
            self.register_child(layer)


def count_parameters(net):
    """Number of Parameter objects the network owns, and of values in them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the warning about the list is shown above
        params = net.collect_params().values()
    return len(params), sum(param.data().size for param in params)


def warnings_of(function):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        function()
    return "\n".join(str(warning.message) for warning in caught)


def trained_list_net():
    """NestMLPListLoop with every layer initialized by hand, after one SGD step."""
    mx.random.seed(0)
    X, y = nd.random.uniform(shape=(8, 20)), nd.random.uniform(shape=(8, 16))
    net = NestMLPListLoop()
    for layer in net.net + [net.dense]:
        layer.initialize()
    net(X)  # shapes are known from here on
    net.before = {name: layer.weight.data().copy() for name, layer in named_layers(net)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": 0.1})
    with autograd.record():
        loss = ((net(X) - y) ** 2).mean()
    loss.backward()
    trainer.step(1)
    return net


def named_layers(net):
    return [("net[0]", net.net[0]), ("net[1]", net.net[1]), ("dense", net.dense)]


def layers_that_moved():
    net = trained_list_net()
    return {name: bool((layer.weight.data() != net.before[name]).sum().asscalar() > 0)
            for name, layer in named_layers(net)}


if __name__ == "__main__":
    mx.random.seed(0)
    X = nd.random.uniform(shape=(2, 20))
    for cls in (NestMLP, NestMLPList, NestMLPListLoop, NestMLPRegistered):
        net = cls()
        message = warnings_of(net.initialize)
        print(f"{cls.__name__}: initialize() warns: {'yes' if message else 'no'};", end=" ")
        try:
            net(X)
            print("Parameters, values:", count_parameters(net))
        except (TypeError, RuntimeError) as error:
            print(f"net(X) raises {type(error).__name__}: {str(error).split('. ')[0]}")
    print("after one training step, moved:", layers_that_moved())
