"""The pre-activation residual block (He et al., 2016)
====================================================

The original block (He et al., 2015, and the book's ``Residual``) computes
ReLU(BN(conv(ReLU(BN(conv(x))))) + x): the ReLU comes *after* the addition, so the path that
carries x from block to block passes through a ReLU in every block. The pre-activation block moves
batch normalization and ReLU in front of each convolution and adds nothing after the sum:
x + conv(ReLU(BN(conv(ReLU(BN(x)))))). When the shape changes, a 1×1 convolution with the same
stride maps the shortcut; like the first convolution, it reads the pre-activated input.

Shapes, with the identity shortcut and with the 1×1 shortcut (16 -> 32 channels, stride 2):

>>> block_shapes()
{'identity': (2, 16, 8, 8), '1×1 shortcut': (2, 32, 4, 4)}

The same layers, moved around: the pre-activation block has the same convolutions. Its first
batch normalization now sees the block's input (16 channels here, not 32), and its shortcut has
no batch normalization, hence slightly fewer parameters when the shape changes:

>>> parameter_counts()
{'original, identity': 4672, 'pre-activation, identity': 4672, 'original, 1×1 shortcut': 14528, 'pre-activation, 1×1 shortcut': 14432}

What the change buys: the identity path stays clean. In a stack of pre-activation blocks,
x_(l+1) = x_l + F_l(x_l), so the output of any later block is exactly x_l plus the sum of the
residual branches in between, and the gradient of the loss reaches every block's input through
the identity term, unchanged. In a stack of original blocks, x_(l+1) = ReLU(x_l + F_l(x_l)): wherever
the sum is negative, the ReLU cuts the identity path. We stack 10 blocks of each kind (16 channels,
freshly initialized, batch statistics as in training) and feed a non-negative input, as a real
network's blocks get after its first ReLU:

>>> paths = identity_paths(blocks=10)
>>> bool(paths["pre-activation: output - input - sum of branches"] < 1e-4)
True

In the original stack, the share of positions where the identity path (the route that skips
every branch) gets through the ReLUs falls block by block: about 2/3 after the first block, about
a quarter through all 10:

>>> open_share = paths["original: share open after each block"]
>>> all(a > b for a, b in zip(open_share, open_share[1:]))
True
>>> bool(0.55 < open_share[0] < 0.7), bool(0.2 < open_share[-1] < 0.3)
(True, True)

A branch that outputs 0 is not the difference: on a non-negative input, ReLU(x + 0) = x, and 10
original blocks with every branch switched off (last γ and β zero) return their input exactly, as
10 such pre-activation blocks (last convolution zero) do:

>>> switched_off(blocks=10)
{'original': True, 'pre-activation': True}
"""

import functools

import mxnet as mx
from mxnet import autograd, nd
from mxnet.gluon import nn

from _glue import glue
from _modern_nets import count_parameters


class PreActBlock(nn.HybridBlock):
    """BN -> ReLU -> 3×3 conv -> BN -> ReLU -> 3×3 conv, plus the shortcut; no ReLU after."""

    def __init__(self, channels, strides=1, project=False, **kwargs):
        super().__init__(**kwargs)
        self.bn1 = nn.BatchNorm()
        self.conv1 = nn.Conv2D(channels, 3, strides=strides, padding=1, use_bias=False)
        self.bn2 = nn.BatchNorm()
        self.conv2 = nn.Conv2D(channels, 3, padding=1, use_bias=False)
        self.shortcut = nn.Conv2D(channels, 1, strides=strides, use_bias=False) if project else None

    def hybrid_forward(self, F, x):
        pre = F.relu(self.bn1(x))
        shortcut = x if self.shortcut is None else self.shortcut(pre)
        return self.conv2(F.relu(self.bn2(self.conv1(pre)))) + shortcut


class OriginalBlock(nn.HybridBlock):
    """conv -> BN -> ReLU -> conv -> BN, plus the shortcut (1×1 conv + BN), then ReLU."""

    def __init__(self, channels, strides=1, project=False, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = nn.Conv2D(channels, 3, strides=strides, padding=1, use_bias=False)
        self.bn1 = nn.BatchNorm()
        self.conv2 = nn.Conv2D(channels, 3, padding=1, use_bias=False)
        self.bn2 = nn.BatchNorm()
        self.shortcut = None
        if project:
            self.shortcut = nn.HybridSequential()
            self.shortcut.add(nn.Conv2D(channels, 1, strides=strides, use_bias=False),
                              nn.BatchNorm())

    def hybrid_forward(self, F, x):
        shortcut = x if self.shortcut is None else self.shortcut(x)
        return F.relu(self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x))))) + shortcut)


