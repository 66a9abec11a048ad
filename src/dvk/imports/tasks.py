"""The background task that runs a confirmed import (django-tasks; a `dvk worker` process, or the worker
`dvk serve` starts beside the web server, picks it up)."""

from django_tasks import task


@task()
def run_import(run_id: int) -> dict:
    """Commit import run `run_id`; its status, counts and progress are kept on the run."""
    from dvk.imports.services import execute_run

    return execute_run(run_id)
