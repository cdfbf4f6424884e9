"""What the demo pages hold, cut from the seed publications (wording kept)."""

import json
from datetime import date

from .seed_text import between, paragraph_starting, plain, read_seed, remove, to_html

ARTICLE_2017 = "2017-03-27-article-signature-engagement.txt"
COPIL_2018 = "2018-02-05-communique-copil-oignies.txt"
PRESS_KIT_2018 = "2018-02-22-dossier-presse-visite-premier-ministre.txt"
LEAFLET_2018 = "2018-fin-depliant-erbm-delegation.txt"
PRESENTATION_2023 = "2023-01-25-presentation-engagement.txt"

SOURCES = {
    ARTICLE_2017: "IREV, centre de ressources de la politique de la ville en Hauts-de-France : "
    "« Renouveau du bassin minier : signature d'un protocole d'engagement », publié le 27 mars 2017.",
    COPIL_2018: "Préfecture de la région Hauts-de-France, communiqué de presse du 5 février 2018.",
    PRESS_KIT_2018: "Préfecture de la région Hauts-de-France, dossier de presse du 22 février 2018.",
    LEAFLET_2018: "Délégation interministérielle pour le renouveau du bassin minier, dépliant de fin 2018.",
    PRESENTATION_2023: "Gouvernement : « L'Engagement pour le renouveau du bassin minier : de quoi s'agit-il ? », "
    "mise à jour du 25 janvier 2023.",
}


def heading(text):
    return {"type": "heading", "value": text}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def photo_credit(caption, credit=""):
    return {"type": "photo_credit", "value": {"caption": caption, "credit": credit}}


def key_figures(title, figures):
    return {
        "type": "key_figures",
        "value": {"heading": title, "figures": [{"value": v, "label": label, "detail": d} for v, label, d in figures]},
    }


def timeline(title, events):
    return {
        "type": "timeline",
        "value": {"heading": title, "events": [{"date_label": d, "title": t, "detail": ""} for d, t in events]},
    }


def links(title, items):
    return {
        "type": "links",
        "value": {"heading": title, "links": [{"title": t, "url": u, "detail": d} for t, u, d in items]},
    }


def documents(title, document_ids):
    return {
        "type": "documents",
        "value": {"heading": title, "documents": [{"document": pk, "title": ""} for pk in document_ids]},
    }


def stream(blocks):
    return json.dumps(blocks)


# Home page ---------------------------------------------------------------

HOME_INTRO = (
    "Signé le 7 mars 2017 à Oignies par l'État, la Région Hauts-de-France, les Départements du Nord "
    "et du Pas-de-Calais et 8 intercommunalités, l'Engagement pour le renouveau du bassin minier "
    "réunit 12 partenaires pendant 10 ans (2017-2027) pour transformer le quotidien des 1,2 million "
    "d'habitants du bassin minier du Nord et du Pas-de-Calais."
)

HOME_KEY_FIGURES = [
    ("1,2 million", "d'habitants", "le cinquième de la population des Hauts-de-France"),
    ("250", "communes", "sur 1 200 km², de la frontière belge à l'ouest de Béthune"),
    ("12", "partenaires signataires", "l'État, la Région, 2 Départements et 8 intercommunalités"),
    ("10 ans", "d'engagement", "de 2017 à 2027"),
]

# The leaflet's timeline (seed 2018-fin).
TIMELINE = [
    ("9 décembre 2016", "Remise du rapport de « Préfiguration d'un contrat partenarial d'intérêt national pour le bassin minier du Nord et du Pas-de-Calais »"),
    ("7 mars 2017", "Signature de « l'Engagement pour le Renouveau du Bassin Minier »"),
    ("26 octobre 2017", "Nomination du délégué interministériel"),
    ("5 février 2018", "1er Comité de pilotage"),
    ("22 février 2018", "Visite du 1er Ministre"),
    ("Avril 2018", "Installation de la délégation sur le site du 9/9 bis à Oignies (62)"),
    ("9 novembre 2018", "Signature du protocole d'accord Bassin Minier territoire démonstrateur de la stratégie pauvreté"),
]


