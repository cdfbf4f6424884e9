"""Browser tests: a real server on loopback with the demo site, driven by Playwright in Debian's chromium.

The server runs in its own process on its own SQLite database (built by
`migrate` and `load_demo`), so the browser sees exactly what a visitor would.
Chromium is never downloaded: the tests use /usr/bin/chromium (or $CHROMIUM)
and are skipped, with the reason, where it is not installed.
"""

import base64
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
ADMIN_PASSWORD = "mot-de-passe-navigateur-2026"
PARTNER_EMAIL = "greffe@douaisis-agglo.example"
PARTNER_PASSWORD = "mot-de-passe-greffe-2026"
IMPORT_CLERK = "import@douaisis-agglo.example"
REVIEWER = "validation"
EDITOR = "redaction"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - listed in requirements.txt
    sync_playwright = None


def skip_reason():
    if sync_playwright is None:
        return "playwright is not installed"
    if not Path(CHROMIUM).exists():
        return f"chromium is not installed ({CHROMIUM}); install Debian's package: apt-get install chromium"
    return None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The base URL of a demo site served on loopback for the whole session."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("browser-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "erbm_cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "ADMIN_PASSWORD": ADMIN_PASSWORD,
        "DEBUG": "false",  # the real 404 and 500 pages; static files come from runserver --insecure
        "IMPORT_ROOT": str(folder / "imports"),
    }
    env.pop("ELASTICSEARCH_URL", None)

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, timeout=600)

    manage("migrate", "--noinput")
    manage("load_demo")
    manage("ensure_admin")
    manage("createpartneruser", PARTNER_EMAIL, "douaisis-agglo", "--password", PARTNER_PASSWORD)
    manage("createpartneruser", IMPORT_CLERK, "douaisis-agglo", "--password", PARTNER_PASSWORD)
    manage("shell", "-c", (
        "from django.contrib.auth.models import Group, User; "
        f"u = User.objects.create_user('{REVIEWER}', password='{ADMIN_PASSWORD}'); "
        "u.groups.add(Group.objects.get(name='Délégation — validation')); "
        f"e = User.objects.create_user('{EDITOR}', password='{ADMIN_PASSWORD}'); "
        "e.groups.add(Group.objects.get(name='Délégation — rédaction'))"
    ))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("the test server did not start")
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(site):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# The authenticator app of each account enrolled in the session: username -> [secret key, last time step used].
AUTHENTICATORS = {}
TOTP_STEP = 30


def authenticator_code(username):
    """The code an authenticator app shows, never one the server has already accepted (each works once)."""
    from django_otp.oath import hotp

    key, last_step = AUTHENTICATORS[username]
    step = int(time.time()) // TOTP_STEP
    if last_step >= step + 1:  # two sign-ins in one step already: wait for the next
        time.sleep(TOTP_STEP - time.time() % TOTP_STEP + 0.5)
        step = int(time.time()) // TOTP_STEP
    step = max(step, last_step + 1)  # the server accepts the next step's code too
    AUTHENTICATORS[username][1] = step
    return f"{hotp(key, step):06d}"


def enrol(page, username):
    """On the enrolment page: the key into the authenticator app, its first code, then past the recovery codes."""
    secret = page.inner_text("#cle-secrete").replace(" ", "")
    AUTHENTICATORS[username] = [base64.b32decode(secret), 0]
    page.fill("input[name=code]", authenticator_code(username))
    page.locator("form:has(input[name=code]) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/double-authentification/codes-de-secours/"))
    page.get_by_role("link", name="J'ai conservé mes codes : continuer").click()


def sign_in(page, site, username, password):
    """Password, then the second factor: enrolment on the first sign-in of an account that needs one."""
    page.goto(f"{site}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/admin/login/" not in url)
    if "/double-authentification/activer/" in page.url:
        enrol(page, username)
    elif "/double-authentification/verifier/" in page.url:
        page.fill("input[name=code]", authenticator_code(username))
        page.locator("form:has(input[name=code]) button[type=submit]").click()
    page.wait_for_url(f"{site}/admin/")
