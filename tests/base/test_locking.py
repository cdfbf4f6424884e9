"""A write that meets « database is locked » waits and tries again instead of failing the import or the index."""

import pytest
from django.db import OperationalError

from erbm_cms.base import locking


def test_a_locked_database_is_retried_until_the_write_goes_through(monkeypatch):
    monkeypatch.setattr(locking.time, "sleep", lambda seconds: None)
    attempts = []

    @locking.retry_when_locked
    def write():
        attempts.append(1)
        if len(attempts) < 3:
            raise OperationalError("database is locked")
        return "written"

    assert write() == "written" and len(attempts) == 3


def test_other_database_errors_and_endless_locks_are_not_hidden(monkeypatch):
    monkeypatch.setattr(locking.time, "sleep", lambda seconds: None)

    @locking.retry_when_locked
    def broken():
        raise OperationalError("no such table: nowhere")

    @locking.retry_when_locked
    def locked():
        raise OperationalError("database is locked")

    with pytest.raises(OperationalError, match="no such table"):
        broken()
    with pytest.raises(OperationalError, match="locked"):
        locked()
