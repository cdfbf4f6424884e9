"""Site-specific reference data: URL slugs of the partners and the four axes."""

# URL slugs chosen for the site, keyed by the official name in partners.tsv.
PARTNER_SLUGS = {
    "Préfecture de la région Hauts-de-France": "etat",
    "Région Hauts-de-France": "region-hauts-de-france",
    "Département du Nord": "departement-du-nord",
    "Département du Pas-de-Calais": "departement-du-pas-de-calais",
    "Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane": "ca-bethune-bruay",
    "Communauté d'agglomération de Lens-Liévin": "ca-lens-lievin",
    "Communauté d'agglomération Hénin-Carvin": "ca-henin-carvin",
    "Communauté d'agglomération du Douaisis": "douaisis-agglo",
    "Communauté d'agglomération de la Porte du Hainaut": "ca-porte-du-hainaut",
    "Communauté d'agglomération de Valenciennes Métropole": "valenciennes-metropole",
    "Communauté de communes Cœur d'Ostrevent": "cc-coeur-d-ostrevent",
    "Communauté de communes Osartis-Marquion": "cc-osartis-marquion",
}

# The four axes of the Engagement as the 2017 article lists them (seed
# 2017-03-27), with the first paragraph of each as its description.
AXES = [
    (1, "Redonner de l'énergie au territoire, en faire un territoire d'excellence de la transition énergétique",
     "L'ambition est ici d'investir massivement dans la réhabilitation des logements tout en en faisant un levier d'emploi et d'innovation"),
    (2, "Redonner du mouvement au territoire",
     "L'objectif est de permettre au bassin minier d'être exemplaire dans au moins trois domaines relevant de l'économie et du social"),
    (3, "Redonner de la fierté aux habitants et métamorphoser leur cadre de vie",
     "L'inscription au Patrimoine mondial de l'UNESCO ne permet pas à elle seule de changer le regard porté sur le bassin minier."),
    (4, "Réparer le passé et conforter la responsabilité et la solidarité des acteurs du territoire",
     "Il s'agit ici \"d'apaiser les plaies du passé\""),
]
