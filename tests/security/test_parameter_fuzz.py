"""Every public GET parameter of every public URL, fed control characters, huge numbers and odd encodings:
the site answers 200, 400 or 404 (or redirects), never a server error."""

import pytest

from erbm_cms.deliberations.models import DeliberationPage, PartnerDeliberationsPage

pytestmark = pytest.mark.django_db

# Raw query-string values (already percent-encoded where needed): sent as they are.
# Every C0 control and DEL together, then the ones that take their own paths (NUL, whitespace) alone.
CONTROL = ["a" + "".join(f"%{code:02X}" for code in [*range(0x20), 0x7F]) + "b"] + [
    f"a%{code:02X}b" for code in (0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x7F)
]
UNICODE = [
    "%C2%85%C2%9B",            # C1 controls (NEL, CSI)
    "%E2%80%AE%EF%BB%BF",      # right-to-left override, BOM
    "%ED%A0%80",               # UTF-8 of a lone surrogate (invalid)
    "%C0%AE%C0%AE%C0%AF",      # overlong « ../ »
    "%C0%80",                  # overlong NUL
    "%FF%FE",                  # bytes that are never UTF-8
    "%00", "%", "%%32%65", "%F4%90%80%80",  # NUL, lone %, double-encoded, beyond U+10FFFF
    "%EF%BF%BF%EF%BF%BE",      # non-characters
]
NUMBERS = [
    "9" * 5000, "99999999999999999999", "-1", "-99999999999999999999", "1e400", "1.5", "0x10",
    "%C2%B2", "%D9%A3", "NaN", "inf", "%EF%BC%91",  # superscript two, Arabic-Indic three, fullwidth one
]
VALUES = CONTROL + UNICODE + NUMBERS

SEARCH = ["q", "type", "partenaire", "annee", "axe", "du", "au", "tri", "page"]
API = ["offset", "limit", "search", "search_operator", "type", "fields", "order", "child_of", "descendant_of",
       "locale", "slug", "title", "id"]


def public_urls():
    deliberation = DeliberationPage.objects.live().public().filter(restricted_to_partners=False).first()
    section = PartnerDeliberationsPage.objects.live().first()
    slug = section.partner.slug
    return {
        "/": ["page"],
        "/recherche/": SEARCH,
        "/api/recherche/": SEARCH,
        "/actualites/": ["annee", "axe", "page"],
        "/deliberations/": ["page", "annee", "matiere"],
        section.url: ["page"],
        deliberation.url: ["page"],
        "/comites-de-pilotage/": ["page"],
        "/api/v2/pages/": API + ["html_path"],
        f"/api/v2/pages/{deliberation.pk}/": ["fields"],
        "/api/v2/pages/find/": ["html_path"],
        "/api/v2/documents/": API,
        "/api/v2/images/": API,
        "/actualites/rss.xml": ["page"],
        "/actualites/atom.xml": ["page"],
        f"/deliberations/{slug}/rss.xml": ["page"],
        f"/deliberations/{slug}/atom.xml": ["page"],
        "/deliberations/export.csv": ["page"],
        f"/deliberations/{slug}/export.csv": ["page"],
        "/deliberations/donnees-ouvertes/": ["page"],
        "/comites-de-pilotage/calendrier.ics": ["page"],
        "/sitemap.xml": ["p"],
        "/robots.txt": ["page"],
        deliberation.act_document.url: ["page"],
    }


def test_no_hostile_parameter_value_makes_a_server_error(client):
    client.raise_request_exception = False
    failures = []
    for url, parameters in public_urls().items():
        for value in VALUES:
            # Each value in every parameter of the URL at once; where a first refused parameter
            # would hide the others (the APIs; /recherche/ reads its parameters as /api/recherche/ does),
            # in each parameter alone too.
            queries = ["&".join(f"{name}={value}" for name in parameters)]
            if url.startswith("/api/"):
                queries += [f"{name}={value}" for name in parameters]
            for query in queries:
                status = client.get(f"{url}?{query}").status_code
                if status >= 500 or status not in (200, 301, 302, 400, 404):
                    failures.append(f"{status} {url}?{query[:120]}")
    assert failures == [], "\n".join(failures[:80]) + f"\n({len(failures)} in all)"


@pytest.mark.parametrize("path", ["/recherche/%00/", "/actualites/%FF/", "/deliberations/%C0%AE%C0%AE/", "/%ED%A0%80/",
                                  "/api/v2/pages/99999999999999999999999/", "/documents/99999999999999999999/x.pdf",
                                  "/deliberations/a%00b/export.csv", "/deliberations/" + "9" * 5000 + "/rss.xml"])
def test_odd_paths_are_not_server_errors(client, path):
    client.raise_request_exception = False
    assert client.get(path).status_code in (400, 404)
