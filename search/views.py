from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from erbm_cms.partners.models import Partner

from . import backend, stats
from .promotions import promoted_results
from .query import KINDS, InvalidParameter, SearchParams, parse_params

NOINDEX = "noindex, nofollow"


def run(request):
    """(params, results, error) for the request's parameters; the editors' promotions in results.promoted."""
    known_partners = set(Partner.objects.values_list("slug", flat=True))
    try:
        params = parse_params(request.GET, known_partners)
        results = backend.search(params, request.user)
    except InvalidParameter as error:
        return None, None, error
    results.promoted = promoted_results(params, request.user)
    return params, results, None


def counted(response, params, results):
    """The response, with the search counted once it is sent (not for a refused query)."""
    if results is None:
        return response
    return stats.record_after(response, params, results.total + len(results.promoted))


@require_GET
def search_api(request):
    params, results, error = run(request)
    if error is not None:
        response = JsonResponse({"error": error.message, "field": error.field}, status=400, json_dumps_params={"ensure_ascii": False})
    else:
        payload = results.as_json()
        if results.promoted:  # only then: the documented answer keeps its shape
            payload["promoted"] = [result.as_json() for result in results.promoted]
        if results.notice:
            payload["notice"] = results.notice
        response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["X-Robots-Tag"] = NOINDEX
    response["Cache-Control"] = "private, no-store"
    return counted(response, params, results)


@require_GET
def search_page(request):
    params, results, error = run(request)
    context = {
        "params": params or SearchParams(),
        "raw_query": request.GET.get("q", "")[:300],
        "results": results,
        "error": error,
        "kinds": KINDS,
        "meta_description": "Rechercher dans les délibérations des 12 partenaires, les comptes rendus des comités de "
        "pilotage, les communiqués et le texte de leurs PDF.",
    }
    response = render(request, "search/search_page.html", context, status=400 if error else 200)
    response["X-Robots-Tag"] = NOINDEX
    response["Cache-Control"] = "private, no-store"
    return counted(response, params, results)
