from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import stats

PERIODS = {7: "7 derniers jours", 30: "30 derniers jours", 365: "12 derniers mois"}


def queries_report(request):
    """The most frequent queries of the public and those that found nothing: counts only."""
    if not request.user.has_perm("search.view_querystat"):
        raise PermissionDenied
    try:
        days = int(request.GET.get("jours", 30))
    except ValueError:
        days = 30
    days = days if days in PERIODS else 30
    frequent, failing = stats.report(days)
    return render(request, "search/admin/queries_report.html", {
        "periods": PERIODS, "days": days, "frequent": frequent, "failing": failing,
    })
