"""How far a running import is, readable by the web server while the worker writes.

The write step runs inside one transaction; on SQLite that transaction holds the only write lock, so the
worker cannot record its progress in the database until it commits. Progress is therefore a small JSON file
next to the uploaded originals (through Django's storage, so several servers on shared object storage see it
too): {"percent": 42, "label": "Đang ghi dữ liệu", "at": <unix time>}. The database row keeps the progress of
finished steps; `read_progress` prefers the file while the run is active.
"""

import json
import os
import tempfile
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

STALE_SECONDS = 600  # an active run that reported nothing for this long was interrupted (worker stopped)
_THROTTLE_SECONDS = 0.5


def progress_name(run_id: int) -> str:
    return f"imports/progress/{run_id}.json"


def _write(run_id: int, payload: dict) -> None:
    name = progress_name(run_id)
    content = json.dumps(payload).encode()
    try:
        path = default_storage.path(name)
    except NotImplementedError:  # object storage: replace the object
        default_storage.delete(name)
        default_storage.save(name, ContentFile(content))
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
    with os.fdopen(handle, "wb") as file:
        file.write(content)
    os.replace(temporary, path)


def read_file(run_id: int) -> dict | None:
    try:
        with default_storage.open(progress_name(run_id)) as file:
            return json.loads(file.read())
    except (OSError, ValueError):
        return None


def forget(run_id: int) -> None:
    default_storage.delete(progress_name(run_id))


class ProgressReporter:
    """Maps the steps of an import onto 0-100 % and writes the file at most twice a second."""

    def __init__(self, run_id: int | None):
        self.run_id = run_id
        self.start, self.end, self.label = 0, 100, ""
        self.last_write = 0.0
        self.percent = 0

    def step(self, label: str, start: int, end: int) -> None:
        self.start, self.end, self.label = start, end, label
        self.report(0, 1, force=True)

    def report(self, done: int, total: int, *, force: bool = False) -> None:
        share = min(done / total, 1.0) if total else 1.0
        self.percent = int(self.start + (self.end - self.start) * share)
        now = time.monotonic()
        if self.run_id is None or (not force and now - self.last_write < _THROTTLE_SECONDS):
            return
        self.last_write = now
        _write(self.run_id, {"percent": self.percent, "label": self.label, "at": time.time()})

    __call__ = report


def is_stale(data: dict | None, started_at_timestamp: float | None) -> bool:
    last = (data or {}).get("at") or started_at_timestamp
    return last is not None and time.time() - last > STALE_SECONDS
