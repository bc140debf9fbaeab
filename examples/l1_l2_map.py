"""Weight decay is MAP with a Gaussian prior; L1 is MAP with a Laplace prior
==========================================================================

Linear regression without bias, y = Xw + noise, with n = 50 examples, d = 20 features, noise
standard deviation sigma = 0.5 and only the first 4 true weights non-zero. With a Gaussian prior
N(0, sigma^2 / lambda) on each weight, minus the log posterior is the weight-decay objective
sum (y - y_hat)^2 / 2 + lambda / 2 ||w||^2, divided by sigma^2, plus a constant. We check it
with SciPy's densities at random weights: the difference is the same number every time.

>>> X, y, w_true = regression_data()
>>> gaps = [neg_log_posterior(w, X, y, "gauss") - l2_objective(w, X, y) / SIGMA**2
...         for w in np.random.RandomState(1).normal(size=(5, 20))]
>>> bool(np.ptp(gaps) < 1e-9)  # the same constant for every w
True

So their minimizers coincide: maximizing the posterior numerically (BFGS on the densities)
lands on the closed-form ridge solution (X^T X + lambda I)^(-1) X^T y.

>>> w_map = minimize(neg_log_posterior, np.zeros(20), args=(X, y, "gauss"), method="BFGS").x
>>> bool(np.abs(w_map - ridge(X, y, LAM)).max() < 1e-4)
True

The correspondence depends on how the loss is scaled. On the *mean* loss, as in Gluon (wd on
(1/n) sum of losses), the same lambda is the ridge solution with n * lambda, i.e. the prior
variance is sigma^2 / (n lambda):

>>> w_mean_loss = minimize(lambda w: ((X @ w - y) ** 2).mean() / 2 + LAM / 2 * w @ w, np.zeros(20),
...                        method="BFGS").x
>>> bool(np.abs(w_mean_loss - ridge(X, y, len(y) * LAM)).max() < 1e-4)
True

A Laplace prior with scale sigma^2 / lambda gives the L1 objective sum (y - y_hat)^2 / 2 +
lambda ||w||_1 the same way:

>>> gaps = [neg_log_posterior(w, X, y, "laplace") - l1_objective(w, X, y) / SIGMA**2
...         for w in np.random.RandomState(2).normal(size=(5, 20))]
>>> bool(np.ptp(gaps) < 1e-9)
True

The L1 objective has no closed form; proximal gradient descent (ISTA: a gradient step on the
squared error, then soft-thresholding) solves it. Its optimum satisfies the optimality conditions
|x_j^T (y - Xw)| <= lambda where w_j = 0, and = lambda * sign(w_j) elsewhere, and agrees with
scikit-learn's Lasso (whose alpha is lambda / n):

>>> w_l1 = ista(X, y, LAM)
>>> kkt_violation(X, y, w_l1, LAM) < 1e-6
True
>>> from sklearn.linear_model import Lasso
>>> lasso = Lasso(alpha=LAM / len(y), fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y)
>>> bool(np.abs(w_l1 - lasso.coef_).max() < 1e-6)
True

L1 sets all 16 irrelevant weights exactly to 0 and keeps the four real ones; L2 shrinks every
weight (its weight vector is shorter than least squares') but sets none to 0:

>>> summary = compare(X, y)
>>> summary["L1"]["exact zeros"], summary["L1"]["zeros among the 4 real"]
(16, 0)
>>> summary["L2"]["exact zeros"]
0
>>> summary["L2"]["norm"] < summary["least squares"]["norm"]
True

How L2 shrinks: along the i-th right singular vector v_i of X (singular value d_i), the ridge
solution is the least-squares one multiplied by d_i^2 / (d_i^2 + lambda), so directions in which
the data vary little are shrunk most:

>>> _, d, Vt = np.linalg.svd(X, full_matrices=False)
>>> factors = (Vt @ ridge(X, y, LAM)) / (Vt @ ridge(X, y, 0.0))
>>> bool(np.allclose(factors, d**2 / (d**2 + LAM)))
True

Along the whole path of 40 values of lambda from 0.1 to 1000 (the figure), L2 never produces an
exact 0; L1 has all 16 irrelevant weights at exactly 0 for every lambda above 12, while the real
ones survive up to lambda = 30 and are all 0 at lambda = 1000:

>>> lams, l2_path, l1_path = paths()
>>> int((l2_path == 0).sum())
0
>>> bool((l1_path[lams > 12][:, 4:] == 0).all())
True
>>> bool((l1_path[lams < 30][:, :4] != 0).all()), bool((l1_path[-1] == 0).all())
(True, True)
"""

import functools

import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import minimize
from scipy.stats import laplace, norm

from _glue import glue

SIGMA = 0.5  # noise standard deviation
LAM = 10.0  # lambda, for both penalties


