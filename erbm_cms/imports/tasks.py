from django_tasks import task


@task()
def run_import_job(job_id):
    """Run (or resume) an import of deliberations confirmed in the admin."""
    from .jobs import run

    return run(job_id)
