"""Batch normalization by hand, checked against Gluon's nn.BatchNorm
==================================================================

Gluon's defaults are ε = 1e-5 and momentum 0.9:

>>> nn.BatchNorm()
BatchNorm(axis=1, eps=1e-05, momentum=0.9, fix_gamma=False, use_global_stats=False, in_channels=None)

The book's ``batch_norm``, written out below, agrees with ``nn.BatchNorm`` (random γ and β) in
training and in prediction mode, for a dense (2-D) and a convolutional (4-D) input, after 3 training
steps so that the moving averages are no longer 0 and 1. The two modes differ for the same batch:

>>> result = compare()
>>> {case: bool(error < 1e-5) for case, error in result["hand vs Gluon"].items()}
{'dense, training': True, 'dense, prediction': True, 'conv, training': True, 'conv, prediction': True}
>>> {case: bool(diff > 0.1) for case, diff in result["training vs prediction"].items()}
{'dense': True, 'conv': True}

In training mode each feature (channel) of the output has batch mean β and standard deviation γ:

>>> {case: bool(error < 1e-4) for case, error in result["|mean - β|, |std - γ|"].items()}
{'dense': True, 'conv': True}

After 5 training steps, Gluon's moving averages follow moving = 0.9 moving + 0.1 statistic with
the biased batch variance, not the unbiased one:

>>> errors = moving_average_errors(steps=5)
>>> {key: bool(error < 1e-6) for key, error in errors.items()}
{'mean': True, 'var (biased)': True, 'var (unbiased)': False}

MXNet updates them in the *backward* pass: a training-mode forward pass alone leaves them as they
were. Does the running mean change?

>>> forward_only_updates()
{'record, no backward': False, 'train_mode': False, 'record + backward': True}

A batch of one example in training mode: x - μ = 0, so the output is β whatever the input:

>>> single_example_output_is_beta()
True
"""

import functools

import mxnet as mx
import numpy as np
from mxnet import autograd, nd
from mxnet.gluon import nn


def batch_norm(X, gamma, beta, moving_mean, moving_var, training, eps=1e-5, momentum=0.9):
    """The book's batch_norm with the mode passed in; returns (Y, moving_mean, moving_var)."""
    # dense: one statistic per feature, over the batch; conv: per channel, over batch, h and w
    axes, shape = ((0,), (1, -1)) if X.ndim == 2 else ((0, 2, 3), (1, -1, 1, 1))
    if training:
        mean = X.mean(axis=axes, keepdims=True)
        var = ((X - mean) ** 2).mean(axis=axes, keepdims=True)  # biased: divide by m
        moving_mean = momentum * moving_mean + (1 - momentum) * mean.reshape(-1)
        moving_var = momentum * moving_var + (1 - momentum) * var.reshape(-1)
    else:
        mean, var = moving_mean.reshape(shape), moving_var.reshape(shape)
    X_hat = (X - mean) / nd.sqrt(var + eps)
    return gamma.reshape(shape) * X_hat + beta.reshape(shape), moving_mean, moving_var


def gluon_layer(channels):
    mx.random.seed(0)
    bn = nn.BatchNorm(in_channels=channels)
    bn.initialize()
    bn.gamma.set_data(nd.random.uniform(0.5, 2, shape=channels))
    bn.beta.set_data(nd.random.normal(0, 1, shape=channels))
    return bn


def training_step(bn, X):
    with autograd.record():
        Y = bn(X)
    Y.backward()
    return Y


def batches(shape, n):
    mx.random.seed(1)
    return [nd.random.normal(3, 2, shape=shape) for _ in range(n)]


SHAPES = {"dense": (8, 4), "conv": (4, 3, 5, 5)}


@functools.lru_cache(maxsize=None)
def compare():
    result = {"hand vs Gluon": {}, "training vs prediction": {}, "|mean - β|, |std - γ|": {}}
    for name, shape in SHAPES.items():
        bn = gluon_layer(shape[1])
        gamma, beta = bn.gamma.data(), bn.beta.data()
        moving = (nd.zeros(shape[1]), nd.ones(shape[1]))  # Gluon's initial values
        for X in batches(shape, 3):
            Y_train = training_step(bn, X)
            Y_hand, *moving = batch_norm(X, gamma, beta, *moving, training=True)
        result["hand vs Gluon"][f"{name}, training"] = abs(Y_train - Y_hand).max().asscalar()
        Y_predict = bn(X)  # outside autograd.record(): prediction mode
        Y_hand, _, _ = batch_norm(X, gamma, beta, *moving, training=False)
        result["hand vs Gluon"][f"{name}, prediction"] = abs(Y_predict - Y_hand).max().asscalar()
        result["training vs prediction"][name] = abs(Y_predict - Y_train).max().asscalar()
        Y, axes = Y_train.asnumpy(), (0,) if len(shape) == 2 else (0, 2, 3)
        result["|mean - β|, |std - γ|"][name] = max(
            abs(Y.mean(axis=axes) - beta.asnumpy()).max(), abs(Y.std(axis=axes) - gamma.asnumpy()).max())
    return result


def moving_average_errors(steps):
    """|Gluon's running statistics - the recursion| for the 4-D case."""
    bn = gluon_layer(3)
    mean, var, var_unbiased = np.zeros(3), np.ones(3), np.ones(3)
    for X in batches(SHAPES["conv"], steps):
        training_step(bn, X)
        x = X.asnumpy().transpose(1, 0, 2, 3).reshape(3, -1)  # per channel: 4 × 5 × 5 values
        mean = 0.9 * mean + 0.1 * x.mean(axis=1)
        var = 0.9 * var + 0.1 * x.var(axis=1)
        var_unbiased = 0.9 * var_unbiased + 0.1 * x.var(axis=1, ddof=1)
    running_mean, running_var = bn.running_mean.data().asnumpy(), bn.running_var.data().asnumpy()
    return {"mean": abs(running_mean - mean).max(), "var (biased)": abs(running_var - var).max(),
            "var (unbiased)": abs(running_var - var_unbiased).max()}


def forward_only_updates():
    X, result = batches((8, 4), 1)[0], {}
    for how in ("record, no backward", "train_mode", "record + backward"):
        bn = gluon_layer(4)
        if how == "record + backward":
            training_step(bn, X)
        else:
            with autograd.record() if how.startswith("record") else autograd.train_mode():
                bn(X).wait_to_read()
        result[how] = bool(abs(bn.running_mean.data()).max().asscalar() > 0)
    return result


def single_example_output_is_beta():
    bn = gluon_layer(4)
    with autograd.record():
        Y = bn(nd.array([[1.0, -2.0, 30.0, 0.5]]))
    return bool(abs(Y[0] - bn.beta.data()).max().asscalar() < 1e-6)


if __name__ == "__main__":
    for key, values in compare().items():
        print(key, {case: f"{v:.1e}" for case, v in values.items()})
    print("moving averages after 5 steps, |Gluon - recursion|:",
          {key: f"{v:.1e}" for key, v in moving_average_errors(5).items()})
    print("running mean changed?", forward_only_updates())
