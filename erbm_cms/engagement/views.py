from django.shortcuts import render

from .figures import all_series


def figures(request):
    """« L'engagement en chiffres »: charts of the archive, each with its data table."""
    return render(request, "engagement/figures.html", {
        "series": all_series(),
        "meta_description": "L'engagement pour le renouveau du bassin minier en chiffres : délibérations "
        "publiées par année et par partenaire, actions de suivi des comités de pilotage par état.",
    })
