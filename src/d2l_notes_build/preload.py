"""The last module the pool's forkserver imports, after the heavy modules the examples use.

``gc.freeze()`` moves everything those imports made out of the garbage collector's reach: a full
collection in an example (Gluon's DataLoader runs one whenever it is created) then skips tens of
thousands of module objects, 0.25-0.4 s each time, and the forked children share those pages with
the server instead of touching them.
"""

import gc

gc.freeze()
