"""Batch normalization by hand, checked against Gluon's nn.BatchNorm
==================================================================

In training mode, batch normalization standardizes each feature with the mean and the *biased*
variance (divide by m, not m - 1) of the current batch, then scales by γ and shifts by β:
y = γ (x - μ) / sqrt(σ² + ε) + β. A dense layer's output (batch × features) has one μ per
feature, taken over the batch; a convolution's output (batch × channels × height × width) has one
μ per channel, taken over batch, height and width together. Gluon's defaults are ε = 1e-5 and
momentum 0.9:

>>> from mxnet.gluon import nn
>>> nn.BatchNorm()
BatchNorm(axis=1, eps=1e-05, momentum=0.9, fix_gamma=False, use_global_stats=False, in_channels=None)

The hand-written version agrees with Gluon's layer (random γ and β, so they are tested too), in
training mode and in prediction mode, for a dense (2-D) and a convolutional (4-D) input:

>>> errors = compare()
>>> {case: bool(error < 1e-5) for case, error in errors["max_abs_diff"].items()}
{'dense, training': True, 'dense, prediction': True, 'conv, training': True, 'conv, prediction': True}

In training mode, whatever the input, each feature (each channel) of the output has batch mean β
and standard deviation γ, up to ε:

>>> {case: bool(error < 1e-4) for case, error in output_statistics().items()}
{'dense: mean - β': True, 'dense: std - γ': True, 'conv: mean - β': True, 'conv: std - γ': True}

The two modes give different outputs for the same batch: prediction uses the moving averages,
not the batch's own statistics:

>>> bool(errors["train_vs_predict"]["dense"] > 0.1), bool(errors["train_vs_predict"]["conv"] > 0.1)
(True, True)

Each training step updates the moving averages as moving = 0.9 × moving + 0.1 × batch statistic,
starting from mean 0 and variance 1. After 5 steps on 5 different batches they match that
recursion with the biased variance, and not with the unbiased one:

>>> stats = moving_statistics(steps=5)
>>> bool(stats["mean_error"] < 1e-6), bool(stats["var_error_biased"] < 1e-6)
(True, True)
>>> bool(stats["var_error_unbiased"] > 1e-3)
True

A trap of MXNet 1.x: the moving averages are updated by the *backward* pass. A forward pass in
training mode (``autograd.record()`` or ``autograd.train_mode()``) without ``backward()`` leaves
them as they were:

>>> forward_only_updates()
{'record, no backward': False, 'train_mode': False, 'record + backward': True}

Why prediction cannot use batch statistics: in training mode a batch of one example has
x - μ = 0 for every feature, so the layer outputs β whatever the input:

>>> single_example_output_is_beta()
True
"""

import functools

import mxnet as mx
import numpy as np
from mxnet import autograd, nd
from mxnet.gluon import nn

EPS, MOMENTUM = 1e-5, 0.9


def batch_norm(X, gamma, beta, moving_mean, moving_var, training, eps=EPS, momentum=MOMENTUM):
    """The book's batch_norm, with the mode passed in: returns (Y, moving_mean, moving_var)."""
    if X.ndim == 2:
        axes, shape = (0,), (1, -1)  # dense: one statistic per feature, over the batch
    else:
        axes, shape = (0, 2, 3), (1, -1, 1, 1)  # conv: one per channel, over batch, h and w
    gamma, beta = gamma.reshape(shape), beta.reshape(shape)
    if training:
        mean = X.mean(axis=axes, keepdims=True)
        var = ((X - mean) ** 2).mean(axis=axes, keepdims=True)  # biased: divide by m
        X_hat = (X - mean) / nd.sqrt(var + eps)
        moving_mean = momentum * moving_mean + (1 - momentum) * mean.reshape(-1)
        moving_var = momentum * moving_var + (1 - momentum) * var.reshape(-1)
    else:
        X_hat = (X - moving_mean.reshape(shape)) / nd.sqrt(moving_var.reshape(shape) + eps)
    return gamma * X_hat + beta, moving_mean, moving_var


def gluon_layer(channels, seed=0):
    """An nn.BatchNorm with random γ and β (not the 1 and 0 it starts with)."""
    mx.random.seed(seed)
    bn = nn.BatchNorm(in_channels=channels)
    bn.initialize()
    bn.gamma.set_data(nd.random.uniform(0.5, 2, shape=channels))
    bn.beta.set_data(nd.random.normal(0, 1, shape=channels))
    return bn


def training_step(bn, X):
    """A training-mode forward and backward pass: what a training loop does to the layer."""
    with autograd.record():
        Y = bn(X)
    Y.backward()
    return Y


def batches(shape, n, seed=1):
    mx.random.seed(seed)
    return [nd.random.normal(3, 2, shape=shape) for _ in range(n)]  # mean 3, not 0