# Engagement ------------------------------------------------------------------

def engagement_content():
    text = read_seed(PRESENTATION_2023)
    article = read_seed(ARTICLE_2017)
    territory = between(text, "Le bassin minier est un territoire sans équivalent", "Le bassin minier : un territoire résilient")
    resilient = between(text, "C’est un paysage façonné", "L’Engagement pour le Renouveau du bassin Minier (ERBM) : un partenariat")
    resilient = remove(resilient, "United nations educational, scientific and cultural organisation Organisation des Nations unies pour l'éducation, la science et la culture")
    partnership = between(text, "Couvrant l’ensemble des politiques publiques", "16 axes sont identifiés")
    principles = between(text, "Les signataires souhaitent articuler", "Retrouvez sur le lien")
    blocks = [
        paragraph(to_html(territory)),
        heading("Le bassin minier : un territoire résilient, territoire d'avenir"),
        paragraph(to_html(resilient)),
        heading("Un partenariat de 12 signataires"),
        paragraph(to_html(partnership)),
        paragraph(to_html(principles)),
        heading("Le plan d'actions de 2017 en quatre axes"),
        paragraph(to_html(between(article, "Le protocole d'engagement pose un cadre", "Axe 1 :"))),
    ]
    for number, next_marker in ((1, "Axe 2 :"), (2, "Axe 3 :"), (3, "Axe 4 :"), (4, "Enfin, la mise en oeuvre")):
        section = between(article, f"Axe {number} :", next_marker)
        title, _, rest = section.partition("\n")
        blocks += [heading(plain(title)), paragraph(to_html(rest))]
    blocks.append(links("Le texte de l'engagement", [
        ("Engagement partenarial pour le renouveau du bassin minier du Nord et du Pas-de-Calais (PDF, 7 mars 2017)",
         "http://prefectures-regions.gouv.fr/hauts-de-france/content/download/31636/215355/file/Engagement_partenarial_BM_07.03.17.pdf",
         "Préfecture de la région Hauts-de-France"),
    ]))
    return {
        "intro": plain(between(text, "Le bassin minier est un territoire sans équivalent", "Il s’étire")),
        "body": stream(blocks),
        "source": f"{SOURCES[PRESENTATION_2023]} Présentation des axes : {SOURCES[ARTICLE_2017]}",
    }


def axis_description(start):
    return paragraph_starting(read_seed(ARTICLE_2017), start)


# Communiqués -----------------------------------------------------------------

def article_2017(attachment_id):
    text = read_seed(ARTICLE_2017)
    blocks = [paragraph(to_html(between(text, "Cet engagement résulte", "Axe 1 :")))]
    for number, next_marker in ((1, "Axe 2 :"), (2, "Axe 3 :"), (3, "Axe 4 :"), (4, "En savoir plus")):
        section = between(text, f"Axe {number} :", next_marker)
        title, _, rest = section.partition("\n")
        blocks += [heading(plain(title)), paragraph(to_html(rest))]
    blocks.append(links("En savoir plus", [
        ("Engagement partenarial pour le renouveau du bassin minier du Nord et du Pas-de-Calais",
         "http://prefectures-regions.gouv.fr/hauts-de-france/content/download/31636/215355/file/Engagement_partenarial_BM_07.03.17.pdf",
         "7 mars 2017"),
        ("Bassin minier - Bernard Cazeneuve signe, à Oignies, un « engagement pour le renouveau du bassin minier »",
         "http://prefectures-regions.gouv.fr/hauts-de-france/Actualites/Bassin-minier-Bernard-Cazeneuve-signe-a-Oignies-un-engagement-pour-le-renouveau-du-bassin-minier",
         "Préfecture Hauts-de-France, 13/03/2017"),
        ("Dix ans pour transformer le bassin minier Nord-Pas-de-Calais", "http://www.ville.gouv.fr/?dix-ans-pour-transformer-le-bassin",
         "Ministère de la ville, 08/03/2017"),
    ]))
    blocks.append(documents("Document", [attachment_id]))
    return {
        "title": "Renouveau du bassin minier : signature d'un protocole d'engagement",
        "slug": "signature-protocole-engagement",
        "date": date(2017, 3, 27),
        "kind": "article",
        "lead": plain(between(text, "Le 7 mars à Oignies", "Cet engagement résulte")),
        "body": stream(blocks),
        "source": SOURCES[ARTICLE_2017],
        "subjects": ["signature", "engagement", "aménagement du territoire"],
        "axes": [1, 2, 3, 4],
    }


