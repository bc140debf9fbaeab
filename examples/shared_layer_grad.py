"""An MLP with a shared layer: one Parameter, gradients added
==========================================================

The book's network (section 4.2), for the 64 pixels of a digit and with 32 units per hidden
layer instead of 8 (which train too slowly for a few epochs): Dense(32), a layer ``shared`` =
Dense(32), a third Dense(32) built with ``params=shared.params``, and Dense(10). Layers 1 and 2
hold the very same Parameter objects, so the network has 3 pairs of weight and bias, not 4:

>>> net = shared_net()
>>> net[1].weight is net[2].weight, net[1].bias is net[2].bias
(True, True)
>>> len(net.collect_params().keys())
6

``twin`` is the same network with four independent layers, starting from the same values (its
layers 1 and 2 hold two copies of the shared values). On one minibatch, the shared weight's
gradient is the *sum* of the gradients of its two uses, which the twin computes separately;
it is neither of them alone:

>>> net, twin = gradients_on_one_batch()
>>> shared = net[1].weight.grad()
>>> first_use, second_use = twin[1].weight.grad(), twin[2].weight.grad()
>>> largest(shared - (first_use + second_use)) < 1e-5
True
>>> largest(shared - first_use) > 1e-3, largest(shared - second_use) > 1e-3
(True, True)
>>> largest(net[1].bias.grad() - (twin[1].bias.grad() + twin[2].bias.grad())) < 1e-5
True

Within one ``backward()`` the two uses add up. Across calls the default ``grad_req='write'``
overwrites: a second ``backward()`` on the same batch leaves the same gradient, not twice it:

>>> before = net[1].weight.grad().copy()
>>> backward_on_batch(net)
>>> largest(net[1].weight.grad() - before) < 1e-7
True

Trained with the same data, budget and starting values, both networks learn; the shared
network's layers 1 and 2 are one and the same throughout, while the twin's two copies drift
apart:

>>> trained = train_both()
>>> [trained["histories"][name]["test_acc"][-1] > 0.8 for name in ("shared", "twin")]
[True, True]
>>> largest(trained["shared"][1].weight.data() - trained["shared"][2].weight.data())
0.0
>>> largest(trained["twin"][1].weight.data() - trained["twin"][2].weight.data()) > 0.01
True
"""

import functools

import mxnet as mx
from mxnet import autograd, nd
from mxnet.gluon import loss as gloss
from mxnet.gluon import nn

from _data import digits
from _glue import glue
from _train import seed, train

WIDTH, EPOCHS, LR, BATCH_SIZE = 32, 5, 0.02, 50


def shared_net():
    seed(0)
    net = nn.Sequential()
    shared = nn.Dense(WIDTH, activation="relu")
    net.add(nn.Dense(WIDTH, activation="relu"),
            shared,
            nn.Dense(WIDTH, activation="relu", params=shared.params),
            nn.Dense(10))
    net.initialize(mx.init.Xavier())
    net(nd.ones((1, 64)))  # fix the shapes
    return net


def twin_of(net):
    """The same network with four independent layers and a copy of each layer's values."""
    twin = nn.Sequential()
    twin.add(nn.Dense(WIDTH, activation="relu"), nn.Dense(WIDTH, activation="relu"),
             nn.Dense(WIDTH, activation="relu"), nn.Dense(10))
    twin.initialize()
    twin(nd.ones((1, 64)))
    for mine, theirs in zip(twin, net):
        mine.weight.set_data(theirs.weight.data().copy())
        mine.bias.set_data(theirs.bias.data().copy())
    return twin


def backward_on_batch(net):
    X, y, _, _ = digits(n_train=500)
    with autograd.record():
        l = gloss.SoftmaxCrossEntropyLoss()(net(X[:BATCH_SIZE]), y[:BATCH_SIZE])
    l.backward()


def gradients_on_one_batch():
    net = shared_net()
    twin = twin_of(net)
    backward_on_batch(net)
    backward_on_batch(twin)
    return net, twin


@functools.lru_cache(maxsize=None)
def train_both():
    data = digits(n_train=500)
    net = shared_net()
    twin = twin_of(net)
    # Adam (chapter 7) rather than SGD: this stack of ReLU layers learns in 5 epochs with it
    histories = {name: train(model, data, epochs=EPOCHS, lr=LR, batch_size=BATCH_SIZE,
                             optimizer="adam")
                 for name, model in (("shared", net), ("twin", twin))}
    return {"shared": net, "twin": twin, "histories": histories}


def largest(x):
    return float(nd.abs(x).max().asscalar())


if __name__ == "__main__":
    net, twin = gradients_on_one_batch()
    shared = net[1].weight.grad()
    print("one minibatch, gradient of the shared weight (largest entry of each difference):")
    first_use, second_use = twin[1].weight.grad(), twin[2].weight.grad()
    print(f"  |shared - (use 1 + use 2)| {largest(shared - first_use - second_use):.1e}")
    print(f"  |shared - use 1|           {largest(shared - first_use):.1e}")
    print(f"  |shared - use 2|           {largest(shared - second_use):.1e}")

    trained = train_both()
    print(f"\nafter {EPOCHS} epochs         test acc   |layer 1 - layer 2| weights")
    for name in ("shared", "twin"):
        model = trained[name]
        gap = largest(model[1].weight.data() - model[2].weight.data())
        test_acc = trained["histories"][name]["test_acc"][-1]
        print(f"  {name:22s} {test_acc:8.3f}   {gap:.3f}")
        glue(f"test_acc_{name}", test_acc)
    print("\nshared network after training: each layer's weight and its last gradient")
    for i, layer in enumerate(trained["shared"]):
        print(f"  layer {i}  {layer.weight.name:16s} |w| max {largest(layer.weight.data()):.3f}"
              f"   |grad| max {largest(layer.weight.grad()):.4f}")
