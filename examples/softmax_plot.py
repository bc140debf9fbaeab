"""How softmax turns logits into probabilities
============================================

Three classes; the logit o₁ of class 1 sweeps from -6 to 6 while the other two stay at o₂ = 0
and o₃ = 1. The probabilities always sum to 1, and class 1 takes over as its logit grows:

>>> o1, y_hat = probabilities_over_logit()
>>> y_hat.shape
(121, 3)
>>> bool(abs(y_hat.sum(axis=1) - 1).max() < 1e-6)
True
>>> int(y_hat[0].argmax()) + 1, int(y_hat[-1].argmax()) + 1  # the most likely class at o₁ = -6, 6
(3, 1)

Where the logit of class 1 equals that of class 3 (o₁ = 1), their probabilities are equal:

>>> i = int((o1 == 1).argmax())
>>> round(float(y_hat[i, 0]), 4) == round(float(y_hat[i, 2]), 4)
True

A smaller logit gives a smaller probability, but never a negative one, and its probability is
only small, not 0: at o₁ = -6 class 1 still gets about 7e-4:

>>> round(float(y_hat[0, 0]), 4)
0.0007
"""

import matplotlib.pyplot as plt
import numpy as np
from mxnet import nd

from _glue import glue


def probabilities_over_logit():
    o1 = np.round(np.linspace(-6, 6, 121), 2)
    logits = np.stack([o1, np.zeros_like(o1), np.ones_like(o1)], axis=1)
    y_hat = nd.softmax(nd.array(logits), axis=1).asnumpy()
    return o1, y_hat


if __name__ == "__main__":
    o1, y_hat = probabilities_over_logit()
    fig, ax = plt.subplots(figsize=(6, 3.5))
    for k, label in enumerate(["class 1: $o_1$", "class 2: $o_2 = 0$", "class 3: $o_3 = 1$"]):
        ax.plot(o1, y_hat[:, k], label=label)
    ax.set_xlabel("logit $o_1$ of class 1")
    ax.set_ylabel(r"softmax probability $\hat{y}_j$")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    print("o1 = -6: y_hat =", y_hat[0].round(4))
    print("o1 =  6: y_hat =", y_hat[-1].round(4))
    glue("p_at_minus_6", float(y_hat[0, 0]))
    plt.show()
