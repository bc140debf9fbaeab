"""A Block subclass that forgets to call super().__init__()
=======================================================

``nn.Block.__init__`` creates the bookkeeping every block needs: its name prefix and parameter
dictionary, the dictionary of child blocks and the hooks called around ``forward``:

>>> sorted(vars(nn.Block()))
['_children', '_empty_prefix', '_forward_hooks', '_forward_pre_hooks', '_name', '_params', '_prefix', '_reg_params', '_scope']

The book's MLP without the call fails while it is being built, at its first assignment of a
layer: ``Block.__setattr__`` registers a child block in ``self._children``, which was never made.

>>> MLPWithoutSuper()
Traceback (most recent call last):
  ...
AttributeError: 'MLPWithoutSuper' object has no attribute '_children'
>>> for line in where_it_fails(MLPWithoutSuper):
...     print(line)
__init__: self.hidden = nn.Dense(256, activation="relu")
__setattr__: self.register_child(value, name)
register_child: self._children[name] = block

A block that assigns no layers is built without complaint, and fails only when it is used:
``initialize()`` looks for the children, and calling the block runs the forward hooks first:

>>> net = IdentityWithoutSuper()
>>> net.initialize()
Traceback (most recent call last):
  ...
AttributeError: 'IdentityWithoutSuper' object has no attribute '_children'
>>> net(nd.ones((2, 3)))
Traceback (most recent call last):
  ...
AttributeError: 'IdentityWithoutSuper' object has no attribute '_forward_pre_hooks'

``**kwargs`` collects the keyword arguments the caller passed, ``*args`` the extra positional ones;
``super().__init__(**kwargs)`` hands them on to ``Block.__init__(prefix=None, params=None)``:

>>> collect(1, 2, prefix="mlp_")
((1, 2), {'prefix': 'mlp_'})
>>> net = MLP(prefix="mlp_")
>>> net.prefix, net.name
('mlp_', 'mlp')
>>> MLP(prefixx="mlp_")
Traceback (most recent call last):
  ...
TypeError: ...__init__() got an unexpected keyword argument 'prefixx'

With the call in place the MLP works:

>>> net = MLP()
>>> net.initialize()
>>> net(nd.ones((2, 20))).shape
(2, 10)
"""

import traceback

from mxnet import nd
from mxnet.gluon import nn


class MLP(nn.Block):
    """The book's MLP (section 4.1)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)  # in Python 3 the same as super(MLP, self).__init__(**kwargs)
        self.hidden = nn.Dense(256, activation="relu")
        self.output = nn.Dense(10)

    def forward(self, x):
        return self.output(self.hidden(x))


class MLPWithoutSuper(nn.Block):
    """The same MLP with the call to the parent's __init__ left out."""

    def __init__(self, **kwargs):
        self.hidden = nn.Dense(256, activation="relu")
        self.output = nn.Dense(10)

    def forward(self, x):
        return self.output(self.hidden(x))


class IdentityWithoutSuper(nn.Block):
    def __init__(self, **kwargs):
        pass

    def forward(self, x):
        return x


def where_it_fails(build):
    """The innermost frames of the traceback: function and source line."""
    try:
        build()
    except AttributeError as error:
        frames = traceback.extract_tb(error.__traceback__)[-3:]
        return [f"{frame.name}: {frame.line}" for frame in frames]


def collect(*args, **kwargs):
    return args, kwargs


if __name__ == "__main__":
    for build in (MLPWithoutSuper, IdentityWithoutSuper, MLP):
        try:
            net = build()
            net.initialize()
            print(f"{build.__name__}: output shape {net(nd.ones((2, 20))).shape}")
        except AttributeError as error:
            print(f"{build.__name__}: AttributeError: {error}")
    print("what super().__init__() receives from MLP(prefix='mlp_'):", collect(prefix="mlp_")[1])
