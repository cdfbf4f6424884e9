"""Planted records for the hostile tests: each state has its own unique words, in titles and in PDFs.

Partner B (the victim) has a draft, an unpublished, an expired and a restricted
deliberation; the delegation has an expired and a restricted communiqué, the
latter showing an image used nowhere else. A public deliberation of B is the
control: its words must be found, so that a crawl proves it reached the content.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from erbm_cms.deliberations.models import DeliberationPage, PartnerDeliberationsPage
from erbm_cms.demo.pdf import render_pdf
from erbm_cms.documents.models import ArchiveDocument
from erbm_cms.news.models import CommuniqueAttachment, CommuniquePage, NewsIndexPage
from erbm_cms.partners.models import Partner
from erbm_cms.publishing.roles import setup_roles
from erbm_cms.records.groups import REVIEWERS, partner_collection_name, partner_group_name

PARTNER_A = "douaisis-agglo"
PARTNER_B_SHORT = "CALL"

# Words that appear nowhere else: <state><where>, where t = title, p = PDF text.
HIDDEN_FROM_EVERYONE = {
    "draft": ("quenouillebrouillon", "quenouillebrouillonpdf"),
    "unpublished": ("quenouilleretrait", "quenouilleretraitpdf"),
    "expired": ("quenouilleperime", "quenouilleperimepdf"),
    "expired_news": ("quenouillecaduc", "quenouillecaducpdf"),
}
# Visible to partner and delegation groups only.
RESTRICTED = {
    "restricted": ("quenouillereserve", "quenouillereservepdf"),
    "restricted_news": ("quenouilleconfidentiel", "quenouilleconfidentielpdf"),
}
PUBLIC = ("quenouillepublique", "quenouillepubliquepdf")
IMAGE_TITLE = "quenouilleimage"


def words(states):
    return [word for pair in states.values() for word in pair]


@dataclass
class Planted:
    partner_a: Partner
    partner_b: Partner
    pages: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    image: object = None


def partner_collection(partner):
    root = Collection.get_first_root_node()
    return root.get_children().get(name=partner_collection_name(partner))


def pdf_in(collection, title, text):
    document = ArchiveDocument(title=title, collection=collection)
    document.save_with_file(f"{title}.pdf", ContentFile(render_pdf(title, [("", [text])])))
    document.refresh_from_db()
    assert document.extraction_status == "ok", document.extraction_reason
    return document


def png(title, collection=None):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    image = get_image_model()(title=title, collection=collection or Collection.get_first_root_node())
    image.file = ImageFile(ContentFile(buffer.getvalue(), name=f"{title}.png"), name=f"{title}.png")
    image.save()
    return image


def deliberation(partner, state, title_word, pdf_word, number):
    section = PartnerDeliberationsPage.objects.get(partner=partner)
    act = pdf_in(partner_collection(partner), f"Acte {title_word}", f"Texte de l'acte {pdf_word} signé.")
    page = DeliberationPage(
        title=f"Délibération {title_word}", partner=partner, deliberating_body="conseil_communautaire",
        session_date=datetime.date(2021, 3, 4), number=number, actes_code="8.5", act_document=act,
        restricted_to_partners=(state == "restricted"), live=False,
    )
    section.add_child(instance=page)
    revision = page.save_revision()
    if state != "draft":
        revision.publish()
    if state == "unpublished":
        Page.objects.get(pk=page.pk).specific.unpublish()
    if state == "expired":
        Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(hours=1))
    return page, act


def communique(state, title_word, pdf_word, image=None):
    news = NewsIndexPage.objects.get()
    body = [("image", {"image": image, "alt_text": "", "caption": "", "credit": ""})] if image else []
    page = CommuniquePage(
        title=f"Communiqué {title_word}", date=datetime.date(2024, 6, 1), kind="communique",
        lead=f"Chapô {title_word}.", body=body, restricted_to_partners=(state == "restricted_news"), live=False,
    )
    document = pdf_in(Collection.get_first_root_node(), f"Annexe {title_word}", f"Annexe {pdf_word}.")
    page.attachments = [CommuniqueAttachment(document=document)]
    news.add_child(instance=page)
    page.save_revision().publish()
    if state == "expired_news":
        Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(hours=1))
    return page, document


def plant():
    setup_roles()
    planted = Planted(Partner.objects.get(slug=PARTNER_A), Partner.objects.get(short_name=PARTNER_B_SHORT))
    for number, state in enumerate(["draft", "unpublished", "expired", "restricted"]):
        pair = {**HIDDEN_FROM_EVERYONE, **RESTRICTED}[state]
        planted.pages[state], planted.documents[state] = deliberation(planted.partner_b, state, *pair, f"SEC-{number}")
    planted.pages["public"], planted.documents["public"] = deliberation(planted.partner_b, "public", *PUBLIC, "SEC-9")
    planted.image = png(IMAGE_TITLE)
    planted.pages["expired_news"], planted.documents["expired_news"] = communique(
        "expired_news", *HIDDEN_FROM_EVERYONE["expired_news"])
    planted.pages["restricted_news"], planted.documents["restricted_news"] = communique(
        "restricted_news", *RESTRICTED["restricted_news"], image=planted.image)
    return planted


def partner_user(django_user_model, partner, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.invalid", "mot-de-passe-de-test")
    user.groups.add(Group.objects.get(name=partner_group_name(partner)))
    return user


def reviewer_user(django_user_model):
    user = django_user_model.objects.create_user("validation-sec", "validation-sec@example.invalid", "mot-de-passe-de-test")
    user.groups.add(Group.objects.get(name=REVIEWERS))
    return user
