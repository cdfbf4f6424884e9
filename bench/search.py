#!/usr/bin/env python
"""Benchmark of the archive search at the size of a real archive, side by side with Wagtail's stock search.

    .venv/bin/python bench/search.py [--records 10000] [--engine sqlite|postgresql|elasticsearch]
                                     [--workdir DIR] [--repeat 3] [--workers 4] [--prepare-only]
                                     [--database-url URL] [--elasticsearch-url URL]

1. Builds a site in a work folder: the demo content plus N generated records
   (`manage.py generate_archive`: deliberations of the 12 partners over ten
   years, 300 to 3,000 words of French administrative text, mostly PDF pages,
   and communiqués). A work folder given with --workdir is reused.
2. Indexes them with the project's engine (`rebuild_search_index`) and with
   Wagtail's stock database backend (`update_index`): build time (wall and
   CPU), size on disk, peak memory of each process, and the size of the text.
   With --prepare-only it stops there: the site is ready for bench/floor.py and bench/load.py.
3. Serves the site with gunicorn (production profile) and replays 50 fixed
   queries, --repeat times, through the API (facets and highlights included),
   one request at a time; then, in one process on the same database, Wagtail's
   stock `Page.objects.live().public().search(q)` (a results page: count and
   first ten), each query stopped at 10 s and counted at the cap.
4. Prints p50 / p95 / max of both and ends with `p95_ms: X` (the project's)
   and `ratio: Y` (stock p95 / project p95).

The databases: SQLite in the work folder; PostgreSQL in the database named by
--database-url (default postgres://postgres:postgres@127.0.0.1:5432/erbm_bench_search,
dropped and created again); Elasticsearch at --elasticsearch-url under an
alias of its own (the site's database is then SQLite).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from pages import environment as production_environment
from pages import free_port

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
CAP_SECONDS = 10.0

QUERIES = [
    {"q": "conseil communautaire"}, {"q": "budget prévisionnel"}, {"q": "budget previsionnel"},
    {"q": "réhabilitation thermique"}, {"q": "rehabilitation thermique logements"}, {"q": "cités minières"},
    {"q": "cites minieres"}, {"q": "chevalement"}, {"q": "terril"}, {"q": "friche industrielle"},
    {"q": "patrimoine mondial"}, {"q": "logements"}, {"q": '"renouvellement urbain"'},
    {"q": "insertion professionnelle"}, {"q": "mobilité"}, {"q": "géothermie"}, {"q": "cokerie dépollution"},
    {"q": "voie verte cavalier"}, {"q": "subvention d'équipement"}, {"q": "garantie d'emprunt"},
    {"q": "tribunal administratif"}, {"q": "affaissements miniers"}, {"q": "Maisons et Cités"},
    {"q": "étiquette énergétique"}, {"q": "Lens"}, {"q": "Liévin logements"}, {"q": "Oignies"},
    {"q": "terrils jumeaux"}, {"q": "écoconstruction"}, {"q": "contrat de ville"}, {"q": "plan climat"},
    {"q": "transition energetique"}, {"q": "schéma de cohérence territoriale"}, {"q": "accès aux soins"},
    {"q": "associations culturelles"}, {"q": "tarification équipements sportifs"}, {"q": "eaux pluviales"},
    {"q": "trame verte"}, {"q": "fonds de concours écoles"}, {"q": "acquisition foncière"},
    {"q": "logements", "type": "deliberation", "annee": "2019"},
    {"q": "conseil communautaire", "partenaire": "ca-lens-lievin"},
    {"q": "budget", "partenaire": "douaisis-agglo", "annee": "2021"},
    {"q": "réhabilitation", "type": "communique"}, {"q": "friche", "annee": "2017"},
    {"q": "patrimoine minier", "partenaire": "valenciennes-metropole"},
    {"q": "subvention", "type": "deliberation"}, {"q": "mobilite", "annee": "2023"},
    {"q": "cession immobilier"}, {"q": "restauration fosse"},
]
assert len(QUERIES) == 50


def wait_for(port):
    """Wait until the server on `port` answers."""
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"the server on port {port} does not answer")


def stock_environment(env):
    """Wagtail's stock search on its database backend, whatever the project's engine (with ELASTICSEARCH_URL
    the settings would send Wagtail's own search to the cluster)."""
    return {**env, "ELASTICSEARCH_URL": ""}


def environment(args, workdir):
    env = {**production_environment(workdir), "PAGE_CACHE_SECONDS": "0", "ELASTICSEARCH_URL": ""}
    if args.engine == "postgresql":
        env["DATABASE_URL"] = args.database_url
    if args.engine == "elasticsearch":
        env["ELASTICSEARCH_URL"] = args.elasticsearch_url
        env["ELASTICSEARCH_INDEX_PREFIX"] = f"erbm-bench-scale-{args.records}"
    return env


def run_measured(command, env):
    """Run a manage.py command; (wall s, CPU s, peak memory MB) of its process."""
    started = time.perf_counter()
    process = subprocess.Popen([PYTHON, "manage.py", *command], cwd=ROOT, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"manage.py {' '.join(command)} failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def inside(task, env):
    """Run one of this file's in-Django tasks (see `main_inside`); returns its JSON answer."""
    output = subprocess.run([PYTHON, __file__, "--inside", task], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def prepare(args, workdir, env):
    ready = workdir / f"ready-{args.engine}-{args.records}"
    if ready.exists():
        print(f"work folder reused: {workdir}")
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        return json.loads(ready.read_text())
    if args.engine == "postgresql":
        reset_postgresql(args.database_url)
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    print(f"generating {args.records:,} records…", flush=True)
    generate = run_measured(["generate_archive", "--records", str(args.records)], env)
    print("indexing (project: rebuild_search_index)…", flush=True)
    project = run_measured(["rebuild_search_index"], env)
    print("indexing (stock Wagtail: update_index)…", flush=True)
    stock = run_measured(["update_index"], stock_environment(env))
    figures = {"generate": generate, "project": project, "stock": stock, **inside("sizes", env)}
    ready.write_text(json.dumps(figures))
    return figures


def reset_postgresql(url):
    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    import psycopg

    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def replay_api(port, repeat):
    """Latencies (ms) of the 50 queries through the API, `repeat` times; and the errors."""
    latencies, errors = [], []
    for _ in range(repeat):
        for params in QUERIES:
            url = f"http://127.0.0.1:{port}/api/recherche/?{urllib.parse.urlencode(params)}"
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    payload = json.loads(response.read())
                elapsed = (time.perf_counter() - started) * 1000
                if "facets" not in payload or "results" not in payload:
                    errors.append((params, "no facets or results"))
                latencies.append(elapsed)
            except OSError as error:
                errors.append((params, str(error)))
    return latencies, errors


def serve_and_replay(args, env):
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "erbm_cms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
         "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        for _ in range(args.workers * 2):  # warm up each worker's imports
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/recherche/?q=logement", timeout=60).read()
        return replay_api(port, args.repeat)
    finally:
        server.terminate()
        server.wait(timeout=30)


def summary(latencies):
    return percentile(latencies, 0.5), percentile(latencies, 0.95), max(latencies)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "elasticsearch"], default="sqlite")
    parser.add_argument("--workdir")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url", default="postgres://postgres:postgres@127.0.0.1:5432/erbm_bench_search")
    parser.add_argument("--elasticsearch-url", default="http://127.0.0.1:9200")
    parser.add_argument("--prepare-only", action="store_true", help="build and index the site, measure nothing else")
    parser.add_argument("--inside", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        return main_inside(args.inside)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="erbm-bench-search-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = environment(args, workdir)
    figures = prepare(args, workdir, env)
    if args.prepare_only:
        return

    print(f"load average before the queries: {' '.join(f'{v:.1f}' for v in os.getloadavg())} "
          f"({os.cpu_count()} cores)")
    latencies, errors = serve_and_replay(args, env)
    stock = inside("stock", {**stock_environment(env), "BENCH_REPEAT": str(args.repeat)})
    if not latencies:
        sys.exit(f"no successful API request: {errors[:3]}")
    p50, p95, worst = summary(latencies)
    s50, s95, sworst = summary(stock["latencies"])

    mb = 1024 * 1024
    print()
    print(f"records: {figures['records']:,} indexed ({args.records:,} generated), engine: {args.engine}")
    if figures.get("generate") is None:
        print("build figures: not measured in this run (site prepared by an earlier run)")
        figures.update(generate=(0, 0, 0), project=(float("nan"),) * 3, stock=(float("nan"),) * 3)
    print(f"generation: {figures['generate'][0]:.0f} s wall, {figures['generate'][1]:.0f} s CPU")
    print(f"text indexed: {figures['text_bytes'] / mb:.1f} MB")
    print(f"{'':22} {'build wall':>10} {'build CPU':>10} {'peak mem':>9} {'size':>9} {'size/text':>9}")
    for label, key, size in [("project", "project", figures["project_size"]), ("stock Wagtail", "stock", figures["stock_size"])]:
        wall, cpu, memory = figures[key]
        print(f"{label:22} {wall:9.1f}s {cpu:9.1f}s {memory:7.0f}MB {size / mb:7.1f}MB {size / figures['text_bytes']:9.2f}")
    print(f"project rate: {figures['records'] / figures['project'][0]:.0f} records/s wall, "
          f"{figures['records'] / figures['project'][1]:.0f} records/s CPU")
    print(f"{'queries':22} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    print(f"{'project API':22} {len(latencies):4d} {p50:8.1f} {p95:8.1f} {worst:8.1f}   errors: {len(errors)}")
    print(f"{'stock Wagtail':22} {len(stock['latencies']):4d} {s50:8.1f} {s95:8.1f} {sworst:8.1f}   "
          f"at the {CAP_SECONDS:.0f} s cap: {stock['capped']}")
    slowest = sorted(zip(latencies, [q for _ in range(args.repeat) for q in QUERIES]), key=lambda item: -item[0])[:3]
    print("slowest project queries: " + "; ".join(f"{q} {ms:.0f} ms" for ms, q in slowest))
    for params, error in errors[:5]:
        print(f"error: {params}: {error}")
    print(f"work folder (reuse with --workdir): {workdir}")
    print(f"p95_ms: {p95:.1f}")
    print(f"ratio: {s95 / p95:.1f}")


# Tasks run inside Django (`bench/search.py --inside TASK`), printing one JSON line.

def main_inside(task):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    print(json.dumps({"sizes": sizes, "stock": stock_queries}[task]()))


def sizes():
    from django.db import connection

    from erbm_cms.documents.models import DocumentPage
    from search.engines.embedded import database_engine
    from search.models import SearchEntry

    entries = SearchEntry.objects.all()
    document_ids = {int(i) for ids in entries.values_list("documents", flat=True) for i in ids.split()}
    text = sum(len(t.encode()) + len(b.encode()) for t, b in entries.values_list("title", "body").iterator())
    pages = DocumentPage.objects.filter(document_id__in=document_ids).values_list("text", flat=True).iterator()
    text += sum(len(page.encode()) for page in pages)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT SUM(d.pgsize) FROM dbstat d JOIN sqlite_master m ON m.name = d.name "
                           "WHERE m.tbl_name LIKE %s", ["wagtailsearch_%"])
        else:
            cursor.execute("SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c "
                           "WHERE c.relkind = 'r' AND c.relname LIKE %s", ["wagtailsearch_%"])
        stock = cursor.fetchone()[0] or 0
    engine = database_engine()
    from django.conf import settings

    if settings.ELASTICSEARCH_URL:
        from search.backend import elasticsearch_engine

        es = elasticsearch_engine()
        project = es.client.indices.stats(index=es.alias, metric="store")["_all"]["primaries"]["store"]["size_in_bytes"]
    else:
        project = engine.size()
    return {"records": entries.count(), "text_bytes": int(text), "project_size": int(project), "stock_size": int(stock)}


def stock_queries():
    """Wagtail's stock search on its database backend: a results page (count and first ten) per query."""
    from django.db import OperationalError, connection
    from wagtail.models import Page

    latencies, capped = [], 0
    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    for _ in range(repeat):
        for params in QUERIES:
            started = time.perf_counter()
            deadline = started + CAP_SECONDS
            try:
                with connection.cursor() as cursor:
                    if connection.vendor == "postgresql":
                        cursor.execute(f"SET statement_timeout = {int(CAP_SECONDS * 1000)}")
                    else:
                        connection.connection.set_progress_handler(lambda deadline=deadline: int(time.perf_counter() > deadline), 10_000)
                results = Page.objects.live().public().search(params["q"])
                list(results[:10])
                results.count()
                elapsed = (time.perf_counter() - started) * 1000
                if elapsed >= CAP_SECONDS * 1000:
                    capped += 1
                    elapsed = CAP_SECONDS * 1000
            except OperationalError:
                capped += 1
                elapsed = CAP_SECONDS * 1000
                connection.close()
            except Exception as error:  # noqa: BLE001 - PostgreSQL's QueryCanceled comes as DatabaseError
                if "statement timeout" not in str(error):
                    raise
                capped += 1
                elapsed = CAP_SECONDS * 1000
                connection.close()
            latencies.append(elapsed)
    return {"latencies": latencies, "capped": capped}


if __name__ == "__main__":
    main()
