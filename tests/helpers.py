"""Helpers shared by the tests: admin page creation and reading pages as a user would."""

import re
from html import unescape

from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import nested_form_data


def visible_text(response):
    """The text of an HTML response as a reader sees it (tags dropped, spaces folded)."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " "))


def add_page_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def post_new_page(client, model, parent, fields, publish=True):
    """POST the admin's create form; returns the response (not followed).

    Multi-valued fields (checkboxes) are given as tuples: nested_form_data flattens lists.
    """
    data = dict(fields)
    data.setdefault("slug", slugify(data.get("title", "")))
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(add_page_url(model, parent), nested_form_data(data))


def form_errors(response):
    """Field name -> list of messages shown in the admin form."""
    form = response.context["form"]
    errors = {name: list(messages) for name, messages in form.errors.items()}
    for formset_name, formset in getattr(form, "formsets", {}).items():
        for index, formset_errors in enumerate(formset.errors):
            for name, messages in formset_errors.items():
                errors[f"{formset_name}-{index}-{name}"] = list(messages)
    return errors
