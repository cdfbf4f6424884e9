#!/usr/bin/env python
"""Benchmark of the public pages, served as in production, under a bounded concurrent load on loopback.

    .venv/bin/python bench/pages.py [--clients 8] [--requests 400] [--seconds 20] [--workdir DIR]

It builds a site in a work folder (demo content plus 10,000 generated records:
4,000 communiqués and 6,000 deliberations), serves it with gunicorn and the
production profile (static files by WhiteNoise, the page cache in a shared file
cache), then, page after page, sends `--requests` GET requests from `--clients`
concurrent clients (keep-alive connections on 127.0.0.1; each page stops after
`--seconds` at the latest) and prints requests per second, p50 and p95. The
targets: home, news list and a communiqué at p95 under 50 ms with 8 clients.
A work folder given with --workdir is reused on the next run (no regeneration).
"""

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
TARGET_P95_MS = 50
TARGETED = ("accueil", "actualites", "communique")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(workdir):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "erbm_cms.settings.production",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "CACHE_DIR": str(workdir / "cache"),
    }


def prepare(workdir, env):
    ready = workdir / "ready"
    if ready.exists():
        return
    def manage(*args):
        print("manage.py", " ".join(args), flush=True)
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)
    manage("migrate", "--noinput", "-v0")
    manage("load_demo")
    manage("generate_sample_records", "--communiques", "4000", "--deliberations", "6000")
    manage("collectstatic", "--noinput", "-v0")
    ready.touch()


def load(port, path, clients, total, seconds):
    """Latencies (s) of `total` GET requests spread over `clients` threads, within `seconds`."""
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds
    counter = iter(range(total))

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < deadline:
            with lock:
                if next(counter, None) is None:
                    break
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException) as error:
                ok, response = False, error
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            elapsed = time.perf_counter() - started
            with lock:
                (latencies if ok else errors).append(elapsed)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - started


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--workdir")
    args = parser.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="erbm-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = environment(workdir)
    prepare(workdir, env)

    print(f"site: demo + 10,000 generated records; gunicorn, {args.workers} workers; "
          f"{args.clients} clients, {args.requests} requests per page (at most {args.seconds:g} s)")
    cached = measure(env, args, PAGES)
    uncached = measure({**env, "PAGE_CACHE_SECONDS": "0"}, args, {name: PAGES[name] for name in TARGETED}, label="sans cache de pages")
    print("side by side, p95 without / with the page cache:")
    for name in TARGETED:
        if name in cached and name in uncached:
            print(f"  {name:12} {uncached[name]:7.1f} ms / {cached[name]:5.1f} ms  ratio {uncached[name] / cached[name]:.1f}")
    print(f"work folder (reuse with --workdir): {workdir}")


PAGES = {
    "accueil": "/", "actualites": "/actualites/", "communique": "/actualites/visite-premier-ministre-pecquencourt-douai/",
    "actualites-page-200": "/actualites/?page=200", "engagement": "/engagement/",
    "deliberations": "/deliberations/", "partenaire": "/deliberations/douaisis-agglo/",
    "recherche": "/recherche/?q=logement", "api-recherche": "/api/recherche/?q=logement",
}


def measure(env, args, pages, label="avec cache de pages"):
    """Serve the site with gunicorn and load each page; returns {page: p95 in ms}."""
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "erbm_cms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
         "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )
    results = {}
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        print(f"-- {label}")
        print(f"{'page':22} {'req':>5} {'err':>4} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
        for name, path in pages.items():
            load(port, path, 2, 10, 10)  # warm up: the page cache and each worker's imports
            latencies, errors, elapsed = load(port, path, args.clients, args.requests, args.seconds)
            if not latencies:
                print(f"{name:22} no successful request ({len(errors)} errors)")
                continue
            p50, p95 = percentile(latencies, 0.50) * 1000, percentile(latencies, 0.95) * 1000
            results[name] = p95
            verdict = ("  objectif p95 < 50 ms : " + ("atteint" if p95 < TARGET_P95_MS else "MANQUÉ")) if name in TARGETED else ""
            print(f"{name:22} {len(latencies):5d} {len(errors):4d} {len(latencies) / elapsed:8.1f} {p50:8.1f} {p95:8.1f}{verdict}")
    finally:
        server.terminate()
        server.wait(timeout=20)
    return results


if __name__ == "__main__":
    main()
