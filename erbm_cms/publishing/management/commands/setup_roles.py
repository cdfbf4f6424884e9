from django.core.management.base import BaseCommand

from erbm_cms.publishing.roles import setup_roles


class Command(BaseCommand):
    help = "Crée ou complète les groupes (délégation, partenaires), leurs droits et le circuit de validation."

    def handle(self, *args, **options):
        roles = setup_roles()
        if not roles:
            self.stdout.write("Aucune page d'accueil : chargez d'abord le site (manage.py load_demo).")
            return
        self.stdout.write(f"Groupes en place : « {roles['editors'].name} », « {roles['reviewers'].name} » "
                          f"et {len(roles['partners'])} groupes de partenaires ; circuit « {roles['workflow'].name} ».")
