#!/usr/bin/env python
"""Judged relevance of the archive search: does the expected record (and PDF page) come first?

    .venv/bin/python bench/relevance.py [--engine sqlite|postgresql|elasticsearch|all] [--workdir DIR]

The queries below were written by reading the texts: the seed publications and the demo
records (`erbm_cms/demo/`), and French council minutes of the shared corpus
(`../shared/corpus/pdf`), which are added as records. Each names the record a clerk would
want first and, when the words are in a PDF, the page holding them. Nothing here was tuned
to an engine's answers.

For each engine (`all`: SQLite, then PostgreSQL and Elasticsearch when they answer), a
site is built in a work folder (migrate, `load_demo`, the corpus records, the index rebuilt)
and every query is searched through the engine as an anonymous visitor. A query succeeds
at rank r when the r-th hit is the expected record and, when a page is expected, shows that
page. The figures: success@1 and MRR@10 (mean of 1/r, 0 beyond rank 10), per kind of
query and overall, per engine. `tests/search/test_relevance.py` runs the same evaluation
in `make test` with a floor per engine.

The databases: SQLite in the work folder; PostgreSQL in --database-url (default
postgres://postgres:postgres@127.0.0.1:5432/erbm_bench_relevance, dropped and created again);
Elasticsearch at --elasticsearch-url under an index prefix of its own (site database: SQLite).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "pdf"
TOP = 10


@dataclass(frozen=True)
class CorpusRecord:
    file: str
    title: str
    session: date
    partner: str


# Council minutes of the shared corpus, each added as a record with its PDF.
COUTHENANS_JANUARY = "Compte rendu du conseil municipal de Couthenans du 29 janvier 2021"
COUTHENANS_JUNE = "Compte rendu du conseil municipal de Couthenans du 4 juin 2021"
COUTHENANS_NOVEMBER = "Compte rendu du conseil municipal de Couthenans du 26 novembre 2021"
COUTHENANS_2022 = "Compte rendu du conseil municipal de Couthenans du 28 octobre 2022"
LIGHTING = "Consultation des habitants sur l'extinction de l'éclairage public à Couthenans"
PREUILLY = "Procès-verbal du conseil municipal de Preuilly-sur-Claise du 23 juillet 2020"
DEMOLITION = "Procès-verbal du comité de démolition du 20 juin 2023"
CORPUS_RECORDS = [
    CorpusRecord("fr-couthenans-cr-conseil-2021-01-29.pdf", COUTHENANS_JANUARY, date(2021, 1, 29), "ca-lens-lievin"),
    CorpusRecord("fr-couthenans-cr-conseil-2021-06-04.pdf", COUTHENANS_JUNE, date(2021, 6, 4), "ca-henin-carvin"),
    CorpusRecord("fr-couthenans-cr-conseil-2021-11-26.pdf", COUTHENANS_NOVEMBER, date(2021, 11, 26), "douaisis-agglo"),
    CorpusRecord("fr-couthenans-cr-conseil-2022-10-28.pdf", COUTHENANS_2022, date(2022, 10, 28), "ca-porte-du-hainaut"),
    CorpusRecord("fr-couthenans-extinction-eclairage-2021-05.pdf", LIGHTING, date(2021, 5, 10), "valenciennes-metropole"),
    CorpusRecord("fr-preuilly-pv-conseil-2020-07-23.pdf", PREUILLY, date(2020, 7, 23), "cc-coeur-d-ostrevent"),
    CorpusRecord("fr-pv-comite-demolition-2023-06-20.pdf", DEMOLITION, date(2023, 6, 20), "cc-osartis-marquion"),
]

# Demo records (erbm_cms/demo): the seed publications and some of the fictitious deliberations.
PRESS_KIT = "Visite du Premier ministre dans le bassin minier, à Pecquencourt et à Douai"
SIGNING_ARTICLE = "Renouveau du bassin minier : signature d'un protocole d'engagement"
ENGAGEMENT = "L'Engagement pour le renouveau du bassin minier"
DELEGATION = "La délégation"
HOUSING = "Participation au programme de réhabilitation énergétique des logements des cités minières"
ROADS = "Aménagement de voirie pour la desserte d'une cité minière"
SEQUELS = "Programme de traitement des friches industrielles et des séquelles minières"
EXCHANGE_HUB = "Convention de financement du pôle d'échanges multimodal de la gare"
SCHOOLS = "Déploiement de l'espace numérique de travail dans les écoles du bassin minier"
HEALTH = "Contrat local de santé du bassin minier"
SPORTS = "Fonds de concours pour la rénovation d'équipements sportifs"
DELEGATES = "Désignation des représentants de la collectivité au comité de pilotage de l'Engagement"
HERITAGE = "Subvention à la valorisation du patrimoine minier inscrit au patrimoine mondial de l'UNESCO"


@dataclass(frozen=True)
class Judged:
    kind: str
    q: str
    title: str  # the record expected first
    page: int | None = None  # the page of its PDF expected, when the words are in a PDF
    partner: str = ""  # part of the partner's name, when several records share the title
    filters: dict = field(default_factory=dict)

    @property
    def params(self):
        return {"q": self.q, **self.filters}


QUERIES = [
    # Exact words: names, acronyms, technical words, as written.
    Judged("exact", "Prisma automatisme", COUTHENANS_JANUARY, 3),
    Judged("exact", "SHAARL", COUTHENANS_JANUARY, 1),
    Judged("exact", "Metaleurop", PRESS_KIT, 7),
    Judged("exact", "miscanthus", PRESS_KIT, 7),
    Judged("exact", "Escaut Valenciennes Terminal", PRESS_KIT, 4),
    Judged("exact", "CLECT", PREUILLY, 2),
    Judged("exact", "Sainte-Adèle", DEMOLITION, 1),
    Judged("exact", "Gaston Defferre", PREUILLY, 3),
    Judged("exact", "Bescherelle", COUTHENANS_JUNE, 3),
    Judged("exact", "chouette Chevêche", COUTHENANS_JUNE, 4),
    Judged("exact", "TEREOS", PRESS_KIT, 4),
    Judged("exact", "Jean-Louis Sublileau", SIGNING_ARTICLE, 1),
    # Accents missing, or capitals.
    Judged("accents", "deneigement", COUTHENANS_NOVEMBER, 1),
    Judged("accents", "sterilisation clinique veterinaire", COUTHENANS_JANUARY, 3),
    Judged("accents", "cooperative scolaire", COUTHENANS_JUNE, 1),
    Judged("accents", "energie photovoltaique", PRESS_KIT, 3),
    Judged("accents", "desamiantage toiture", COUTHENANS_JANUARY, 2),
    Judged("accents", "PREUILLY MEDIATHEQUE", PREUILLY, 6),
    Judged("accents", "Theatre Sainte Adele", DEMOLITION, 1),
    Judged("accents", "sequelles minieres Hainaut", SEQUELS, 1, partner="Porte du Hainaut"),
    # Elided articles and prepositions, typed with a straight apostrophe.
    Judged("elision", "l'ossuaire", COUTHENANS_JUNE, 2),
    Judged("elision", "station d'épuration", COUTHENANS_NOVEMBER, 2),
    Judged("elision", "l'archiviste", COUTHENANS_JUNE, 2),
    Judged("elision", "l'EHPAD", PREUILLY, 3),
    Judged("elision", "l'écoquartier des Alouettes", PRESS_KIT, 3),
    Judged("elision", "l'extinction de l'éclairage", LIGHTING, 1),
    Judged("elision", "l'USYP", PREUILLY, 1),
    Judged("elision", "l'agrandissement du cimetière", COUTHENANS_JUNE, 2),
    # Singular for plural and the other way round; the forms of one word (minier, minière...).
    Judged("plural", "tarifs cimetières concessions", COUTHENANS_JUNE, 2),
    Judged("plural", "pharmacies minières", PRESS_KIT, 4),
    Judged("plural", "cité minière Osartis", ROADS, 1, partner="Osartis"),
    Judged("plural", "table école", COUTHENANS_2022, 4),
    Judged("plural", "arbre fruitier", COUTHENANS_JUNE, 4),
    Judged("plural", "frais de déplacements", COUTHENANS_JANUARY, 1),
    Judged("plural", "délégué titulaire suppléant EHPAD", PREUILLY, 3),
    Judged("plural", "réhabilitation cité minière Hénin-Carvin", HOUSING, 1, partner="Hénin-Carvin"),
    Judged("plural", "séquelle minier Porte du Hainaut", SEQUELS, 1, partner="Porte du Hainaut"),
    Judged("plural", "logements miniers Hénin", HOUSING, 1, partner="Hénin-Carvin"),
    # Typing mistakes.
    Judged("typo", "deneigemnt", COUTHENANS_NOVEMBER, 1),
    Judged("typo", "rehabilitaton energetique Henin", HOUSING, 1, partner="Hénin-Carvin"),
    Judged("typo", "sterilsation clinique", COUTHENANS_JANUARY, 3),
    Judged("typo", "miscantus", PRESS_KIT, 7),
    Judged("typo", "Metalleurop", PRESS_KIT, 7),
    Judged("typo", "archivste", COUTHENANS_JUNE, 2),
    Judged("typo", "médiatèque", PREUILLY, 6),
    Judged("typo", "Bescherel", COUTHENANS_JUNE, 3),
    Judged("typo", "extintion eclairage", LIGHTING, 1),
    Judged("typo", "photovoltaque", PRESS_KIT, 3),
    Judged("typo", "ossuiare", COUTHENANS_JUNE, 2),
    Judged("typo", "yourt", COUTHENANS_NOVEMBER, 2),
    Judged("typo", "cantinne tarifs", PREUILLY, 4),
    Judged("typo", "démolision Sainte-Adèle", DEMOLITION, 1),
    Judged("typo", "renovaton thermique", HOUSING, 1, partner="Hénin-Carvin"),
    Judged("typo", "deliberaton patrimoine mondial Porte du Hainaut", HERITAGE, 1, partner="Porte du Hainaut"),
    # Whole questions, as a partner would type them.
    Judged("question", "combien coûte l'application Panneau Pocket pour une commune", COUTHENANS_JANUARY, 2),
    Judged("question", "quel prestataire assure le déneigement de la commune", COUTHENANS_NOVEMBER, 1),
    Judged("question", "quel est le tarif de la cantine pour les enfants à la rentrée 2020", PREUILLY, 4),
    Judged("question", "qui représente la commune au conseil d'administration du collège", PREUILLY, 3),
    Judged("question", "pourquoi éteindre l'éclairage public la nuit", LIGHTING, 1),
    Judged("question", "comment la mairie va remplacer l'ATSEM pour l'accueil du matin", COUTHENANS_JUNE, 4),
    Judged("question", "quand la yourte de la ferme a-t-elle été construite sans permis", COUTHENANS_NOVEMBER, 2),
    Judged("question", "montant de la redevance d'occupation du domaine public par Orange", PREUILLY, 5),
    Judged("question", "qui a été élu troisième adjoint au conseil de novembre 2021", COUTHENANS_NOVEMBER, 1),
    Judged("question", "le maire peut-il refuser une subvention à une association", COUTHENANS_JUNE, 1),
    Judged("question", "combien d'hectares de friches sont traités à Bruay-la-Buissière", PRESS_KIT, 3),
    Judged("question", "pourquoi la balayeuse ne passe pas chemin du Vanney", COUTHENANS_NOVEMBER, 2),
    Judged("question", "qui a nommé Jean-Louis Sublileau en mission en juin 2016", SIGNING_ARTICLE, 1),
    Judged("question", "quelles communes ont voté la rénovation des cités minières ?", HOUSING, 1, partner="Hénin-Carvin"),
    # Quoted phrases.
    Judged("phrase", '"station d\'épuration"', COUTHENANS_NOVEMBER, 2),
    Judged("phrase", '"plan communal de sauvegarde"', COUTHENANS_2022, 1),
    Judged("phrase", '"verger vivant"', COUTHENANS_JUNE, 4),
    Judged("phrase", '"taxe d\'aménagement"', COUTHENANS_2022, 2),
    Judged("phrase", '"dépôt des cendres"', COUTHENANS_JUNE, 2),
    Judged("phrase", '"pharmacie minière"', PRESS_KIT, 4),
    Judged("phrase", '"comité de programmation LEADER"', PREUILLY, 2),
    # Exclusions.
    Judged("exclusion", "stérilisation chats -Valdoie", COUTHENANS_2022, 4),
    Judged("exclusion", "vente tables -école", COUTHENANS_NOVEMBER, 1),
    Judged("exclusion", "Panneau Pocket tablette -éclairage", COUTHENANS_JANUARY, 2),
    Judged("exclusion", "décision modificative -assainissement", COUTHENANS_JANUARY, 3),
    Judged("exclusion", "cimetière -ossuaire", COUTHENANS_JANUARY, 2),
    Judged("exclusion", "fonds de concours -Valenciennes", SPORTS, 1, partner="Pas-de-Calais"),
    # Alternatives with OR.
    Judged("or", "yourte OR chèvrerie", COUTHENANS_NOVEMBER, 2),
    Judged("or", "Bescherelle OR dictionnaire", COUTHENANS_JUNE, 3),
    Judged("or", "ossuaire OR caveau", COUTHENANS_JUNE, 2),
    Judged("or", "Toyota OR Decathlon", PRESS_KIT, 4),
    Judged("or", "TEREOS OR Dunkerque", PRESS_KIT, 4),
    Judged("or", "EHPAD OR CNAS", PREUILLY, 3),
    # Filters: partner, year, type, dates.
    Judged("filters", "pôle d'échanges multimodal", EXCHANGE_HUB, 1, partner="Douaisis",
           filters={"partenaire": "douaisis-agglo"}),
    Judged("filters", "espace numérique de travail", SCHOOLS, 1, partner="Ostrevent",
           filters={"partenaire": "cc-coeur-d-ostrevent"}),
    Judged("filters", "contrat local de santé", HEALTH, 1, partner="Béthune", filters={"annee": "2019"}),
    Judged("filters", "subvention exceptionnelle", PREUILLY, 1, filters={"annee": "2020"}),
    Judged("filters", "Panneau Pocket", COUTHENANS_2022, 4, filters={"annee": "2022"}),
    Judged("filters", "office du tourisme", PRESS_KIT, 4, filters={"type": "communique"}),
    Judged("filters", "séquelles minières", SEQUELS, 1, partner="Nord", filters={"partenaire": "departement-du-nord"}),
    Judged("filters", "désignation des représentants", DELEGATES, 1, partner="Valenciennes",
           filters={"du": "2017-07-01", "au": "2017-08-31"}),
    Judged("filters", "patrimoine mondial UNESCO", HERITAGE, 1, partner="Porte du Hainaut",
           filters={"partenaire": "ca-porte-du-hainaut", "type": "deliberation"}),
    # A scanned page (page 3 of the October 2022 minutes: the AMF's motion), read by OCR.
    Judged("ocr", "suppression de la CVAE", COUTHENANS_2022, 3),
    Judged("ocr", "gel de la DGF", COUTHENANS_2022, 3),
    Judged("ocr", "inflation dépenses de fonctionnement", COUTHENANS_2022, 3),
    Judged("ocr", "encadrement des dépenses Cahors", COUTHENANS_2022, 3),
]
KINDS = list(dict.fromkeys(judged.kind for judged in QUERIES))


def ocr_available():
    """Whether scanned pages are read here (Tesseract with its French data); without it the OCR queries are left out."""
    from erbm_cms.documents.extraction.recognition import unavailable_reason

    return not unavailable_reason()


def judged_queries():
    """The queries this machine can judge: the OCR ones only where scans are read."""
    return [judged for judged in QUERIES if judged.kind != "ocr" or ocr_available()]


def add_corpus_records(corpus=CORPUS):
    """Add the corpus minutes as published deliberations with their PDF (Django set up); returns how many."""
    from django.core.files.base import ContentFile

    from erbm_cms.deliberations.models import DeliberationPage, PartnerDeliberationsPage
    from erbm_cms.documents.models import ArchiveDocument

    for number, record in enumerate(CORPUS_RECORDS, 1):
        document = ArchiveDocument(title=record.title).save_with_file(
            record.file, ContentFile((corpus / record.file).read_bytes()))
        section = PartnerDeliberationsPage.objects.get(partner__slug=record.partner)
        page = DeliberationPage(
            title=record.title, partner=section.partner, deliberating_body="conseil_communautaire",
            session_date=record.session, number=f"CORPUS-{number}", actes_code="5.2", act_document=document,
        )
        section.add_child(instance=page)
        page.save_revision().publish()
    return len(CORPUS_RECORDS)


def rank(judged, results):
    """The rank (1-based) of the expected record, with its page when one is expected, in the first hits; or None."""
    for position, hit in enumerate(results.hits[:TOP], 1):
        if hit.title != judged.title or judged.partner not in (hit.partner or ""):
            continue
        if judged.page is not None and (hit.document or {}).get("page") != judged.page:
            continue
        return position
    return None


def evaluate(search, queries):
    """{kind: [rank or None per query]}; `search(params)` returns the SearchResults of a dict of parameters."""
    ranks = defaultdict(list)
    for judged in queries:
        ranks[judged.kind].append(rank(judged, search(judged.params)))
    return dict(ranks)


def figures(ranks):
    """{kind (and "all"): (queries, success@1, MRR@10)}."""
    def measure(found):
        return (len(found), sum(1 for r in found if r == 1) / len(found),
                sum(1 / r for r in found if r) / len(found))

    table = {kind: measure(found) for kind, found in ranks.items()}
    table["all"] = measure([r for found in ranks.values() for r in found])
    return table


def failures(ranks, queries):
    """The queries not answered first, with where their record came."""
    by_kind = defaultdict(list)
    for judged in queries:
        by_kind[judged.kind].append(judged)
    return [(judged.q, found) for kind, found_list in ranks.items()
            for judged, found in zip(by_kind[kind], found_list, strict=True) if found != 1]


# Running it -------------------------------------------------------------------------------------

def engines_available(args):
    engines = ["sqlite"]
    probe = subprocess.run(["psql", args.database_url.rsplit("/", 1)[0] + "/postgres", "-c", "SELECT 1"],
                           capture_output=True)
    if probe.returncode == 0:
        engines.append("postgresql")
    try:
        import urllib.request

        urllib.request.urlopen(f"{args.elasticsearch_url}/_cluster/health", timeout=3)
        engines.append("elasticsearch")
    except OSError:
        pass
    return engines


def environment(args, engine, workdir):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "erbm_cms.settings.dev", "MEDIA_ROOT": str(workdir / "media"),
           "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}", "ELASTICSEARCH_URL": ""}
    if engine == "postgresql":
        env["DATABASE_URL"] = args.database_url
    if engine == "elasticsearch":
        env["ELASTICSEARCH_URL"] = args.elasticsearch_url
        # One prefix per run: the server may be shared; the run deletes its indices at the end.
        env["ELASTICSEARCH_INDEX_PREFIX"] = f"erbm-bench-relevance-{os.getpid()}"
    return env


def reset_postgresql(url):
    base, name = url.rsplit("/", 1)
    for statement in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", f"{base}/postgres", "-q", "-c", statement], check=True)


def run_engine(args, engine):
    """Build the site for one engine and evaluate it in a child process; its ranks."""
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="erbm-relevance-")) / engine
    workdir.mkdir(parents=True, exist_ok=True)
    for leftover in workdir.glob("db.sqlite3*"):
        leftover.unlink()
    env = environment(args, engine, workdir)
    if engine == "postgresql":
        reset_postgresql(args.database_url)
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([python, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    child = subprocess.run([python, __file__, "--inside", engine], cwd=ROOT, env=env, capture_output=True, text=True)
    if child.returncode:
        sys.exit(f"the evaluation on {engine} failed:\n{child.stderr[-3000:]}")
    output = child.stdout
    answer = json.loads(output.strip().splitlines()[-1])
    return answer["ranks"], [judged for judged in QUERIES if judged.q in answer["queries"]]


def inside(engine):
    """In the child: add the corpus records, rebuild the engine's index, search every query; prints the ranks."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command

    from search.backend import elasticsearch_engine
    from search.engines.embedded import database_engine
    from search.query import parse_params

    add_corpus_records()
    call_command("rebuild_search_index", stdout=open(os.devnull, "w"))
    searcher = elasticsearch_engine() if engine == "elasticsearch" else database_engine()
    queries = judged_queries()
    ranks = evaluate(lambda params: searcher.search(parse_params(params), AnonymousUser()), queries)
    if engine == "elasticsearch":
        searcher.client.indices.delete(index=f"{os.environ['ELASTICSEARCH_INDEX_PREFIX']}-*", ignore_unavailable=True,
                                       allow_no_indices=True)
    print(json.dumps({"ranks": ranks, "queries": [judged.q for judged in queries]}))


