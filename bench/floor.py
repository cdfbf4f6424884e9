#!/usr/bin/env python
"""The least work an exact search does, query by query, beside the project's whole search.

    .venv/bin/python bench/floor.py --workdir DIR [--records N] [--engine sqlite|postgresql] [--repeat 3]
                                    [--database-url URL]

On a site prepared by `bench/search.py` (same --workdir, --records, --engine and, on PostgreSQL,
--database-url; `bench/search.py --prepare-only` builds it without measuring), for its 50
queries, in one process on the database engine (no web server), the best of --repeat times of:

- `match`: counting the records that hold the words (the full-text match alone);
- `score`: the database's relevance (bm25 on SQLite, ts_rank_cd on PostgreSQL, with the field
  weights) computed for every record matched, visible and within the filters: what an exact top-k cut
  needs at the least;
- `facets`: the grouped facet count over the records matched and visible (the engine's statement);
- `search`: the project's whole search (the statement above plus ranking, the page shown, its
  snippets and cited pages).

It prints p50 / p95 / max of each, the queries that match the most records, then `floor_p95_ms`
(the p95 over the queries of the larger of `score` and `facets`, each of which the search must do)
and `search_p95_ms`. Neither the
relevance of every match nor the exact facet counts can be skipped by an engine that ranks with
bm25 and counts exactly: `score` and `facets` are a floor under `search`.
"""

import argparse
import importlib.util
import json
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# bench/search.py, under another name than the project's `search` package.
_spec = importlib.util.spec_from_file_location("search_bench", Path(__file__).with_name("search.py"))
search_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(search_bench)
PARTS = ("match", "score", "facets", "search")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", help="the work folder of bench/search.py (required)")
    parser.add_argument("--records", type=int, default=10_000, help="the archive size it was prepared with")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=3, help="times each part is run (the best is kept)")
    parser.add_argument("--database-url", default="postgres://postgres:postgres@127.0.0.1:5432/erbm_bench_search",
                        help="with --engine postgresql, the database bench/search.py prepared")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        return print(json.dumps(measure(args.repeat)))
    if not args.workdir:
        parser.error("--workdir is required (the work folder of bench/search.py)")
    workdir = Path(args.workdir)
    if not (workdir / f"ready-{args.engine}-{args.records}").exists():
        sys.exit(f"no site of {args.records} records on {args.engine} in {workdir}: "
                 f"run bench/search.py --records {args.records} --engine {args.engine} --workdir {workdir} --prepare-only")
    env = search_bench.environment(args, workdir)
    output = subprocess.run([sys.executable, __file__, "--inside", "--repeat", str(args.repeat)], cwd=ROOT, env=env,
                            check=True, stdout=subprocess.PIPE, text=True).stdout
    report(json.loads(output.strip().splitlines()[-1]), args)


def measure(repeat):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.http import QueryDict

    from search import widening
    from search.engines.database import with_exact_forms
    from search.engines.embedded import database_engine
    from search.query import parse_params

    engine = database_engine()
    seen = engine.seen_by(None)

    def statements(params):
        filters, filter_params = engine.filters(params, None)
        plan = widening.plan(params.query, engine.records_with, seen)
        scored = with_exact_forms(plan)
        source, condition, match_params = engine.matching(scored, plan.positive)
        score, score_params = engine.score(scored)
        where, where_params = f"{condition} AND {filters}", match_params + filter_params
        return {
            "match": (f"SELECT COUNT(*) FROM {source} WHERE {condition}", match_params),
            # Kept aside (as the search keeps its matches), the score is computed for every record the search
            # ranks, after the filters (an unused column, or a test in WHERE, could be skipped or run first).
            "score": (f"WITH s AS MATERIALIZED (SELECT {score} AS score FROM {source} WHERE {where}) "
                      "SELECT COUNT(*) FROM s", score_params + where_params),
            "facets": (where, where_params, source),
        }

    def timed(run, *args):
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            result = run(*args)
            best = min(best, time.perf_counter() - started)
        return best * 1000, result

    def query(sql, params):
        with engine.matching_through_index(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    rows = []
    for values in search_bench.QUERIES:
        params = parse_params(QueryDict(urllib.parse.urlencode(values)))
        parts = statements(params)
        match_ms, matched = timed(query, *parts["match"])
        score_ms, _ = timed(query, *parts["score"])
        where, where_params, source = parts["facets"]
        with engine.matching_through_index():
            facets_ms, _ = timed(engine.facet_counts, source, where, where_params)
        search_ms, _ = timed(engine.search, params, None)
        rows.append({"query": values, "matched": matched, "match": match_ms, "score": score_ms,
                     "facets": facets_ms, "search": search_ms})
    return {"engine": connection.vendor, "rows": rows}


def report(measured, args):
    rows = measured["rows"]
    print(f"{args.records:,} records, engine {measured['engine']}, best of {args.repeat} per query, in one process")
    print(f"{'':8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for part in PARTS:
        values = [row[part] for row in rows]
        print(f"{part:8} {search_bench.percentile(values, 0.5):8.1f} {search_bench.percentile(values, 0.95):8.1f} "
              f"{max(values):8.1f}")
    print("most records matched:")
    for row in sorted(rows, key=lambda row: -row["matched"])[:5]:
        print(f"  {row['query']}: {row['matched']:,} matched; match {row['match']:.1f} ms, score {row['score']:.1f} ms, "
              f"facets {row['facets']:.1f} ms, search {row['search']:.1f} ms")
    floor = [max(row["score"], row["facets"]) for row in rows]
    print(f"floor_p95_ms: {search_bench.percentile(floor, 0.95):.1f}")
    print(f"search_p95_ms: {search_bench.percentile([row['search'] for row in rows], 0.95):.1f}")


if __name__ == "__main__":
    main()