def regression_data(n=50, d=20, seed=0):
    rng = np.random.RandomState(seed)
    w_true = np.zeros(d)
    w_true[:4] = [2.0, -1.5, 1.0, 0.5]
    X = rng.normal(size=(n, d))
    y = X @ w_true + rng.normal(scale=SIGMA, size=n)
    return X, y, w_true


def l2_objective(w, X, y, lam=LAM):
    return ((y - X @ w) ** 2).sum() / 2 + lam / 2 * (w**2).sum()


def l1_objective(w, X, y, lam=LAM):
    return ((y - X @ w) ** 2).sum() / 2 + lam * np.abs(w).sum()


def neg_log_posterior(w, X, y, prior, lam=LAM):
    """-log p(y | X, w) - log p(w), from SciPy's densities (no objective reused)."""
    nll = -norm.logpdf(y, loc=X @ w, scale=SIGMA).sum()
    if prior == "gauss":  # N(0, sigma^2 / lambda): standard deviation sigma / sqrt(lambda)
        return nll - norm.logpdf(w, scale=SIGMA / np.sqrt(lam)).sum()
    return nll - laplace.logpdf(w, scale=SIGMA**2 / lam).sum()


def ridge(X, y, lam):
    return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)


def soft_threshold(v, t):
    return np.sign(v) * np.maximum(np.abs(v) - t, 0)  # exactly 0 wherever |v| <= t


def ista(X, y, lam, steps=500, w=None):
    eta = 1 / np.linalg.norm(X, 2) ** 2  # 1 / largest eigenvalue of X^T X: a safe step
    w = np.zeros(X.shape[1]) if w is None else w
    for _ in range(steps):
        w = soft_threshold(w - eta * X.T @ (X @ w - y), eta * lam)
    return w


def kkt_violation(X, y, w, lam):
    """How far w is from the L1 optimality conditions (0 at the exact optimum)."""
    c = X.T @ (y - X @ w)
    zero = w == 0
    return float(max(np.abs(c[~zero] - lam * np.sign(w[~zero])).max(initial=0),
                     (np.abs(c[zero]) - lam).max(initial=0)))


def compare(X, y, lam=LAM):
    fits = {"least squares": ridge(X, y, 0.0), "L2": ridge(X, y, lam), "L1": ista(X, y, lam)}
    return {name: {"exact zeros": int((w == 0).sum()),
                   "zeros among the 4 real": int((w[:4] == 0).sum()),
                   "norm": float(np.linalg.norm(w)),
                   "largest irrelevant |w|": float(np.abs(w[4:]).max())}
            for name, w in fits.items()}


@functools.lru_cache(maxsize=None)
def paths():
    """Solutions for each lambda: ridge in closed form, L1 by ISTA warm-started from the last."""
    X, y, _ = regression_data()
    lams = np.logspace(-1, 3, 40)
    l2 = np.array([ridge(X, y, lam) for lam in lams])
    l1, w = [], None
    for lam in lams:
        w = ista(X, y, lam, steps=300, w=w)
        l1.append(w)
    return lams, l2, np.array(l1)


if __name__ == "__main__":
    X, y, w_true = regression_data()
    summary = compare(X, y)
    print(f"lambda = {LAM}, {X.shape[1]} weights, 4 of them non-zero in truth")
    print(f"{'':14s} {'exact zeros':>11s} {'norm':>6s} {'largest irrelevant |w|':>23s}")
    for name, row in summary.items():
        print(f"{name:14s} {row['exact zeros']:11d} {row['norm']:6.3f} {row['largest irrelevant |w|']:23.2e}")
    glue("lam", LAM)
    glue("l1_zeros", summary["L1"]["exact zeros"])
    glue("l2_zeros", summary["L2"]["exact zeros"])
    glue("l2_largest_irrelevant", summary["L2"]["largest irrelevant |w|"])
    glue("l2_norm_ratio", summary["L2"]["norm"] / summary["least squares"]["norm"])

    lams, l2, l1 = paths()
    fig, axes = plt.subplots(1, 2, figsize=(7, 3.2), sharey=True)
    for ax, coefs, title in ((axes[0], l2, "L2 (Gaussian prior)"), (axes[1], l1, "L1 (Laplace prior)")):
        for j in range(X.shape[1]):
            real = j < 4
            ax.plot(lams, coefs[:, j], color=f"C{j}" if real else "gray",
                    linewidth=1.5 if real else 0.8, alpha=1 if real else 0.6)
        ax.axhline(0, color="black", linewidth=0.5)
        ax.axvline(LAM, color="gray", linestyle="--", linewidth=0.8)
        ax.set_xscale("log")
        ax.set_xlabel("$\\lambda$")
        ax.set_title(title)
    axes[0].set_ylabel("weight")
    fig.tight_layout()
    plt.show()
