"""The dates of records: a record that happened cannot be dated after today."""

from django.utils import timezone


def in_the_future(day):
    """Whether `day` falls after today in the site's time zone (None is not)."""
    return day is not None and day > timezone.localdate()
