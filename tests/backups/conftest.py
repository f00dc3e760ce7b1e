import pytest


@pytest.fixture
def media(settings, tmp_path):
    """Uploads on disk, in the test's own folder, as a backup reads them."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "velfaerd.content.storage.MediaStorage"}}
    return settings.MEDIA_ROOT
