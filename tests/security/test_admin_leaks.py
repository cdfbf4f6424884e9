"""The admin shows a partner editor only the titles it may see.

Partner A signs in and opens every admin view that lists titles (explorer, searches,
choosers, bulk-action confirmations, reports, usage pages, admin API), with the ids of
partner B's draft, unpublished and expired records and documents: their unique words
appear nowhere. Partner B, and the reviewer, still see them where they should.
"""

from html import unescape

import pytest
from wagtail.models import Page, Workflow

from erbm_cms.deliberations.models import PartnerDeliberationsPage
from erbm_cms.home.models import HomePage
from erbm_cms.publishing.roles import WORKFLOW

from .planting import HIDDEN_FROM_EVERYONE

pytestmark = pytest.mark.django_db

HIDDEN_DELIBERATIONS = ["draft", "unpublished", "expired"]
HIDDEN_TITLES = [HIDDEN_FROM_EVERYONE[state][0] for state in HIDDEN_DELIBERATIONS]


def admin_urls(planted):
    pages = [planted.pages[state].pk for state in HIDDEN_DELIBERATIONS]
    documents = [planted.documents[state].pk for state in HIDDEN_DELIBERATIONS]
    section = PartnerDeliberationsPage.objects.get(partner=planted.partner_b).pk
    home = HomePage.objects.get().pk
    root = Page.get_first_root_node().pk
    ids = "&".join(f"id={pk}" for pk in pages)
    document_ids = "&".join(f"id={pk}" for pk in documents)
    urls = [
        "/admin/", "/admin/pages/", f"/admin/pages/{root}/", f"/admin/pages/{home}/", f"/admin/pages/{section}/",
        "/admin/pages/search/?q=quenouille", "/admin/pages/search/results/?q=quenouille",
        "/admin/pages/search/?q=D%C3%A9lib%C3%A9ration", "/admin/choose-page/", f"/admin/choose-page/{section}/",
        f"/admin/choose-page/{home}/", "/admin/choose-page/search/?q=quenouille",
        "/admin/choose-page/search/?q=D%C3%A9lib%C3%A9ration", f"/admin/choose-page/?page_type=wagtailcore.page&parent={section}",
        f"/admin/api/main/pages/?child_of={section}&limit=100", "/admin/api/main/pages/?search=quenouille",
        f"/admin/api/main/pages/?descendant_of={home}&limit=100&fields=title",
        "/admin/api/main/documents/?limit=20", "/admin/api/main/documents/?search=quenouille",
        "/admin/api/main/images/?limit=20",
        "/admin/documents/", "/admin/documents/?q=quenouille", "/admin/documents/results/?q=quenouille",
        "/admin/documents/chooser/", "/admin/documents/chooser/results/?q=quenouille", "/admin/images/",
        "/admin/images/chooser/", "/admin/reports/locked/", "/admin/reports/workflow/", "/admin/reports/workflow_tasks/",
        "/admin/reports/site-history/", "/admin/reports/aging-pages/", "/admin/reports/page-types-usage/",
        "/admin/pages/usage/deliberations/deliberationpage/", "/admin/pages/usage/deliberations/deliberationpage/results/",
        f"/admin/snippets/partners/partner/usage/{planted.partner_b.pk}/", "/admin/snippets/partners/axis/",
        f"/admin/workflows/usage/{Workflow.objects.get(name=WORKFLOW).pk}/", "/admin/workflows/list/",
    ]
    for action in ("delete", "publish", "unpublish", "move"):
        urls.append(f"/admin/bulk/wagtailcore/page/{action}/?{ids}&next=/admin/")
        urls.append(f"/admin/bulk/wagtailcore/page/{action}/?id=all&childOf={section}&next=/admin/")
        urls.append(f"/admin/bulk/deliberations/deliberationpage/{action}/?{ids}&next=/admin/")
    urls.append("/admin/bulk/documents/archivedocument/delete/?id=all&next=/admin/")
    for action in ("delete", "add_to_collection", "add_tags"):
        urls.append(f"/admin/bulk/documents/archivedocument/{action}/?{document_ids}&next=/admin/")
        urls.append(f"/admin/bulk/wagtaildocs/document/{action}/?{document_ids}&next=/admin/")
    for pk in pages:
        urls += [f"/admin/pages/{pk}/", f"/admin/pages/{pk}/edit/", f"/admin/pages/{pk}/history/",
                 f"/admin/pages/{pk}/usage/", f"/admin/pages/{pk}/workflow_history/", f"/admin/choose-page/{pk}/",
                 f"/admin/api/main/pages/{pk}/", f"/admin/pages/{pk}/preview/", f"/admin/pages/{pk}/copy/",
                 f"/admin/pages/{pk}/move/", f"/admin/pages/{pk}/delete/", f"/admin/pages/{pk}/unpublish/"]
    for pk in documents:
        urls += [f"/admin/documents/edit/{pk}/", f"/admin/documents/usage/{pk}/", f"/admin/documents/delete/{pk}/",
                 f"/admin/documents/chooser/chosen/{pk}/", f"/admin/api/main/documents/{pk}/",
                 f"/admin/archive-documents/{pk}/texte/"]
    image = planted.image.pk
    urls += [f"/admin/images/{image}/", f"/admin/images/usage/{image}/", f"/admin/images/chooser/chosen/{image}/",
             f"/admin/bulk/wagtailimages/image/delete/?id={image}&next=/admin/"]
    return urls


