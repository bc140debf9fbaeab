"""The expected training error of least squares: noise variance times (n - d - 1) / n
==================================================================================

The book's data: x ~ N(0, 1), y = 5 + 1.2 x - 3.4 x^2 + 5.6 x^3 + noise of standard deviation
0.1, n = 100 training examples, fitted with d = 3 features (x, x^2, x^3) and a bias: d + 1 = 4
parameters. The least-squares fit is the lowest training error any parameter values can reach
(SGD only approaches it). Its residual is the noise projected onto the n - d - 1 directions that
the features cannot express, so on average the training mean squared error is
0.1^2 (n - d - 1) / n = 0.0096, and never 0. Averaged over 200 seeded data sets:

>>> runs = experiment()
>>> floor(4)
0.0096
>>> agrees_with_formula(4)
True

Even the true parameters do worse on the training set: their error is the noise itself, 0.01 on
average; least squares, having adapted to this particular noise, beats them on every data set:

>>> abs(runs[4]["true_parameters_train"] / NOISE**2 - 1) < 0.03, runs[4]["fit_beats_truth"]
(True, True)

Each extra parameter removes one more dimension of the noise. Here the model gets extra inputs
that have nothing to do with y (random numbers). The formula holds for every number of
parameters, and with as many parameters as examples the model interpolates: training error 0 on
every data set, and a test error that explodes. The only way to reach 0 is to overfit.

>>> all(agrees_with_formula(params) for params in PARAMS if params < N)
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
PARAMS = (4, 20, 40, 60, 80, 90, 99, 100)  # d + 1: features and the bias


def floor(params, n=N, noise=NOISE):
    """Expected training mean squared error of least squares with `params` parameters."""
    return round(noise**2 * (n - params) / n, 10)


def design(rng, shape, params):
    """Columns 1, x, x^2, x^3, then params - 4 irrelevant N(0, 1) inputs; the noiseless y."""
    x = rng.normal(size=shape)
    cubic = np.stack([np.ones_like(x), x, x**2, x**3], axis=-1)
    extra = rng.normal(size=shape + (params - 4,))
    target = TRUE_B + cubic[..., 1:] @ TRUE_W
    return np.concatenate([cubic, extra], axis=-1), target


def agrees_with_formula(params):
    """The measured mean is within 4 standard errors of the formula. (n times the training MSE
    over the noise variance is chi-squared with n - params degrees of freedom, whose variance
    is 2 (n - params).)"""
    standard_error = NOISE**2 * np.sqrt(2 * (N - params)) / N / np.sqrt(DRAWS)
    return bool(abs(experiment()[params]["train"] - floor(params)) < 4 * standard_error)


@functools.lru_cache(maxsize=None)
def experiment():
    runs = {}
    for params in PARAMS:
        rng = np.random.RandomState(params)
        X, target = design(rng, (DRAWS, N), params)  # DRAWS data sets at once
        noise = rng.normal(0, NOISE, size=(DRAWS, N))
        y = target + noise
        Q, R = np.linalg.qr(X)  # Q spans the features' column space
        Qty = np.einsum("dnp,dn->dp", Q, y)
        fitted = np.einsum("dnp,dp->dn", Q, Qty)  # projection of y onto that space
        w = np.linalg.solve(R, Qty[..., None])[..., 0]
        train = ((y - fitted) ** 2).mean(axis=1)
        X_test, target_test = design(rng, (N_TEST,), params)
        y_test = target_test + rng.normal(0, NOISE, size=N_TEST)
        test = ((w @ X_test.T - y_test) ** 2).mean(axis=1)
        truth = (noise**2).mean(axis=1)  # the true parameters leave exactly the noise
        runs[params] = {
            "train": float(train.mean()),
            "max_train": float(train.max()),
            "test": float(np.median(test)),
            "true_parameters_train": float(truth.mean()),
            "fit_beats_truth": bool((train < truth).all()),
        }
    return runs


if __name__ == "__main__":
    runs = experiment()
    print(f"n = {N}, noise standard deviation {NOISE}, {DRAWS} data sets per row")
    print(" parameters | mean training MSE  0.01 (n-d-1)/n | median test MSE")
    for params, run in runs.items():
        print(f" {params:10d} | {run['train']:17.2e} {floor(params):15.2e} | {run['test']:15.3g}")
    print(f"true parameters of the cubic: mean training MSE {runs[4]['true_parameters_train']:.5f}")
    glue("floor4", floor(4))
    glue("floor4_half", floor(4) / 2)
    glue("train4", runs[4]["train"])
    glue("truth4", runs[4]["true_parameters_train"])
    glue("test4", runs[4]["test"])
    glue("test99", runs[99]["test"])
    glue("test100", runs[N]["test"])
    glue("max_train100", runs[N]["max_train"])

    fig, (left, right) = plt.subplots(1, 2, figsize=(6.4, 3.5))
    grid = np.arange(4, N + 1)
    formula = "$\\sigma_\\epsilon^2 (n-d-1)/n$"
    left.plot(grid, NOISE**2 * (N - grid) / N, color="gray", label=formula)
    train = [runs[k]["train"] for k in PARAMS]
    left.plot(PARAMS, train, "o", color="C0", label="mean over data sets")
    left.set_title("training error")
    left.legend(fontsize=8)
    right.plot(PARAMS, [runs[k]["test"] for k in PARAMS], "-s", color="C1")
    right.axhline(NOISE**2, color="gray", linestyle=":", label="$\\sigma_\\epsilon^2$")
    right.set_yscale("log")
    right.set_title("test error (median)")
    right.legend(fontsize=8)
    for ax in (left, right):
        ax.set_xlabel("parameters $d+1$ ($n$ = 100)")
        ax.set_ylabel("mean squared error")
        ax.grid(alpha=0.3)
    fig.tight_layout()
    plt.show()
