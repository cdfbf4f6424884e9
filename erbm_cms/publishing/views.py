from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from erbm_cms.deliberations import opendata
from erbm_cms.deliberations.models import DeliberationIndexPage
from erbm_cms.partners.models import Partner

ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /recherche/
Disallow: /api/
Sitemap: {sitemap}
"""


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return HttpResponse(ROBOTS.format(sitemap=request.build_absolute_uri("/sitemap.xml")), content_type="text/plain; charset=utf-8")


def _csv_response(pages, request, filename):
    content = opendata.export_csv(pages, request.build_absolute_uri)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    missing = opendata.rows_missing_siret(pages)
    if missing:
        response["X-SCDL-SIRET-Manquant"] = str(sum(count for _, count in missing))
    return response


@require_GET
def deliberations_csv(request):
    return _csv_response(opendata.deliberations(), request, "deliberations-bassin-minier.csv")


@require_GET
def partner_deliberations_csv(request, slug):
    partner = get_object_or_404(Partner, slug=slug)
    return _csv_response(opendata.deliberations(partner), request, f"deliberations-{partner.slug}.csv")


@require_GET
def export_information(request):
    """What the open-data file holds, and which rows lack a SIRET (never invented)."""
    index = DeliberationIndexPage.objects.live().first()
    if index is None:
        raise Http404
    pages = list(opendata.deliberations())
    return render(request, "publishing/export_information.html", {
        "page": index, "count": len(pages), "missing_siret": opendata.rows_missing_siret(pages),
        "partners": Partner.objects.order_by("sort_order"),
        "meta_description": "Les délibérations publiées des 12 partenaires au format SCDL Délibérations : "
        "contenu du fichier, colonnes et lignes sans SIRET.",
    })
