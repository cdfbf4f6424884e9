"""axe-core on every page type and listing, at desktop and phone widths: no serious or critical violation."""

import pytest

from tests.browser.conftest import AXE, screenshot

PAGES = {
    "accueil": "/",
    "engagement": "/engagement/",
    "actualites": "/actualites/",
    "actualites-filtrees": "/actualites/?annee=2018",
    "communique": "/actualites/etat-et-collectivites-en-ordre-de-marche/",
    "dossier-de-presse": "/actualites/visite-premier-ministre-pecquencourt-douai/",
    "deliberations": "/deliberations/",
    "partenaire": "/deliberations/douaisis-agglo/",
    "deliberation": "/deliberations/douaisis-agglo/convention-de-financement-du-pole-dechanges-multimodal-de-la-gare/",
    "comites-de-pilotage": "/comites-de-pilotage/",
    "compte-rendu": "/comites-de-pilotage/comite-de-pilotage-2018-02-05/",
    "recherche": "/recherche/?q=logement",
    "recherche-vide": "/recherche/",
    "recherche-erreur": "/recherche/?page=abc",
    "alerte-desinscription": "/recherche/alertes/desinscription/jeton-modifie/",
    "donnees-ouvertes": "/deliberations/donnees-ouvertes/",
    "la-delegation": "/la-delegation/",
    "mentions-legales": "/mentions-legales/",
    "accessibilite": "/accessibilite/",
    "plan-du-site": "/plan-du-site/",
    "en-chiffres": "/engagement/en-chiffres/",
    "page-introuvable": "/cette-page-n-existe-pas/",
}
WIDTHS = {"bureau": (1280, 900), "mobile": (320, 640)}


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed ({AXE}); run npm ci")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_accessibility_violation(browser, site, axe_source, name, width):
    w, h = WIDTHS[width]
    # bypass_csp: the site forbids inline scripts, axe-core is injected as one.
    context = browser.new_context(locale="fr-FR", viewport={"width": w, "height": h}, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(site + PAGES[name], wait_until="networkidle")
        page.add_script_tag(content=axe_source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")
        ]
        screenshot(page, f"{name}-{width}")
        assert not serious, "\n".join(serious)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page is {overflow}px wider than a {w}px screen"
    finally:
        context.close()