def leaks(client, urls, words):
    found = []
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code == 302:
            continue
        content = (b"".join(response.streaming_content) if response.streaming else response.content).decode(errors="replace").lower()
        found += [(url, response.status_code, word) for word in words if word in content]
    return found


def test_a_partner_editor_sees_no_title_of_another_partners_hidden_records(planted, client_a):
    found = leaks(client_a, admin_urls(planted), HIDDEN_TITLES)
    assert found == [], "\n".join(map(str, found))


def test_the_owner_partner_still_finds_its_drafts(planted, client_b):
    section = PartnerDeliberationsPage.objects.get(partner=planted.partner_b).pk
    html = client_b.get(f"/admin/pages/{section}/").content.decode().lower()
    assert HIDDEN_FROM_EVERYONE["draft"][0] in html
    chooser = client_b.get("/admin/choose-page/search/", {"q": "quenouille"}).content.decode().lower()
    assert HIDDEN_FROM_EVERYONE["draft"][0] in chooser


def test_bulk_actions_keep_the_partners_own_pages_and_drop_the_others(planted, client_a, client_reviewer):
    from erbm_cms.deliberations.models import DeliberationPage

    own = DeliberationPage.objects.filter(partner=planted.partner_a).first()
    foreign = [planted.pages[state].pk for state in HIDDEN_DELIBERATIONS]
    query = "&".join(f"id={pk}" for pk in [own.pk, *foreign])
    for action in ("delete", "unpublish"):
        html = unescape(client_a.get(f"/admin/bulk/wagtailcore/page/{action}/?{query}&next=/admin/").content.decode()).lower()
        assert own.title.lower() in html
        assert not [word for word in HIDDEN_TITLES if word in html]
    reviewer_html = client_reviewer.get(f"/admin/bulk/wagtailcore/page/unpublish/?{query}&next=/admin/").content.decode().lower()
    assert HIDDEN_FROM_EVERYONE["unpublished"][0] in reviewer_html


def test_an_image_of_a_reserved_record_is_not_named_to_an_admin_user_outside_the_partners(planted, django_user_model):
    from django.contrib.auth.models import Permission
    from django.test import Client

    stranger = django_user_model.objects.create_user("sans-droit", "sans-droit@example.invalid", "mot-de-passe-de-test")
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(stranger)
    for url in (f"/admin/api/main/images/{planted.image.pk}/", f"/admin/bulk/wagtailimages/image/delete/?id={planted.image.pk}&next=/admin/",
                f"/admin/api/main/pages/{planted.pages['draft'].pk}/", f"/admin/choose-page/{planted.pages['draft'].pk}/"):
        response = client.get(url)
        assert response.status_code < 500, url
        assert b"quenouilleimage" not in response.content and b"quenouillebrouillon" not in response.content, url


@pytest.mark.parametrize("query", ["limit=20", "search=quenouille", "search=Acte&limit=20", "offset=0&limit=20&fields=title"])
def test_the_admin_api_lists_no_document_of_another_partners_hidden_record(planted, client_a, query):
    response = client_a.get(f"/admin/api/main/documents/?{query}")
    assert response.status_code == 200
    titles = [item["title"].lower() for item in response.json()["items"]]
    if "search" not in query:
        assert titles, "the listing answers with the documents the partner may know"
    assert not [title for title in titles if any(word in title for word in HIDDEN_TITLES)]
