"""K-fold cross-validation: choosing a polynomial degree from 32 examples
======================================================================

The book's cubic, y = 5 + 1.2 x - 3.4 x^2 + 5.6 x^3 + noise of standard deviation 0.1, but only
n = 32 examples, too few to set a validation set aside, and x uniform on [-1, 1] (the book draws
x from N(0, 1); with so few examples a single far-out x would then dominate whichever fold holds
it). Each candidate degree is fitted by least squares.

K-fold splits a random permutation of the n examples into K folds whose sizes differ by at most
one, and each fold validates once, the model being trained on the other K - 1 folds:

>>> folds = k_fold_indices(32, 5, seed=0)
>>> [len(f) for f in folds]
[7, 7, 6, 6, 6]
>>> sorted(np.concatenate(folds).tolist()) == list(range(32))  # every example validates once
True

The book's ``get_k_fold_data`` (section 3.16) uses folds of n // K examples: with n = 32 and
K = 5 the last 2 examples are never used, neither to train nor to validate (for the 1,460 houses
of the book's Kaggle data and K = 5 nothing is lost):

>>> book_fold_sizes(32, 5)
([6, 6, 6, 6, 6], 2)

On this data set, five-fold cross-validation picks degree 3, the true one. Degrees 1 and 2
underfit, with errors many times larger; higher degrees pay a little for fitting the noise:

>>> x, y = cubic_data(32, seed=0)
>>> errors = {d: cross_validation_error(x, y, d, k=5) for d in range(1, 9)}
>>> min(errors, key=errors.get)
3
>>> errors[2] > 10 * errors[3], errors[4] > errors[3]
(True, True)

The choice is only as good as the estimate. On ten data sets drawn the same way, it never picks
an underfitting degree, but now and then it picks 4 or 5; degree 3 is then a close second, its
cross-validation error less than 20% above that of the chosen degree:

>>> selections = [selection(seed) for seed in range(10)]
>>> chosen = [degree for degree, _ in selections]
>>> min(chosen) == 3, max(chosen) <= 5, chosen.count(3) >= 5
(True, True, True)
>>> max(excess for _, excess in selections) < 0.2
True

It costs K fits per candidate, and its value is a better estimate, not a better model. On the same
32 examples, a single validation split (one fold of 6 or 7 examples) gives an error estimate that
depends a lot on which examples land in it; averaging over all 5 folds gives a steadier one:

>>> single, k_fold = estimate_spread(seed=0, degree=3, repeats=200)
>>> bool(np.std(k_fold) < np.std(single) / 2)
True
"""

import functools

import numpy as np

from _glue import glue

TRUE_W, TRUE_B, NOISE = [1.2, -3.4, 5.6], 5.0, 0.1


def cubic_data(n, seed):
    rng = np.random.RandomState(seed)
    x = rng.uniform(-1, 1, size=n)
    y = TRUE_B + sum(w * x ** (k + 1) for k, w in enumerate(TRUE_W)) + rng.normal(0, NOISE, n)
    return x, y


def features(x, degree):
    return np.vander(x, degree + 1, increasing=True)  # columns 1, x, ..., x^degree


def fit_and_mse(x_train, y_train, x_valid, y_valid, degree):
    w = np.linalg.lstsq(features(x_train, degree), y_train, rcond=None)[0]
    return float(((features(x_valid, degree) @ w - y_valid) ** 2).mean())


def k_fold_indices(n, k, seed):
    return np.array_split(np.random.RandomState(seed).permutation(n), k)


def book_fold_sizes(n, k):
    """Fold sizes of the book's get_k_fold_data, and how many examples it leaves out."""
    fold_size = n // k
    return [fold_size] * k, n - k * fold_size


def cross_validation_error(x, y, degree, k, seed=0):
    """Mean squared validation error over all n examples, each one predicted by the model
    trained without its fold."""
    squared_errors = 0.0
    for fold in k_fold_indices(len(x), k, seed):
        train = np.setdiff1d(np.arange(len(x)), fold)
        squared_errors += fit_and_mse(x[train], y[train], x[fold], y[fold], degree) * len(fold)
    return squared_errors / len(x)


@functools.lru_cache(maxsize=None)
def selection(seed):
    """The degree (1 to 8) that 5-fold cross-validation picks on one data set, and how far
    above the picked degree's error that of degree 3 is (relative; 0 when 3 is picked)."""
    x, y = cubic_data(32, seed)
    errors = {d: cross_validation_error(x, y, d, k=5) for d in range(1, 9)}
    best = min(errors, key=errors.get)
    return best, errors[3] / errors[best] - 1


@functools.lru_cache(maxsize=None)
def estimate_spread(seed, degree, repeats):
    """Estimates from `repeats` random partitions: one fold alone, and the K-fold average."""
    x, y = cubic_data(32, seed)
    single, k_fold = [], []
    for seed in range(repeats):
        folds = k_fold_indices(len(x), 5, seed)
        train = np.concatenate(folds[1:])
        single.append(fit_and_mse(x[train], y[train], x[folds[0]], y[folds[0]], degree))
        k_fold.append(cross_validation_error(x, y, degree, k=5, seed=seed))
    return np.array(single), np.array(k_fold)


if __name__ == "__main__":
    x, y = cubic_data(32, seed=0)
    print("5-fold cross-validation error (mean squared error) by degree:")
    errors = {d: cross_validation_error(x, y, d, k=5) for d in range(1, 9)}
    for d, e in errors.items():
        print(f"  degree {d}: {e:.4f}")
    best = min(errors, key=errors.get)
    print("chosen degree:", best)
    selections = [selection(seed) for seed in range(10)]
    chosen = [degree for degree, _ in selections]
    print("degree chosen on ten data sets:", chosen)
    print("degree 3's error above the chosen one's:", " ".join(f"{e:.0%}" for _, e in selections))
    single, k_fold = estimate_spread(seed=0, degree=3, repeats=200)
    print(f"degree 3, over 200 random partitions: one fold alone {single.mean():.4f} "
          f"± {single.std():.4f}, 5-fold mean {k_fold.mean():.4f} ± {k_fold.std():.4f}")
    glue("cv_degree3", errors[3])
    glue("cv_degree2", errors[2])
    glue("cv_degree4", errors[4])
    glue("single_std", float(single.std()))
    glue("kfold_std", float(k_fold.std()))
    glue("times_three", chosen.count(3))
    glue("max_excess", max(e for _, e in selections))
