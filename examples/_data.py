"""Data sets that the examples share; nothing is downloaded.

The book trains its classifiers on Fashion-MNIST, which MXNet downloads at first use. These notes
use scikit-learn's 8×8 handwritten digits instead: 1,797 grey-scale images in 10 classes that ship
inside the scikit-learn package, small enough to train on in a second on one CPU core.
"""

from functools import lru_cache

import numpy as np
from mxnet import nd


@lru_cache(maxsize=None)
def _load():
    from sklearn.datasets import load_digits

    data = load_digits()
    return (data.data / 16).astype("float32"), data.target.astype("float32")


def digits(n_train=1000, seed=0, images=False):
    """Shuffled digits split into (X_train, y_train, X_test, y_test), float32 NDArrays.

    Pixels are scaled from 0..16 to [0, 1]. Rows are flat vectors of 64 features, or, with
    ``images=True``, 1×8×8 images (channel, height, width) for convolutional networks.
    """
    X, y = _load()
    if images:
        X = X.reshape(-1, 1, 8, 8)
    order = np.random.RandomState(seed).permutation(len(y))
    train, test = order[:n_train], order[n_train:]
    return nd.array(X[train]), nd.array(y[train]), nd.array(X[test]), nd.array(y[test])
