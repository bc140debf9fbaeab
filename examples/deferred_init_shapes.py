"""Parameters between net.initialize() and the first net(X)
=========================================================

The book's MLP: ``Dense(256)`` then ``Dense(10)``, with no number of inputs given. After
``initialize()`` each weight's number of inputs is still unknown, shown as 0; the biases, whose
shapes depend only on the outputs, are complete:

>>> net = mlp()
>>> net.initialize(LoggingInit())
>>> shapes(net)
{'hidden weight': (256, 0), 'hidden bias': (256,), 'output weight': (10, 0), 'output bias': (10,)}

So the weights cannot have been initialized: the initializer has not been called for them yet,
and reading one raises an error that says why:

>>> LoggingInit.calls
[]
>>> net[0].weight.data()
Traceback (most recent call last):
  ...
mxnet.gluon.parameter.DeferredInitializationError: Parameter 'hidden_weight' has not been initialized yet because initialization was deferred. Actual initialization happens during the first forward pass. ...

A bias is complete already and can be read (Dense biases start at 0):

>>> float(net[1].bias.data().sum().asscalar())
0.0

The first forward pass, with 64 inputs, fixes the shapes and initializes the weights:

>>> _ = net(nd.ones((2, 64)))
>>> LoggingInit.calls
[('hidden_weight', (256, 64)), ('output_weight', (10, 256))]
>>> shapes(net)
{'hidden weight': (256, 64), 'hidden bias': (256,), 'output weight': (10, 256), 'output bias': (10,)}

``set_data`` before that pass is accepted in MXNet 1.9.1: the value is kept and replaces the
initializer's at the first forward pass (``data()`` still raises until then):

>>> net = mlp()
>>> net.initialize(LoggingInit())
>>> net[0].weight.set_data(nd.full((256, 64), 0.5))
>>> _ = net(nd.ones((2, 64)))
>>> LoggingInit.calls, float(net[0].weight.data()[0, 0].asscalar())
([('output_weight', (10, 256))], 0.5)

Giving each layer its number of inputs (``in_units``) makes every shape known at once, and
``initialize()`` initializes everything immediately:

>>> net = mlp(in_units=(64, 256))
>>> net.initialize(LoggingInit())
>>> LoggingInit.calls
[('hidden_weight', (256, 64)), ('output_weight', (10, 256))]
>>> net[0].weight.data().shape
(256, 64)
"""

from mxnet import init, nd
from mxnet.gluon import nn
from mxnet.gluon.parameter import DeferredInitializationError


class LoggingInit(init.Initializer):
    """Records every weight it initializes, like the book's MyInit (section 4.3)."""

    calls = []

    def _init_weight(self, name, data):
        LoggingInit.calls.append((name, data.shape))
        data[:] = nd.random.uniform(-0.07, 0.07, shape=data.shape)


def mlp(in_units=(0, 0)):
    LoggingInit.calls = []
    net = nn.Sequential()
    net.add(nn.Dense(256, activation="relu", in_units=in_units[0], prefix="hidden_"),
            nn.Dense(10, in_units=in_units[1], prefix="output_"))
    return net


def shapes(net):
    return {f"{layer} {kind}": getattr(net[i], kind).shape
            for i, layer in enumerate(("hidden", "output")) for kind in ("weight", "bias")}


if __name__ == "__main__":
    net = mlp()
    net.initialize(LoggingInit())
    print("after initialize():   ", shapes(net))
    try:
        net[0].weight.data()
    except DeferredInitializationError as error:
        print("hidden weight .data():", type(error).__name__)
    print("initializer calls:    ", LoggingInit.calls)
    net(nd.ones((2, 64)))
    print("after net(X):         ", shapes(net))
    print("initializer calls:    ", LoggingInit.calls)
    net = mlp(in_units=(64, 256))
    net.initialize(LoggingInit())
    print("with in_units, after initialize():", shapes(net))
