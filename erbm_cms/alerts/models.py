from django.conf import settings
from django.db import models
from django.http import QueryDict
from django.utils import timezone


class SavedSearch(models.Model):
    """A search a signed-in user follows: new matching records are sent to them by e-mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    query_string = models.CharField("paramètres de la recherche", max_length=1000)
    label = models.CharField("intitulé", max_length=400)
    created_at = models.DateTimeField("créée le", default=timezone.now)
    checked_at = models.DateTimeField(
        "dernière vérification", default=timezone.now,
        help_text="Les enregistrements publiés après cette date sont nouveaux pour cette alerte.",
    )

    class Meta:
        verbose_name = "alerte de recherche"
        verbose_name_plural = "alertes de recherche"
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "query_string"], name="one_alert_per_search")]

    def __str__(self):
        return self.label

    @property
    def params(self):
        return QueryDict(self.query_string)
