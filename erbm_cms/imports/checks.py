from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register()
def import_folder_is_private(app_configs, **kwargs):
    """Uploaded import files must never be reachable under the public media or static folders."""
    root = Path(settings.IMPORT_ROOT).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if public and (root == Path(public).resolve() or Path(public).resolve() in root.parents):
            errors.append(Error(
                f"IMPORT_ROOT ({root}) est dans {name} ({public}) : les fichiers déposés pour un import seraient publics.",
                hint="Choisissez pour IMPORT_ROOT un dossier hors de MEDIA_ROOT et de STATIC_ROOT.",
                id="imports.E001",
            ))
    return errors
