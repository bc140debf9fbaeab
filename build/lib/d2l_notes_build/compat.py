"""Let MXNet 1.9.1 import on NumPy 1.24+ (Python 3.12 needs NumPy 1.26), without touching examples.

MXNet 1.9.1, the last release, still reads ``numpy.bool`` when it is imported; NumPy 1.24 removed
that alias (apache/mxnet issue 21165, fixed on master, never released). ``make`` puts a ``.pth``
file in the virtual environment that imports this module at interpreter start-up; it waits for
the first ``import mxnet`` and restores the alias just before, so ``python examples/x.py`` works
as it is. With NumPy 1.23 (Python 3.10, 3.11) the alias exists and nothing changes.
"""

import sys


class _RestoreNumpyBool:
    def find_spec(self, name, path=None, target=None):
        if name == "mxnet":
            sys.meta_path.remove(self)
            import warnings

            import numpy

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # NumPy 1.23 warns that the alias is deprecated
                if not hasattr(numpy, "bool"):
                    numpy.bool = bool
        return None  # the normal import machinery finds mxnet itself


if not any(isinstance(finder, _RestoreNumpyBool) for finder in sys.meta_path):
    sys.meta_path.insert(0, _RestoreNumpyBool())
