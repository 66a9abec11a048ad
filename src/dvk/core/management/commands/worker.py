"""`dvk worker`: the background worker of a production deployment (run one or more beside the web servers).

It runs django-tasks-db's `db_worker` on DVK's queue: imports confirmed on the web pages run here. `dvk serve`
starts one itself (with --parent-pid, so that it stops when the server stops, even if the server is killed).
"""

import os
import signal
import socket
import threading
import time
from argparse import SUPPRESS

from django.core.management import call_command
from django.core.management.base import BaseCommand


def _watch_parent(parent_pid: int) -> None:
    """Stop this worker (gracefully: a running task finishes or rolls back) once its parent is gone."""
    while True:
        time.sleep(2)
        if os.getppid() != parent_pid:
            os.kill(os.getpid(), signal.SIGTERM)
            return


class Command(BaseCommand):
    help = "Chạy tiến trình xử lý việc nền của DVK (nhập dữ liệu từ tệp …)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="số giây chờ giữa hai lần tìm việc mới"
        )
        parser.add_argument("--batch", action="store_true", help="làm hết các việc đang chờ rồi thoát")
        parser.add_argument(
            "--max-tasks", type=int, default=None, help="thoát sau khi làm xong chừng này việc"
        )
        parser.add_argument("--queue", default="default", help="hàng đợi cần xử lý (mặc định: default)")
        parser.add_argument("--parent-pid", type=int, default=None, help=SUPPRESS)

    def handle(self, *args, interval, batch, max_tasks, queue, parent_pid, verbosity, **options):
        if parent_pid:
            threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
        call_command(
            "db_worker",
            queue_name=queue,
            interval=interval,
            batch=batch,
            max_tasks=max_tasks,
            reload=False,
            startup_delay=not batch,
            worker_id=f"dvk-{socket.gethostname()}-{os.getpid()}"[:64],
            verbosity=verbosity,
        )