def communique_copil_2018():
    text = read_seed(COPIL_2018)
    body = between(text, "Les présidents des deux départements", "Annexe :")
    axes = between(text, "L’enjeu partagé est de soutenir", None)
    blocks = [
        paragraph(to_html(body)),
        heading("Annexe : l'Engagement pour le renouveau du bassin minier, dates, chiffres clés et contenu en bref"),
        timeline("5 dates", [
            ("7 mars 2017", plain(between(text, "signature de l’engagement par le Premier ministre", "- 26 octobre 2017"))),
            ("26 octobre 2017", "Nomination d’Alain Neveü, délégué interministériel pour le renouveau du Bassin Minier"),
            ("1er janvier 2018", "Mise en place d’un dispositif d’allègement de la fiscalité économique (Bassins urbains à dynamiser) "
             "pour 148 communes du Bassin Minier ; inscription au budget de l’Etat d’une première tranche de 10 millions "
             "d’euros pour la rénovation des cités minières."),
            ("5 février 2018", "Premier comité de pilotage"),
            ("Février 2018", plain(between(text, "installation  de  la  délégation", "3 chiffres"))),
        ]),
        key_figures("3 chiffres", [
            ("1,2 million", "d’habitants", "près de 20% de la population régionale et plus de 650 habitants au km²"),
            ("251", "communes", "et un territoire de plus de 100 km de long"),
            ("10 ans", "c’est la durée de l’engagement", ""),
        ]),
        heading("Un enjeu, sept axes forts"),
        paragraph(to_html(axes)),
    ]
    return {
        "title": "Renouveau du bassin minier : État et collectivités en ordre de marche",
        "slug": "etat-et-collectivites-en-ordre-de-marche",
        "date": date(2018, 2, 5),
        "kind": "communique",
        "lead": plain(between(text, "Lundi  5 février", "Les présidents des deux départements")),
        "body": stream(blocks),
        "source": SOURCES[COPIL_2018],
        "subjects": ["comité de pilotage", "insertion", "cités minières"],
        "axes": [1, 2],
    }


PRESS_KIT_CAPTIONS = [
    ("Comité de pilotage pour le renouveau du bassin minier à Oignies, le 5 février 2018", "Préfecture du Nord"),
    ("Ecopôle de la gare de Libercourt", "www.libercourt.com"),
    ("Démarrage des travaux sur la RN 17", "DREAL Hauts-de-France"),
    ("Aménagement du pôle multimodal de la gare de Béthune", ""),
    ("Développement de l’énergie photovoltaïque dans le bassin minier", "Préfecture du Nord"),
    ("Lancement officiel de l’extension du terminal à conteneurs Escaut Valenciennes Terminal, le 29 novembre 2017", "Préfecture du Nord"),
    ("Réhabilitation de la cité minière Lemay", "Claire K."),
    ("Déploiement des espaces numériques de travail", "www.ludovia.com"),
    ("Mise en place d’une signalétique visant à valoriser l’inscription du bassin minier au patrimoine mondial de l’UNESCO", "Préfecture du Nord"),
    ("Construction ou réhabilitation d’équipements sportifs dans le bassin minier", "www.lenageur.com"),
    ("Culture de miscanthus sur l’ancien site de Metaleurop", "Préfecture du Nord"),
]

