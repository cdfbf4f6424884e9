"""Background work yields the processor to the site's visitors.

On a small server the task worker and the bulk commands compete with the web
server for the same cores: run at a lower scheduling priority (BACKGROUND_NICENESS,
a `nice` value), they take the time the pages and searches leave and no more.
"""

import os

from django.conf import settings


def yield_to_visitors():
    """Lower this process's priority to BACKGROUND_NICENESS; never raises it."""
    current = os.nice(0)
    if settings.BACKGROUND_NICENESS > current:
        os.nice(settings.BACKGROUND_NICENESS - current)


class BackgroundCommand:
    """A management command that, run from the command line, yields to the site's visitors
    (called from code, with call_command, it leaves its caller's priority alone)."""

    def run_from_argv(self, argv):
        yield_to_visitors()
        return super().run_from_argv(argv)