@functools.lru_cache(maxsize=None)
def block_shapes():
    mx.random.seed(0)
    X = nd.random.normal(shape=(2, 16, 8, 8))
    shapes = {}
    for name, block in (("identity", PreActBlock(16)),
                        ("1×1 shortcut", PreActBlock(32, strides=2, project=True))):
        block.initialize()
        shapes[name] = block(X).shape
    return shapes


@functools.lru_cache(maxsize=None)
def parameter_counts():
    counts = {}
    for shortcut, args in (("identity", (16,)), ("1×1 shortcut", (32, 2, True))):
        for name, Block in (("original", OriginalBlock), ("pre-activation", PreActBlock)):
            counts[f"{name}, {shortcut}"] = count_parameters(Block(*args), (1, 16, 8, 8))
    counts = {key: counts[key] for key in sorted(counts, key=lambda k: "1×1" in k)}
    return counts


def stack(Block, blocks, branches_off=False):
    mx.random.seed(0)
    net = nn.HybridSequential()
    for _ in range(blocks):
        net.add(Block(16))
    net.initialize()
    net(nd.zeros((1, 16, 8, 8)))  # give the deferred parameters their shapes
    if branches_off:
        for block in net:
            if Block is PreActBlock:
                block.conv2.weight.set_data(nd.zeros_like(block.conv2.weight.data()))
            else:
                block.bn2.gamma.set_data(nd.zeros_like(block.bn2.gamma.data()))
                block.bn2.beta.set_data(nd.zeros_like(block.bn2.beta.data()))
    return net


def nonnegative_input():
    mx.random.seed(1)
    return nd.relu(nd.random.normal(shape=(8, 16, 8, 8)))


def branch(block, x):
    """F(x): the block's residual branch alone."""
    if isinstance(block, PreActBlock):
        return block.conv2(nd.relu(block.bn2(block.conv1(nd.relu(block.bn1(x))))))
    return block.bn2(block.conv2(nd.relu(block.bn1(block.conv1(x)))))


@functools.lru_cache(maxsize=None)
def identity_paths(blocks):
    X = nonnegative_input()
    result = {}
    with autograd.train_mode():  # batch statistics, as during training
        x, branch_sum = X, nd.zeros_like(X)
        for block in stack(PreActBlock, blocks):
            branch_sum = branch_sum + branch(block, x)
            x = block(x)
        result["pre-activation: output - input - sum of branches"] = float(
            abs(x - X - branch_sum).max().asscalar())
        x, open_path, shares = X, nd.ones_like(X), []
        for block in stack(OriginalBlock, blocks):
            total = x + branch(block, x)  # what the ReLU after the addition sees
            open_path = open_path * (total > 0)
            shares.append(float(open_path.mean().asscalar()))
            x = block(x)
        result["original: share open after each block"] = shares
    return result


@functools.lru_cache(maxsize=None)
def switched_off(blocks):
    X = nonnegative_input()
    with autograd.train_mode():
        return {name: bool((stack(Block, blocks, branches_off=True)(X) == X).min().asscalar())
                for name, Block in (("original", OriginalBlock), ("pre-activation", PreActBlock))}


if __name__ == "__main__":
    print("pre-activation block, output shapes for input (2, 16, 8, 8):", block_shapes())
    print("parameters:")
    for name, count in parameter_counts().items():
        print(f"  {name:30s} {count:6,d}")
    paths = identity_paths(blocks=10)
    print("10 pre-activation blocks: max |output - input - sum of branches| "
          f"{paths['pre-activation: output - input - sum of branches']:.1e}")
    shares = paths["original: share open after each block"]
    print("10 original blocks: share of positions where the identity path is still open")
    print("  after block", "  ".join(f"{l:5d}" for l in range(1, len(shares) + 1)))
    print("             ", "  ".join(f"{share:5.3f}" for share in shares))
    glue("open_after_1", shares[0])
    glue("open_after_all", shares[-1])
    print("every branch switched off, output == input:", switched_off(blocks=10))
