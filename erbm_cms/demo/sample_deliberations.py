"""Fictitious deliberations for the demo: two per partner, each with its act as a PDF.

The seeds contain no deliberation, so these are generated; every page and
every page of every PDF says that they are fictitious examples.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from erbm_cms.deliberations import actes
from erbm_cms.deliberations.models import DeliberatingBody

FICTITIOUS_NOTICE = "EXEMPLE FICTIF - document généré pour la démonstration du site, sans valeur juridique"


@dataclass(frozen=True)
class Theme:
    object: str
    actes_code: str
    axis: int
    reasons: str
    decision: str


THEMES = [
    Theme("Approbation de l'Engagement pour le renouveau du bassin minier et des engagements propres de la collectivité",
          "8.4", 4,
          "L'Engagement pour le renouveau du bassin minier, signé le 7 mars 2017 à Oignies par douze partenaires, "
          "pose un cadre stratégique partagé pour dix ans. Il appartient à l'assemblée de préciser les engagements "
          "propres de la collectivité.",
          "approuve l'Engagement pour le renouveau du bassin minier et autorise l'exécutif à signer tout document s'y rapportant"),
    Theme("Participation au programme de réhabilitation énergétique des logements des cités minières",
          "8.5", 1,
          "La réhabilitation de 23 000 logements miniers en dix ans doit redonner du pouvoir d'achat aux locataires "
          "par les économies d'énergie et améliorer la qualité de vie dans les cités minières.",
          "décide de participer au financement de la réhabilitation des logements des cités minières de son territoire"),
    Theme("Soutien aux structures d'insertion par l'activité économique du bassin minier",
          "8.6", 2,
          "Sur un territoire où le chômage de longue durée reste élevé, l'insertion par l'activité économique offre "
          "des parcours durables vers l'emploi, notamment dans l'écoconstruction.",
          "attribue une aide aux structures d'insertion par l'activité économique et approuve la convention type"),
    Theme("Convention de financement du pôle d'échanges multimodal de la gare",
          "8.7", 1,
          "Le pôle d'échanges multimodal facilite la mobilité des habitants et concourt à la reconquête de friches "
          "urbaines et ferroviaires.",
          "approuve la convention de financement du pôle d'échanges multimodal et le plan de financement prévisionnel"),
    Theme("Subvention à la valorisation du patrimoine minier inscrit au patrimoine mondial de l'UNESCO",
          "8.9", 3,
          "L'inscription du bassin minier au patrimoine mondial de l'UNESCO en 2012 appelle des outils de médiation "
          "pour les habitants comme pour les visiteurs.",
          "attribue une subvention au projet de signalétique et de médiation du patrimoine minier"),
    Theme("Programme de traitement des friches industrielles et des séquelles minières",
          "8.8", 4,
          "Solder les séquelles de l'activité minière suppose d'accélérer le traitement des sols pollués et la "
          "reconquête des friches industrielles.",
          "adopte le programme pluriannuel de traitement des friches et sollicite les cofinancements correspondants"),
    Theme("Désignation des représentants de la collectivité au comité de pilotage de l'Engagement",
          "5.3", 4,
          "Le comité de pilotage de l'Engagement réunit les douze partenaires ; chacun y désigne ses représentants.",
          "désigne ses représentants titulaire et suppléant au comité de pilotage"),
    Theme("Fonds de concours pour la rénovation d'équipements sportifs",
          "7.8", 3,
          "La rénovation des équipements sportifs contribue à la santé et au bien-être des habitants du bassin minier.",
          "attribue un fonds de concours pour la rénovation d'un équipement sportif communal"),
    Theme("Déploiement de l'espace numérique de travail dans les écoles du bassin minier",
          "8.1", 2,
          "Le développement de tous les usages du numérique passe par l'école ; l'espace numérique de travail relie "
          "élèves, familles et équipes éducatives.",
          "approuve sa participation au déploiement de l'espace numérique de travail des écoles"),
    Theme("Contrat local de santé du bassin minier",
          "8.2", 3,
          "Améliorer la santé des habitants suppose de renforcer la prévention et l'éducation à la santé, en "
          "priorité dans les quartiers de la politique de la ville.",
          "approuve le contrat local de santé et autorise sa signature"),
    Theme("Aide à l'implantation d'entreprises dans un bassin urbain à dynamiser",
          "7.4", 2,
          "Le dispositif des bassins urbains à dynamiser allège la fiscalité des entreprises qui se créent dans le "
          "bassin minier et y recrutent.",
          "adopte le régime d'aide à l'implantation d'entreprises et en fixe les conditions"),
    Theme("Aménagement de voirie pour la desserte d'une cité minière",
          "8.3", 1,
          "La requalification des voiries et des espaces publics accompagne la réhabilitation des cités minières.",
          "approuve le programme d'aménagement de voirie et son plan de financement"),
]

MEMBERS_BY_KIND = {"region": 170, "departement": 82, "agglomeration": 100, "communes": 60}


@dataclass(frozen=True)
class SampleDeliberation:
    title: str
    number: str
    deliberating_body: str
    session_date: date
    actes_code: str
    axis: int
    votes: dict
    prefecture_date: date | None
    transmission_id: str
    summary: str
    pdf_sections: list
    pdf_pages: int


def _votes(rng, kind):
    members = MEMBERS_BY_KIND.get(kind)
    if members is None:
        return {}
    present = members - rng.randint(2, members // 6)
    against = rng.randint(0, 4)
    abstentions = rng.randint(0, 6)
    return {
        "members_in_office": members,
        "members_present": present,
        "votes_for": present - against - abstentions,
        "votes_against": against,
        "abstentions": abstentions,
    }


def samples_for(partner, partner_index):
    """The two fictitious deliberations of a partner, always the same for the same partner."""
    rng = random.Random(f"erbm-demo-{partner.name}")
    samples = []
    for rank in range(2):
        theme = THEMES[(partner_index * 2 + rank) % len(THEMES)]
        session = date(2017 + rank, 4, 1) + timedelta(days=rng.randint(0, 250) + 120 * rank)
        number = f"{session.year}-{rng.randint(10, 250):03d}"
        body = DeliberatingBody.usual_for(partner.kind)
        is_state = partner.kind == "etat"
        title = ("Arrêté préfectoral : " + theme.object[0].lower() + theme.object[1:]) if is_state else theme.object
        votes = _votes(rng, partner.kind)
        prefecture_date = None if is_state else session + timedelta(days=rng.randint(2, 12))
        transmission_id = "" if is_state else f"EXEMPLE-{number}"
        subject = actes.describe(theme.actes_code)
        summary = (
            f"<p><strong>Exemple fictif.</strong> {theme.reasons}</p>"
            f"<p>Par cette délibération fictive, l'assemblée {theme.decision}.</p>"
        )
        pdf_pages = 1 + (partner_index + rank) % 3
        sections = [
            ("", [f"{partner.name}", f"Séance du {session:%d/%m/%Y} - acte n° {number}", f"Matière : {subject}"]),
            ("Exposé des motifs", [theme.reasons]),
        ]
        if pdf_pages >= 2:
            sections += [("\f", []), ("Vu", [
                "Vu le code général des collectivités territoriales ;",
                "Vu l'Engagement pour le renouveau du bassin minier du Nord et du Pas-de-Calais signé le 7 mars 2017 à Oignies ;",
                "Vu l'avis de la commission compétente (exemple fictif) ;",
            ])]
        if pdf_pages >= 3:
            sections += [("\f", []), ("Annexe : plan de financement prévisionnel (fictif)", [
                "Les montants ci-dessous sont fictifs et ne servent qu'à la démonstration de la recherche en texte intégral.",
                f"Participation de {partner.short_name} : {rng.randint(5, 90) * 10000:,} euros".replace(",", " "),
            ])]
        vote_line = (
            f"Adopté par {votes['votes_for']} voix pour, {votes['votes_against']} contre et "
            f"{votes['abstentions']} abstentions ({votes['members_present']} présents ou représentés "
            f"sur {votes['members_in_office']} membres en exercice)."
            if votes else "Décision du représentant de l'État."
        )
        sections += [("Décision", [f"L'assemblée {theme.decision}.", vote_line])]
        samples.append(SampleDeliberation(
            title=title, number=number, deliberating_body=body, session_date=session,
            actes_code=theme.actes_code, axis=theme.axis, votes=votes,
            prefecture_date=prefecture_date, transmission_id=transmission_id, summary=summary,
            pdf_sections=sections, pdf_pages=pdf_pages,
        ))
    return samples
