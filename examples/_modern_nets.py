"""ResNet and DenseNet builders that the examples share, and a parameter count without weights.

Every builder returns an *uninitialized* Gluon ``HybridBlock``: nothing is allocated until you call
``initialize()`` and run data through it. ``count_parameters`` never does: it runs the network on a
symbolic variable and lets MXNet infer every parameter's shape, so even ResNet-152 is counted in a
fraction of a second without allocating its 60 million weights.

- ``resnet(depth)``: ResNet-18/34/50/101/152 as in Table 1 of He et al. (2015), 3×224×224 input,
  1,000 classes. Convolutions have no bias (a batch normalization follows each one); a projection
  shortcut (1×1 convolution + batch normalization) replaces the identity wherever the shape
  changes.
- ``densenet121()``: DenseNet-BC-121 of Huang et al. (2017): growth rate 32, dense blocks of
  6/12/24/16 layers, 1×1 bottlenecks of 4 × 32 channels, transitions that halve the channels.
- ``book_resnet18()`` and ``book_densenet()``: the book's smaller versions (sections 5.11 and 5.12),
  10 classes, convolutions with bias, as the book writes them.

The counts follow torchvision's convention, the one behind the usually quoted numbers: learned
parameters only, i.e. weights, biases and batch normalization's scale γ and shift β; not batch
normalization's running mean and variance, which are statistics, not trained by the gradient.
"""

import mxnet as mx
from mxnet.gluon import nn

# Table 1 of He et al. (2015): block type and number of blocks in stages conv2_x ... conv5_x.
RESNET_TABLE = {
    18: ("basic", (2, 2, 2, 2)),
    34: ("basic", (3, 4, 6, 3)),
    50: ("bottleneck", (3, 4, 6, 3)),
    101: ("bottleneck", (3, 4, 23, 3)),
    152: ("bottleneck", (3, 8, 36, 3)),
}
STAGE_NAMES = ("conv1", "conv2_x", "conv3_x", "conv4_x", "conv5_x", "head")


def conv_bn(channels, kernel_size, strides=1, relu=True):
    """Convolution (no bias) -> batch normalization (-> ReLU): the unit ResNet is built from."""
    blk = nn.HybridSequential()
    blk.add(nn.Conv2D(channels, kernel_size, strides=strides, padding=kernel_size // 2,
                      use_bias=False),
            nn.BatchNorm())
    if relu:
        blk.add(nn.Activation("relu"))
    return blk


class ResidualBlock(nn.HybridBlock):
    """ReLU(F(x) + shortcut(x)), the original block of He et al. (2015).

    ``kind="basic"``: F is two 3×3 convolutions with ``channels`` outputs.
    ``kind="bottleneck"``: F is 1×1 (``channels``) -> 3×3 (``channels``) -> 1×1
    (4 × ``channels``): the 1×1 layers shrink and restore the width around the costly 3×3.
    ``project=True`` puts a 1×1 convolution + batch normalization on the shortcut, for when the
    stride or the number of channels changes.
    """

    def __init__(self, kind, channels, strides=1, project=False, **kwargs):
        super().__init__(**kwargs)
        self.residual = nn.HybridSequential()
        if kind == "basic":
            out_channels = channels
            self.residual.add(conv_bn(channels, 3, strides),
                              conv_bn(channels, 3, relu=False))
        else:
            out_channels = 4 * channels
            self.residual.add(conv_bn(channels, 1),
                              conv_bn(channels, 3, strides),  # stride on the 3×3, as torchvision
                              conv_bn(out_channels, 1, relu=False))
        self.shortcut = conv_bn(out_channels, 1, strides, relu=False) if project else None

    def hybrid_forward(self, F, x):
        shortcut = x if self.shortcut is None else self.shortcut(x)
        return F.relu(self.residual(x) + shortcut)


