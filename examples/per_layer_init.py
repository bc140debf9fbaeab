"""A different initializer for each layer
=======================================

An MLP for 8×8 images (64 inputs), a hidden layer of 256 units and an output layer of 10, named
``hidden_`` and ``output_`` so that regular expressions can pick their parameters. Its layers are
given their numbers of inputs (``in_units``), so every Parameter is created by ``initialize``
itself (``deferred=True`` leaves that to the first forward pass). ``first(p)`` reads a
Parameter's first value, ``stats(p)`` the mean and standard deviation of its values.

1. ``net.initialize(init)`` only gives a default, for Parameters that have no initializer of
   their own. Dense biases have one (``bias_initializer='zeros'``), so they stay 0:

>>> net = mlp()
>>> net.initialize(init.Constant(1))
>>> first(net[0].weight), first(net[0].bias)
(1.0, 0.0)

   A Normal initializer draws every weight independently, with the requested standard deviation:

>>> net = mlp()
>>> net.initialize(init.Normal(sigma=0.01))
>>> mean, std = stats(net[0].weight)
>>> abs(mean) < 0.001, abs(std / 0.01 - 1) < 0.02
(True, True)

2. ``weight_initializer=`` / ``bias_initializer=`` when a layer is built. The layer's own
   initializer wins over the default given to ``net.initialize``:

>>> net = mlp(hidden_init=init.Xavier(), output_bias_init=init.Constant(5))
>>> net.initialize(init.Normal(sigma=0.01))
>>> bound = (6 / (64 + 256)) ** 0.5  # Xavier: uniform on [-bound, bound]
>>> values = net[0].weight.data().asnumpy()
>>> bool(abs(values).max() <= bound), bool(abs(values).max() > 0.99 * bound)
(True, True)
>>> bool(abs(values.std() / (bound / 3 ** 0.5) - 1) < 0.02)  # a uniform's standard deviation
True
>>> first(net[1].bias), abs(stats(net[1].weight)[1] / 0.01 - 1) < 0.1
(5.0, True)

3. Initialize the whole network, then one layer again with ``force_reinit=True`` (the book's
   way). Without ``force_reinit`` a second ``initialize`` only warns and changes nothing:

>>> net = mlp()
>>> net.initialize(init.Normal(sigma=0.01))
>>> print(warnings_of(lambda: net[1].initialize(init.Constant(42))))
Parameter 'output_weight' is already initialized, ignoring. Set force_reinit=True to re-initialize.
Parameter 'output_bias' is already initialized, ignoring. Set force_reinit=True to re-initialize.
>>> net[1].initialize(init.Constant(42), force_reinit=True)
>>> first(net[1].weight), first(net[1].bias)
(42.0, 0.0)

   The other order, one layer first and then the network, keeps the layer's values:

>>> net = mlp()
>>> net[1].initialize(init.Constant(42))
>>> print(warnings_of(lambda: net.initialize(init.Constant(1))))
Parameter 'output_weight' is already initialized, ignoring. Set force_reinit=True to re-initialize.
Parameter 'output_bias' is already initialized, ignoring. Set force_reinit=True to re-initialize.
>>> first(net[1].weight), first(net[0].weight)
(42.0, 1.0)

   ... unless initialization is deferred. Without ``in_units`` the weights' shapes are unknown
   until the first forward pass, so ``net[1].initialize`` only records its initializer, and the
   later ``net.initialize`` silently replaces it. Only the bias, whose shape is known, warns:

>>> net = mlp(deferred=True)
>>> net[1].initialize(init.Constant(42))
>>> print(warnings_of(lambda: net.initialize(init.Constant(1))))
Parameter 'output_bias' is already initialized, ignoring. Set force_reinit=True to re-initialize.
>>> _ = net(X)  # the first forward pass creates the weights
>>> first(net[1].weight)
1.0

4. ``collect_params(regex)`` selects Parameters by name; its ``initialize`` again only gives a
   default. (The layers here are named with ``prefix=``, because Gluon's default names count
   the layers created so far in the whole program:)

>>> nn.Dense(1).name == nn.Dense(1).name
False

>>> net = mlp(hidden_init=init.Xavier())
>>> net.initialize()
>>> net.collect_params(".*weight").initialize(init.Constant(3), force_reinit=True)
>>> first(net[1].weight), first(net[0].weight) == 3.0  # hidden_ keeps its own Xavier
(3.0, False)
>>> net.collect_params("output_.*").initialize(init.Constant(7), force_reinit=True)
>>> first(net[1].weight), first(net[1].bias)
(7.0, 0.0)

5. ``Parameter.initialize(init=...)`` on one Parameter: the only way that overrides a
   Parameter's own initializer, biases included:

>>> net[0].weight.initialize(init=init.Constant(3), force_reinit=True)
>>> net[1].bias.initialize(init=init.Constant(3), force_reinit=True)
>>> first(net[0].weight), first(net[1].bias)
(3.0, 3.0)
"""

import warnings

from mxnet import init, nd
from mxnet.gluon import nn
X = nd.ones((2, 64))


def mlp(hidden_init=None, output_bias_init="zeros", deferred=False):
    net = nn.Sequential()
    net.add(nn.Dense(256, activation="relu", weight_initializer=hidden_init, prefix="hidden_",
                     in_units=0 if deferred else 64),  # 0: unknown, inferred at the first call
            nn.Dense(10, bias_initializer=output_bias_init, prefix="output_",
                     in_units=0 if deferred else 256))
    return net


def first(param):
    return float(param.data().reshape(-1)[0].asscalar())


def stats(param):
    values = param.data().asnumpy()
    return float(values.mean()), float(values.std())


def warnings_of(function):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        function()
    return "\n".join(str(warning.message) for warning in caught)


if __name__ == "__main__":
    print("mean ± std after            " + "".join(f"{column:>17s}" for column in
          ("hidden weight", "hidden bias", "output weight", "output bias")))
    for name, build, initializer in (
        ("net.initialize(Constant(1))", mlp, init.Constant(1)),
        ("net.initialize(Normal(0.01))", mlp, init.Normal(0.01)),
        ("own inits + Normal(0.01)", lambda: mlp(init.Xavier(), init.Constant(5)),
         init.Normal(0.01)),
    ):
        net = build()
        net.initialize(initializer)
        cells = [f"{stats(p)[0]:+.3f} ± {stats(p)[1]:.3f}" for p in
                 (net[0].weight, net[0].bias, net[1].weight, net[1].bias)]
        print(f"{name:28s}" + "".join(f"{cell:>17s}" for cell in cells))
