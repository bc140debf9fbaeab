"""Softmax without overflow: subtract the largest logit first
===========================================================

softmax(a)ᵢ = exp(aᵢ) / Σₖ exp(aₖ). Written literally, exp(1000) overflows float32 to inf and
inf / inf is nan:

>>> naive_softmax(nd.array([1000, 2000, 3000])).asnumpy().tolist()
[nan, nan, nan]

Softmax does not change when the same constant is added to every logit, so subtracting the
largest one keeps every exponent <= 0 and the result exact:

>>> stable_softmax(nd.array([1000, 2000, 3000])).asnumpy().tolist()
[0.0, 0.0, 1.0]

On ordinary logits both agree, and each row sums to 1:

>>> a = nd.array([[1, 2, 3], [0, 0, 0]])
>>> bool(nd.abs(naive_softmax(a) - stable_softmax(a)).max().asscalar() < 1e-7)
True
>>> stable_softmax(a).sum(axis=1).asnumpy().tolist()
[1.0, 1.0]
"""

from mxnet import nd


def naive_softmax(a):
    exp = nd.exp(a)
    return exp / exp.sum(axis=-1, keepdims=True)


def stable_softmax(a):
    shifted = a - a.max(axis=-1, keepdims=True)  # every exponent is now <= 0
    exp = nd.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


if __name__ == "__main__":
    logits = nd.array([1000, 2000, 3000])
    print("naive :", naive_softmax(logits).asnumpy())
    print("stable:", stable_softmax(logits).asnumpy())
