"""NDArray basics: create, reshape, compute, combine, index, convert
==================================================================

An NDArray is MXNet's n-dimensional array. Creating and reshaping (``-1`` lets MXNet infer one
axis from the others):

>>> x = nd.arange(12)
>>> x.shape, x.size
((12,), 12)
>>> X = x.reshape((3, 4))
>>> X.shape, x.reshape((-1, 4)).shape
((3, 4), (3, 4))
>>> nd.zeros((2, 3)).sum().asscalar(), nd.ones((2, 3)).sum().asscalar()
(0.0, 6.0)

Arithmetic is element-wise, a comparison gives 0s and 1s, and ``nd.dot`` is the matrix product:

>>> Y = nd.array([[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])
>>> (X * Y)[0].asnumpy().tolist()
[0.0, 1.0, 8.0, 9.0]
>>> (X == Y)[0].asnumpy().tolist()  # X[0] = [0, 1, 2, 3], Y[0] = [2, 1, 4, 3]
[0.0, 1.0, 0.0, 1.0]
>>> nd.dot(X, Y.T).shape
(3, 3)

``nd.concat`` joins along an axis (rows with dim=0, columns with dim=1):

>>> nd.concat(X, Y, dim=0).shape, nd.concat(X, Y, dim=1).shape
((6, 4), (3, 8))

Broadcasting stretches axes of length 1: a (3, 1) column plus a (1, 2) row gives (3, 2):

>>> A = nd.arange(3).reshape((3, 1))
>>> B = nd.arange(2).reshape((1, 2))
>>> (A + B).shape
(3, 2)
>>> (A + B).asnumpy().tolist()
[[0.0, 1.0], [1.0, 2.0], [2.0, 3.0]]

Indexing and slicing read and write parts of an array, as in NumPy; a slice's end is excluded, so
``X[1:3]`` is rows 1 and 2:

>>> X[1:3].asnumpy().tolist()
[[4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0]]
>>> X[1, 2].asscalar(), X[:, 1].asnumpy().tolist()
(6.0, [1.0, 5.0, 9.0])
>>> Z = X.copy()
>>> Z[1, 2] = 9          # one element
>>> Z[0:1, :] = 12       # all of row 0
>>> Z.asnumpy().tolist()
[[12.0, 12.0, 12.0, 12.0], [4.0, 5.0, 9.0, 7.0], [8.0, 9.0, 10.0, 11.0]]

To and from NumPy, a copy each way: changing one afterwards does not change the other.

>>> import numpy as np
>>> P = np.ones((2, 3))
>>> D = nd.array(P)
>>> type(D).__name__, type(D.asnumpy()).__name__
('NDArray', 'ndarray')
>>> P[0, 0] = 5          # change the NumPy array that D was made from
>>> D[0, 0].asscalar()
1.0
>>> N = D.asnumpy()
>>> N[0, 0] = 7          # change the NumPy array that D gave
>>> D[0, 0].asscalar()
1.0
"""

from mxnet import nd

from _glue import glue

if __name__ == "__main__":
    X = nd.arange(12).reshape((3, 4))
    Y = nd.array([[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])
    print("X =\n", X.asnumpy())
    print("X + Y =\n", (X + Y).asnumpy())
    print("X == Y =\n", (X == Y).asnumpy())
    print("nd.dot(X, Y.T) =\n", nd.dot(X, Y.T).asnumpy())
    print("concat along rows:", nd.concat(X, Y, dim=0).shape, "columns:", nd.concat(X, Y, dim=1).shape)
    broadcast = nd.arange(3).reshape((3, 1)) + nd.arange(2).reshape((1, 2))
    print("broadcast (3, 1) + (1, 2) has shape", broadcast.shape, "\n", broadcast.asnumpy())
    glue("broadcast_shape", str(broadcast.shape))