@functools.lru_cache(maxsize=None)
def compare():
    """Max |hand - Gluon| per case, after 3 training steps so the moving averages are not 0 and 1."""
    result = {"max_abs_diff": {}, "train_vs_predict": {}}
    for name, shape in (("dense", (8, 4)), ("conv", (4, 3, 5, 5))):
        bn = gluon_layer(shape[1])
        gamma, beta = bn.gamma.data(), bn.beta.data()
        moving_mean, moving_var = nd.zeros(shape[1]), nd.ones(shape[1])
        for X in batches(shape, 3):
            Y_gluon = training_step(bn, X)
            Y_hand, moving_mean, moving_var = batch_norm(X, gamma, beta, moving_mean, moving_var,
                                                         training=True)
        result["max_abs_diff"][f"{name}, training"] = float(abs(Y_gluon - Y_hand).max().asscalar())
        Y_predict = bn(X)  # outside autograd.record(): prediction mode
        Y_hand, _, _ = batch_norm(X, gamma, beta, moving_mean, moving_var, training=False)
        result["max_abs_diff"][f"{name}, prediction"] = float(
            abs(Y_predict - Y_hand).max().asscalar())
        result["train_vs_predict"][name] = float(abs(Y_predict - Y_gluon).max().asscalar())
    return result


def output_statistics():
    """max |batch mean - β| and max |batch std - γ| of the training-mode output, per case."""
    result = {}
    for name, shape in (("dense", (8, 4)), ("conv", (4, 3, 5, 5))):
        bn = gluon_layer(shape[1])
        Y = training_step(bn, batches(shape, 1)[0]).asnumpy()
        axes = (0,) if Y.ndim == 2 else (0, 2, 3)
        result[f"{name}: mean - β"] = float(abs(Y.mean(axis=axes) - bn.beta.data().asnumpy()).max())
        result[f"{name}: std - γ"] = float(abs(Y.std(axis=axes) - bn.gamma.data().asnumpy()).max())
    return result


def moving_statistics(steps):
    """Gluon's running mean and variance after ``steps`` training steps, against the recursion."""
    shape = (4, 3, 5, 5)
    bn = gluon_layer(shape[1])
    mean, var_biased, var_unbiased = np.zeros(3), np.ones(3), np.ones(3)
    for X in batches(shape, steps):
        training_step(bn, X)
        x = X.asnumpy().transpose(1, 0, 2, 3).reshape(3, -1)  # per channel: 4 × 5 × 5 = 100 values
        mean = MOMENTUM * mean + (1 - MOMENTUM) * x.mean(axis=1)
        var_biased = MOMENTUM * var_biased + (1 - MOMENTUM) * x.var(axis=1)
        var_unbiased = MOMENTUM * var_unbiased + (1 - MOMENTUM) * x.var(axis=1, ddof=1)
    running_mean, running_var = bn.running_mean.data().asnumpy(), bn.running_var.data().asnumpy()
    return {
        "running_mean": running_mean, "running_var": running_var,
        "mean_error": float(abs(running_mean - mean).max()),
        "var_error_biased": float(abs(running_var - var_biased).max()),
        "var_error_unbiased": float(abs(running_var - var_unbiased).max()),
    }


def forward_only_updates():
    """Does each way of running the layer in training mode change the running mean?"""
    X = batches((8, 4), 1)[0]
    result = {}
    for how in ("record, no backward", "train_mode", "record + backward"):
        bn = gluon_layer(4)
        if how == "record, no backward":
            with autograd.record():
                bn(X).wait_to_read()
        elif how == "train_mode":
            with autograd.train_mode():
                bn(X).wait_to_read()
        else:
            training_step(bn, X)
        result[how] = bool(abs(bn.running_mean.data()).max().asscalar() > 0)
    return result


def single_example_output_is_beta():
    bn = gluon_layer(4)
    with autograd.record():
        Y = bn(nd.array([[1.0, -2.0, 30.0, 0.5]]))
    return bool(abs(Y[0] - bn.beta.data()).max().asscalar() < 1e-6)


if __name__ == "__main__":
    errors = compare()
    print("max |hand-written - nn.BatchNorm|:")
    for case, error in errors["max_abs_diff"].items():
        print(f"  {case:18s} {error:.1e}")
    print("max |training-mode output - prediction-mode output|, same batch:")
    for case, diff in errors["train_vs_predict"].items():
        print(f"  {case:18s} {diff:.2f}")

    steps = 5
    stats = moving_statistics(steps)
    print(f"\nafter {steps} training steps on batches with mean 3 and variance 4:")
    print("  running mean", np.round(stats["running_mean"], 4))
    print("  running var ", np.round(stats["running_var"], 4))
    for key in ("mean_error", "var_error_biased", "var_error_unbiased"):
        print(f"  {key:20s} {stats[key]:.1e}")
    print("\nrunning mean changed by a training-mode pass?", forward_only_updates())
