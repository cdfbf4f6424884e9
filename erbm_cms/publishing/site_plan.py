"""« Plan du site »: the sections of the site and their pages, read from the tree and the record contract."""

from django.db.models import Q
from django.shortcuts import render
from wagtail.models import Site

from erbm_cms.archive.kinds import record_models
from erbm_cms.records.visibility import visible_pages


def site_map(request):
    """« Plan du site »: every section and page of the site, in menu order, then the services."""
    site = Site.find_for_request(request)
    home = site.root_page.specific if site else None
    tree = []
    if home is not None:
        # Records filed in a list (communiqués, deliberations, minutes) are reached through it, not listed
        # here; a record that is a section of its own (the engagement) is.
        descendants = home.get_descendants()
        filed_records = descendants.type_q(*record_models()) & Q(depth__gt=home.depth + 1)
        pages = (
            visible_pages(request.user, descendants.filter(depth__lte=home.depth + 2).exclude(filed_records))
            .specific().order_by("path")
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
