"""The task worker and the bulk commands leave the processor to the site's visitors first."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import contextlib, io, os, sys
import django
django.setup()
from django.core.management import load_command_class
command = load_command_class(sys.argv[1], sys.argv[2])
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    command.run_from_argv(["manage.py", sys.argv[2], "--help"])
print(os.nice(0))
"""


@pytest.mark.parametrize("app, name", [
    ("erbm_cms.imports", "db_worker"),
    ("erbm_cms.deliberations", "import_deliberations"),
    ("erbm_cms.documents", "import_documents"),
    ("erbm_cms.documents", "extract_pending"),
    ("erbm_cms.documents", "ocr_documents"),
])
def test_background_commands_run_below_the_web_server(app, name):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "erbm_cms.settings.test", "BACKGROUND_NICENESS": "7"}
    output = subprocess.run([sys.executable, "-c", PROBE, app, name], cwd=ROOT, env=env, capture_output=True,
                            text=True, check=True).stdout
    assert int(output.split()[-1]) == max(7, os.nice(0))


@pytest.mark.django_db
def test_a_command_called_from_code_leaves_its_caller_priority_alone():
    from django.core.management import call_command

    before = os.nice(0)
    call_command("extract_pending", verbosity=0)
    assert os.nice(0) == before
