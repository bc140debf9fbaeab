"""The classic convolutional networks of chapter 5, as Gluon blocks, and ways to count them.

Every builder returns an *uninitialized* ``HybridSequential``: nothing is allocated until the caller
initializes it. The ImageNet-sized networks (AlexNet, VGG, NiN, GoogLeNet) take 3×224×224 images
and 1000 classes by default, as in their papers; the book builds the same layers for 1×224×224
Fashion-MNIST images and 10 classes. ``lenet`` is a LeNet-like network for the 8×8 digits of
``_data.digits(images=True)``, small enough to train in a fraction of a second.

Counting parameters does not need the parameters: ``count_parameters`` runs the network on a
symbolic input and lets MXNet infer every weight's shape, which takes milliseconds even for VGG's
138 million parameters. The ``*_layers`` functions count the same networks a second way, from the
configuration tables with the formulas of a convolution (c_i·c_o·k_h·k_w/groups weights, c_o
biases) and of a dense layer (inputs·outputs weights, outputs biases).
"""

import math

import mxnet as mx
from mxnet import init
from mxnet.gluon import nn

# He initialization (normal, variance 2 / fan-in), suited to ReLU layers; ``lenet`` uses it.
HE_INIT = init.Xavier(rnd_type="gaussian", factor_type="in", magnitude=2)

# ---------------------------------------------------------------------------------------------
# LeNet (5.5), for 1×8×8 digits


def lenet(pool="max"):
    """LeNet's layout (two convolution + pooling stages, three dense layers) for 8×8 inputs.

    The book's LeNet uses 5×5 kernels on 28×28 images and sigmoid activations; on 8×8 digits the
    kernels are 3×3 with padding 1, and ReLU with ``HE_INIT`` trains in a few epochs where sigmoid
    needs many more. ``pool`` is "max" (the book's), "avg" or "min" (minus the max pooling of minus
    the input).
    """
    def pooling():
        if pool == "max":
            return nn.MaxPool2D(pool_size=2, strides=2)
        if pool == "avg":
            return nn.AvgPool2D(pool_size=2, strides=2)
        if pool == "min":
            return nn.HybridLambda(
                lambda F, x: -F.Pooling(-x, kernel=(2, 2), stride=(2, 2), pool_type="max"))
        raise ValueError(f"unknown pooling {pool!r}")

    net = nn.HybridSequential()
    net.add(nn.Conv2D(6, kernel_size=3, padding=1, activation="relu"), pooling(),   # 6×4×4
            nn.Conv2D(16, kernel_size=3, padding=1, activation="relu"), pooling(),  # 16×2×2
            nn.Dense(120, activation="relu"), nn.Dense(84, activation="relu"), nn.Dense(10))
    return net


# ---------------------------------------------------------------------------------------------
# AlexNet (5.6)


def alexnet(num_classes=1000, groups=1):
    """The book's AlexNet. ``groups=2`` splits the 2nd, 4th and 5th convolutions into two halves
    that see only their own half of the input channels, as on the paper's two GPUs."""
    net = nn.HybridSequential()
    net.add(nn.Conv2D(96, kernel_size=11, strides=4, activation="relu"),
            nn.MaxPool2D(pool_size=3, strides=2),
            nn.Conv2D(256, kernel_size=5, padding=2, groups=groups, activation="relu"),
            nn.MaxPool2D(pool_size=3, strides=2),
            nn.Conv2D(384, kernel_size=3, padding=1, activation="relu"),
            nn.Conv2D(384, kernel_size=3, padding=1, groups=groups, activation="relu"),
            nn.Conv2D(256, kernel_size=3, padding=1, groups=groups, activation="relu"),
            nn.MaxPool2D(pool_size=3, strides=2),
            nn.Dense(4096, activation="relu"), nn.Dropout(0.5),
            nn.Dense(4096, activation="relu"), nn.Dropout(0.5),
            nn.Dense(num_classes))
    return net


def alexnet_layers(size=224, in_channels=3, num_classes=1000, groups=1):
    """(layer, parameter count) of ``alexnet``, by formula; ``size`` is the input height/width."""
    n = pool_out(conv_out(size, 11, 0, 4), 3, 2)  # conv1 (no padding, stride 4), pool
    n = pool_out(conv_out(n, 5, 2, 1), 3, 2)  # conv2, pool
    n = pool_out(n, 3, 2)  # conv3-5 keep the size (3×3, padding 1); the last pool
    return [
        ("conv1", conv_params(in_channels, 96, 11)),
        ("conv2", conv_params(96, 256, 5, groups)),
        ("conv3", conv_params(256, 384, 3)),
        ("conv4", conv_params(384, 384, 3, groups)),
        ("conv5", conv_params(384, 256, 3, groups)),
        ("dense6", dense_params(256 * n * n, 4096)),
        ("dense7", dense_params(4096, 4096)),
        ("dense8", dense_params(4096, num_classes)),
    ]


