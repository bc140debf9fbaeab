"""What the pool's forkserver imports once, before it forks a process for each example.

``gc.freeze()`` at the end moves everything these imports made out of the garbage collector's
reach: a full collection in an example (Gluon's DataLoader runs one whenever it is created) then
skips tens of thousands of module objects, 0.25-0.4 s each time, and the forked children share
those pages with the server instead of touching them.
"""

import gc
import importlib.util

import matplotlib.pyplot  # noqa: F401
import mxnet  # noqa: F401
import numpy  # noqa: F401

if importlib.util.find_spec("sklearn"):
    import sklearn.datasets  # noqa: F401  (the digits that stand in for Fashion-MNIST)

gc.freeze()
