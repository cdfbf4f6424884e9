from django import forms
from django.conf import settings

from erbm_cms.base.templatetags.french_format import fr_filesize


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.zip,application/pdf,application/zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class ImportUploadForm(forms.Form):
    csv_file = forms.FileField(
        label="Fichier CSV des délibérations",
        help_text="Colonnes SCDL « Délibérations » (COLL_NOM ou COLL_SIRET, DELIB_ID, DELIB_DATE, DELIB_MATIERE_CODE, "
                  "DELIB_OBJET…), en UTF-8 ou Windows-1252, séparateur « ; » ou « , ».",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    acts = MultipleFileField(
        label="Actes en PDF",
        required=False,
        help_text="Plusieurs PDF, ou une archive zip de PDF. L'acte d'une ligne est le fichier nommé comme la fin de "
                  "DELIB_URL, sinon <DELIB_ID>.pdf.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["acts"].help_text += (
            f" Au plus {fr_filesize(settings.IMPORT_MAX_UPLOAD_SIZE)} en tout, "
            f"{fr_filesize(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)} par acte, {settings.IMPORT_MAX_FILES} fichiers."
        )
