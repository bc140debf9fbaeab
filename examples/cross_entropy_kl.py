"""Cross-entropy = entropy + KL divergence, and why both losses are proper
=======================================================================

For distributions P (the data's) and Q (the model's) over q classes, with
H(P) = -Σⱼ Pⱼ log Pⱼ, H(P, Q) = -Σⱼ Pⱼ log Qⱼ and KL(P ‖ Q) = Σⱼ Pⱼ log(Pⱼ / Qⱼ):

>>> P, Q = random_distribution(0), random_distribution(1)
>>> bool(np.isclose(cross_entropy(P, Q), entropy(P) + kl(P, Q)))
True

The KL divergence is never negative, and it is 0 only for Q = P. So over all models Q the
cross-entropy H(P, Q) is smallest at Q = P, where it equals H(P):

>>> models = [random_distribution(seed) for seed in range(2, 1002)]
>>> min(kl(P, M) for M in models) > 0, kl(P, P)
(True, 0.0)
>>> min(cross_entropy(P, M) for M in models) > cross_entropy(P, P) == entropy(P)
True

For a one-hot label P the entropy is 0, and the cross-entropy is the KL divergence:

>>> one_hot = np.eye(4)[2]
>>> entropy(one_hot), bool(np.isclose(cross_entropy(one_hot, Q), kl(one_hot, Q)))
(0.0, True)

"Smallest at the true distribution" is what makes a loss *proper*: a model that predicts the
true class probabilities has the lowest expected loss. Cross-entropy is proper, by the KL
argument above. So is the squared loss on probabilities, ½‖Q - y‖² with a one-hot y drawn from
P: its expected value is ½‖Q - P‖² + ½(1 - ‖P‖²), also smallest at Q = P:

>>> expected = [expected_squared_loss(P, M) for M in models]
>>> bool(np.isclose(expected[0], 0.5 * ((models[0] - P) ** 2).sum() + 0.5 * (1 - (P ** 2).sum())))
True
>>> min(expected) > expected_squared_loss(P, P)
True
"""

import numpy as np

from _glue import glue


def random_distribution(seed, q=4):
    return np.random.default_rng(seed).dirichlet(np.ones(q))


def entropy(P):
    nonzero = P > 0  # 0 log 0 = 0
    return float(-(P[nonzero] * np.log(P[nonzero])).sum()) + 0.0  # + 0.0 turns -0.0 into 0.0


def cross_entropy(P, Q):
    nonzero = P > 0
    return float(-(P[nonzero] * np.log(Q[nonzero])).sum())


def kl(P, Q):
    nonzero = P > 0
    return float((P[nonzero] * np.log(P[nonzero] / Q[nonzero])).sum())


def expected_squared_loss(P, Q):
    """E over a label y ~ P (one-hot) of ½‖Q - y‖², computed class by class."""
    losses = 0.5 * ((Q - np.eye(len(P))) ** 2).sum(axis=1)  # row j: the loss if y is class j
    return float(P @ losses)


if __name__ == "__main__":
    P, Q = random_distribution(0), random_distribution(1)
    np.set_printoptions(precision=4)
    print("P =", P, " Q =", Q)
    print(f"H(P) = {entropy(P):.4f}   KL(P‖Q) = {kl(P, Q):.4f}   "
          f"H(P) + KL = {entropy(P) + kl(P, Q):.4f}   H(P, Q) = {cross_entropy(P, Q):.4f}")
    glue("entropy", entropy(P))
    glue("kl", kl(P, Q))
    glue("cross_entropy", cross_entropy(P, Q))
    models = [random_distribution(seed) for seed in range(2, 1002)]
    print(f"over 1000 random models Q: smallest H(P, Q) = {min(cross_entropy(P, M) for M in models):.4f}"
          f" > H(P, P) = {cross_entropy(P, P):.4f}")
    print(f"over 1000 random models Q: smallest expected squared loss = "
          f"{min(expected_squared_loss(P, M) for M in models):.4f} > at Q = P: {expected_squared_loss(P, P):.4f}")
