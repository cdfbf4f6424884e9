from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


def luhn_is_valid(digits):
    """SIREN and SIRET numbers carry a Luhn check digit."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siren(value):
    if not (value.isascii() and value.isdigit()) or len(value) != 9:
        raise ValidationError("Le SIREN comporte exactement 9 chiffres.")
    if not luhn_is_valid(value):
        raise ValidationError("Ce SIREN n'est pas valide (clé de contrôle incorrecte).")


def validate_siret(value):
    if not (value.isascii() and value.isdigit()) or len(value) != 14:
        raise ValidationError("Le SIRET comporte exactement 14 chiffres.")
    if not luhn_is_valid(value):
        raise ValidationError("Ce SIRET n'est pas valide (clé de contrôle incorrecte).")


class PartnerKind(models.TextChoices):
    STATE = "etat", "État"
    REGION = "region", "Région"
    DEPARTEMENT = "departement", "Département"
    AGGLOMERATION = "agglomeration", "Communauté d'agglomération"
    COMMUNES = "communes", "Communauté de communes"


class Partner(index.Indexed, models.Model):
    """One of the twelve signatories of the Engagement."""

    name = models.CharField("nom officiel", max_length=255, unique=True)
    short_name = models.CharField("nom court", max_length=120)
    slug = models.SlugField(
        "identifiant dans les adresses", max_length=80, unique=True, blank=True,
        help_text="Utilisé dans les adresses (ex. /deliberations/douaisis-agglo/) ; "
        "calculé à partir du nom court s'il est laissé vide.",
    )
    kind = models.CharField("catégorie", max_length=20, choices=PartnerKind.choices)
    siren = models.CharField("SIREN", max_length=9, blank=True, validators=[validate_siren])
    siret = models.CharField(
        "SIRET du siège", max_length=14, blank=True, validators=[validate_siret],
        help_text="Laisser vide si aucune source ne le donne : l'export le signale.",
    )
    seat_town = models.CharField("commune du siège", max_length=120, blank=True)
    website = models.URLField("site internet", blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name="logo", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    sort_order = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    source = models.TextField("sources des informations", blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldPanel("siren"), FieldPanel("siret"), FieldPanel("seat_town")],
            heading="Identification",
        ),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("sort_order"),
        FieldPanel("source"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "partenaire"
        verbose_name_plural = "partenaires"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.short_name or self.name)[:80]
        super().save(*args, **kwargs)

    def clean(self):
        if self.siret and self.siren and not self.siret.startswith(self.siren):
            raise ValidationError({"siret": "Le SIRET doit commencer par le SIREN du partenaire."})



class Axis(models.Model):
    """One of the axes of the Engagement."""

    number = models.PositiveSmallIntegerField("numéro", unique=True)
    title = models.CharField("intitulé", max_length=255)
    description = models.TextField("description", blank=True)

    panels = [FieldPanel("number"), FieldPanel("title"), FieldPanel("description")]

    class Meta:
        ordering = ["number"]
        verbose_name = "axe"
        verbose_name_plural = "axes"

    def __str__(self):
        return f"Axe {self.number} : {self.title}"


register_snippet(Partner)
register_snippet(Axis)