# ---------------------------------------------------------------------------------------------
# VGG (5.7): Simonyan & Zisserman, Table 1, configurations A (VGG-11), D (VGG-16), E (VGG-19).
# Each stage: (number of 3×3 convolutions, output channels), then 2×2 max pooling with stride 2.

VGG_CONFIGS = {
    11: ((1, 64), (1, 128), (2, 256), (2, 512), (2, 512)),
    16: ((2, 64), (2, 128), (3, 256), (3, 512), (3, 512)),
    19: ((2, 64), (2, 128), (4, 256), (4, 512), (4, 512)),
}


def vgg_block(num_convs, channels):
    block = nn.HybridSequential()
    for _ in range(num_convs):
        block.add(nn.Conv2D(channels, kernel_size=3, padding=1, activation="relu"))
    block.add(nn.MaxPool2D(pool_size=2, strides=2))
    return block


def vgg(depth, num_classes=1000):
    """VGG-11, -16 or -19: five convolution blocks, then FC-4096, FC-4096, FC-``num_classes``."""
    net = nn.HybridSequential()
    for num_convs, channels in VGG_CONFIGS[depth]:
        net.add(vgg_block(num_convs, channels))
    net.add(nn.Dense(4096, activation="relu"), nn.Dropout(0.5),
            nn.Dense(4096, activation="relu"), nn.Dropout(0.5),
            nn.Dense(num_classes))
    return net


def vgg_layers(depth, size=224, in_channels=3, num_classes=1000):
    """(layer, parameter count) of ``vgg(depth)`` by formula; layers named as in the paper."""
    layers, c = [], in_channels
    for stage, (num_convs, channels) in enumerate(VGG_CONFIGS[depth], start=1):
        for i in range(1, num_convs + 1):
            layers.append((f"conv{stage}_{i}", conv_params(c, channels, 3)))
            c = channels
        size //= 2  # 3×3 convolutions with padding 1 keep the size; each pooling halves it
    layers += [("fc6", dense_params(c * size * size, 4096)), ("fc7", dense_params(4096, 4096)),
               ("fc8", dense_params(4096, num_classes))]
    return layers


# ---------------------------------------------------------------------------------------------
# NiN (5.8)

NIN_CONFIG = ((96, 11, 4, 0), (256, 5, 1, 2), (384, 3, 1, 1))  # (channels, kernel, stride, padding)


def nin_block(channels, kernel_size, strides, padding):
    """A k×k convolution followed by two 1×1 convolutions: an MLP applied at every pixel."""
    block = nn.HybridSequential()
    block.add(nn.Conv2D(channels, kernel_size, strides, padding, activation="relu"),
              nn.Conv2D(channels, kernel_size=1, activation="relu"),
              nn.Conv2D(channels, kernel_size=1, activation="relu"))
    return block


def nin(num_classes=1000):
    """The book's NiN: three NiN blocks with max pooling, a last block with one channel per class,
    and global average pooling in place of dense layers."""
    net = nn.HybridSequential()
    for config in NIN_CONFIG:
        net.add(nin_block(*config), nn.MaxPool2D(pool_size=3, strides=2))
    net.add(nn.Dropout(0.5), nin_block(num_classes, kernel_size=3, strides=1, padding=1),
            nn.GlobalAvgPool2D(), nn.Flatten())
    return net


def nin_layers(in_channels=3, num_classes=1000):
    """(layer, parameter count) of ``nin`` by formula (no dense layer: any input size)."""
    layers, c = [], in_channels
    for i, (channels, k, _, _) in enumerate(NIN_CONFIG + ((num_classes, 3, 1, 1),), start=1):
        layers += [(f"block{i} {k}×{k}", conv_params(c, channels, k)),
                   (f"block{i} 1×1 (a)", conv_params(channels, channels, 1)),
                   (f"block{i} 1×1 (b)", conv_params(channels, channels, 1))]
        c = channels
    return layers


# ---------------------------------------------------------------------------------------------
# GoogLeNet (5.9): the book's network, i.e. the paper's Table 1 without the auxiliary classifiers.
# Inception(c1, (c2a, c2b), (c3a, c3b), c4), four paths:
# 1×1 | 1×1 then 3×3 | 1×1 then 5×5 | 3×3 max pooling then 1×1

GOOGLENET_STAGES = (
    ("3a", 64, (96, 128), (16, 32), 32), ("3b", 128, (128, 192), (32, 96), 64), "pool",
    ("4a", 192, (96, 208), (16, 48), 64), ("4b", 160, (112, 224), (24, 64), 64),
    ("4c", 128, (128, 256), (24, 64), 64), ("4d", 112, (144, 288), (32, 64), 64),
    ("4e", 256, (160, 320), (32, 128), 128), "pool",
    ("5a", 256, (160, 320), (32, 128), 128), ("5b", 384, (192, 384), (48, 128), 128),
)


