"""CSV files the site writes, safe to open in a spreadsheet (OWASP « CSV injection »).

A cell that a spreadsheet would read as a formula — one starting with =, +, -, @, a tab or
a carriage return, also after leading spaces, or with their full-width forms — is written
with a leading apostrophe, which spreadsheets take as « this is text ». `restore` undoes it
when such a file is imported again.
"""

import csv

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
NEUTRALISER = "'"


def is_formula_like(value):
    return value.startswith(FORMULA_TRIGGERS) or value.lstrip().startswith(FORMULA_TRIGGERS)


def neutralise(value):
    text = "" if value is None else str(value)
    # A value already starting with apostrophes before a formula gets one more, so that `restore` is exact.
    return NEUTRALISER + text if is_formula_like(text.lstrip(NEUTRALISER)) else text


def restore(value):
    """The cell as it was before `neutralise`."""
    if value.startswith(NEUTRALISER) and is_formula_like(value.lstrip(NEUTRALISER)):
        return value[1:]
    return value


class SafeDictWriter(csv.DictWriter):
    """csv.DictWriter whose every cell goes through `neutralise`."""

    def _dict_to_list(self, rowdict):
        return [neutralise(value) for value in super()._dict_to_list(rowdict)]
