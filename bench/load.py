#!/usr/bin/env python
"""Mixed load on the production server: readers and searchers, an editor publishing, a bulk import, at once.

    .venv/bin/python bench/load.py --workdir DIR [--seconds 60] [--clients 8] [--import-rows 100]
                                   [--records N] [--engine sqlite|postgresql|elasticsearch] [--database-url URL]
                                   [--elasticsearch-url URL] [--workers N] [--threads N]

DIR is a site prepared by `bench/search.py --engine ENGINE --workdir DIR` (the
demo content and a generated archive, indexed; prepared here with --records
when it is not; with PostgreSQL the database is --database-url, with Elasticsearch the
cluster is --elasticsearch-url). The site is
served by gunicorn (production profile, the project's gunicorn.conf.py unless
--workers or --threads say otherwise) with one `manage.py db_worker` for the
background tasks; each address is requested twice first (one after the other), then, for --seconds:

- `--clients` readers loop over pages (home, news, deliberations) and
  searches (the search page and the API, queries of bench/search.py);
- a publisher publishes a new communiqué every second (Wagtail's publish:
  page cache emptied, search index updated through the task queue);
- `manage.py import_deliberations` imports a CSV of --import-rows
  deliberations with their PDF acts (made beforehand in DIR/import).

It prints the load average at the start and the end; per kind, the count,
requests per second, p50 and p95; the import's outcome; the background tasks
queued during the run (done, failed, still waiting once the server and the
worker have stopped); and the errors (HTTP errors, failed publications, import rows in error, failed
background tasks), which must be 0. The last line is `errors: N`.
"""

import argparse
import http.client
import importlib.util
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from datetime import UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

_spec = importlib.util.spec_from_file_location("bench_search", Path(__file__).with_name("search.py"))
bench_search = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_search)

PAGES = ["/", "/actualites/", "/deliberations/", "/deliberations/douaisis-agglo/", "/engagement/"]


def reader_paths():
    paths = list(PAGES)
    for params in bench_search.QUERIES[:20]:
        query = urllib.parse.urlencode(params)
        paths += [f"/recherche/?{query}", f"/api/recherche/?{query}"]
    return paths