class Inception(nn.HybridBlock):
    def __init__(self, c1, c2, c3, c4, **kwargs):
        super().__init__(**kwargs)
        self.p1_1 = nn.Conv2D(c1, kernel_size=1, activation="relu")
        self.p2_1 = nn.Conv2D(c2[0], kernel_size=1, activation="relu")
        self.p2_2 = nn.Conv2D(c2[1], kernel_size=3, padding=1, activation="relu")
        self.p3_1 = nn.Conv2D(c3[0], kernel_size=1, activation="relu")
        self.p3_2 = nn.Conv2D(c3[1], kernel_size=5, padding=2, activation="relu")
        self.p4_1 = nn.MaxPool2D(pool_size=3, strides=1, padding=1)
        self.p4_2 = nn.Conv2D(c4, kernel_size=1, activation="relu")

    def hybrid_forward(self, F, x):
        p1 = self.p1_1(x)
        p2 = self.p2_2(self.p2_1(x))
        p3 = self.p3_2(self.p3_1(x))
        p4 = self.p4_2(self.p4_1(x))
        return F.concat(p1, p2, p3, p4, dim=1)  # stack the four paths' channels


def googlenet(num_classes=1000):
    net = nn.HybridSequential()
    net.add(nn.Conv2D(64, kernel_size=7, strides=2, padding=3, activation="relu"),
            nn.MaxPool2D(pool_size=3, strides=2, padding=1),
            nn.Conv2D(64, kernel_size=1, activation="relu"),
            nn.Conv2D(192, kernel_size=3, padding=1, activation="relu"),
            nn.MaxPool2D(pool_size=3, strides=2, padding=1))
    for stage in GOOGLENET_STAGES:
        if stage == "pool":
            net.add(nn.MaxPool2D(pool_size=3, strides=2, padding=1))
        else:
            net.add(Inception(*stage[1:]))
    net.add(nn.GlobalAvgPool2D(), nn.Dense(num_classes))
    return net


def inception_params(c_in, c1, c2, c3, c4, bottleneck=True):
    """Parameters of one Inception block; ``bottleneck=False`` drops the 1×1 reductions in front
    of the 3×3 and 5×5 convolutions (they then read all ``c_in`` channels)."""
    if bottleneck:
        paths = (conv_params(c_in, c2[0], 1) + conv_params(c2[0], c2[1], 3),
                 conv_params(c_in, c3[0], 1) + conv_params(c3[0], c3[1], 5))
    else:
        paths = (conv_params(c_in, c2[1], 3), conv_params(c_in, c3[1], 5))
    return conv_params(c_in, c1, 1) + sum(paths) + conv_params(c_in, c4, 1)


def googlenet_layers(in_channels=3, num_classes=1000, bottleneck=True):
    """(layer, parameter count) of ``googlenet``, by formula."""
    layers = [("conv 7×7", conv_params(in_channels, 64, 7)), ("conv 1×1", conv_params(64, 64, 1)),
              ("conv 3×3", conv_params(64, 192, 3))]
    c = 192
    for stage in GOOGLENET_STAGES:
        if stage == "pool":
            continue
        name, c1, c2, c3, c4 = stage
        layers.append((f"inception {name}", inception_params(c, c1, c2, c3, c4, bottleneck)))
        c = c1 + c2[1] + c3[1] + c4
    layers.append(("dense", dense_params(c, num_classes)))
    return layers


# ---------------------------------------------------------------------------------------------
# Formulas and counting


def conv_params(c_in, c_out, k, groups=1):
    """A k×k convolution: each of c_out kernels spans c_in/groups channels, plus one bias each."""
    return c_in // groups * c_out * k * k + c_out


def dense_params(n_in, n_out):
    return n_in * n_out + n_out


def conv_out(n, k, padding, stride):
    """Output height (or width) of a convolution or pooling with ``padding`` on each side."""
    return (n + 2 * padding - k) // stride + 1


def pool_out(n, k, stride):
    return conv_out(n, k, 0, stride)


def parameter_shapes(net, input_shape):
    """({name: shape} of the learned parameters, {name: shape} of the auxiliary states).

    Nothing is allocated: MXNet infers each shape from a symbolic input of ``input_shape``.
    """
    sym = net(mx.sym.var("data"))
    arg_shapes, _, aux_shapes = sym.infer_shape(data=input_shape)
    learned = {name: shape for name, shape in zip(sym.list_arguments(), arg_shapes)
               if name != "data"}
    return learned, dict(zip(sym.list_auxiliary_states(), aux_shapes))


def count_parameters(net, input_shape):
    """(learned, auxiliary) number of values of an uninitialized ``net`` on ``input_shape`` inputs.

    Learned parameters are the weights and biases (and batch norm's scale and shift); auxiliary
    states are batch norm's running mean and variance, which gradient descent does not learn.
    Gluon's ``collect_params()`` lists both kinds.
    """
    learned, aux = parameter_shapes(net, input_shape)
    return (sum(math.prod(shape) for shape in learned.values()),
            sum(math.prod(shape) for shape in aux.values()))


def output_shapes(net, input_shape):
    """[(child's class name, output shape)] after each top-level child of a Sequential ``net``."""
    x, shapes = mx.sym.var("data"), []
    for child in net:
        x = child(x)
        shapes.append((type(child).__name__, x.infer_shape(data=input_shape)[1][0]))
    return shapes
