"""In-place updates and autograd: refused while recording, trusted between forward and backward
============================================================================================

The backward pass reuses the arrays that the forward pass read. Inside ``autograd.record()``
MXNet therefore refuses any in-place write (``+=``, ``[:] =``, ``out=``) to an array that is
already part of the recorded computation, whether it is a result or the variable itself:

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

Rebinding the name is fine (``y + 1`` is a new array), and so is filling a fresh array before
the recorded computation reads it:

>>> gradient_with_rebinding()      # d/dx of sum((2x + 1)^2) is 4(2x + 1)
[4.0, 12.0, 20.0]
>>> gradient_with_fresh_array()    # d/dx of sum(x * c) with c filled with 1s is 1
[1.0, 1.0, 1.0]

The check only runs while recording. Change an input in place *after* the forward pass and
before ``backward()``, and there is no error: the gradient is silently computed from the new
values. For y = sum(x²) at x = [0, 1, 2] the gradient is 2x = [0, 2, 4]:

>>> gradient_of_square(change_x_before_backward=False)
[0.0, 2.0, 4.0]
>>> gradient_of_square(change_x_before_backward=True)   # x[:] = 10 between forward and backward
[20.0, 20.0, 20.0]

So D2L updates the parameters in place only after ``backward()`` and outside ``record()``:

>>> sgd_after_backward(lr=0.1)     # x - 0.1 * 2x
[0.0, 0.8, 1.6]
"""

from mxnet import autograd, nd

from _glue import glue


def gradient_with_rebinding():
    x = nd.array([0, 1, 2])
    x.attach_grad()
    with autograd.record():
        y = x * 2
        y = y + 1  # a new array; the recorded one is untouched
        loss = (y * y).sum()
    loss.backward()
    return x.grad.asnumpy().tolist()


def gradient_with_fresh_array():
    x = nd.array([0, 1, 2])
    x.attach_grad()
    with autograd.record():
        c = nd.zeros(3)
        c[:] = 1  # c is not in the graph yet, so this is allowed
        loss = (x * c).sum()
    loss.backward()
    return x.grad.asnumpy().tolist()


def gradient_of_square(change_x_before_backward):
    x = nd.array([0, 1, 2])
    x.attach_grad()
    with autograd.record():
        loss = (x * x).sum()
    if change_x_before_backward:
        x[:] = 10  # outside record(): no check, and backward reads x again
    loss.backward()
    return x.grad.asnumpy().tolist()


def sgd_after_backward(lr):
    x = nd.array([0, 1, 2])
    x.attach_grad()
    with autograd.record():
        loss = (x * x).sum()
    loss.backward()
    x[:] = x - lr * x.grad  # the graph has been used; updating in place is safe now
    return [round(v, 6) for v in x.asnumpy().tolist()]


if __name__ == "__main__":
    x = nd.array([0, 1, 2])
    x.attach_grad()
    try:
        with autograd.record():
            y = x * 2
            y += 1
    except Exception as error:  # mxnet.base.MXNetError
        message = str(error).splitlines()[-1].split("): ", 1)[-1]
        print("y += 1 inside record():", type(error).__name__)
        print("   ", message.split(". ")[0] + ".")
    print("y = y + 1 inside record(), gradient:", gradient_with_rebinding())
    right, changed = gradient_of_square(False), gradient_of_square(True)
    print("gradient of sum(x^2) at x = [0, 1, 2]:          ", right)
    print("same, x[:] = 10 between forward and backward:", changed)
    glue("grad_right", str([round(g) for g in right]))
    glue("grad_changed", str([round(g) for g in changed]))
    print("SGD step in place after backward():", sgd_after_backward(lr=0.1))
