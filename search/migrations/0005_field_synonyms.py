"""The field's acronyms, as the seed publications and the partners' table spell them out.

Editors complete or correct the list in the admin (Recherche > Synonymes et sigles).
"""

from django.db import migrations

SEEDS = "publications d'origine (seeds)"
PARTNERS = "table des partenaires (partners.tsv)"
OFFICIAL = "dénomination officielle de l'organisme ou du dispositif"

SYNONYMS = [
    ("ERBM", ["Engagement pour le renouveau du bassin minier"], SEEDS + " : « L'Engagement pour le Renouveau du Bassin Minier (ERBM) »"),
    ("CAVM", ["Valenciennes Métropole"], SEEDS + " : « la CA Valenciennes Métropole (CAVM) »"),
    ("CALL", ["Communauté d'agglomération de Lens-Liévin"], PARTNERS),
    ("CAHC", ["Communauté d'agglomération Hénin-Carvin"], PARTNERS),
    ("CAPH", ["Communauté d'agglomération de la Porte du Hainaut"], PARTNERS),
    ("CCCO", ["Communauté de communes Cœur d'Ostrevent"], PARTNERS),
    ("ANRU", ["Agence nationale pour la rénovation urbaine"], OFFICIAL),
    ("ANAH", ["Agence nationale de l'habitat"], OFFICIAL),
    ("NPNRU", ["Nouveau programme national de renouvellement urbain"], OFFICIAL),
    ("QPV", ["quartier prioritaire de la politique de la ville", "quartiers prioritaires"], OFFICIAL),
    ("EPCI", ["établissement public de coopération intercommunale", "intercommunalité"], OFFICIAL),
    ("FNADT", ["Fonds national d'aménagement et de développement du territoire"], OFFICIAL),
    ("DSIL", ["dotation de soutien à l'investissement local"], OFFICIAL),
    ("ADEME", ["Agence de l'environnement et de la maîtrise de l'énergie", "Agence de la transition écologique"], OFFICIAL),
    ("DREAL", ["Direction régionale de l'environnement, de l'aménagement et du logement"], OFFICIAL),
    ("DRAC", ["Direction régionale des affaires culturelles"], OFFICIAL),
]


def add(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, expansions, source in SYNONYMS:
        Synonym.objects.get_or_create(term=term, defaults={"expansions": "\n".join(expansions), "source": source})


def remove(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(term__in=[term for term, _, _ in SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_curation")]
    operations = [migrations.RunPython(add, remove)]
