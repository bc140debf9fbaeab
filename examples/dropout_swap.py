"""Swapping the book's two dropout probabilities
==============================================

The book's MLP in section 3.13 has two hidden layers of 256 ReLU units, with dropout probability
0.2 after the first and 0.5 after the second. We train it, and the same network with the two
probabilities swapped, on 200 handwritten digits (the rest, 1,597 images, is the test set):
same data, same initial weights, same order of minibatches, 50 epochs of minibatch SGD with
learning rate 0.5 and batch size 50. Only the dropout masks differ.

>>> len(digits(n_train=N_TRAIN)[2])  # test images
1597
>>> a, b = book_mlp(0.2, 0.5), book_mlp(0.5, 0.2)
>>> all((pa.data() == pb.data()).min().asscalar() == 1
...     for pa, pb in zip(a.collect_params().values(), b.collect_params().values()))
True

Both settings fit the training set, and on the test set they end up practically tied: their
test accuracies differ by less than one point (fewer than 16 of the 1,597 test images), and their
test losses by less than 0.01:

>>> runs = swap_runs()
>>> [run["train_acc"][-1] == 1.0 for run in runs.values()]
[True, True]
>>> book, swapped = runs[(0.2, 0.5)], runs[(0.5, 0.2)]
>>> abs(book["test_acc"][-1] - swapped["test_acc"][-1]) < 0.01
True
>>> abs(book["test_loss"][-1] - swapped["test_loss"][-1]) < 0.01
True
"""

import functools

from mxnet import init
from mxnet.gluon import nn

from _data import digits
from _glue import glue
from _train import seed, train

N_TRAIN, EPOCHS, LR, BATCH = 200, 50, 0.5, 50


def book_mlp(p1, p2):
    """The MLP of the book's section 3.13, with dropout probabilities p1 and p2."""
    seed(0)  # the same initial weights for every setting
    net = nn.HybridSequential()
    net.add(nn.Dense(256, activation="relu", in_units=64), nn.Dropout(p1),
            nn.Dense(256, activation="relu", in_units=256), nn.Dropout(p2),
            nn.Dense(10, in_units=256))
    # The book uses Normal(0, 0.01); from that start 200 examples need many more steps to get
    # going, so we use Xavier initialization, which trains at once.
    net.initialize(init.Xavier())
    net.hybridize()
    return net


@functools.lru_cache(maxsize=None)
def trained(p1, p2, wd=0.0):
    """(history, net): book_mlp(p1, p2) trained on the digits with weight decay wd."""
    net = book_mlp(p1, p2)
    history = train(net, digits(n_train=N_TRAIN), epochs=EPOCHS, lr=LR, batch_size=BATCH, wd=wd)
    return history, net


def swap_runs():
    return {(0.2, 0.5): trained(0.2, 0.5)[0], (0.5, 0.2): trained(0.5, 0.2)[0]}


if __name__ == "__main__":
    runs = swap_runs()
    print(f"after {EPOCHS} epochs, dropout probabilities (first layer, second layer):")
    print(f"{'':12s} {'train loss':>10s} {'test loss':>10s} {'train acc':>10s} {'test acc':>9s}")
    for name, h in runs.items():
        print(f"{str(name):12s} {h['train_loss'][-1]:10.4f} {h['test_loss'][-1]:10.4f}"
              f" {h['train_acc'][-1]:10.3f} {h['test_acc'][-1]:9.3f}")
    for (p1, p2), h in runs.items():
        tag = f"{int(p1 * 10)}{int(p2 * 10)}"  # "25" for (0.2, 0.5), "52" for the swap
        glue(f"test_acc_{tag}", h["test_acc"][-1])
        glue(f"train_acc_{tag}", h["train_acc"][-1])
        glue(f"test_loss_{tag}", h["test_loss"][-1])
    n_test = len(digits(n_train=N_TRAIN)[3])
    apart = round(abs(runs[(0.2, 0.5)]["test_acc"][-1] - runs[(0.5, 0.2)]["test_acc"][-1]) * n_test)
    print(f"test accuracies {apart} images apart, out of {n_test}")
    glue("images_apart", apart)
    glue("n_test", n_test)
