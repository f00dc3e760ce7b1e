"""The one place that uses django-reversion's private names (pinned by tests/editorial/test_edit_pipeline.py to
the version in requirements.txt): what a model's revisions follow, and the versions the revision under way has
collected so far, to keep or put back. Everything else uses reversion's public API."""

from reversion import is_active
from reversion import revisions as _reversion

#: The django-reversion these calls were written against; the test fails when requirements.txt moves on.
WRITTEN_FOR = (6, 4, 0)


def registration(model):
    """How ``model`` is registered with django-reversion: ``fields`` kept in a version, and the relations a
    revision ``follow``s (its own parts: inlines' rows, links)."""
    return _reversion._get_options(model)


def collected():
    """A copy of what the revision under way has collected so far, or None outside a revision."""
    if not is_active():
        return None
    return _reversion._copy_db_versions(_reversion._current_frame().db_versions)


def put_back(snapshot):
    """Make the revision under way hold what it held at ``collected()``: work rolled back since leaves no data."""
    if snapshot is not None and is_active():
        _reversion._update_frame(db_versions=snapshot)


def forget_collected():
    """The revision under way keeps nothing: no version is saved for it (a save that changed nothing)."""
    if is_active():
        _reversion._update_frame(db_versions={db: {} for db in _reversion._current_frame().db_versions})
