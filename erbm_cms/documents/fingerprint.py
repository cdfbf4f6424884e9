"""The SHA-256 fingerprint of a file's content, by which the archive finds a file deposited twice."""

import hashlib

CHUNK = 1024 * 1024


def sha256_of(file):
    """The hex SHA-256 of an open binary file's whole content; its read position is left as it was."""
    position = file.tell() if hasattr(file, "tell") else None
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(CHUNK), b""):
        digest.update(chunk)
    if position is not None:
        file.seek(position)
    return digest.hexdigest()


def sha256_of_path(path):
    with open(path, "rb") as handle:
        return sha256_of(handle)