def report(engine, ranks, queries):
    print(f"\n{engine}")
    print(f"  {'kind':<10} {'queries':>7} {'success@1':>10} {'MRR@10':>8}")
    for kind, (count, success, mrr) in figures(ranks).items():
        print(f"  {kind:<10} {count:>7} {success:>10.3f} {mrr:>8.3f}")
    missed = failures(ranks, queries)
    if missed:
        print("  not first: " + "; ".join(f"« {q} » ({'rank ' + str(r) if r else 'not in the first 10'})"
                                         for q, r in missed))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", default="all", choices=["all", "sqlite", "postgresql", "elasticsearch"])
    parser.add_argument("--workdir")
    parser.add_argument("--database-url", default="postgres://postgres:postgres@127.0.0.1:5432/erbm_bench_relevance")
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL") or "http://127.0.0.1:9200")
    parser.add_argument("--inside", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        inside(args.inside)
        return
    if not (CORPUS / CORPUS_RECORDS[0].file).exists():
        sys.exit(f"the shared corpus is absent ({CORPUS}): its minutes are part of the judged records")
    engines = engines_available(args) if args.engine == "all" else [args.engine]
    print(f"{len(QUERIES)} judged queries, {len(KINDS)} kinds; engines: {', '.join(engines)}")
    summary = {}
    for engine in engines:
        ranks, queries = run_engine(args, engine)
        report(engine, ranks, queries)
        summary[engine] = figures(ranks)["all"]
    print()
    for engine, (_, success, mrr) in summary.items():
        print(f"{engine}: success@1 {success:.3f}  MRR@10 {mrr:.3f}")


if __name__ == "__main__":
    main()
