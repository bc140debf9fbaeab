"""Generators: a function with yield runs only when asked
========================================================

Calling a function that contains ``yield`` does not run its body; it returns a generator.
Each ``next()`` runs the body up to the next ``yield``, hands out that value and pauses there;
when the body ends, ``next()`` raises StopIteration:

>>> f = func()
>>> type(f).__name__
'generator'
>>> next(f)
0
>>> next(f)
1
>>> next(f)
2
>>> next(f)
Traceback (most recent call last):
    ...
StopIteration

Recording events shows the pauses: nothing happens at the call, and each ``next()`` resumes
right after the ``yield`` where the previous one stopped:

>>> events = []
>>> g = traced(events)
>>> events
[]
>>> next(g)
0
>>> events
['start', 'yield 0']
>>> next(g)
1
>>> events
['start', 'yield 0', 'resume after 0', 'yield 1']

A generator is its own iterator, so a ``for`` loop can use it directly: the loop calls ``next()``
for us and stops quietly at StopIteration. A generator is used up after one pass, which is why
D2L calls ``data_iter(...)`` afresh in every epoch:

>>> f = func()
>>> iter(f) is f
True
>>> [i for i in f]
[0, 1, 2]
>>> list(f)
[]

D2L's ``data_iter`` is a generator too: it cuts the next minibatch only when the loop asks for it,
so leaving the loop early means the remaining batches are never built:

>>> events = []
>>> for X in data_iter(batch_size=4, features=list(range(10)), events=events):
...     break
>>> events
['batch 0:4']
"""

from _glue import glue


def func():
    for i in range(0, 3):
        yield i


def traced(events):
    events.append("start")
    for i in range(0, 3):
        events.append(f"yield {i}")
        yield i
        events.append(f"resume after {i}")
    events.append("end")


def data_iter(batch_size, features, events):
    # D2L's data_iter cut down (no labels, no shuffling), recording each batch it builds.
    for i in range(0, len(features), batch_size):
        j = min(i + batch_size, len(features))
        events.append(f"batch {i}:{j}")
        yield features[i:j]


if __name__ == "__main__":
    f = func()
    values = []
    while True:
        try:
            values.append(next(f))
        except StopIteration:
            print(f"call {len(values) + 1} of next(f): StopIteration, the generator is exhausted")
            break
        print(f"call {len(values)} of next(f):", values[-1])
    for i, value in enumerate(values):
        glue(f"value_{i}", value)
    glue("stop_call", len(values) + 1)

    events = []
    for value in traced(events):
        events.append(f"loop body got {value}")
    print("\n".join(events))

    events = []
    print([batch for batch in data_iter(4, list(range(10)), events)])
    print(events)
