"""The broadcasting trap in squared_loss: (n, 1) minus (n,) is (n, n)
==================================================================

In D2L's linear regression from scratch, ``linreg`` returns predictions of shape (n, 1)
(``nd.dot(X, w)`` with w of shape (2, 1)), while the labels have shape (n,). Broadcasting
compares shapes from the last axis: (n, 1) against (n,) pairs the 1 with n, and the missing
leading axis of (n,) counts as 1, so the difference silently becomes an (n, n) table of every
prediction minus every label. No error is raised:

>>> y_hat, y = predictions_and_labels()
>>> y_hat.shape, y.shape
((4, 1), (4,))
>>> squared_loss_without_reshape(y_hat, y).shape
(4, 4)
>>> squared_loss(y_hat, y).shape
(4, 1)

Every prediction here is 0.5 above its label, so each example's loss is 0.5² / 2 = 0.125.
Only the reshaped version says so; the broadcast one averages 16 mismatched pairs:

>>> float(squared_loss(y_hat, y).mean().asscalar())
0.125
>>> float(squared_loss_without_reshape(y_hat, y).mean().asscalar())
1.375

The rule, axis by axis from the right: two lengths are compatible if they are equal or one of
them is 1; a missing leading axis counts as 1. (2, 3) and (3,) combine; (2, 3) and (2,) do not:

>>> broadcast_shape((2, 3), (3,)), broadcast_shape((3, 1), (1, 4)), broadcast_shape((2, 3), (2,))
((2, 3), (3, 4), None)
"""

from mxnet import base, nd

from _glue import glue


def predictions_and_labels():
    y = nd.array([1, 2, 3, 4])  # labels as D2L builds them: shape (n,)
    y_hat = (y + 0.5).reshape((4, 1))  # what linreg returns: shape (n, 1)
    return y_hat, y


def squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def squared_loss_without_reshape(y_hat, y):
    return (y_hat - y) ** 2 / 2


def broadcast_shape(shape_a, shape_b):
    """The shape of a - b, or None if MXNet refuses to broadcast them."""
    try:
        return (nd.zeros(shape_a) - nd.zeros(shape_b)).shape
    except base.MXNetError:
        return None


if __name__ == "__main__":
    y_hat, y = predictions_and_labels()
    print("y_hat - y.reshape(y_hat.shape):", (y_hat - y.reshape(y_hat.shape)).shape)
    print("y_hat - y                     :", (y_hat - y).shape)
    print((y_hat - y).asnumpy())
    right = float(squared_loss(y_hat, y).mean().asscalar())
    wrong = float(squared_loss_without_reshape(y_hat, y).mean().asscalar())
    print("mean loss with reshape   :", right)
    print("mean loss without reshape:", wrong)
    glue("loss_right", right)
    glue("loss_wrong", wrong)
