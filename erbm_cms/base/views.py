from django.shortcuts import render


def site_map(request):
    """« Plan du site »: every section and page of the site, in menu order, then the services."""
    from wagtail.models import Site

    from erbm_cms.deliberations.models import DeliberationPage
    from erbm_cms.minutes.models import MinutesPage
    from erbm_cms.news.models import CommuniquePage
    from erbm_cms.records.visibility import visible_pages

    site = Site.find_for_request(request)
    home = site.root_page.specific if site else None
    tree = []
    if home is not None:
        # Records (communiqués, deliberations, minutes) are reached through their lists, not listed here.
        pages = (
            visible_pages(request.user, home.get_descendants().filter(depth__lte=home.depth + 2))
            .not_type(CommuniquePage, DeliberationPage, MinutesPage).specific().order_by("path")
        )
        sections = {}
        for page in pages:
            if page.depth == home.depth + 1:
                sections[page.path] = {"page": page, "children": []}
                tree.append(sections[page.path])
            elif page.path[: -page.steplen] in sections:
                sections[page.path[: -page.steplen]]["children"].append(page)
    return render(request, "base/site_map.html", {
        "home": home, "tree": tree,
        "meta_description": "Plan du site du renouveau du bassin minier : toutes les rubriques, les listes "
        "de l'archive, la recherche, les flux et les données ouvertes.",
    })