def readers(port, clients, seconds):
    """{kind: [latency s]}, errors of `clients` threads looping over the pages and searches."""
    results, errors, lock = {"page": [], "search": []}, [], threading.Lock()
    deadline = time.monotonic() + seconds
    paths = reader_paths()

    def client(offset):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        index = offset
        while time.monotonic() < deadline:
            path = paths[index % len(paths)]
            index += 1
            kind = "search" if "recherche" in path else "page"
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                failure = None if response.status == 200 else f"HTTP {response.status}"
            except (OSError, http.client.HTTPException) as error:
                failure = str(error)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                if failure:
                    errors.append((path, failure))
                else:
                    results[kind].append(elapsed)
        connection.close()

    threads = [threading.Thread(target=client, args=(n * 7,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def warm_up(port, rounds=2):
    """Each path a few times first, so that every worker has loaded its templates and opened its database;
    the errors met (counted with the others)."""
    errors = []
    for path in reader_paths() * rounds:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60).read()
        except OSError as error:
            errors.append((path, f"warm-up: {error}"))
    return errors


def inside(args, env, *task):
    return subprocess.Popen([PYTHON, __file__, "--inside", *task], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)


def answer(process):
    output, _ = process.communicate()
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir")
    parser.add_argument("--records", type=int, default=10_000, help="archive size: the site of DIR prepared with it (here, if not yet)")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--import-rows", type=int, default=100)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py)")
    parser.add_argument("--threads", type=int, help="threads per gunicorn worker (default: gunicorn.conf.py)")
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "elasticsearch"], default="sqlite")
    parser.add_argument("--database-url", default="postgres://postgres:postgres@127.0.0.1:5432/erbm_bench_search")
    parser.add_argument("--elasticsearch-url", default="http://127.0.0.1:9200")
    parser.add_argument("--inside", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        return main_inside(*args.inside)
    if not args.workdir:
        parser.error("--workdir is required")
    workdir = Path(args.workdir)
    if not (workdir / f"ready-{args.engine}-{args.records}").exists():
        subprocess.run([PYTHON, str(Path(__file__).with_name("search.py")), "--records", str(args.records),
                        "--engine", args.engine, "--database-url", args.database_url,
                        "--elasticsearch-url", args.elasticsearch_url, "--workdir", str(workdir), "--prepare-only"],
                       check=True)
    env = bench_search.environment(args, workdir)
    # A site prepared by an earlier version of the code: brought up to its schema first.
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    batch = workdir / "import" / str(int(time.time()))
    answer(inside(args, env, "make-import", str(batch), str(args.import_rows)))

    port = bench_search.free_port()
    serving = [f"--{name}={value}" for name, value in (("workers", args.workers), ("threads", args.threads)) if value]
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "erbm_cms.wsgi", "--bind", f"127.0.0.1:{port}", *serving, "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )
    worker = subprocess.Popen([PYTHON, "manage.py", "db_worker"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started_at = time.time()
    try:
        bench_search.wait_for(port)
        warm_up_errors = warm_up(port)
        print(f"load average: {' '.join(f'{v:.1f}' for v in os.getloadavg())} ({os.cpu_count()} cores); "
              f"{args.clients} readers, 1 publisher, 1 import of {args.import_rows} rows, {args.seconds:g} s, "
              f"gunicorn {' '.join(serving) or '(gunicorn.conf.py)'}, {args.engine}, {args.records:,} records", flush=True)
        publisher = inside(args, env, "publish", str(args.seconds))
        import_started = time.perf_counter()
        importer = subprocess.Popen(
            [PYTHON, "manage.py", "import_deliberations", str(batch / "deliberations.csv"), "--files", str(batch)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        results, errors = readers(port, args.clients, args.seconds)
        errors = warm_up_errors + errors
        import_output, _ = importer.communicate()
        import_seconds = time.perf_counter() - import_started
        published = answer(publisher)
    finally:
        server.terminate()
        worker.terminate()
        server.wait(timeout=30)
        worker.wait(timeout=30)
    tasks = answer(inside(args, env, "task-failures", str(started_at)))

    rows = [line for line in import_output.splitlines() if line.startswith("ligne")]
    import_errors = [line for line in rows if " : erreur" in line]
    imported = sum(1 for line in rows if " : créée" in line)
    if importer.returncode != 0:
        import_errors.append(f"exit code {importer.returncode}: {import_output.strip().splitlines()[-1:]}")

    print(f"{'kind':10} {'n':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for kind, latencies in [*results.items(), ("publish", published["latencies"])]:
        if latencies:
            print(f"{kind:10} {len(latencies):6d} {len(latencies) / args.seconds:7.1f} "
                  f"{bench_search.percentile(latencies, 0.5) * 1000:8.1f} {bench_search.percentile(latencies, 0.95) * 1000:8.1f}")
    print(f"import     {imported} rows imported of {args.import_rows} in {import_seconds:.1f} s (exit code {importer.returncode})")
    print(f"background tasks queued during the run: {tasks['done']} done, {tasks['failed']} failed, "
          f"{tasks['waiting']} still waiting when the run ended")
    for path, error in errors[:5]:
        print(f"reader error: {path}: {error}")
    for error in published["errors"][:5]:
        print(f"publish error: {error}")
    for line in import_errors[:5]:
        print(f"import error: {line}")
    total = len(errors) + len(published["errors"]) + len(import_errors) + tasks["failed"]
    print(f"readers: {sum(map(len, results.values())) / args.seconds:.1f} req/s in all")
    print(f"load average at the end: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    print(f"errors: {total}")


# Tasks run inside Django (`bench/load.py --inside TASK ...`), printing one JSON line.

def main_inside(task, *values):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    print(json.dumps({"make-import": make_import, "publish": publish, "task-failures": task_failures}[task](*values)))


def make_import(folder, rows):
    """A SCDL CSV of `rows` deliberations and their PDF acts, in `folder`."""
    import csv
    import random

    from erbm_cms.deliberations.scdl import COLUMNS
    from erbm_cms.demo.archive_text import SUBJECTS, ArchiveText
    from erbm_cms.demo.pdf import render_pdf
    from erbm_cms.partners.models import Partner

    folder = Path(folder)
    folder.mkdir(parents=True)
    partners = list(Partner.objects.order_by("pk"))
    text, rng = ArchiveText(int(folder.name)), random.Random(int(folder.name))
    with open(folder / "deliberations.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter=";")
        writer.writeheader()
        for n in range(int(rows)):
            subject = rng.choice(SUBJECTS)
            identifier = f"CHARGE-{folder.name}-{n}"
            summary, pages = text.deliberation(subject, 2024, rng.randint(300, 1200))
            sections = []
            for index, page in enumerate(pages):
                if index:
                    sections.append(("\f", []))
                sections.append(("", [page]))
            (folder / f"{identifier}.pdf").write_bytes(render_pdf(f"Délibération {identifier}", sections))
            writer.writerow({
                "COLL_NOM": partners[n % len(partners)].name, "DELIB_ID": identifier, "DELIB_DATE": "2024-06-15",
                "DELIB_MATIERE_CODE": "8.5", "DELIB_MATIERE_NOM": "Politique de la ville - habitat - logement",
                "DELIB_OBJET": f"Délibération de charge n° {n} : {subject}",
            })
    return {"rows": int(rows)}


def publish(seconds):
    """Publish a new communiqué every second for `seconds`; latencies and errors."""
    import datetime

    from erbm_cms.news.models import CommuniquePage, NewsIndexPage

    news = NewsIndexPage.objects.get()
    latencies, errors = [], []
    deadline = time.monotonic() + float(seconds)
    stamp = int(time.time())
    n = 0
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            page = CommuniquePage(
                title=f"Communiqué de charge {stamp}-{n}", slug=f"communique-charge-{stamp}-{n}",
                date=datetime.date.today(), kind="communique", lead="Communiqué publié pendant la mesure de charge.",
            )
            news.add_child(instance=page)
            page.save_revision().publish()
            latencies.append(time.perf_counter() - started)
        except Exception as error:  # noqa: BLE001 - every failure is counted and shown
            errors.append(f"{type(error).__name__}: {error}")
        n += 1
        time.sleep(max(0.0, 1.0 - (time.perf_counter() - started)))
    return {"latencies": latencies, "errors": errors}


def task_failures(since):
    from datetime import datetime

    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    results = DBTaskResult.objects.filter(enqueued_at__gte=datetime.fromtimestamp(float(since), UTC))
    return {"done": results.filter(status=TaskResultStatus.SUCCESSFUL).count(),
            "failed": results.filter(status=TaskResultStatus.FAILED).count(),
            "waiting": results.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).count()}


if __name__ == "__main__":
    main()