PRESS_KIT_SECTIONS = [
    ("2.1- Redonner de l’énergie au territoire, en faire un territoire d’excellence de la transition énergétique",
     "Faciliter la mobilité des biens", "2.2- Redonner du mouvement",
     ["Faciliter la mobilité des biens et des populations :",
      "Faire du bassin minier un ensemble cohérent de Territoires à Énergie Positive pour la Croissance Verte :",
      "Faire du bassin minier un territoire de développement de la ville intelligente"]),
    ("2.2- Redonner du mouvement au territoire", "Favoriser le développement d’activités économiques", "2.3- Redonner de la fierté",
     ["Favoriser le développement d’activités économiques", "Développer tous les usages du numérique",
      "Accompagner les populations dans leur développement social, économique et citoyen"]),
    ("2.3- Redonner de la fierté aux habitants et métamorphoser leur cadre de vie",
     "Valoriser les sites de mémoire miniers", "2.4- Réparer le passé",
     ["Valoriser les sites de mémoire miniers, historiques et culturels", "Améliorer la santé des habitants"]),
    ("2.4- Réparer le passé et conforter la responsabilité et la solidarité des acteurs du territoire",
     "Apaiser les plaies du passé.", None,
     ["Apaiser les plaies du passé.", "Assurer le pilotage général de la démarche"]),
]


def press_kit_2018(attachment_id):
    text = read_seed(PRESS_KIT_2018)
    found_captions = []
    for caption, credit in PRESS_KIT_CAPTIONS:
        full = f"{caption} © {credit}" if credit else caption
        text = remove(text, full)
        found_captions.append((caption, credit))
    blocks = [paragraph(to_html(between(text, "Le 7 mars 2017, en présence", "1. Cinq initiatives majeures")))]
    blocks += [
        heading("1. Cinq initiatives majeures portées par l’État ont abouti en 2017"),
        paragraph(to_html(between(text, "Deux mesures d’ordre législatif", "2. Pour chaque axe"),
                          headings=["Deux mesures d’ordre législatif :",
                                    "Quatre autres mesures marquent la priorité accordée au bassin minier dans les politiques de l’État :"])),
        key_figures("L'État aux côtés du bassin minier en 2017", [
            ("10 M€", "première tranche, dès 2018, des 100 M€ de l’État", "pour la réhabilitation énergétique des logements miniers"),
            ("4,5 M€", "pour l’insertion par l’activité économique", "140 postes en équivalent temps plein créés"),
            ("4,4 M€", "du Centre national pour le développement du sport", "pour une dizaine d’équipements sportifs"),
            ("10 M€", "pour les projets d’investissement du territoire", "en amorce du Fonds stratégique d’investissement"),
        ]),
        photo_credit(*found_captions[0]),
        heading("2. Pour chaque axe de l’engagement signé en mars 2017, de premières réalisations ont été concrétisées dès 2017"),
    ]
    captions_by_section = {0: found_captions[1:5], 1: found_captions[5:8], 2: found_captions[8:10], 3: found_captions[10:]}
    for index, (title, start, end, subheadings) in enumerate(PRESS_KIT_SECTIONS):
        blocks += [heading(title), paragraph(to_html(between(text, start, end), headings=subheadings))]
        blocks += [photo_credit(caption, credit) for caption, credit in captions_by_section[index]]
    blocks.append(documents("Document", [attachment_id]))
    return {
        "title": "Visite du Premier ministre dans le bassin minier, à Pecquencourt et à Douai",
        "slug": "visite-premier-ministre-pecquencourt-douai",
        "date": date(2018, 2, 22),
        "kind": "dossier",
        "lead": plain(between(text, "Edouard Philippe, Premier ministre", "Le 7 mars 2017, en présence")),
        "body": stream(blocks),
        "source": SOURCES[PRESS_KIT_2018] + " Les photographies de la publication d'origine ne sont pas reproduites ; leurs légendes et crédits sont cités.",
        "subjects": ["visite ministérielle", "réhabilitation", "insertion par l'activité économique", "cités minières"],
        "axes": [1, 2, 3, 4],
    }


