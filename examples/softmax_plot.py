"""How softmax turns logits into probabilities
============================================

Three classes; the logit of class 0 sweeps from -6 to 6 while the other two stay at 0 and 1.
The probabilities always sum to 1, and class 0 takes over as its logit grows:

>>> z, p = probabilities_over_logit()
>>> p.shape
(121, 3)
>>> bool(abs(p.sum(axis=1) - 1).max() < 1e-6)
True
>>> p[0].argmax(), p[-1].argmax()
(2, 0)

Where the logit of class 0 equals that of class 2 (z = 1), their probabilities are equal:

>>> i = int((z == 1).argmax())
>>> round(float(p[i, 0]), 4) == round(float(p[i, 2]), 4)
True
"""

import matplotlib.pyplot as plt
import numpy as np
from mxnet import nd


def probabilities_over_logit():
    z = np.round(np.linspace(-6, 6, 121), 2)
    logits = np.stack([z, np.zeros_like(z), np.ones_like(z)], axis=1)
    p = nd.softmax(nd.array(logits), axis=1).asnumpy()
    return z, p


if __name__ == "__main__":
    z, p = probabilities_over_logit()
    fig, ax = plt.subplots(figsize=(6, 3.5))
    for k, label in enumerate(["class 0: logit z", "class 1: logit 0", "class 2: logit 1"]):
        ax.plot(z, p[:, k], label=label)
    ax.set_xlabel("logit z of class 0")
    ax.set_ylabel("softmax probability")
    ax.legend()
    ax.grid(alpha=0.3)
    print("z = -6:", p[0].round(4))
    print("z =  6:", p[-1].round(4))
    plt.show()
