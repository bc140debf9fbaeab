"""Memory: rebinding a name versus updating an array in place
=============================================================

``Y = Y + X`` computes the sum into a new array and then points the name ``Y`` at it; the old
array is untouched and anything else that refers to it still sees the old values. The other three
forms write into the memory ``Y`` already owns, so ``id(Y)`` stays the same and every reference
sees the result. Each call starts from X = [0, 1, 2, 3], Y = [1, 1, 1, 1] and keeps a second
reference ``alias`` to the original Y:

>>> try_form(rebind)           # Y = Y + X
(False, [1.0, 1.0, 1.0, 1.0])
>>> try_form(augmented)        # Y += X
(True, [1.0, 2.0, 3.0, 4.0])
>>> try_form(slice_assign)     # Y[:] = X + Y  (a temporary X + Y, then copied into Y)
(True, [1.0, 2.0, 3.0, 4.0])
>>> try_form(out_argument)     # nd.elemwise_add(X, Y, out=Y)  (no temporary)
(True, [1.0, 2.0, 3.0, 4.0])

Why it matters in training: a parameter list holds references to the arrays the model uses. An
SGD step that rebinds the loop variable changes nothing the model can see; writing with ``[:]``
updates the parameters themselves:

>>> sgd_step(in_place=False)
[1.0, 1.0]
>>> sgd_step(in_place=True)
[0.5, 0.5]
"""

from mxnet import nd


def rebind(X, Y):
    Y = Y + X
    return Y


def augmented(X, Y):
    Y += X
    return Y


def slice_assign(X, Y):
    Y[:] = X + Y
    return Y


def out_argument(X, Y):
    nd.elemwise_add(X, Y, out=Y)
    return Y


def try_form(form):
    """Return (is Y still the same object?, what a second reference to the old Y now holds)."""
    X = nd.arange(4)
    Y = nd.ones(4)
    # alias also keeps the old array alive: CPython may reuse the id of a freed object,
    # which would make id(Y) == before true by accident.
    alias = Y
    before = id(Y)
    Y = form(X, Y)
    return id(Y) == before, alias.asnumpy().tolist()


def sgd_step(in_place, lr=0.5):
    params = [nd.ones(2)]
    grad = nd.ones(2)
    for param in params:
        if in_place:
            param[:] = param - lr * grad
        else:
            param = param - lr * grad  # only the loop variable now names the new array
    return params[0].asnumpy().tolist()


if __name__ == "__main__":
    for form, text in [
        (rebind, "Y = Y + X"),
        (augmented, "Y += X"),
        (slice_assign, "Y[:] = X + Y"),
        (out_argument, "nd.elemwise_add(X, Y, out=Y)"),
    ]:
        same, alias = try_form(form)
        print(f"{text:30s} same object: {same!s:5s}  old reference sees: {alias}")
    print("SGD step by rebinding :", sgd_step(in_place=False))
    print("SGD step with param[:]:", sgd_step(in_place=True))