# Steering committee ---------------------------------------------------------

def first_steering_committee():
    text = read_seed(COPIL_2018)
    priorities = between(text, "Pour cette année 2018, la priorité", "Une  des  premières  actions")
    return {
        "title": "Comité de pilotage du 5 février 2018 à Oignies",
        "slug": "comite-de-pilotage-2018-02-05",
        "meeting_date": date(2018, 2, 5),
        "place": "Oignies (Pas-de-Calais)",
        "chair": "Préfet de la région Hauts-de-France, à l'invitation duquel le comité s'est réuni",
        "summary": plain(between(text, "Lundi  5 février", "Les présidents des deux départements")),
        "attendees": stream([
            {"type": "attendee", "value": {"name": "Commissaire général à l’égalité des territoires",
                                           "organisation": "représentant le ministre de la cohésion des territoires"}},
            {"type": "attendee", "value": {"name": "Représentants de la Caisse des dépôts et consignations", "organisation": "Caisse des dépôts et consignations"}},
        ]),
        "agenda": stream([
            {"type": "item", "value": {"title": "Organisation opérationnelle de l'Engagement", "detail": "Traduction opérationnelle de l'accord politique de 2017."}},
            {"type": "item", "value": {"title": "Priorités et premiers chantiers de l'année 2018", "detail": "Développement économique et insertion."}},
            {"type": "item", "value": {"title": "Partenariat proposé par la Caisse des dépôts et consignations", "detail": ""}},
            {"type": "item", "value": {"title": "Association des habitants et des acteurs du territoire", "detail": ""}},
        ]),
        "decisions": stream([
            {"type": "decision", "value": {"text": to_html(between(text, "Moins d’un an après", "Pour cette année 2018"))}},
            {"type": "decision", "value": {"text": to_html(priorities)}},
            {"type": "decision", "value": {"text": to_html(between(text, "Une  des  premières  actions", "Ce  comité  de  pilotage"))}},
            {"type": "decision", "value": {"text": to_html(between(text, "Enfin, l’association des habitants", "Mission a été donnée"))}},
            {"type": "decision", "value": {"text": to_html(between(text, "Mission a été donnée", "Annexe :"))}},
        ]),
        "actions": [
            ("Définir avec l’ensemble des partenaires le plan de financement des premiers projets d’investissement",
             "Alain Neveü, délégué interministériel", date(2018, 5, 5)),
            ("Arrêter la liste des premières cités minières à réhabiliter", "Partenaires de l'Engagement", date(2018, 12, 31)),
            ("Démarrer dans l’année les chantiers des premiers projets d’investissement", "Partenaires de l'Engagement", date(2018, 12, 31)),
        ],
    }


# Plain pages -----------------------------------------------------------------

