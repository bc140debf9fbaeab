"""Cross-entropy = entropy + KL divergence, and why both losses are proper
=======================================================================

For distributions P and Q over 4 classes, H(P, Q) = H(P) + KL(P ‖ Q):

>>> P, Q = random_distribution(0), random_distribution(1)
>>> bool(np.isclose(cross_entropy(P, Q), cross_entropy(P, P) + kl(P, Q)))  # H(P) = H(P, P)
True

KL is never negative and 0 only at Q = P, so among 1000 random models none has a cross-entropy
as low as Q = P itself. For a one-hot P, H(P) = 0 and cross-entropy equals KL:

>>> models = [random_distribution(seed) for seed in range(2, 1002)]
>>> min(kl(P, M) for M in models) > 0 == kl(P, P), min(cross_entropy(P, M) for M in models) > cross_entropy(P, P)
(True, True)
>>> one_hot = np.eye(4)[2]
>>> cross_entropy(one_hot, one_hot), bool(np.isclose(cross_entropy(one_hot, Q), kl(one_hot, Q)))
(0.0, True)

Both losses are proper: their expected value under a label y ~ P is smallest at Q = P. For the
squared loss ½‖Q - y‖² that expectation is ½‖Q - P‖² + ½(1 - ‖P‖²):

>>> expected = [expected_squared_loss(P, M) for M in models]
>>> bool(np.isclose(expected[0], 0.5 * ((models[0] - P) ** 2).sum() + 0.5 * (1 - (P**2).sum())))
True
>>> min(expected) > expected_squared_loss(P, P)
True
"""

import numpy as np

from _glue import glue


def random_distribution(seed, q=4):
    return np.random.default_rng(seed).dirichlet(np.ones(q))


def cross_entropy(P, Q):
    return float(-(P[P > 0] * np.log(Q[P > 0])).sum()) + 0.0  # terms with P = 0 are 0; no -0.0


def kl(P, Q):
    return float((P[P > 0] * np.log(P[P > 0] / Q[P > 0])).sum())


def expected_squared_loss(P, Q):
    return float(P @ (0.5 * ((Q - np.eye(len(P))) ** 2).sum(axis=1)))  # row j: the loss if y = j


if __name__ == "__main__":
    P, Q = random_distribution(0), random_distribution(1)
    print("P =", P.round(4), " Q =", Q.round(4))
    entropy = cross_entropy(P, P)
    print(f"H(P) = {entropy:.4f}, KL(P‖Q) = {kl(P, Q):.4f}, sum {entropy + kl(P, Q):.4f}, H(P, Q) = {cross_entropy(P, Q):.4f}")
    glue("entropy", entropy)
    glue("kl", kl(P, Q))
    glue("cross_entropy", cross_entropy(P, Q))
