"""The pre-activation residual block (He et al., 2016)
====================================================

The original block computes ReLU(x + F(x)) with F = BN, conv, ReLU, BN, conv; the pre-activation
block computes x + F(x) with F = conv, ReLU, BN, conv, ReLU, BN (applied right to left), and a
projected shortcut reads the pre-activated input. Shapes, with the identity shortcut and with a
1×1 shortcut (16 -> 32 channels, stride 2):

>>> block_shapes()
{'identity': (2, 16, 8, 8), '1×1 shortcut': (2, 32, 4, 4)}

Same convolutions; only the batch normalizations differ (the first one sees the block's input,
and the projected shortcut has none):

>>> parameter_counts()
{'original, identity': 4672, 'pre-activation, identity': 4672, 'original, 1×1 shortcut': 14528, 'pre-activation, 1×1 shortcut': 14432}

10 blocks of each kind (fresh, batch statistics as in training, non-negative input as after a
network's first ReLU). Pre-activation: the output is the input plus the sum of the branches:

>>> paths = identity_paths(blocks=10)
>>> bool(paths["pre-activation: output - input - sum of branches"] < 1e-4)
True

Original: the ReLU after each addition cuts the identity path wherever x + F(x) < 0; the share of
positions where it is still open falls block by block, to about a quarter after 10:

>>> open_share = paths["original: share open after each block"]
>>> all(a > b for a, b in zip(open_share, open_share[1:]))
True
>>> bool(0.55 < open_share[0] < 0.7), bool(0.2 < open_share[-1] < 0.3)
(True, True)

Not the difference: with every branch switched off (F = 0), both stacks return a non-negative
input exactly, since ReLU(x + 0) = x:

>>> switched_off(blocks=10)
{'original': True, 'pre-activation': True}
"""

import functools

import mxnet as mx
from mxnet import autograd, nd
from mxnet.gluon import nn

from _glue import glue
from _modern_nets import ResidualBlock, count_parameters


class PreActBlock(nn.HybridBlock):
    """x + conv(ReLU(BN(conv(ReLU(BN(x)))))); the shortcut, if projected, reads ReLU(BN(x))."""

    def __init__(self, channels, strides=1, project=False, **kwargs):
        super().__init__(**kwargs)
        self.bn1, self.bn2 = nn.BatchNorm(), nn.BatchNorm()
        self.conv1 = nn.Conv2D(channels, 3, strides=strides, padding=1, use_bias=False)
        self.conv2 = nn.Conv2D(channels, 3, padding=1, use_bias=False)
        self.shortcut = nn.Conv2D(channels, 1, strides=strides, use_bias=False) if project else None

    def branch(self, F, pre):
        return self.conv2(F.relu(self.bn2(self.conv1(pre))))

    def hybrid_forward(self, F, x):
        pre = F.relu(self.bn1(x))
        return self.branch(F, pre) + (x if self.shortcut is None else self.shortcut(pre))


def original_block(channels, strides=1, project=False):
    """The original basic block of ``_modern_nets``: ReLU(BN(conv(ReLU(BN(conv(x))))) + x)."""
    return ResidualBlock("basic", channels, strides, project)


def branch(block, x):
    """F(x), the block's residual branch alone."""
    if isinstance(block, PreActBlock):
        return block.branch(nd, nd.relu(block.bn1(x)))
    return block.residual(x)


@functools.lru_cache(maxsize=None)
def block_shapes():
    mx.random.seed(0)
    X, shapes = nd.random.normal(shape=(2, 16, 8, 8)), {}
    for name, block in (("identity", PreActBlock(16)),
                        ("1×1 shortcut", PreActBlock(32, strides=2, project=True))):
        block.initialize()
        shapes[name] = block(X).shape
    return shapes


@functools.lru_cache(maxsize=None)
def parameter_counts():
    return {f"{name}, {shortcut}": count_parameters(make(*args), (1, 16, 8, 8))
            for shortcut, args in (("identity", (16,)), ("1×1 shortcut", (32, 2, True)))
            for name, make in (("original", original_block), ("pre-activation", PreActBlock))}


def stack(make, blocks, branches_off=False):
    mx.random.seed(0)
    net = nn.HybridSequential()
    for _ in range(blocks):
        net.add(make(16))
    net.initialize()
    net(nd.zeros((1, 16, 8, 8)))  # give the deferred parameters their shapes
    for block in net if branches_off else []:  # make every branch output 0
        last = [block.conv2.weight] if make is PreActBlock else [
            block.residual[1][1].gamma, block.residual[1][1].beta]  # the branch's last BN
        for param in last:
            param.set_data(nd.zeros_like(param.data()))
    return net


def nonnegative_input():
    mx.random.seed(1)
    return nd.relu(nd.random.normal(shape=(8, 16, 8, 8)))


@functools.lru_cache(maxsize=None)
def identity_paths(blocks):
    X, result = nonnegative_input(), {}
    with autograd.train_mode():  # batch statistics, as during training
        x, branch_sum = X, nd.zeros_like(X)
        for block in stack(PreActBlock, blocks):
            branch_sum = branch_sum + branch(block, x)
            x = block(x)
        result["pre-activation: output - input - sum of branches"] = abs(
            x - X - branch_sum).max().asscalar()
        x, open_path, shares = X, nd.ones_like(X), []
        for block in stack(original_block, blocks):
            open_path = open_path * (x + branch(block, x) > 0)  # what the last ReLU lets through
            shares.append(open_path.mean().asscalar())
            x = block(x)
        result["original: share open after each block"] = shares
    return result


@functools.lru_cache(maxsize=None)
def switched_off(blocks):
    X = nonnegative_input()
    with autograd.train_mode():
        return {name: bool((stack(make, blocks, branches_off=True)(X) == X).min().asscalar())
                for name, make in (("original", original_block), ("pre-activation", PreActBlock))}


if __name__ == "__main__":
    print("pre-activation block, output shapes for input (2, 16, 8, 8):", block_shapes())
    print("parameters:", parameter_counts())
    paths = identity_paths(blocks=10)
    print("10 pre-activation blocks, max |output - input - sum of branches|:",
          f"{paths['pre-activation: output - input - sum of branches']:.1e}")
    shares = paths["original: share open after each block"]
    print("10 original blocks, share of positions where the identity path is still open:")
    print("  after block 1..10:", " ".join(f"{share:.3f}" for share in shares))
    glue("open_after_1", float(shares[0]))
    glue("open_after_all", float(shares[-1]))
    print("every branch switched off, output == input:", switched_off(blocks=10))
