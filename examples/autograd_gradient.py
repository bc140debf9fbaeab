"""Autograd: the gradient of y = 2xᵀx is 4x
==========================================

MXNet records the operations done inside ``autograd.record()`` and ``y.backward()`` walks them
back. For the column vector x = [0, 1, 2, 3]ᵀ, y = 2xᵀx = 2(x₀² + x₁² + x₂² + x₃²) is a scalar
and its gradient is dy/dx = 4x, so ``x.grad`` must be [0, 4, 8, 12]:

>>> grad = gradient_of_2xtx()
>>> grad.shape
(4, 1)
>>> grad.asnumpy().ravel().tolist()
[0.0, 4.0, 8.0, 12.0]

The gradient agrees with the formula 4x for every entry:

>>> x = nd.arange(4).reshape((4, 1))
>>> bool((grad == 4 * x).min().asscalar())
True

If the result is not a scalar, ``backward()`` differentiates the sum of its entries: for the
vector z = 2x ⊙ x (element-wise), ``z.backward()`` gives the same gradient as ``z.sum().backward()``,
which is again 4x:

>>> vector_result, summed = gradient_of_vector(sum_first=False), gradient_of_vector(sum_first=True)
>>> vector_result == summed, vector_result
(True, [0.0, 4.0, 8.0, 12.0])
"""

from mxnet import autograd, nd

from _glue import glue


def gradient_of_2xtx():
    x = nd.arange(4).reshape((4, 1))
    x.attach_grad()  # allocate the memory that will hold dy/dx
    with autograd.record():  # record the computation so that it can be differentiated
        y = 2 * nd.dot(x.T, x)
    y.backward()  # y is a 1x1 array; a non-scalar y would be summed first
    return x.grad


def gradient_of_vector(sum_first):
    x = nd.arange(4)
    x.attach_grad()
    with autograd.record():
        z = 2 * x * x  # a vector of 4 entries, not a scalar
        if sum_first:
            z = z.sum()
    z.backward()
    return x.grad.asnumpy().tolist()


if __name__ == "__main__":
    grad = gradient_of_2xtx()
    print("x.grad =", grad.asnumpy().ravel())
    print("4 * x  =", (4 * nd.arange(4)).asnumpy())
    print("backward() of the vector 2x*x:", gradient_of_vector(sum_first=False))
    print("backward() of its sum        :", gradient_of_vector(sum_first=True))
    glue("grad", str([round(g) for g in grad.asnumpy().ravel().tolist()]))
