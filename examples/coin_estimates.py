"""MLE, MAP and Bayesian estimation of a coin's probability of heads
==================================================================

A coin shows heads with an unknown probability theta. Before any toss we believe theta is near
1/2 but not sure: the prior is Beta(a, b) with a = b = 2, density proportional to
theta^(a-1) (1 - theta)^(b-1). After k heads in n tosses the three estimates have closed forms:

- maximum likelihood (MLE), argmax p(data | theta):              k / n
- maximum a posteriori (MAP), argmax p(data | theta) p(theta):  (k + a - 1) / (n + a + b - 2)
- Bayesian estimation keeps the whole posterior Beta(k + a, n - k + b), whose mean is
  (k + a) / (n + a + b); a prediction averages over it.

The example checks the closed forms against brute force on a grid of 200,001 values of theta:
the maximizers of the likelihood and of likelihood times prior, and the mean and variance of the
normalized posterior.

>>> check = grid_check(k=7, n=10)
>>> check["MLE"], check["MAP"]  # (grid, closed form)
((0.7, 0.7), (0.66667, 0.66667))
>>> check["posterior mean"], check["posterior variance"]
((0.64286, 0.64286), (0.01531, 0.01531))

Three heads in three tosses: the MLE says tails is impossible; MAP and the posterior mean do not.

>>> small = estimates(k=3, n=3)
>>> small["MLE"], round(small["MAP"], 4), round(small["posterior mean"], 4)
(1.0, 0.8, 0.7143)

Bayesian prediction averages over the posterior instead of plugging in one theta. The probability
that the next toss is heads is the posterior mean, 5/7; the probability that the next two are
both heads is E[theta^2] = mean^2 + variance, which no single plugged-in theta reproduces here:

>>> round(predict_two_heads(k=3, n=3), 4)  # 30/56
0.5357
>>> round(small["MAP"] ** 2, 4), round(small["posterior mean"] ** 2, 4)
(0.64, 0.5102)

As the data grow the prior's pull fades: for tosses of a coin with theta = 0.7, |MAP - MLE| never
exceeds 1 / (n + 2) and the posterior's standard deviation shrinks like 1 / sqrt(n):

>>> rows = growing_data()
>>> [row["n"] for row in rows]
[10, 100, 1000, 10000]
>>> all(abs(row["MAP"] - row["MLE"]) <= 1 / (row["n"] + 2) for row in rows)
True
>>> [round(row["posterior sd"] * row["n"] ** 0.5, 2) for row in rows]  # sd * sqrt(n) levels off at sqrt(0.7 * 0.3) = 0.46
[0.39, 0.42, 0.45, 0.46]
"""

import matplotlib.pyplot as plt
import numpy as np

from _glue import glue

A, B = 2, 2  # the prior Beta(2, 2)
GRID = np.linspace(0, 1, 200_001)[1:-1]  # open interval: log(0) never appears


def estimates(k, n, a=A, b=B):
    """The closed forms for k heads in n tosses under a Beta(a, b) prior."""
    alpha, beta = k + a, n - k + b  # the posterior is Beta(alpha, beta)
    return {
        "MLE": k / n,
        "MAP": (alpha - 1) / (alpha + beta - 2),
        "posterior mean": alpha / (alpha + beta),
        "posterior variance": alpha * beta / ((alpha + beta) ** 2 * (alpha + beta + 1)),
    }


def log_likelihood(theta, k, n):
    return k * np.log(theta) + (n - k) * np.log(1 - theta)


def log_prior(theta, a=A, b=B):
    return (a - 1) * np.log(theta) + (b - 1) * np.log(1 - theta)  # up to a constant


def posterior_on_grid(k, n):
    """The posterior density on GRID, normalized numerically (no closed form used)."""
    log_post = log_likelihood(GRID, k, n) + log_prior(GRID)
    density = np.exp(log_post - log_post.max())
    return density / np.trapz(density, GRID)


def grid_check(k, n):
    """(brute force on the grid, closed form) for each estimate, rounded to 5 decimals."""
    closed = estimates(k, n)
    post = posterior_on_grid(k, n)
    mean = np.trapz(GRID * post, GRID)
    brute = {
        "MLE": GRID[np.argmax(log_likelihood(GRID, k, n))],
        "MAP": GRID[np.argmax(log_likelihood(GRID, k, n) + log_prior(GRID))],
        "posterior mean": mean,
        "posterior variance": np.trapz((GRID - mean) ** 2 * post, GRID),
    }
    return {key: (round(float(brute[key]), 5), round(closed[key], 5)) for key in closed}


def predict_two_heads(k, n):
    """P(next two tosses are heads | data) = E[theta^2] under the posterior, by integration."""
    return float(np.trapz(GRID**2 * posterior_on_grid(k, n), GRID))


def heads(n, theta=0.7, seed=0):
    """Heads among the first n tosses of one seeded sequence of 10,000 tosses."""
    tosses = np.random.RandomState(seed).rand(10000) < theta
    return int(tosses[:n].sum())


def growing_data(sizes=(10, 100, 1000, 10000)):
    rows = []
    for n in sizes:
        e = estimates(heads(n), n)
        rows.append({"n": n, "MLE": e["MLE"], "MAP": e["MAP"],
                     "posterior sd": e["posterior variance"] ** 0.5})
    return rows


if __name__ == "__main__":
    small = estimates(k=3, n=3)
    glue("small_map", small["MAP"])
    glue("small_mean", small["posterior mean"])
    glue("two_heads", predict_two_heads(k=3, n=3))
    glue("map_squared", small["MAP"] ** 2)
    glue("mean_squared", small["posterior mean"] ** 2)
    print("3 heads in 3 tosses, prior Beta(2, 2):")
    for key, value in small.items():
        print(f"  {key:18s} {value:.4f}")
    print(f"  P(next two heads)  {predict_two_heads(k=3, n=3):.4f} (plug-in MAP: {small['MAP'] ** 2:.4f})")

    print("\ncoin with theta = 0.7, growing data:")
    print("      n    MLE     MAP     |MAP-MLE|  posterior sd")
    for row in growing_data():
        print(f"  {row['n']:5d}  {row['MLE']:.4f}  {row['MAP']:.4f}  {abs(row['MAP'] - row['MLE']):.2e}"
              f"   {row['posterior sd']:.4f}")

    # Left: little data, the prior matters. Right: 100 tosses, the likelihood dominates.
    fig, axes = plt.subplots(1, 2, figsize=(7, 3.2), sharey=False)
    for ax, (k, n) in zip(axes, [(3, 3), (heads(100), 100)]):
        e = estimates(k, n)
        prior = GRID ** (A - 1) * (1 - GRID) ** (B - 1)
        like = np.exp(log_likelihood(GRID, k, n) - log_likelihood(GRID, k, n).max())
        ax.plot(GRID, prior / np.trapz(prior, GRID), color="gray", linestyle=":", label="prior")
        ax.plot(GRID, like / np.trapz(like, GRID), color="C0", linestyle="--", label="likelihood (normalized)")
        ax.plot(GRID, posterior_on_grid(k, n), color="C1", label="posterior")
        for key, color in (("MLE", "C0"), ("MAP", "C3"), ("posterior mean", "C2")):
            ax.axvline(e[key], color=color, linewidth=1, alpha=0.8)
            ax.plot([], [], color=color, linewidth=1, label=key)
        ax.set_title(f"{n} tosses, {k} heads")
        ax.set_xlabel("$\\theta$")
    axes[0].set_ylabel("density")
    axes[0].legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    plt.show()
