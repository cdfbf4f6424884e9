"""Import deliberations from the admin: upload, dry run, confirmation, progress, report."""

import io

from django.conf import settings
from django.core.exceptions import PermissionDenied, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from erbm_cms.base.templatetags.french_format import fr_filesize
from erbm_cms.deliberations.importing import BadFile

from . import jobs, tasks
from .forms import ImportUploadForm
from .models import ImportJob
from .report import write_report
from .uploads import UploadRefused

# Room for the form fields and multipart headers around the files.
REQUEST_OVERHEAD = 1024 * 1024


def importer_required(request):
    partners = jobs.importable_partners(request.user)
    if not partners.exists():
        raise PermissionDenied
    return partners


def visible_job(request, pk):
    importer_required(request)
    return get_object_or_404(jobs.visible_jobs(request.user), pk=pk)


def index(request):
    partners = importer_required(request)
    return render(request, "imports/admin/index.html", {
        "jobs": jobs.visible_jobs(request.user).select_related("created_by")[:50],
        "partners": partners,
        "header_title": "Importer des délibérations",
    })


class CappedUploadHandler(FileUploadHandler):
    """Stops reading an upload as soon as it passes the import's limit, before it fills the disk."""

    def __init__(self, request):
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.IMPORT_MAX_UPLOAD_SIZE:
            self.request.import_upload_too_large = True
            raise StopUpload()  # the rest of the body is read and dropped, so that the answer reaches the browser
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt
def new(request):
    # The limit applies while the body is read: the handler goes in before anything reads it,
    # and the CSRF check (which reads it) comes after.
    if request.method == "POST":
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.IMPORT_MAX_UPLOAD_SIZE + REQUEST_OVERHEAD:
            importer_required(request)
            return render_new(request, ImportUploadForm(), too_large=True, status=413)
        request.upload_handlers.insert(0, CappedUploadHandler(request))
        try:
            request.POST  # noqa: B018 - the body is read here, through the handler, before the CSRF check reads it
        except TooManyFilesSent:
            importer_required(request)
            form = ImportUploadForm()
            form.errors_before = [f"Plus de {settings.IMPORT_MAX_FILES} fichiers envoyés : réunissez les actes dans une archive zip."]
            return render_new(request, form, status=400)
    return _new(request)


def render_new(request, form, too_large=False, status=200):
    errors = list(form.non_field_errors()) if form.is_bound else getattr(form, "errors_before", [])
    if too_large:
        limit = fr_filesize(settings.IMPORT_MAX_UPLOAD_SIZE).replace("\xa0", " ")
        errors.append(f"L'envoi dépasse la limite de {limit} : envoyez les actes en plusieurs imports.")
    return render(request, "imports/admin/new.html", {
        "form": form, "errors": errors, "partners": jobs.importable_partners(request.user),
        "header_title": "Nouvel import de délibérations",
    }, status=status)


@csrf_protect
def _new(request):
    importer_required(request)
    if request.method != "POST":
        return render_new(request, ImportUploadForm())
    if getattr(request, "import_upload_too_large", False):
        return render_new(request, ImportUploadForm(), too_large=True, status=413)
    form = ImportUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            job = jobs.create(request.user, form.cleaned_data["csv_file"], form.cleaned_data["acts"])
        except (UploadRefused, BadFile) as error:
            form.add_error(None, f"Import refusé : {error}.")
        else:
            return redirect("deliberation_import", job.pk)
    return render_new(request, form)


def detail(request, pk):
    job = visible_job(request, pk)
    rows = job.rows.select_related("page")
    context = {
        "job": job, "rows": rows, "progress": jobs.progress(job), "header_title": f"Import n° {job.pk} : {job.csv_name}",
        "needs_resuming": jobs.needs_resuming(job),
    }
    if job.status == ImportJob.Status.CHECKED:
        statuses = [row.planned for row in rows]
        context["planned"] = {
            "create": statuses.count("sera créée"), "present": statuses.count("déjà présente"), "error": statuses.count("erreur"),
        }
    return render(request, "imports/admin/detail.html", context)


@require_POST
def launch(request, pk):
    job = visible_job(request, pk)
    if tasks.start(job):
        messages.success(request, "L'import est lancé : cette page suit son avancement.")
    return redirect("deliberation_import", job.pk)


@require_POST
def resume(request, pk):
    job = visible_job(request, pk)
    if jobs.needs_resuming(job):
        tasks.run_import_job.enqueue(job.pk)
        messages.success(request, "L'import reprend là où il s'était arrêté.")
    return redirect("deliberation_import", job.pk)


@require_POST
def abandon(request, pk):
    job = visible_job(request, pk)
    if job.status != ImportJob.Status.CHECKED:
        messages.error(request, "Cet import est déjà lancé : il ne peut plus être abandonné.")
        return redirect("deliberation_import", job.pk)
    jobs.discard(job)
    messages.success(request, "Import abandonné : rien n'a été écrit et les fichiers envoyés sont supprimés.")
    return redirect("deliberation_imports")


def report(request, pk):
    job = visible_job(request, pk)
    stream = io.StringIO()
    write_report(job, stream)
    response = HttpResponse(stream.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rapport-import-{job.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
