"""Generated French administrative text for archives of realistic size (benchmarks only).

Deliberations read like those of the mining basin's partners: visas, recitals,
decisions, amounts, places, over a vocabulary of a few thousand words in which
some words are everywhere (« conseil communautaire ») and others rare
(« chevalement »). Deterministic for a given seed.
"""

import random

PLACES = (
    "Lens Liévin Douai Béthune Hénin-Beaumont Valenciennes Denain Oignies Bruay-la-Buissière Carvin Harnes "
    "Courrières Auchel Nœux-les-Mines Wingles Loos-en-Gohelle Grenay Avion Méricourt Sallaumines Noyelles-Godault "
    "Montigny-en-Gohelle Waziers Sin-le-Noble Somain Aniche Auby Flers-en-Escrebieux Condé-sur-l'Escaut Anzin "
    "Raismes Wallers Vieux-Condé Fresnes-sur-Escaut Escaudain Lourches Marles-les-Mines Haillicourt Calonne-Ricouart "
    "Divion Barlin Houdain Bully-les-Mines Mazingarbe Vermelles Billy-Montigny Rouvroy Drocourt Leforest Évin-Malmaison"
).split()
SUBJECTS = [
    "la réhabilitation thermique des logements miniers", "la rénovation énergétique des cités minières",
    "le budget prévisionnel de l'exercice", "la décision modificative du budget annexe",
    "la requalification des espaces publics de la cité", "la reconversion de la friche industrielle",
    "la mise en valeur du patrimoine minier inscrit au patrimoine mondial", "la restauration du chevalement de la fosse",
    "l'aménagement du terril en espace naturel", "la création d'une voie verte sur l'ancien cavalier minier",
    "le programme local de l'habitat", "la convention de renouvellement urbain", "le contrat de ville",
    "l'insertion professionnelle des demandeurs d'emploi", "la mobilité des habitants du bassin minier",
    "le plan climat air énergie territorial", "la gestion des eaux pluviales et des affaissements miniers",
    "la dépollution des sols de l'ancienne cokerie", "le soutien aux associations culturelles",
    "la santé des habitants et l'accès aux soins", "la formation des jeunes aux métiers de l'écoconstruction",
    "le développement touristique autour de la mémoire minière", "la desserte en transport en commun",
    "l'acquisition foncière de parcelles", "la cession d'un bien immobilier communautaire",
    "la garantie d'emprunt accordée au bailleur social", "la subvention d'équipement aux communes",
    "le fonds de concours pour la rénovation des écoles", "la tarification des équipements sportifs",
    "le schéma de cohérence territoriale", "la géothermie sur eau de mine", "la trame verte et bleue",
]
BODIES = [
    "le conseil communautaire", "la commission permanente", "le conseil municipal", "le conseil départemental",
    "le bureau communautaire", "le conseil régional",
]
PARTIES = [
    "l'État", "la Région Hauts-de-France", "le Département du Nord", "le Département du Pas-de-Calais",
    "Maisons et Cités", "SIA Habitat", "l'Établissement public foncier", "la Mission Bassin Minier",
    "la Caisse des dépôts", "l'Agence nationale pour la rénovation urbaine", "l'ADEME", "Pôle emploi",
]
VISAS = [
    "Vu le code général des collectivités territoriales, et notamment ses articles L. 5211-1 et suivants ;",
    "Vu le code de la construction et de l'habitation ;", "Vu le code de l'urbanisme ;",
    "Vu le code de l'environnement, et notamment son livre V relatif aux installations classées ;",
    "Vu les statuts de la communauté d'agglomération ;",
    "Vu l'Engagement pour le renouveau du bassin minier signé le 7 mars 2017 ;",
    "Vu la délibération du conseil communautaire approuvant le programme pluriannuel d'investissement ;",
    "Vu l'avis favorable de la commission aménagement du territoire, habitat et politique de la ville ;",
    "Vu le budget primitif adopté par l'assemblée délibérante ;",
]
RECITALS = [
    "Considérant que {subject} constitue une priorité du territoire au regard de l'état du parc de logements ;",
    "Considérant que {party} s'est engagé à cofinancer l'opération à hauteur de {percent} % du montant hors taxes ;",
    "Considérant que les travaux concernent {count} logements situés à {place} et {place2} ;",
    "Considérant la nécessité de préserver les paysages miniers et les vues sur les terrils jumeaux ;",
    "Considérant que l'opération contribue à la transition énergétique et à la réduction des charges des ménages ;",
    "Considérant que la consultation des entreprises a été conduite selon une procédure adaptée ;",
    "Considérant l'avis de la commission des finances réunie le {day} {month} {year} ;",
    "Considérant que les crédits nécessaires sont inscrits au budget de l'exercice {year} ;",
]
DECISIONS = [
    "Article {n} : approuve {subject} pour un montant de {amount} euros hors taxes.",
    "Article {n} : autorise le président à signer la convention avec {party} ainsi que tout document s'y rapportant.",
    "Article {n} : sollicite auprès de {party} une subvention au taux le plus élevé possible.",
    "Article {n} : dit que les dépenses seront imputées au chapitre {chapter} du budget principal.",
    "Article {n} : précise que la présente délibération peut faire l'objet d'un recours devant le tribunal administratif de Lille dans un délai de deux mois.",
    "Article {n} : charge le directeur général des services de l'exécution de la présente délibération.",
]
NARRATIVE = [
    "Le rapporteur rappelle que {subject} s'inscrit dans la continuité des actions engagées depuis {year}.",
    "Les études préalables ont montré que {count} logements présentaient une étiquette énergétique F ou G.",
    "Le diagnostic réalisé à {place} identifie des désordres liés aux affaissements miniers et aux remontées de nappe.",
    "Le plan de financement prévisionnel associe {party} et {party2} ainsi que des fonds européens.",
    "Le calendrier prévoit le démarrage des travaux au {month} {year} pour une durée de {count} mois.",
    "Les habitants ont été associés à la démarche lors de réunions publiques tenues à {place}.",
    "Le coût global de l'opération est estimé à {amount} euros toutes taxes comprises.",
    "Les entreprises retenues devront réserver {percent} % des heures travaillées à l'insertion professionnelle.",
    "La cité de {place} compte {count} maisons de mineurs construites entre 1900 et 1930.",
    "Le site de l'ancienne fosse de {place} accueillera un équipement culturel et des logements.",
    "Le bilan de l'année {year} fait apparaître une hausse de la fréquentation des équipements communautaires.",
    "Un comité de suivi réunissant {party} et les communes concernées se réunira chaque semestre.",
]
MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
WORDS_PER_PAGE = 380


