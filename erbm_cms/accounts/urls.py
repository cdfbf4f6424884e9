from django.urls import path

from . import views

urlpatterns = [
    path("", views.manage, name="accounts_manage"),
    path("verifier/", views.verify, name="accounts_verify"),
    path("activer/", views.enrol, name="accounts_enrol"),
    path("codes-de-secours/", views.recovery_codes, name="accounts_recovery_codes"),
    path("codes-de-secours/nouveaux/", views.regenerate_codes, name="accounts_regenerate_codes"),
    path("desactiver/", views.disable, name="accounts_disable"),
]
