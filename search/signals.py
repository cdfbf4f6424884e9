"""Every change that can alter what search shows goes through the task framework to the index."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from erbm_cms.archive.kinds import indexed_models
from erbm_cms.documents.signals import document_text_extracted

from .tasks import remove_from_search_index, update_search_index


def update_tree(page):
    """The page and its descendants of indexed types (their URL or visibility may have changed)."""
    for descendant in Page.objects.descendant_of(page, inclusive=True).type(*indexed_models()).values_list("pk", flat=True):
        update_search_index.enqueue(descendant)


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    update_tree(instance)


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    # The instance may be unpublished in memory only (Wagtail does so just before a deletion).
    remove_from_search_index.enqueue(instance.pk)
    for descendant in Page.objects.descendant_of(instance).type(*indexed_models()).values_list("pk", flat=True):
        update_search_index.enqueue(descendant)


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    update_tree(instance)


@receiver(post_delete)
def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        remove_from_search_index.enqueue(instance.pk)


@receiver([post_save, post_delete], sender=PageViewRestriction)
def on_privacy_change(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        update_tree(page)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def on_privacy_groups_change(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        on_privacy_change(PageViewRestriction, instance)


@receiver(document_text_extracted)
def on_document_text(sender, document, **kwargs):
    from erbm_cms.documents.usage import pages_using

    for page_id in pages_using(document):
        update_search_index.enqueue(page_id)