def resnet(depth, classes=1000):
    """ResNet-``depth`` (18, 34, 50, 101 or 152) as a HybridSequential of six stages:
    conv1 (7×7 conv + 3×3 max pool), conv2_x ... conv5_x, and head (global average pool + dense).
    """
    kind, blocks = RESNET_TABLE[depth]
    expansion = 1 if kind == "basic" else 4
    net = nn.HybridSequential()
    stem = conv_bn(64, 7, strides=2)
    stem.add(nn.MaxPool2D(pool_size=3, strides=2, padding=1))
    net.add(stem)
    in_channels = 64
    for stage, (channels, n) in enumerate(zip((64, 128, 256, 512), blocks)):
        strides = 1 if stage == 0 else 2  # conv2_x follows the max pool: no second halving
        body = nn.HybridSequential()
        for i in range(n):
            first = i == 0
            project = first and (strides != 1 or in_channels != channels * expansion)
            body.add(ResidualBlock(kind, channels, strides if first else 1, project))
            in_channels = channels * expansion
        net.add(body)
    head = nn.HybridSequential()
    head.add(nn.GlobalAvgPool2D(), nn.Dense(classes))
    net.add(head)
    return net


class DenseBlock(nn.HybridBlock):
    """``num_layers`` layers; each gets the concatenation of the block's input and all earlier
    layers' outputs and adds ``growth_rate`` channels: c0 in, c0 + num_layers × growth_rate out.

    ``bottleneck``: a layer is BN-ReLU-1×1 conv (``bottleneck`` channels)-BN-ReLU-3×3 conv
    (DenseNet-B); ``None``: just BN-ReLU-3×3 conv, as in the book. ``use_bias``: the book's
    convolutions have a bias, the paper's do not.
    """

    def __init__(self, num_layers, growth_rate, bottleneck=None, use_bias=False, **kwargs):
        super().__init__(**kwargs)
        self.layers = nn.HybridSequential()
        for _ in range(num_layers):
            layer = nn.HybridSequential()
            if bottleneck:
                layer.add(nn.BatchNorm(), nn.Activation("relu"),
                          nn.Conv2D(bottleneck, 1, use_bias=use_bias))
            layer.add(nn.BatchNorm(), nn.Activation("relu"),
                      nn.Conv2D(growth_rate, 3, padding=1, use_bias=use_bias))
            self.layers.add(layer)

    def hybrid_forward(self, F, x):
        for layer in self.layers._children.values():
            x = F.concat(x, layer(x), dim=1)  # concatenate on channels; nothing is added
        return x


def transition(channels, use_bias=False):
    """BN-ReLU-1×1 conv to ``channels``, then 2×2 average pooling with stride 2."""
    blk = nn.HybridSequential()
    blk.add(nn.BatchNorm(), nn.Activation("relu"),
            nn.Conv2D(channels, 1, use_bias=use_bias),
            nn.AvgPool2D(pool_size=2, strides=2))
    return blk


def densenet(block_layers, growth_rate=32, init_channels=64, bottleneck=4, compression=0.5,
             classes=1000, use_bias=False):
    """A DenseNet: 7×7 stem, dense blocks joined by transitions, BN-ReLU, global pool, dense.

    ``bottleneck`` is the width of the 1×1 layer in units of the growth rate (4 in DenseNet-B;
    ``None``: no 1×1 layer); ``compression`` is the fraction of channels a transition keeps.
    """
    net = nn.HybridSequential()
    net.add(nn.Conv2D(init_channels, 7, strides=2, padding=3, use_bias=use_bias),
            nn.BatchNorm(), nn.Activation("relu"),
            nn.MaxPool2D(pool_size=3, strides=2, padding=1))
    channels = init_channels
    width = bottleneck * growth_rate if bottleneck else None
    for i, num_layers in enumerate(block_layers):
        net.add(DenseBlock(num_layers, growth_rate, width, use_bias))
        channels += num_layers * growth_rate
        if i != len(block_layers) - 1:
            channels = int(channels * compression)
            net.add(transition(channels, use_bias))
    net.add(nn.BatchNorm(), nn.Activation("relu"), nn.GlobalAvgPool2D(), nn.Dense(classes))
    return net


