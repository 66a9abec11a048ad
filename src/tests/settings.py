"""Settings for the test suite: production settings with a throwaway key and data directory, so that a fresh
checkout runs `pytest` with nothing configured."""

import os
import tempfile

os.environ.setdefault("DVK_DATA_DIR", tempfile.mkdtemp(prefix="dvk-tests-"))
os.environ.setdefault("DVK_SECRET_KEY", "dvk-tests-only-not-a-secret")

from dvk.settings import *  # noqa: F403
