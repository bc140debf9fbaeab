"""In-place updates and autograd: refused while recording, trusted between forward and backward
============================================================================================

Inside ``autograd.record()`` MXNet refuses any in-place write (``+=``, ``[:] =``, ``out=``) to an
array already in the recorded computation, a result or the variable itself:

>>> x = nd.array([0, 1, 2])
>>> x.attach_grad()
>>> with autograd.record():
...     y = x * 2
...     y += 1
Traceback (most recent call last):
    ...
mxnet.base.MXNetError: ...Assigning to NDArrays that are already in a computational graph...
>>> with autograd.record():
...     x[:] = 5
Traceback (most recent call last):
    ...
mxnet.base.MXNetError: ...Assigning to NDArrays that are already in a computational graph...

Rebinding (``y = y + 1``) is fine: the gradient of sum((2x + 1)²) is 4(2x + 1). Outside
``record()`` nothing is checked: change x in place between the forward pass and ``backward()``
and the gradient of sum(x²), 2x = [0, 2, 4], is silently computed from the new x. After
``backward()``, updating in place is safe, as D2L's ``sgd`` does:

>>> gradient(lambda x: ((x * 2 + 1) ** 2).sum())
[4.0, 12.0, 20.0]
>>> gradient(lambda x: (x * x).sum()), gradient(lambda x: (x * x).sum(), change_x_first=True)
([0.0, 2.0, 4.0], [20.0, 20.0, 20.0])
>>> x = nd.array([0, 1, 2])
>>> x.attach_grad()
>>> with autograd.record():
...     loss = (x * x).sum()
>>> loss.backward()
>>> x[:] = x - 0.1 * x.grad
>>> [round(v, 6) for v in x.asnumpy().tolist()]
[0.0, 0.8, 1.6]
"""

from mxnet import autograd, nd

from _glue import glue


def gradient(f, change_x_first=False):
    x = nd.array([0, 1, 2])
    x.attach_grad()
    with autograd.record():
        loss = f(x)
    if change_x_first:
        x[:] = 10  # between forward and backward: no error, and backward reads the new x
    loss.backward()
    return x.grad.asnumpy().tolist()


if __name__ == "__main__":
    x = nd.array([0, 1, 2])
    x.attach_grad()
    try:
        with autograd.record():
            y = x * 2
            y += 1
    except Exception as error:  # mxnet.base.MXNetError
        print("y += 1 inside record():", str(error).splitlines()[-1].split("): ", 1)[-1].split(". ")[0])
    right, changed = gradient(lambda x: (x * x).sum()), gradient(lambda x: (x * x).sum(), change_x_first=True)
    print("gradient of sum(x²) at x = [0, 1, 2]:", right, " with x[:] = 10 before backward():", changed)
    glue("grad_right", str([round(g) for g in right]))
    glue("grad_changed", str([round(g) for g in changed]))
