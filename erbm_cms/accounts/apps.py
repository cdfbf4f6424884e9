from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "erbm_cms.accounts"
    label = "accounts"
    verbose_name = "Comptes et double authentification"
