"""Two convolutions without an activation are one convolution
==========================================================

A 3×3 convolution layer (2 -> 4 channels) followed directly by another 3×3 layer (4 -> 3 channels),
no padding, no activation in between, is the same function as ONE 5×5 layer (2 -> 3 channels):
3 + 3 - 1 = 5. Writing both as cross-correlations (what ``Conv2D`` computes),

    out[o](p) = Σ_m Σ_c K2[o, m, c] (Σ_i Σ_a K1[m, i, a] x_i(p + c + a) + b1[m]) + b2[o],

so the single layer's kernel collects the products K2[o, m, c] K1[m, i, a] at offset t = a + c:
K[o, i] = Σ_m K2[o, m] * K1[m, i], where * is the *full convolution* of two kernels (offsets add
up), not their cross-correlation, and the bias is b2[o] + Σ_m b1[m] × (sum of K2[o, m]). Built that way, the 5×5
layer reproduces the stack:

>>> check = compare()
>>> check["stack_shape"], check["single_kernel_shape"]
((2, 3, 6, 6), (3, 2, 5, 5))
>>> bool(check["max_abs_diff"] < 1e-4)
True

Combining the kernels by cross-correlation instead (flipping the wrong way) gives another layer:

>>> bool(check["wrong_flip_diff"] > 0.1)
True

A batch normalization between the two, in prediction mode, multiplies each channel by
γ / sqrt(moving var + ε) and adds a constant: it folds into the first layer's kernel and bias, and
the three layers are still one 5×5 convolution:

>>> bool(compare(with_batch_norm=True)["max_abs_diff"] < 1e-4)
True

Parameters: here the stack has more than the single layer it equals. With equal widths the
stack has fewer (one of VGG's reasons for stacking 3×3 layers), but then it can only reach some
5×5 kernels, never more than one 5×5 layer can do:

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

C_IN, C_MID, C_OUT = 2, 4, 3


def stack(with_batch_norm):
    mx.random.seed(0)
    net = nn.Sequential()
    net.add(nn.Conv2D(C_MID, kernel_size=3, in_channels=C_IN))
    if with_batch_norm:
        net.add(nn.BatchNorm(in_channels=C_MID))
    net.add(nn.Conv2D(C_OUT, kernel_size=3, in_channels=C_MID))
    net.initialize(mx.init.Normal(1.0))  # weights and biases both random
    for p in net.collect_params().values():
        if p.name.endswith("bias"):
            p.set_data(nd.random.normal(shape=p.shape))
    if with_batch_norm:  # non-trivial statistics and scale, as after some training
        bn = net[1]
        bn.gamma.set_data(nd.random.uniform(0.5, 2, shape=C_MID))
        bn.beta.set_data(nd.random.normal(shape=C_MID))
        bn.running_mean.set_data(nd.random.normal(shape=C_MID))
        bn.running_var.set_data(nd.random.uniform(0.5, 4, shape=C_MID))
    return net


def fold_batch_norm(K1, b1, bn, eps=1e-5):
    """conv -> BN (prediction mode) as one conv: scale a = γ / sqrt(var + ε) per channel."""
    a = bn.gamma.data().asnumpy() / np.sqrt(bn.running_var.data().asnumpy() + eps)
    shift = bn.beta.data().asnumpy() - a * bn.running_mean.data().asnumpy()
    return K1 * a[:, None, None, None], a * b1 + shift


def full_convolution(A, B):
    """2-D full convolution: out[t] = Σ_{a + c = t} A[a] B[c], shape (k_A + k_B - 1)²."""
    out = np.zeros((A.shape[0] + B.shape[0] - 1, A.shape[1] + B.shape[1] - 1))
    for ch in range(B.shape[0]):
        for cw in range(B.shape[1]):
            out[ch:ch + A.shape[0], cw:cw + A.shape[1]] += B[ch, cw] * A  # offsets add up
    return out


def full_cross_correlation(A, B):
    """The same with B flipped: offsets subtract. The wrong way to combine the kernels."""
    return full_convolution(A, B[::-1, ::-1])


def combine(K1, b1, K2, b2, pair=full_convolution):
    """The kernel and bias of the single layer equal to conv(K1, b1) then conv(K2, b2)."""
    c_out, c_mid = K2.shape[:2]
    c_in = K1.shape[1]
    k = K1.shape[2] + K2.shape[2] - 1
    K = np.zeros((c_out, c_in, k, k))
    for o in range(c_out):
        for i in range(c_in):
            K[o, i] = sum(pair(K1[m, i], K2[o, m]) for m in range(c_mid))
    b = b2 + K2.sum(axis=(2, 3)) @ b1
    return K, b


def single_layer(K, b):
    conv = nn.Conv2D(K.shape[0], kernel_size=K.shape[2], in_channels=K.shape[1])
    conv.initialize()
    conv.weight.set_data(nd.array(K))
    conv.bias.set_data(nd.array(b))
    return conv


def compare(with_batch_norm=False):
    net = stack(with_batch_norm)
    conv1, conv2 = net[0], net[-1]
    K1, b1 = conv1.weight.data().asnumpy(), conv1.bias.data().asnumpy()
    if with_batch_norm:
        K1, b1 = fold_batch_norm(K1, b1, net[1])
    K2, b2 = conv2.weight.data().asnumpy(), conv2.bias.data().asnumpy()
    mx.random.seed(1)
    X = nd.random.normal(shape=(2, C_IN, 10, 10))
    Y_stack = net(X)  # outside autograd.record(): batch norm in prediction mode
    K, b = combine(K1, b1, K2, b2)
    K_wrong, b_wrong = combine(K1, b1, K2, b2, pair=full_cross_correlation)
    return {
        "stack_shape": Y_stack.shape,
        "single_kernel_shape": K.shape,
        "max_abs_diff": float(abs(single_layer(K, b)(X) - Y_stack).max().asscalar()),
        "wrong_flip_diff": float(abs(single_layer(K_wrong, b_wrong)(X) - Y_stack).max().asscalar()),
        "output_scale": float(abs(Y_stack).max().asscalar()),
    }


def parameter_counts(c_in, c_mid, c_out):
    """Weights + biases of conv3×3 (c_in -> c_mid) + conv3×3 (c_mid -> c_out) and of one
    conv5×5 (c_in -> c_out), read off Gluon's layers."""
    def count(*layers):
        total = 0
        for layer in layers:
            layer.initialize()
            total += sum(p.data().size for p in layer.collect_params().values())
        return total

    return {
        "two 3×3 layers": count(nn.Conv2D(c_mid, 3, in_channels=c_in),
                                nn.Conv2D(c_out, 3, in_channels=c_mid)),
        "one 5×5 layer": count(nn.Conv2D(c_out, 5, in_channels=c_in)),
    }


if __name__ == "__main__":
    for bn in (False, True):
        check = compare(with_batch_norm=bn)
        name = "conv3×3 -> BatchNorm -> conv3×3" if bn else "conv3×3 -> conv3×3"
        print(f"{name}: output {check['stack_shape']}, largest |value| {check['output_scale']:.0f}")
        print(f"  one 5×5 conv, kernels combined by convolution:       "
              f"max |difference| {check['max_abs_diff']:.1e}")
        print(f"  one 5×5 conv, kernels combined by cross-correlation: "
              f"max |difference| {check['wrong_flip_diff']:.1f}")
    for widths in ((2, 4, 3), (64, 64, 64)):
        counts = parameter_counts(*widths)
        print(f"parameters, channels {widths[0]} -> {widths[1]} -> {widths[2]}:", counts)
        glue(f"stack_{widths[0]}", counts["two 3×3 layers"])
        glue(f"single_{widths[0]}", counts["one 5×5 layer"])
