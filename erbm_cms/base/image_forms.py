"""The admin's image upload form, refusing images that cannot be decoded whole (truncated, corrupt)."""

from django import forms
from PIL import Image, UnidentifiedImageError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

CORRUPT = (
    "Cette image est tronquée ou endommagée : elle ne peut pas être lue entièrement. "
    "Enregistrez-la à nouveau depuis un logiciel d'image, puis déposez-la."
)


def check_image_decodes(file):
    """Decode the whole image, as thumbnails will; a ValidationError (in French) if that fails."""
    position = file.tell()
    try:
        file.seek(0)
        with Image.open(file) as picture:
            picture.load()
    except Image.DecompressionBombError as error:
        raise forms.ValidationError("Cette image compte trop de pixels pour être traitée.", code="too_large") from error
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError) as error:
        raise forms.ValidationError(CORRUPT, code="corrupt_image") from error
    finally:
        file.seek(position)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, whose checks (format, pixel size) read the image: a broken one is a form error."""

    def to_python(self, data):
        try:
            file = super().to_python(data)
        except (OSError, SyntaxError, ValueError) as error:
            raise forms.ValidationError(CORRUPT, code="corrupt_image") from error
        if file is not None and hasattr(file, "seek"):
            check_image_decodes(file)
        return file


class CheckedImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if isinstance(field, WagtailImageField):
            field.__class__ = CheckedImageField  # the field Wagtail built, with its settings, checked whole
