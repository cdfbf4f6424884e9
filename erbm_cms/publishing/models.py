from django.db import models
from wagtail.admin.panels import FieldPanel

from erbm_cms.documents.choosing import AttachableDocumentsPageForm


class PartnerRestrictable(models.Model):
    """A record that editors can reserve to the partners (members of the partner and delegation groups)."""

    restricted_to_partners = models.BooleanField(
        "réservé aux partenaires",
        default=False,
        help_text="Visible seulement des membres connectés des groupes partenaires et de la délégation ; "
        "ses documents sont rangés dans la collection réservée. Prend effet à la publication.",
    )

    restriction_panels = [FieldPanel("restricted_to_partners")]
    # Every document a record uses passes the attachment rule on save (documents.choosing).
    base_form_class = AttachableDocumentsPageForm

    class Meta:
        abstract = True
