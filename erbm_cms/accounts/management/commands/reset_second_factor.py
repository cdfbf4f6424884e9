from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from erbm_cms.accounts.devices import remove_second_factor


class Command(BaseCommand):
    help = (
        "Retire l'application d'authentification et les codes de secours d'un compte (téléphone et codes perdus) : "
        "à sa prochaine connexion, la personne active de nouveau la double authentification."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Aucun compte « {username} ».")
        remove_second_factor(user)
        self.stdout.write(f"Double authentification retirée pour « {username} » : elle sera demandée à sa prochaine connexion.")
