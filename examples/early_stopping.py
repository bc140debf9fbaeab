"""Early stopping: keep the epoch with the lowest validation loss
==============================================================

An MLP with 256 hidden units, 200 training digits and 200 validation digits. Real labels contain
mistakes; to make that visible in a few seconds, 20% of all labels (training, validation and test
alike, so that all three come from one distribution) are replaced by a wrong class. The net can
memorize the wrong training labels, and that is overfitting in its purest form.

Training runs for 50 epochs (batch 100, learning rate 0.5) while the validation loss is recorded
after every epoch. Early stopping keeps the parameters of the epoch where the validation loss was
lowest. To read the test results of that epoch, the same training is run a second time with the
test set in place of the validation set; same seed, same trajectory:

>>> run = experiment()
>>> run["validation"]["train_loss"] == run["test"]["train_loss"]  # identical training runs
True

The validation loss stops improving after about 20 epochs: later epochs lower it by less than
5%, up and down from one epoch to the next, and by the end it has drifted up, while the
training loss keeps falling:

>>> best = run["best_epoch"]
>>> valid, train = run["validation"]["test_loss"], run["validation"]["train_loss"]
>>> min(valid[:20]) < 1.05 * valid[best - 1]
True
>>> valid[-1] > 1.05 * valid[best - 1], train[-1] < train[best - 1]
(True, True)

On the test set, the epoch chosen on validation data beats the last one, in loss and in accuracy,
and its test loss is within 5% of the lowest test loss of any epoch (which only peeking at the
test set could have found). With 20% of the test labels wrong, even a perfect digit reader
would score about 0.8:

>>> test_loss, test_acc = run["test"]["test_loss"], run["test"]["test_acc"]
>>> test_loss[best - 1] < test_loss[-1], test_acc[best - 1] > test_acc[-1]
(True, True)
>>> test_loss[best - 1] < 1.05 * min(test_loss)
True
"""

import functools

import matplotlib.pyplot as plt
import numpy as np
from mxnet import init, nd
from mxnet.gluon import nn

import _data
import _train
from _glue import glue

EPOCHS, LR, BATCH, NOISY = 50, 0.5, 100, 0.2


@functools.lru_cache(maxsize=None)
def noisy_digits():
    X, y, X_rest, y_rest = _data.digits(n_train=400)
    labels = np.concatenate([y.asnumpy(), y_rest.asnumpy()])
    rng = np.random.RandomState(1)
    wrong = rng.rand(len(labels)) < NOISY
    labels[wrong] = (labels[wrong] + rng.randint(1, 10, wrong.sum())) % 10  # a different class
    y, y_rest = nd.array(labels[:400]), nd.array(labels[400:])
    return (X[:200], y[:200]), (X[200:], y[200:]), (X_rest, y_rest)


def train(evaluate_on):
    (X, y), validation, test = noisy_digits()
    other = {"validation": validation, "test": test}[evaluate_on]
    _train.seed(0)
    net = nn.Sequential()
    net.add(nn.Dense(256, activation="relu"), nn.Dense(10))
    net.initialize(init.Xavier())
    return _train.train(net, (X, y) + other, epochs=EPOCHS, lr=LR, batch_size=BATCH)


@functools.lru_cache(maxsize=None)
def experiment():
    validation, test = train("validation"), train("test")
    best = int(np.argmin(validation["test_loss"])) + 1  # epochs count from 1
    return {"validation": validation, "test": test, "best_epoch": best}


if __name__ == "__main__":
    run = experiment()
    best = run["best_epoch"]
    valid, test = run["validation"], run["test"]
    print(f"epoch with the lowest validation loss: {best} of {EPOCHS}")
    print("                    | train loss  validation loss  test loss  test acc")
    for name, epoch in (("early stopping", best), ("trained to the end", EPOCHS)):
        i = epoch - 1
        print(f" {name:18s} | {valid['train_loss'][i]:10.3f} {valid['test_loss'][i]:16.3f} "
              f"{test['test_loss'][i]:10.3f} {test['test_acc'][i]:9.3f}")
    glue("best_epoch", best)
    glue("test_loss_best", test["test_loss"][best - 1])
    glue("test_loss_end", test["test_loss"][-1])
    glue("test_acc_best", test["test_acc"][best - 1])
    glue("test_acc_end", test["test_acc"][-1])
    glue("train_acc_end", valid["train_acc"][-1])

    fig, ax = plt.subplots(figsize=(6, 3.5))
    epochs = np.arange(1, EPOCHS + 1)
    ax.plot(epochs, valid["train_loss"], label="train")
    ax.plot(epochs, valid["test_loss"], label="validation")
    ax.plot(epochs, test["test_loss"], label="test")
    ax.axvline(best, color="gray", linestyle=":", label="lowest validation loss")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.legend()
    ax.grid(alpha=0.3)
    plt.show()
