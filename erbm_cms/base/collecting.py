"""A block during which work that would be queued one item at a time is collected instead."""

from contextlib import contextmanager


@contextmanager
def collecting(variable):
    """Set the context variable to a fresh list for the block and yield it; the caller appends to it."""
    pending = []
    token = variable.set(pending)
    try:
        yield pending
    finally:
        variable.reset(token)
