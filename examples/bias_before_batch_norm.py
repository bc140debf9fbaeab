"""The bias of a layer followed by batch normalization does nothing in training
=============================================================================

Two copies of a layer with the same weights, one with a random non-zero bias, one built with
``use_bias=False``, each followed by a BatchNorm, on the same batch in training mode. The bias
raises the batch mean by exactly b, which is subtracted again, so the outputs agree, and the
bias's gradient is zero up to float32 rounding (less than 1e-4 of the weight's):

>>> result = compare_in_training()
>>> {layer: bool(diff < 1e-5) for layer, diff in result["output diff"].items()}
{'dense': True, 'conv': True}
>>> {layer: bool(ratio < 1e-4) for layer, ratio in result["bias grad / weight grad"].items()}
{'dense': True, 'conv': True}

In prediction mode the moving mean subtracts the bias instead. After n training steps it holds
(1 - 0.9^n) b more than the bias-free copy's, the moving variances are equal, and the predictions
differ by γ 0.9^n b / sqrt(moving var + ε), which fades as n grows:

>>> steps = prediction_after()
>>> [s["n"] for s in steps]
[5, 20, 60]
>>> [bool(s["moving mean offset error"] < 1e-5 and s["moving var diff"] < 1e-5) for s in steps]
[True, True, True]
>>> [bool(s["prediction diff error"] < 1e-4) for s in steps]
[True, True, True]
>>> bool(steps[0]["prediction diff"] > 1), bool(steps[-1]["prediction diff"] < 0.05)
(True, True)

With a ReLU between the layer and the batch normalization, the bias does matter:

>>> bool(relu_in_between_diff() > 0.1)
True
"""

import functools

import mxnet as mx
from mxnet import autograd, nd
from mxnet.gluon import nn

from _glue import glue

LAYERS = {  # (layer with or without bias, input shape)
    "dense": (lambda bias: nn.Dense(4, in_units=6, use_bias=bias), (16, 6)),
    "conv": (lambda bias: nn.Conv2D(3, 3, in_channels=2, use_bias=bias), (8, 2, 6, 6)),
}


def twins(name):
    """[(layer with a random bias, its BatchNorm), (same weights without bias, its BatchNorm)]."""
    make, _ = LAYERS[name]
    mx.random.seed(0)
    pairs = [(make(True), nn.BatchNorm()), (make(False), nn.BatchNorm())]
    for layer, bn in pairs:
        layer.initialize()
        bn.initialize()
    (biased, _), (plain, _) = pairs
    plain.weight.set_data(biased.weight.data())
    biased.bias.set_data(nd.random.normal(0, 3, shape=biased.bias.shape))
    return pairs


def batch(shape, seed):
    mx.random.seed(seed)
    return nd.random.normal(shape=shape)


def training_step(layer, bn, X):
    with autograd.record():
        Y = bn(layer(X))
        loss = ((Y - batch(Y.shape, 2)) ** 2).sum()  # any loss that depends on the output
    loss.backward()
    return Y


@functools.lru_cache(maxsize=None)
def compare_in_training():
    result = {"output diff": {}, "bias grad / weight grad": {}}
    for name, (_, shape) in LAYERS.items():
        (biased, bn_b), (plain, bn) = twins(name)
        X = batch(shape, 1)
        diff = training_step(biased, bn_b, X) - training_step(plain, bn, X)
        result["output diff"][name] = abs(diff).max().asscalar()
        result["bias grad / weight grad"][name] = (abs(biased.bias.grad()).max()
                                                   / abs(biased.weight.grad()).max()).asscalar()
    return result


@functools.lru_cache(maxsize=None)
def prediction_after(checkpoints=(5, 20, 60)):
    """Conv twins, trained side by side (forward + backward only, so just the moving averages
    change), compared in prediction mode at each checkpoint."""
    (biased, bn_b), (plain, bn) = twins("conv")
    b, X_test, results = biased.bias.data(), batch(LAYERS["conv"][1], 1), []
    for n in range(1, max(checkpoints) + 1):
        X = batch(LAYERS["conv"][1], 10 + n)
        training_step(biased, bn_b, X)
        training_step(plain, bn, X)
        if n in checkpoints:
            diff = bn_b(biased(X_test)) - bn(plain(X_test))  # prediction mode
            predicted = bn.gamma.data() * 0.9 ** n * b / nd.sqrt(bn.running_var.data() + 1e-5)
            offset = bn_b.running_mean.data() - bn.running_mean.data()
            results.append({
                "n": n,
                "moving mean offset error": abs(offset - (1 - 0.9 ** n) * b).max().asscalar(),
                "moving var diff": abs(bn_b.running_var.data() - bn.running_var.data()).max().asscalar(),
                "prediction diff": abs(diff).max().asscalar(),
                "prediction diff error": abs(diff - predicted.reshape((1, -1, 1, 1))).max().asscalar(),
            })
    return results


def relu_in_between_diff():
    (biased, bn_b), (plain, bn) = twins("conv")
    X = batch(LAYERS["conv"][1], 1)
    with autograd.record():  # training mode
        diff = bn_b(nd.relu(biased(X))) - bn(nd.relu(plain(X)))
    return abs(diff).max().asscalar()


if __name__ == "__main__":
    for key, values in compare_in_training().items():
        print(f"training mode, {key}:", {name: f"{v:.1e}" for name, v in values.items()})
    for s in prediction_after():
        glue(f"prediction_diff_{s['n']}", float(s["prediction diff"]))
        print(f"prediction mode after {s['n']:2d} steps: max |difference| {s['prediction diff']:.2e}"
              f" (formula off by {s['prediction diff error']:.0e})")
    print(f"conv -> ReLU -> BatchNorm, training mode: max |difference| {relu_in_between_diff():.2f}")
