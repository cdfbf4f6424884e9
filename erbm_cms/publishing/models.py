from django.db import models
from wagtail.admin.panels import FieldPanel


class PartnerRestrictable(models.Model):
    """A record that editors can reserve to the partners (members of the partner and delegation groups)."""

    restricted_to_partners = models.BooleanField(
        "réservé aux partenaires",
        default=False,
        help_text="Visible seulement des membres connectés des groupes partenaires et de la délégation ; "
        "ses documents sont rangés dans la collection réservée. Prend effet à la publication.",
    )

    restriction_panels = [FieldPanel("restricted_to_partners")]

    class Meta:
        abstract = True
