"""Writes that wait their turn: SQLite allows one writer at a time."""

import functools
import logging
import time

from django.db import OperationalError, connection

logger = logging.getLogger(__name__)

ATTEMPTS = 5


def retry_when_locked(function):
    """Run `function` again (up to 5 times, waiting longer each time) when SQLite answers « database is locked ».

    The busy timeout already makes a writer wait; this covers what is left (a
    lock held longer than the timeout). Inside a transaction nothing is retried:
    the whole transaction has to start again, which is its caller's business.
    """

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return function(*args, **kwargs)
            except OperationalError as error:
                if "locked" not in str(error) or attempt == ATTEMPTS or connection.in_atomic_block:
                    raise
                logger.warning("database locked, attempt %s of %s: %s", attempt, ATTEMPTS, function.__qualname__)
                time.sleep(0.2 * 2 ** attempt)

    return wrapper
