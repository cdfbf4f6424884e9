"""Which documents a user may choose or attach to a page: one rule, for the chooser and for every save.

- The delegation (superusers, its editors and reviewers) may attach any document.
- A partner editor may attach the documents of its own collection, those anyone
  may already download (used by a page visible to everyone), and those already
  used by pages it may edit (its own acts, moved to the restricted collection
  when their record is reserved to partners).

Another partner's draft or restricted document is never offered, never accepted
on save (page form, annexes, attachments, StreamField and rich-text links), and
its title is never shown in the form.
"""

from django import forms
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.fields import RichTextField, StreamField
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from erbm_cms.records.groups import is_delegation
from erbm_cms.records.visibility import referenced_by, visible_files

REFUSED = (
    "Vous ne pouvez pas joindre ce document : il n'est ni dans la collection de votre partenaire, "
    "ni publié, ni déjà utilisé par une de vos pages."
)


def choosable_documents(user, queryset=None):
    """The documents of `queryset` (all by default) that `user` may choose or attach."""
    model = get_document_model()
    queryset = model.objects.all() if queryset is None else queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    if is_delegation(user):
        return queryset
    own = policy_registry.get_by_type(model).instances_user_has_any_permission_for(user, ["choose", "change"])
    public = visible_files(None, model.objects.all())
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return queryset.filter(
        Q(pk__in=own.values("pk")) | Q(pk__in=public.values("pk")) | Q(pk__in=referenced_by(editable, model))
    )


class GuardedDocumentChooser(AdminDocumentChooser):
    """The document chooser widget, which shows only the titles of documents the user may choose."""

    def __init__(self, allowed, **kwargs):
        super().__init__(**kwargs)
        self.allowed = allowed

    def get_instance(self, value):
        if value is None:
            return None
        pk = value.pk if isinstance(value, self.model_class) else value
        try:
            return self.allowed.get(pk=pk)
        except (self.model_class.DoesNotExist, ValueError, TypeError):
            return None


def _guard_fields(form, allowed):
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset.model is allowed.model:
            field.queryset = allowed
            field.error_messages["invalid_choice"] = REFUSED
            field.widget = GuardedDocumentChooser(allowed, attrs=field.widget.attrs)


def referenced_documents(form):
    """(field name, document id) of every document the submitted page would use."""
    model = get_document_model()
    found = []
    for name, value in form.cleaned_data.items():
        if isinstance(value, model):
            found.append((name, value.pk))
            continue
        try:
            model_field = form._meta.model._meta.get_field(name)
        except Exception:
            continue
        if isinstance(model_field, (StreamField, RichTextField)) and value:
            for target, object_id, _, _ in model_field.extract_references(value):
                if issubclass(model, target) or issubclass(target, model):
                    found.append((name, object_id))
    for formset_name, formset in getattr(form, "formsets", {}).items():
        for child in formset.forms:
            data = getattr(child, "cleaned_data", None) or {}
            if data.get("DELETE"):
                continue
            for value in data.values():
                if isinstance(value, model):
                    found.append((formset_name, value.pk))
    return found


class AttachableDocumentsPageForm(WagtailAdminPageForm):
    """Page form that applies the rule to every document the page uses."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_documents = choosable_documents(self.for_user)
        _guard_fields(self, self.allowed_documents)
        for formset in getattr(self, "formsets", {}).values():
            for child in formset.forms:
                _guard_fields(child, self.allowed_documents)

    def clean(self):
        cleaned = super().clean()
        references = referenced_documents(self)
        allowed = set(self.allowed_documents.filter(pk__in=[pk for _, pk in references]).values_list("pk", flat=True))
        for name, pk in references:
            if int(pk) not in allowed:
                self.add_error(name if name in self.fields else None, REFUSED)
        return cleaned
