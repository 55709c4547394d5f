"""The trivial op the reference workers run: the same as taskqueue's `uppercase`."""


def uppercase(data):
    """Returns `data` in upper case."""
    return data.upper()
