"""A cubic fitted to data from a linear model, from 4 to 1000 examples
===================================================================

Data: y = 1.2 x + 5 + noise, with x ~ N(0, 1) and noise of standard deviation 0.1 as in the
book's polynomial experiment, so the best possible test error (mean squared error) is the noise
variance 0.01. Each training set is fitted twice by least squares, the minimum that SGD on the
squared loss approaches: a line (w1 x + b) and a cubic (w1 x + w2 x^2 + w3 x^3 + b). The cubic
contains the line, so on the training set it always fits at least as well:

>>> table = experiment()
>>> all(row["cubic_train_never_worse"] for row in table.values())
True

With 4 examples the cubic passes through all of them (training error 0) and its test error is
hundreds of times the noise level; the line, with 2 parameters for 4 points, is already close:

>>> four = table[4]
>>> four["cubic_train"] < 1e-20, four["cubic_test"] > 100 * NOISE**2
(True, True)
>>> four["line_test"] < 2 * NOISE**2
True

With few examples the cubic fits the noise: its test error is above the line's, and its x^2 and x^3
coefficients, 0 in the true model, are far from 0. As the examples multiply, those coefficients
shrink towards 0 and both test errors come down to the noise level:

>>> all(table[n]["cubic_test"] > table[n]["line_test"] for n in table if n <= 50)
True
>>> table[10]["w3"] > 10 * table[1000]["w3"], table[1000]["w2"] < 0.005, table[1000]["w3"] < 0.005
(True, True, True)
>>> [abs(table[1000][fit] / NOISE**2 - 1) < 0.03 for fit in ("line_test", "cubic_test")]
[True, True]

(Every number is a median over 200 training sets; the test set is 10,000 fresh examples.)
"""

import functools

import matplotlib.pyplot as plt
import numpy as np

from _glue import glue

W, B, NOISE = 1.2, 5.0, 0.1
SIZES = (4, 5, 6, 8, 10, 20, 50, 100, 200, 1000)
DRAWS = 200


def linear_data(n, rng):
    x = rng.normal(size=n)
    return x, W * x + B + rng.normal(0, NOISE, n)


def features(x, degree):
    return np.vander(x, degree + 1, increasing=True)  # 1, x, ..., x^degree


def fit(x, y, degree):
    return np.linalg.lstsq(features(x, degree), y, rcond=None)[0]


def mse(w, F, y):
    return float(((F[:, : len(w)] @ w - y) ** 2).mean())  # F: cubic features; a line uses 1, x


@functools.lru_cache(maxsize=None)
def experiment():
    rng = np.random.RandomState(0)
    x_test, y_test = linear_data(10_000, rng)
    F_test = features(x_test, 3)
    table = {}
    for n in SIZES:
        rows = []
        for _ in range(DRAWS):
            x, y = linear_data(n, rng)
            F = features(x, 3)
            line, cubic = fit(x, y, 1), fit(x, y, 3)
            rows.append([mse(line, F, y), mse(line, F_test, y_test), mse(cubic, F, y),
                         mse(cubic, F_test, y_test), abs(cubic[2]), abs(cubic[3])])
        rows = np.array(rows)
        median = np.median(rows, axis=0)
        table[n] = dict(zip(("line_train", "line_test", "cubic_train", "cubic_test", "w2", "w3"),
                            median.tolist()))
        table[n]["cubic_train_never_worse"] = bool((rows[:, 2] <= rows[:, 0] + 1e-12).all())
    return table


if __name__ == "__main__":
    table = experiment()
    print("median over 200 training sets; test set: 10,000 examples; noise variance 0.01")
    print("     n | line: train    test | cubic: train      test |  |w2|    |w3|")
    for n, row in table.items():
        print(f" {n:5d} | {row['line_train']:11.4f} {row['line_test']:7.4f} | "
              f"{row['cubic_train']:12.4f} {row['cubic_test']:9.4f} | "
              f"{row['w2']:.4f} {row['w3']:.4f}")
    glue("cubic_test_4", table[4]["cubic_test"])
    glue("line_test_4", table[4]["line_test"])
    glue("cubic_test_10", table[10]["cubic_test"])
    glue("line_test_10", table[10]["line_test"])
    glue("w3_10", table[10]["w3"])
    glue("w3_1000", table[1000]["w3"])
    glue("w2_1000", table[1000]["w2"])
    glue("cubic_test_1000", table[1000]["cubic_test"])

    fig, ax = plt.subplots(figsize=(6, 3.5))
    sizes = np.array(SIZES)
    curves = (("line_test", "line, test", "-o"), ("cubic_test", "cubic, test", "-s"),
              ("line_train", "line, train", "--o"), ("cubic_train", "cubic, train", "--s"))
    for key, label, style in curves:
        values = np.array([table[n][key] for n in SIZES])
        keep = values > 1e-12  # the cubic's training error on 4 points is 0: no place on a log axis
        color = "C0" if key.startswith("line") else "C1"
        ax.plot(sizes[keep], values[keep], style, color=color, markersize=4, label=label)
    ax.axhline(NOISE**2, color="gray", linestyle=":", label="noise variance")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("training examples n")
    ax.set_ylabel("mean squared error (median)")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    plt.show()
