import pytest

from dvk.campaigns.models import Sector


@pytest.fixture
def sectors(db):
    return {sector.name: sector for sector in Sector.objects.all()}


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded originals and progress files go to a directory of the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
