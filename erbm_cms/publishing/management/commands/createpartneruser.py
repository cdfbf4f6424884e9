import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from erbm_cms.partners.models import Partner
from erbm_cms.publishing.roles import setup_roles
from erbm_cms.records.groups import partner_group_name


class Command(BaseCommand):
    help = "Ajoute un rédacteur de partenaire : il dépose les délibérations de ce partenaire et les soumet à validation."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("partner", help="identifiant du partenaire (ex. douaisis-agglo) ou son nom court")
        parser.add_argument("--password", help="mot de passe (sinon, un mot de passe est tiré au hasard et affiché)")

    def handle(self, *args, email, partner, password, **options):
        found = Partner.objects.filter(slug=partner).first() or Partner.objects.filter(short_name__iexact=partner).first()
        if found is None:
            slugs = ", ".join(Partner.objects.values_list("slug", flat=True))
            raise CommandError(f"Partenaire inconnu « {partner} ». Partenaires : {slugs}")
        groups = setup_roles().get("partners", {})
        if found.slug not in groups:
            raise CommandError(f"{found.name} n'a pas encore de rubrique de délibérations sur le site.")
        User = get_user_model()
        user, created = User.objects.get_or_create(username=email.lower(), defaults={"email": email.lower()})
        password = password or secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_active = True
        user.save()
        user.groups.add(groups[found.slug])
        verb = "créé" if created else "mis à jour"
        self.stdout.write(f"Compte {verb} : {user.username}, groupe « {partner_group_name(found)} ».")
        self.stdout.write(f"  mot de passe : {password}")
