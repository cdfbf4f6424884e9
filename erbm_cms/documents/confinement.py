"""Resolve a file name taken from outside (a CSV cell, a URL, a zip member) inside one folder.

Every importer that reads files named by its input goes through `resolve_inside`: the
name must stay a relative path made of ordinary components, and the file it designates,
once every symbolic link is followed, must be a regular file inside the folder.
"""

import os
import re
import stat
import unicodedata
from pathlib import Path

# Characters that read as a path separator once normalised or displayed.
SEPARATOR_LOOKALIKES = "\\\u2044\u2215\u29f5\u29f8\u29f9\ufe68\uff0f\uff3c"
MAX_NAME_LENGTH = 255
# Names that Windows opens as a device whatever their extension (a file unpacked there would not be one).
DEVICE_NAME = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$) *(\..*)?", re.IGNORECASE)


class PathRefused(Exception):
    """The name cannot designate a file of the folder; the message (French) says why."""


def _components(name):
    if not name:
        raise PathRefused("le nom de fichier est vide")
    if "\x00" in name:
        raise PathRefused("le nom de fichier contient un caractère nul")
    if any(unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") for char in name):
        raise PathRefused("le nom de fichier contient un caractère de contrôle ou invisible")
    normalised = unicodedata.normalize("NFKC", name)
    if any(char in SEPARATOR_LOOKALIKES for char in name + normalised):
        raise PathRefused("le nom de fichier contient une barre oblique inverse ou un séparateur déguisé")
    if name.startswith("/") or normalised.startswith("/") or re.match(r"[A-Za-z]:", normalised):
        raise PathRefused("le chemin est absolu")
    parts = name.split("/")
    for part, normalised_part in zip(parts, normalised.split("/")):
        if part in ("", ".") or normalised_part in ("", "."):
            raise PathRefused("le chemin contient un élément vide ou « . »")
        if part == ".." or normalised_part == ".." or set(normalised_part) <= {".", " "}:
            raise PathRefused("le chemin remonte hors du dossier (« .. »)")
        if DEVICE_NAME.fullmatch(normalised_part.rstrip(". ")):
            raise PathRefused(f"« {normalised_part} » est un nom réservé à un périphérique")
        if len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_LENGTH:
            raise PathRefused("un élément du chemin dépasse 255 octets")
    return parts


def check_name(name):
    """The components of a relative file name taken from outside; PathRefused (French reason) if it could leave its folder."""
    return _components(name)


def resolve_inside(folder, name):
    """The real path of the regular file `name` inside `folder`, or None if there is no such file.

    Raises PathRefused when the name could designate anything outside the folder
    (absolute path, `..`, backslash, control character, disguised separator) or
    when the file found is a link leading outside, or is not a regular file.
    """
    parts = _components(name)
    root = Path(os.path.realpath(folder))
    candidate = root.joinpath(*parts)
    if not os.path.lexists(candidate):
        return None
    real = Path(os.path.realpath(candidate))
    if real != root and root not in real.parents:
        raise PathRefused("le fichier est un lien qui mène hors du dossier")
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return None
    if not stat.S_ISREG(mode):
        raise PathRefused("ce n'est pas un fichier ordinaire")
    return real


def open_inside(path):
    """Open a path returned by `resolve_inside` for reading, refusing a link swapped in since."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise PathRefused("ce n'est pas un fichier ordinaire")
    return os.fdopen(descriptor, "rb")
