"""The collections of documents and images: all are children of Wagtail's root collection."""

from wagtail.models import Collection


def collection_named(name):
    """The child of the root collection called `name`, created if missing."""
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=name).first() or root.add_child(name=name)
