"""The expected training error of least squares is sigma^2 (n - p) / n
====================================================================

The book's data: x ~ N(0, 1), y = 5 + 1.2 x - 3.4 x^2 + 5.6 x^3 + noise of standard deviation
sigma = 0.1, n = 100 training examples, fitted with p = 4 parameters (x, x^2, x^3 and a bias).
The least-squares fit is the lowest training error any parameter values can reach (SGD only
approaches it). Its residual is the noise projected onto the n - p directions that the features
cannot express, so on average the training mean squared error is sigma^2 (n - p) / n = 0.0096,
and never 0. Averaged over 200 seeded data sets:

>>> runs = experiment()
>>> floor(4)
0.0096
>>> agrees_with_formula(4)
True

Even the true parameters do worse on the training set: their error is the noise itself, sigma^2
on average; least squares, having adapted to this particular noise, beats them on every data set:

>>> abs(runs[4]["true_parameters_train"] / NOISE**2 - 1) < 0.03, runs[4]["fit_beats_truth"]
(True, True)

Each extra parameter removes one more dimension of the noise: the model gets p - 4 extra inputs
that have nothing to do with y (random numbers). The formula holds for every p, and with p = n
parameters the model interpolates: training error 0 on every data set, and a test error that
explodes. The only way to reach 0 is to overfit.

>>> all(agrees_with_formula(p) for p in P_VALUES if p < N)
True
>>> runs[N]["max_train"] < 1e-20
True
>>> runs[N]["test"] > 100 * runs[4]["test"]
True
"""

import functools

import matplotlib.pyplot as plt
import numpy as np

from _glue import glue

TRUE_W, TRUE_B, NOISE = np.array([1.2, -3.4, 5.6]), 5.0, 0.1
N, DRAWS, N_TEST = 100, 200, 1000
P_VALUES = (4, 20, 40, 60, 80, 90, 99, 100)


def floor(p, n=N, sigma=NOISE):
    """Expected training mean squared error of least squares with p parameters."""
    return round(sigma**2 * (n - p) / n, 10)


def design(rng, shape, p):
    """Columns 1, x, x^2, x^3, then p - 4 irrelevant N(0, 1) inputs; and the noiseless target."""
    x = rng.normal(size=shape)
    cubic = np.stack([np.ones_like(x), x, x**2, x**3], axis=-1)
    extra = rng.normal(size=shape + (p - 4,))
    target = TRUE_B + cubic[..., 1:] @ TRUE_W
    return np.concatenate([cubic, extra], axis=-1), target


def agrees_with_formula(p):
    """The measured mean is within 4 standard errors of sigma^2 (n - p) / n. (n times the
    training MSE over sigma^2 is chi-squared with n - p degrees of freedom, variance 2 (n - p).)"""
    standard_error = NOISE**2 * np.sqrt(2 * (N - p)) / N / np.sqrt(DRAWS)
    return bool(abs(experiment()[p]["train"] - floor(p)) < 4 * standard_error)


@functools.lru_cache(maxsize=None)
def experiment():
    runs = {}
    for p in P_VALUES:
        rng = np.random.RandomState(p)
        X, target = design(rng, (DRAWS, N), p)  # DRAWS data sets at once
        noise = rng.normal(0, NOISE, size=(DRAWS, N))
        y = target + noise
        Q, R = np.linalg.qr(X)  # Q spans the features' column space
        Qty = np.einsum("dnp,dn->dp", Q, y)
        fitted = np.einsum("dnp,dp->dn", Q, Qty)  # projection of y onto that space
        w = np.linalg.solve(R, Qty[..., None])[..., 0]
        train = ((y - fitted) ** 2).mean(axis=1)
        X_test, target_test = design(rng, (N_TEST,), p)
        y_test = target_test + rng.normal(0, NOISE, size=N_TEST)
        test = ((w @ X_test.T - y_test) ** 2).mean(axis=1)
        truth = (noise**2).mean(axis=1)  # the true parameters leave exactly the noise
        runs[p] = {
            "train": float(train.mean()),
            "max_train": float(train.max()),
            "test": float(np.median(test)),
            "true_parameters_train": float(truth.mean()),
            "fit_beats_truth": bool((train < truth).all()),
        }
    return runs


if __name__ == "__main__":
    runs = experiment()
    print(f"n = {N}, noise sigma = {NOISE}, {DRAWS} data sets per p")
    print("   p | mean training MSE  sigma^2 (n-p)/n | median test MSE")
    for p, run in runs.items():
        print(f" {p:3d} | {run['train']:17.2e} {floor(p):16.2e} | {run['test']:15.3g}")
    print(f"true parameters, p = 4: mean training MSE {runs[4]['true_parameters_train']:.5f}")
    glue("floor4", floor(4))
    glue("floor4_half", floor(4) / 2)
    glue("train4", runs[4]["train"])
    glue("truth4", runs[4]["true_parameters_train"])
    glue("test4", runs[4]["test"])
    glue("test99", runs[99]["test"])
    glue("test100", runs[N]["test"])
    glue("max_train100", runs[N]["max_train"])

    fig, (left, right) = plt.subplots(1, 2, figsize=(6.4, 3.5))
    ps = np.array(P_VALUES)
    grid = np.arange(4, N + 1)
    left.plot(grid, NOISE**2 * (N - grid) / N, color="gray", label="$\\sigma^2 (n-p)/n$")
    left.plot(ps, [runs[p]["train"] for p in P_VALUES], "o", color="C0", label="mean over data sets")
    left.set_title("training error")
    left.legend(fontsize=8)
    right.plot(ps, [runs[p]["test"] for p in P_VALUES], "-s", color="C1")
    right.axhline(NOISE**2, color="gray", linestyle=":", label="$\\sigma^2$")
    right.set_yscale("log")
    right.set_title("test error (median)")
    right.legend(fontsize=8)
    for ax in (left, right):
        ax.set_xlabel("parameters p (n = 100)")
        ax.set_ylabel("mean squared error")
        ax.grid(alpha=0.3)
    fig.tight_layout()
    plt.show()