def densenet121(classes=1000):
    """DenseNet-BC-121 (Huang et al., 2017, Table 1): 1 + 2 × (6 + 12 + 24 + 16) + 3 + 1 = 121
    layers with weights."""
    return densenet((6, 12, 24, 16), classes=classes)


def book_resnet18(classes=10):
    """The book's ResNet-18 (section 5.11): basic blocks, convolutions with bias, 10 classes."""
    net = nn.HybridSequential()
    net.add(nn.Conv2D(64, 7, strides=2, padding=3), nn.BatchNorm(), nn.Activation("relu"),
            nn.MaxPool2D(pool_size=3, strides=2, padding=1))
    for stage, channels in enumerate((64, 128, 256, 512)):
        body = nn.HybridSequential()
        for i in range(2):
            downsample = i == 0 and stage > 0
            body.add(BookResidual(channels, use_1x1conv=downsample, strides=2 if downsample else 1))
        net.add(body)
    net.add(nn.GlobalAvgPool2D(), nn.Dense(classes))
    return net


class BookResidual(nn.HybridBlock):
    """The book's residual block: conv-BN-ReLU-conv-BN, plus the input (through a 1×1 conv if
    ``use_1x1conv``), then ReLU."""

    def __init__(self, channels, use_1x1conv=False, strides=1, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = nn.Conv2D(channels, 3, padding=1, strides=strides)
        self.conv2 = nn.Conv2D(channels, 3, padding=1)
        self.conv3 = nn.Conv2D(channels, 1, strides=strides) if use_1x1conv else None
        self.bn1 = nn.BatchNorm()
        self.bn2 = nn.BatchNorm()

    def hybrid_forward(self, F, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        if self.conv3 is not None:
            x = self.conv3(x)
        return F.relu(y + x)


def book_densenet(classes=10):
    """The book's DenseNet (section 5.12): four dense blocks of 4 layers (BN-ReLU-3×3 conv),
    growth rate 32, no bottleneck, transitions halving the channels, convolutions with bias."""
    return densenet((4, 4, 4, 4), bottleneck=None, classes=classes, use_bias=True)


def infer_shapes(net, input_shape):
    """Shapes of (learned parameters, output, running statistics), by symbolic inference:
    three dicts/tuples, nothing allocated."""
    out = net(mx.sym.var("data"))
    arg_shapes, out_shapes, aux_shapes = out.infer_shape(data=input_shape)
    args = {n: s for n, s in zip(out.list_arguments(), arg_shapes) if n != "data"}
    aux = dict(zip(out.list_auxiliary_states(), aux_shapes))
    return args, out_shapes[0], aux


def count_parameters(net, input_shape):
    """Number of learned parameters of ``net`` for an input of ``input_shape`` (batch included),
    found by shape inference: weights, biases, γ and β; not the running statistics."""
    args, _, _ = infer_shapes(net, input_shape)
    return sum(num_elements(shape) for shape in args.values())


def count_running_statistics(net, input_shape):
    """Number of batch normalization running means and variances (MXNet's auxiliary states)."""
    _, _, aux = infer_shapes(net, input_shape)
    return sum(num_elements(shape) for shape in aux.values())


def stage_shapes(net, input_shape):
    """Output shape after each child of a Sequential ``net``, by symbolic inference."""
    x, shapes = mx.sym.var("data"), []
    for child in net._children.values():
        x = child(x)
        shapes.append(x.infer_shape(data=input_shape)[1][0])
    return shapes


def weighted_layers(block):
    """The layers a network's name counts: convolution and dense layers, except projection
    shortcuts (ResNet-50 has 50, DenseNet-121 has 121)."""
    if isinstance(block, (nn.Conv2D, nn.Dense)):
        return 1
    if isinstance(block, ResidualBlock):
        return weighted_layers(block.residual)
    return sum(weighted_layers(child) for child in block._children.values())


def num_elements(shape):
    """Number of elements of an array of this shape."""
    n = 1
    for d in shape:
        n *= d
    return n
