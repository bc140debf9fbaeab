"""Hand a value computed by an example to the prose of the page that embeds it.

``glue("p_true", p)`` records ``p`` under the name ``p_true``; the page then writes
``{{ example_name.p_true }}`` (or ``{{ example_name.p_true:.3f }}``) where the number belongs, so
the number in the text is the one this run computed. Run on its own, an example just returns the
value: gluing prints nothing and changes nothing.
"""

GLUED = {}


def glue(name, value):
    """Record ``value`` (a number or a short string) under ``name``; return it unchanged."""
    if not name.isidentifier():
        raise ValueError(f"glue name {name!r} is not an identifier")
    GLUED[name] = value
    return value
