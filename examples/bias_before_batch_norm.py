"""The bias of a layer followed by batch normalization does nothing in training
=============================================================================

In training mode batch normalization subtracts the batch mean of each feature (dense) or channel
(convolution). A bias adds the same constant b to every value of that feature or channel, so it
raises the mean by exactly b and is subtracted again: (x + b) - (μ + b) = x - μ, and the variance
does not change. We give two copies of a layer the same weights, one with a (random, non-zero)
bias and one built with ``use_bias=False``, put a BatchNorm after each and feed the same batch:

>>> result = compare_in_training()
>>> {layer: bool(diff < 1e-5) for layer, diff in result["output_diff"].items()}
{'dense': True, 'conv': True}

Since the output does not depend on b, neither does the loss, and the bias's gradient is zero up
to float32 rounding: less than 1e-4 of the weight's:

>>> {layer: bool(g < 1e-4) for layer, g in result["bias_to_weight_grad"].items()}
{'dense': True, 'conv': True}

So SGD never moves the bias: Gluon starts it at 0 and there it stays. β, the shift that batch
normalization learns, does the bias's job.

In prediction mode the layer subtracts its moving mean instead, and that has been learning b too:
from 0, after n training steps it holds (1 - 0.9^n) b more than the moving mean of the bias-free
copy, while the moving variances are the same. The two predictions differ by
γ 0.9^n b / sqrt(var + ε), which fades as the moving mean catches up:

>>> steps = prediction_after()
>>> [s["n"] for s in steps]
[5, 20, 60]
>>> [bool(s["mean_offset_error"] < 1e-5 and s["var_diff"] < 1e-5) for s in steps]
[True, True, True]
>>> [bool(s["prediction_diff_error"] < 1e-4) for s in steps]
[True, True, True]
>>> bool(steps[0]["prediction_diff"] > 1), bool(steps[-1]["prediction_diff"] < 0.05)
(True, True)

The argument needs the batch normalization to come right after the layer. With a ReLU in between,
the bias changes which values the ReLU lets through, and the output changes with it:

>>> bool(relu_in_between_diff() > 0.1)
True
"""

import functools

import mxnet as mx
from mxnet import autograd, nd
from mxnet.gluon import nn

from _glue import glue

LAYERS = {
    "dense": (lambda bias: nn.Dense(4, in_units=6, use_bias=bias), (16, 6)),
    "conv": (lambda bias: nn.Conv2D(3, kernel_size=3, in_channels=2, use_bias=bias), (8, 2, 6, 6)),
}


def twin_layers(make):
    """The same layer twice, same weights; the first with a random bias, the second without."""
    mx.random.seed(0)
    with_bias, without = make(True), make(False)
    for layer in (with_bias, without):
        layer.initialize()
    without.weight.set_data(with_bias.weight.data())
    with_bias.bias.set_data(nd.random.normal(0, 3, shape=with_bias.bias.shape))
    bns = [nn.BatchNorm(), nn.BatchNorm()]
    for bn in bns:
        bn.initialize()
    return (with_bias, bns[0]), (without, bns[1])


def batch(shape, seed):
    mx.random.seed(seed)
    return nd.random.normal(shape=shape)


def training_step(layer, bn, X, target):
    with autograd.record():
        Y = bn(layer(X))
        loss = ((Y - target) ** 2).sum()  # any loss that depends on the output
    loss.backward()
    return Y


@functools.lru_cache(maxsize=None)
def compare_in_training():
    result = {"output_diff": {}, "bias_grad": {}, "weight_grad": {}, "bias_to_weight_grad": {}}
    for name, (make, shape) in LAYERS.items():
        (layer_b, bn_b), (layer, bn) = twin_layers(make)
        X = batch(shape, 1)
        target = batch(layer(X).shape, 2)
        Y_b = training_step(layer_b, bn_b, X, target)
        Y = training_step(layer, bn, X, target)
        result["output_diff"][name] = float(abs(Y_b - Y).max().asscalar())
        result["bias_grad"][name] = float(abs(layer_b.bias.grad()).max().asscalar())
        result["weight_grad"][name] = float(abs(layer_b.weight.grad()).max().asscalar())
        result["bias_to_weight_grad"][name] = result["bias_grad"][name] / result["weight_grad"][name]
    return result


@functools.lru_cache(maxsize=None)
def prediction_after(checkpoints=(5, 20, 60)):
    """Conv twins trained side by side (forward + backward; the weights are left as they are, so
    only the moving averages change) and compared in prediction mode after each checkpoint."""
    make, shape = LAYERS["conv"]
    (layer_b, bn_b), (layer, bn) = twin_layers(make)
    b, X_test = layer_b.bias.data(), batch(shape, 1)
    results = []
    for n in range(1, max(checkpoints) + 1):
        X = batch(shape, 10 + n)
        target = batch(layer(X).shape, 2)
        training_step(layer_b, bn_b, X, target)
        training_step(layer, bn, X, target)
        if n not in checkpoints:
            continue
        offset = bn_b.running_mean.data() - bn.running_mean.data()
        diff = bn_b(layer_b(X_test)) - bn(layer(X_test))  # outside record(): prediction mode
        # per channel, the same at every position: γ 0.9^n b / sqrt(moving var + ε)
        predicted = bn.gamma.data() * 0.9 ** n * b / nd.sqrt(bn.running_var.data() + 1e-5)
        results.append({
            "n": n,
            "mean_offset_error": float(abs(offset - (1 - 0.9 ** n) * b).max().asscalar()),
            "var_diff": float(abs(bn_b.running_var.data() - bn.running_var.data()).max().asscalar()),
            "prediction_diff": float(abs(diff).max().asscalar()),
            "prediction_diff_error": float(
                abs(diff - predicted.reshape((1, -1, 1, 1))).max().asscalar()),
        })
    return results


def relu_in_between_diff():
    """Layer -> ReLU -> BatchNorm: the twins no longer agree in training mode."""
    make, shape = LAYERS["conv"]
    (layer_b, bn_b), (layer, bn) = twin_layers(make)
    X = batch(shape, 1)
    with autograd.record():
        Y_b = bn_b(nd.relu(layer_b(X)))
        Y = bn(nd.relu(layer(X)))
    return float(abs(Y_b - Y).max().asscalar())


if __name__ == "__main__":
    result = compare_in_training()
    print("training mode, layer -> BatchNorm, with a bias vs without:")
    for name in LAYERS:
        print(f"  {name:5s} max |output difference| {result['output_diff'][name]:.1e}"
              f"   max |bias grad| {result['bias_grad'][name]:.1e}"
              f"   max |weight grad| {result['weight_grad'][name]:.1f}")
    print("prediction mode (conv), after n training steps:")
    for s in prediction_after():
        glue(f"prediction_diff_{s['n']}", s["prediction_diff"])
        print(f"  n = {s['n']:3d}: max |prediction difference| {s['prediction_diff']:.2e}"
              f" (formula γ 0.9^n b / sqrt(var + ε) off by {s['prediction_diff_error']:.0e})")
    print(f"conv -> ReLU -> BatchNorm: max |output difference| {relu_in_between_diff():.2f}")
