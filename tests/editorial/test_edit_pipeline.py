"""The edit pipeline: its order is checked at start-up, its state is one object per request, and django-reversion's
private names are used in one module only, written for the version installed."""

import importlib.metadata
from pathlib import Path

import pytest
import reversion
from django.contrib.auth.models import User
from django.test import RequestFactory
from reversion.admin import VersionAdmin

from velfaerd.content import revisions
from velfaerd.content.models import Organisation
from velfaerd.editorial.admin import ContentAdmin, ReviewMixin
from velfaerd.editorial.admin.checks import check_edit_pipeline, order_errors
from velfaerd.editorial.admin.drafts import DraftMixin
from velfaerd.editorial.admin.edit import Restoring, edit_of
from velfaerd.editorial.admin.history import RevisionNoteMixin


def test_every_admin_of_the_site_runs_the_pipeline_in_order():
    assert check_edit_pipeline() == []


def test_a_capability_out_of_order_is_refused_at_start_up():
    class HistoryBeforeDrafts(RevisionNoteMixin, DraftMixin, VersionAdmin):
        pass

    class ReviewAfterContent(ContentAdmin, ReviewMixin):
        pass

    assert [error.id for error in order_errors(HistoryBeforeDrafts)] == ["editorial.E001"]
    assert [error.id for error in order_errors(ReviewAfterContent)] == ["editorial.E002"]
    assert order_errors(ContentAdmin) == []


def test_one_edit_per_request():
    factory = RequestFactory()
    first, second = factory.get("/admin/"), factory.get("/admin/")
    edit = edit_of(first)
    edit.restoring = Restoring(version=None)
    assert edit_of(first) is edit
    assert edit_of(first).mode == "restore"
    assert edit_of(second) is not edit
    assert edit_of(second).mode == "edit"


def test_the_reversion_wrapper_is_written_for_the_installed_version():
    installed = tuple(int(part) for part in importlib.metadata.version("django-reversion").split(".")[:3])
    assert installed == revisions.WRITTEN_FOR == reversion.__version__
    lines = Path(__file__).resolve().parents[2].joinpath("requirements.txt").read_text().splitlines()
    requirement = next(line for line in lines if line.startswith("django-reversion=="))
    assert requirement.strip().split("==")[1] == ".".join(map(str, revisions.WRITTEN_FOR))


@pytest.mark.django_db
def test_what_a_revision_collected_can_be_put_back_and_forgotten():
    user = User.objects.create(username="redaktoer")
    assert revisions.collected() is None  # outside a revision
    with reversion.create_revision():
        reversion.set_user(user)
        first = Organisation.objects.create(name="Første", slug="foerste")
        reversion.add_to_revision(first)
        snapshot = revisions.collected()
        reversion.add_to_revision(Organisation.objects.create(name="Anden", slug="anden"))
        revisions.put_back(snapshot)
    assert [v.object_repr for v in reversion.models.Version.objects.all()] == ["Første"]
    assert revisions.registration(Organisation).follow == ()

    with reversion.create_revision():
        reversion.add_to_revision(Organisation.objects.create(name="Tredje", slug="tredje"))
        revisions.forget_collected()
    assert reversion.models.Version.objects.count() == 1
