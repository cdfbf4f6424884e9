from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from erbm_cms.archive.records import ArchiveRecord
from erbm_cms.deliberations.models import PartnerDeliberationsPage

from .privacy import apply_restriction


@receiver(page_published)
def apply_partner_restriction(sender, instance, **kwargs):
    page = instance.specific
    if isinstance(page, ArchiveRecord):
        apply_restriction(page)


@receiver(post_save, sender=PartnerDeliberationsPage)
def give_the_new_section_its_group(sender, instance, created, **kwargs):
    if created:
        from .roles import setup_roles

        setup_roles()
