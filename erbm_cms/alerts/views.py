from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from search.query import InvalidParameter

from . import searches, unsubscribe
from .models import SavedSearch

MAX_ALERTS = 50


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def alert_list(request):
    """The signed-in user's alerts; POST follows the search whose parameters are posted."""
    if request.method == "POST":
        return _create(request)
    return _no_store(render(request, "alerts/alert_list.html", {
        "alerts": request.user.saved_searches.all(),
        "meta_description": "Vos alertes : les recherches dont vous recevez les nouveaux résultats par courriel.",
    }))


def _create(request):
    try:
        params = searches.parse(request.POST)
    except InvalidParameter as error:
        messages.error(request, f"Cette recherche ne peut pas être suivie : {error.message}")
        return redirect("alert_list")
    if not request.user.email:
        messages.error(request, "Votre compte n'a pas d'adresse électronique : demandez à la délégation de l'ajouter "
                                "pour recevoir des alertes.")
    elif request.user.saved_searches.count() >= MAX_ALERTS:
        messages.error(request, f"Vous suivez déjà {MAX_ALERTS} recherches : supprimez-en une avant d'en suivre une autre.")
    else:
        label = searches.describe(params)
        try:
            SavedSearch.objects.create(user=request.user, query_string=searches.query_string(params), label=label)
            messages.success(request, f"Alerte enregistrée : vous recevrez chaque jour par courriel les nouveaux "
                                      f"résultats de la recherche {label}.")
        except IntegrityError:
            messages.info(request, f"Vous suivez déjà la recherche {label}.")
    query = searches.query_string(params)
    return HttpResponseRedirect(reverse("search") + (f"?{query}" if query else ""))


@login_required
@require_POST
def alert_delete(request, pk):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    saved.delete()
    messages.success(request, f"Vous ne suivez plus la recherche {saved.label}.")
    return redirect("alert_list")


@csrf_exempt  # the signed token is the credential; mail clients post it without a session (RFC 8058)
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request, token):
    """One click from the e-mail (or the mail client's one-click POST) ends the alert, signed-in or not."""
    data = unsubscribe.read(token)
    saved = SavedSearch.objects.filter(pk=data["alert"], user_id=data["user"]).first() if data else None
    label = saved.label if saved else ""
    if saved:
        saved.delete()
    status = 200 if data else 400
    return _no_store(render(request, "alerts/unsubscribed.html", {
        "valid": bool(data), "label": label,
        "meta_description": "Désinscription d'une alerte de recherche.",
    }, status=status))
