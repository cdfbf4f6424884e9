from django_tasks import task

from . import sync


@task()
def update_search_index(page_id):
    """Bring one record's index entry up to date (or remove it)."""
    sync.update_page(page_id)


@task()
def remove_from_search_index(page_id):
    sync.delete_page(page_id)


@task()
def replay_search_queue():
    return sync.replay_pending()
