import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = Path(settings.BASE_DIR) / "var" / "admin-password"


class Command(BaseCommand):
    help = (
        "Crée (ou met à jour) le compte d'administration de développement et affiche comment se connecter. "
        "Le mot de passe vient de ADMIN_PASSWORD, sinon il est généré une fois et conservé dans var/admin-password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, username, url, **options):
        password = os.environ.get("ADMIN_PASSWORD") or self.stored_password()
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.invalid", "is_staff": True, "is_superuser": True}
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.is_staff = user.is_superuser = True
            user.save()
        self.stdout.write(self.style.SUCCESS("Espace de gestion : ") + url)
        self.stdout.write(f"  identifiant : {username}")
        self.stdout.write(f"  mot de passe : {password}")
        self.stdout.write(self.second_factor_help(user, url))

    def second_factor_help(self, user, url):
        from erbm_cms.accounts.policy import has_second_factor

        if has_second_factor(user):
            return (
                "  double authentification : active ; saisissez le code de votre application (ou un code de secours). "
                f"Appareil perdu : manage.py reset_second_factor {user.get_username()}"
            )
        return (
            "  double authentification : obligatoire pour ce compte. À la première connexion, la page "
            f"« Activer la double authentification » ({url.rstrip('/')}/double-authentification/activer/) affiche un code QR : "
            "scannez-le avec une application d'authentification (FreeOTP, Aegis, Google Authenticator…), "
            "saisissez le code à six chiffres, puis conservez les dix codes de secours."
        )

    def stored_password(self):
        if PASSWORD_FILE.exists():
            return PASSWORD_FILE.read_text().strip()
        PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
        password = secrets.token_urlsafe(15)
        PASSWORD_FILE.write_text(password + "\n")
        PASSWORD_FILE.chmod(0o600)
        return password
