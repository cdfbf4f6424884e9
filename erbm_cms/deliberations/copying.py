"""Copying pages in the admin: a deliberation's number is unique for its partner, so no copy of it can be saved."""

from django.apps import apps
from wagtail.admin.forms.pages import CopyForm


class DeliberationSafeCopyForm(CopyForm):
    """The admin's copy form, refusing (with a message, not a server error) a copy that would duplicate a deliberation."""

    def clean(self):
        cleaned_data = super().clean()
        # By name: the page models use this form, so this module cannot import them.
        DeliberationPage = apps.get_model("deliberations", "DeliberationPage")  # noqa: N806

        subtree = self.page.get_descendants(inclusive=True) if cleaned_data.get("copy_subpages") else None
        if isinstance(self.page.specific_deferred, DeliberationPage):
            number = self.page.specific_deferred.number
            self.add_error("new_title", (
                f"Une délibération ne peut pas être copiée : son numéro (n° {number}) est unique pour son partenaire. "
                "Pour une nouvelle délibération, utilisez « Ajouter une page enfant » dans la rubrique du partenaire."
            ))
        elif subtree is not None and subtree.type(DeliberationPage).exists():
            self.add_error("copy_subpages", (
                "Les sous-pages contiennent des délibérations, dont le numéro est unique pour chaque partenaire : "
                "copiez cette page sans ses sous-pages."
            ))
        return cleaned_data
