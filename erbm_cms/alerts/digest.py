"""The daily e-mail of an alert: the records newly published that match the followed search."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from . import searches, unsubscribe


def absolute(base, url):
    return url if url.startswith(("http://", "https://")) else base.rstrip("/") + url


def message(saved, hits, base_url):
    """The e-mail announcing `hits` for this alert, with its one-click unsubscribe link."""
    stop = unsubscribe.url(saved, base=base_url)
    context = {
        "alert": saved, "hits": [(hit, absolute(base_url, hit.url)) for hit in hits],
        "search_url": absolute(base_url, f"{reverse('search')}?{saved.query_string}"),
        "alerts_url": absolute(base_url, reverse("alert_list")), "unsubscribe_url": stop,
    }
    count = len(hits)
    email = EmailMultiAlternatives(
        subject=f"{count} nouveau{'x' if count > 1 else ''} résultat{'s' if count > 1 else ''} : {saved.label}",
        body=render_to_string("alerts/digest_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[saved.user.email],
        headers={"List-Unsubscribe": f"<{stop}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    email.attach_alternative(render_to_string("alerts/digest_email.html", context), "text/html")
    return email


def new_records(saved, since, until):
    return searches.published_between(searches.parse(saved.params), saved.user, since, until)
