"""Everyday words for the field's administrative ones, so that a clerk's words find the records' words.

The seed publications speak of the « réhabilitation » of the mining estates and of their
« rénovation » for the same works (« 10 millions d'euros pour la rénovation des cités minières »,
« réhabilitation de cités minières »), and common usage says « rénovation thermique » for the
« réhabilitation énergétique » of housing. Editors complete or correct the list in the admin.
"""

from django.db import migrations

SEEDS = "publications d'origine (seeds)"
USAGE = "usage courant : rénovation thermique ou énergétique des logements"

SYNONYMS = [
    ("rénovation", ["réhabilitation"], SEEDS + " : « la rénovation des cités minières », « réhabilitation de cités minières »"),
    ("thermique", ["énergétique"], USAGE),
]


def add(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, expansions, source in SYNONYMS:
        Synonym.objects.get_or_create(term=term, defaults={"expansions": "\n".join(expansions), "source": source})


def remove(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(term__in=[term for term, _, _ in SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0006_ocr_text_weighs_less")]
    operations = [migrations.RunPython(add, remove)]
