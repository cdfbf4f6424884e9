"""The collections of documents and images: all are children of Wagtail's root collection."""

from wagtail.models import Collection


def existing_collection(name):
    """The child of the root collection called `name`, or None."""
    return Collection.get_first_root_node().get_children().filter(name=name).first()


def collection_named(name):
    """The child of the root collection called `name`, created if missing."""
    return existing_collection(name) or Collection.get_first_root_node().add_child(name=name)