class ArchiveText:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def _fill(self, template, subject, year):
        rng = self.rng
        return template.format(
            subject=subject, party=rng.choice(PARTIES), party2=rng.choice(PARTIES), place=rng.choice(PLACES),
            place2=rng.choice(PLACES), count=rng.randint(3, 400), percent=rng.choice([20, 30, 40, 50, 80]),
            amount=f"{rng.randint(10, 9000) * 1000:,}".replace(",", " "), n=rng.randint(1, 9),
            chapter=rng.choice([20, 21, 23, 65, 204]), day=rng.randint(1, 28), month=rng.choice(MONTHS), year=year,
        )

    def deliberation(self, subject, year, words):
        """(summary, [page texts]) of a deliberation of about `words` words."""
        rng = self.rng
        body = rng.choice(BODIES)
        summary = self._fill(rng.choice(NARRATIVE), subject, year) + " " + self._fill(rng.choice(NARRATIVE), subject, year)
        sentences = [f"Objet : {subject}.", f"{body[0].upper()}{body[1:]}, réuni en séance publique,"]
        sentences += rng.sample(VISAS, rng.randint(3, 6))
        count = len(" ".join(sentences).split())
        while count < words:
            template = rng.choice(NARRATIVE + RECITALS + RECITALS[:2] + DECISIONS)
            sentence = self._fill(template, rng.choice(SUBJECTS) if rng.random() < 0.3 else subject, year)
            sentences.append(sentence)
            count += len(sentence.split())
        sentences.append(f"Après en avoir délibéré, {body} adopte la présente délibération à l'unanimité.")
        pages, page, size = [], [], 0
        for sentence in sentences:
            page.append(sentence)
            size += len(sentence.split())
            if size >= WORDS_PER_PAGE:
                pages.append(" ".join(page))
                page, size = [], 0
        if page:
            pages.append(" ".join(page))
        return summary, pages
