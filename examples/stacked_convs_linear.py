"""Two convolutions without an activation are one convolution
==========================================================

A 3×3 convolution (2 -> 4 channels) followed directly by another 3×3 convolution (4 -> 3
channels), no padding, no activation, equals ONE 5×5 convolution (2 -> 3 channels). Its kernel is
K[o, i] = Σ_m K2[o, m] * K1[m, i], where * is the *full convolution* of two kernels (offsets add
up), and its bias is b2[o] + Σ_m b1[m] × (sum of K2[o, m]):

>>> check = compare()
>>> check["stack output"], check["single kernel"]
((2, 3, 6, 6), (3, 2, 5, 5))
>>> bool(check["max |single - stack|"] < 1e-4)
True

Combining the kernels by cross-correlation instead (one of them flipped) gives another layer:

>>> bool(check["max |wrong flip - stack|"] > 0.1)
True

A batch normalization in between (prediction mode: a per-channel scale and shift) folds into the
first layer; the three layers are still one 5×5 convolution:

>>> bool(compare(with_batch_norm=True)["max |single - stack|"] < 1e-4)
True

Parameter counts (weights and biases): the stack can have more or fewer than the one layer it can
at best equal:

>>> parameter_counts(2, 4, 3)
{'two 3×3 layers': 187, 'one 5×5 layer': 153}
>>> parameter_counts(64, 64, 64)
{'two 3×3 layers': 73856, 'one 5×5 layer': 102464}
"""

import mxnet as mx
import numpy as np
from mxnet import nd
from mxnet.gluon import nn

from _glue import glue
from _modern_nets import count_parameters


def stack(with_batch_norm):
    mx.random.seed(0)
    net = nn.Sequential()
    net.add(nn.Conv2D(4, kernel_size=3, in_channels=2))
    if with_batch_norm:
        net.add(nn.BatchNorm(in_channels=4))
    net.add(nn.Conv2D(3, kernel_size=3, in_channels=4))
    net.initialize(mx.init.Normal(1.0))
    for name, p in net.collect_params().items():  # random biases and statistics, not 0 and 1
        if name.endswith(("bias", "beta", "running_mean")):
            p.set_data(nd.random.normal(shape=p.shape))
        elif name.endswith(("gamma", "running_var")):
            p.set_data(nd.random.uniform(0.5, 2, shape=p.shape))
    return net


def full_convolution(A, B):
    """out[t] = Σ_{u + v = t} A[u] B[v]: shape (k_A + k_B - 1) × (k_A + k_B - 1)."""
    out = np.zeros((A.shape[0] + B.shape[0] - 1, A.shape[1] + B.shape[1] - 1))
    for vh in range(B.shape[0]):
        for vw in range(B.shape[1]):
            out[vh:vh + A.shape[0], vw:vw + A.shape[1]] += B[vh, vw] * A  # offsets add up
    return out


def combine(K1, b1, K2, b2, flip_wrongly=False):
    """Kernel and bias of the single layer equal to conv(K1, b1) followed by conv(K2, b2)."""
    if flip_wrongly:  # B flipped: offsets subtract, a cross-correlation of the kernels
        K2 = K2[:, :, ::-1, ::-1]
    K = np.array([[sum(full_convolution(K1[m, i], K2[o, m]) for m in range(K2.shape[1]))
                   for i in range(K1.shape[1])] for o in range(K2.shape[0])])
    return K, b2 + K2.sum(axis=(2, 3)) @ b1


def single_layer(K, b):
    conv = nn.Conv2D(K.shape[0], kernel_size=K.shape[2], in_channels=K.shape[1])
    conv.initialize()
    conv.weight.set_data(nd.array(K))
    conv.bias.set_data(nd.array(b))
    return conv


def compare(with_batch_norm=False):
    net = stack(with_batch_norm)
    K1, b1 = net[0].weight.data().asnumpy(), net[0].bias.data().asnumpy()
    if with_batch_norm:  # prediction mode: y = a x + shift, per channel
        bn = net[1]
        a = bn.gamma.data().asnumpy() / np.sqrt(bn.running_var.data().asnumpy() + 1e-5)
        shift = bn.beta.data().asnumpy() - a * bn.running_mean.data().asnumpy()
        K1, b1 = K1 * a[:, None, None, None], a * b1 + shift
    K2, b2 = net[-1].weight.data().asnumpy(), net[-1].bias.data().asnumpy()
    mx.random.seed(1)
    X = nd.random.normal(shape=(2, 2, 10, 10))
    Y = net(X)  # outside autograd.record(): batch normalization in prediction mode
    K, b = combine(K1, b1, K2, b2)
    return {"stack output": Y.shape, "single kernel": K.shape,
            "max |single - stack|": abs(single_layer(K, b)(X) - Y).max().asscalar(),
            "max |wrong flip - stack|": abs(single_layer(*combine(K1, b1, K2, b2, True))(X) - Y)
            .max().asscalar()}


def parameter_counts(c_in, c_mid, c_out):
    shape = (1, c_in, 10, 10)
    return {"two 3×3 layers": count_parameters(stack_of(c_mid, c_out), shape),
            "one 5×5 layer": count_parameters(nn.Conv2D(c_out, 5), shape)}


def stack_of(c_mid, c_out):
    net = nn.HybridSequential()
    net.add(nn.Conv2D(c_mid, 3), nn.Conv2D(c_out, 3))
    return net


if __name__ == "__main__":
    for bn in (False, True):
        print("conv -> BatchNorm -> conv" if bn else "conv -> conv", compare(with_batch_norm=bn))
    for widths in ((2, 4, 3), (64, 64, 64)):
        counts = parameter_counts(*widths)
        print("channels", " -> ".join(map(str, widths)), counts)
        glue(f"stack_{widths[0]}", counts["two 3×3 layers"])
        glue(f"single_{widths[0]}", counts["one 5×5 layer"])