def delegation_content():
    text = read_seed(LEAFLET_2018)
    team = between(text, "**Thérèse PLACEK**", None).replace("**", "")
    blocks = [
        heading("Qui ?"),
        paragraph(to_html(between(text, "Un partenariat de", "### POURQUOI").replace("**", ""))),
        heading("Pourquoi ?"),
        paragraph(to_html(between(text, "La transformation du territoire est déjà engagée", "### CONTACTS").replace("**", ""))),
        heading("Les premiers chantiers"),
        paragraph(to_html(
            "Bassin Minier : territoire démonstrateur du plan de lutte contre la pauvreté\n\n"
            + between(text, "déploiement de maraudes", "## Rénover les cités"),
            headings=["Bassin Minier : territoire démonstrateur du plan de lutte contre la pauvreté"],
        )),
        paragraph(to_html(
            "Rénover les cités minières en associant les habitants pour :\n"
            + between(text, "- > redonner du pouvoir d'achat", "## Favoriser l'insertion").replace("- > ", "- ")
        )),
        paragraph(to_html(
            "Favoriser l'insertion et l'accès à l'emploi\n\n"
            + between(text, "- > Faire que les travaux", "Mise en place du").replace("- > ", "- "),
            headings=["Favoriser l'insertion et l'accès à l'emploi"],
        )),
        paragraph(to_html(
            "- Mise en place du « Bassin urbain à dynamiser » : allègement de la fiscalité pour la création d'entreprise (150 communes concernées)\n"
            "- Soutien renforcé aux investissements structurants\n- Soutenir la filière de l'écoconstruction\n- Soutenir le développement du Tourisme"
        )),
        timeline("En quelques dates", TIMELINE),
        heading("L'équipe de la délégation"),
        paragraph(to_html("\n".join(
            "- " + plain(line).rstrip(",").rstrip(".") for line in team.splitlines() if line.strip()
        ))),
        heading("Contacts"),
        paragraph("<p>Tél. : 03.21.18.90.17</p><p>Courriel : <a href=\"mailto:délégation-ERBM@hauts-de-france.gouv.fr\">"
                  "délégation-ERBM@hauts-de-france.gouv.fr</a></p>"
                  "<p>Bât. Tertiaire - Les Terrasses du Métaphone, 3ème étage rue Alain Bashung, 62590 OIGNIES</p>"),
    ]
    return {
        "intro": "Délégation interministérielle pour le renouveau du bassin minier : une équipe de l'État et des collectivités "
                 "régionales et départementales, installée à Oignies, qui coordonne l'ensemble des acteurs de l'Engagement.",
        "body": stream(blocks),
        "source": SOURCES[LEAFLET_2018] + " Les contacts et la composition de l'équipe sont ceux de fin 2018.",
    }


LEGAL_NOTICE = stream([
    heading("Éditeur"),
    paragraph("<p>Délégation interministérielle pour le renouveau du bassin minier du Nord et du Pas-de-Calais, "
              "Bât. Tertiaire - Les Terrasses du Métaphone, 3ème étage rue Alain Bashung, 62590 Oignies. "
              "Tél. : 03.21.18.90.17.</p>"),
    heading("Contenus"),
    paragraph("<p>Les communiqués, le dossier de presse et les textes de présentation reproduits sur ce site sont des "
              "publications publiques de l'État et de ses partenaires ; chaque page cite sa source et sa date.</p>"
              "<p>Les délibérations marquées « Exemple fictif » ont été générées pour la démonstration du site : "
              "elles n'ont été votées par aucune assemblée et n'ont aucune valeur juridique.</p>"),
    heading("Licence"),
    paragraph("<p>Sauf mention contraire, les contenus de ce site sont réutilisables sous la licence ouverte Etalab 2.0. "
              "Les données des délibérations sont publiées au format SCDL « Délibérations ».</p>"),
    heading("Données personnelles"),
    paragraph("<p>Le site public ne dépose aucun cookie de mesure d'audience. Un cookie de session est utilisé "
              "uniquement pour les personnes qui se connectent à l'espace de gestion.</p>"),
])

ACCESSIBILITY_STATEMENT = stream([
    paragraph("<p>La délégation interministérielle pour le renouveau du bassin minier s'engage à rendre son site "
              "internet accessible conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>"),
    heading("État de conformité"),
    paragraph("<p>Ce site n'a pas encore fait l'objet d'un audit de conformité au référentiel général d'amélioration "
              "de l'accessibilité (RGAA) : il est donc <strong>non conforme</strong> au sens de la réglementation, "
              "dans l'attente de cet audit. Il utilise le système de design de l'État (DSFR).</p>"),
    heading("Retour d'information et contact"),
    paragraph("<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter la délégation "
              "par téléphone au 03.21.18.90.17 pour être orienté vers une alternative accessible.</p>"),
    heading("Voies de recours"),
    paragraph("<p>Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu, que vous nous "
              "l'avez signalé et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez saisir le "
              "Défenseur des droits.</p>"),
])
