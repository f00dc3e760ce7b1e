"""A database made by the release before the apps were split migrates forward with nothing lost: the moved models
keep their rows and ids, the links to them, their content types (so permissions, log entries and revisions still
point at them) and the editors' groups."""

import json

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from reversion.models import Revision, Version

from articles.models import Article
from publications.models import Publication
from velfaerd.content.models import LeadershipTheme, Organisation
from velfaerd.editorial.models import LinkCheck
from velfaerd.pages.models import KnowledgeCentreLink

BEFORE = [
    ("velfaerd", "0008_linkcheck_internal"),
    ("publications", "0004_covers_and_documents"),
    ("articles", "0004_portraits"),
    ("core", None),
    ("editorial", None),
]


@pytest.mark.slow  # migrates the whole database back and forward again
@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_previous_release_migrates_forward_with_its_content():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state([node for node in BEFORE if node[1]]).apps
    OldOrganisation = old.get_model("velfaerd", "Organisation")
    publisher = OldOrganisation.objects.create(name="Væksthus for Ledelse", slug="vaeksthus-for-ledelse")
    theme = old.get_model("velfaerd", "LeadershipTheme").objects.create(name="Ledelsesrum", slug="ledelsesrum")
    publication = old.get_model("publications", "Publication").objects.create(
        title="Maskinrummet", slug="maskinrummet", summary="<p>Om.</p>"
    )
    publication.publishers.add(publisher)
    publication.themes.add(theme)
    old.get_model("articles", "Article").objects.create(
        title="Ud med dokumentationstyranniet", slug="ud-med", standfirst="Tillid.", source=publisher
    )
    link = old.get_model("velfaerd", "KnowledgeCentreLink").objects.create(name="Videncenter", slug="videncenter")
    link.founders.add(publisher)
    old.get_model("velfaerd", "LinkCheck").objects.create(
        url="https://example.org/", status="broken", status_code=404, checked_at="2026-12-01T10:00:00Z"
    )
    OldContentType = old.get_model("contenttypes", "ContentType")
    organisation_type, _ = OldContentType.objects.get_or_create(app_label="velfaerd", model="organisation")
    permission = old.get_model("auth", "Permission").objects.get_or_create(
        content_type=organisation_type, codename="change_organisation", defaults={"name": "Can change organisation"}
    )[0]
    old.get_model("auth", "Group").objects.get_or_create(name="Redaktør")[0].permissions.add(permission)
    # A revision of the organisation: reversion keeps it as JSON that names the model by its label then.
    revision = Revision.objects.create(date_created=timezone.now(), comment="Oprettet.")
    Version.objects.create(
        revision=revision,
        object_id=str(publisher.pk),
        content_type_id=organisation_type.pk,
        db="default",
        format="json",
        object_repr=publisher.name,
        serialized_data=json.dumps(
            [
                {
                    "model": "velfaerd.organisation",
                    "pk": publisher.pk,
                    "fields": {"name": "Væksthus", "slug": "vaeksthus"},
                }
            ]
        ),
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = Organisation.objects.get(slug="vaeksthus-for-ledelse")
    # Its old revision still opens and restores.
    old_version = Version.objects.get_for_object(moved).get()
    assert old_version.field_dict["name"] == "Væksthus"
    old_version.revert()
    moved.refresh_from_db()
    assert moved.name == "Væksthus"
    moved.name, moved.slug = publisher.name, publisher.slug
    moved.save()
    assert moved.pk == publisher.pk
    assert list(Publication.objects.get(slug="maskinrummet").publishers.all()) == [moved]
    assert Publication.objects.get(slug="maskinrummet").themes.get() == LeadershipTheme.objects.get(pk=theme.pk)
    # Published before the dates existed: first published at its "publish from", changed then as far as is known.
    migrated = Publication.objects.get(slug="maskinrummet")
    assert migrated.first_published_at == migrated.changed_at == publication.publish_at
    assert Article.objects.get(slug="ud-med").source == moved
    assert list(KnowledgeCentreLink.objects.get(slug="videncenter").founders.all()) == [moved]
    assert LinkCheck.objects.get().status == LinkCheck.Status.BROKEN
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Organisation).pk == organisation_type.pk
    editors = Group.objects.get(name="Redaktør")
    assert editors.permissions.filter(content_type__app_label="core", codename="change_organisation").exists()


@pytest.mark.slow  # migrates the whole database back and forward again
@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_release_before_the_trust_work_keeps_its_redirects_and_preview_links():
    from django.utils import timezone

    from velfaerd.drafts.drafts import PreviewLink
    from velfaerd.redirects.redirects import NotFound, Redirect

    executor = MigrationExecutor(connection)
    before = [("core", "0007_redirects"), ("editorial", "0003_health_findings")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    now = timezone.now()
    OldRedirect = old.get_model("core", "Redirect")
    OldRedirect.objects.create(old_path="/gammel/", new_path="https://andet.example/side/")
    OldRedirect.objects.create(old_path="/intern/", new_path="/leder/")
    OldNotFound = old.get_model("core", "NotFound")
    OldNotFound.objects.create(path="/tastefejl/", hits=1, last_seen=now)
    OldNotFound.objects.create(path="/gammel-kampagne/", hits=40, last_seen=now)
    OldContentType = old.get_model("contenttypes", "ContentType")
    publication_type, _ = OldContentType.objects.get_or_create(app_label="publications", model="publication")
    draft = old.get_model("core", "Draft").objects.create(
        content_type=publication_type, object_id=7, base=[], data=[], saved_at=now
    )
    old.get_model("core", "PreviewLink").objects.create(
        content_type=publication_type, object_id=7, key="k", expires_at=now
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert Redirect.objects.get(old_path="/gammel/").external  # it led elsewhere: that was meant
    assert not Redirect.objects.get(old_path="/intern/").external
    assert list(NotFound.objects.values_list("path", "hits")) == [("/gammel-kampagne/", 40)]  # a typo forgotten
    assert NotFound.objects.get().first_seen == NotFound.objects.get().last_seen
    assert PreviewLink.objects.get().draft_id == draft.pk  # the link still ends with its draft


BEFORE_FEATURE_APPS = [
    ("core", "0011_bounded_not_found"),
    ("editorial", "0004_autosave"),
    ("caching", None),
    ("drafts", None),
    ("search", None),
    ("redirects", None),
]


@pytest.mark.slow  # migrates the whole database back and forward again
@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_release_before_the_features_became_apps_keeps_everything(seeded):
    """Drafts, preview links, redirects, addresses not found and the content version moved from the core app to
    apps of their own: their rows, content types (and so permissions, log entries and revisions), and the
    editors' permissions stay."""
    from django.contrib.admin.models import LogEntry
    from django.utils import timezone
    from reversion.models import Version

    from velfaerd.caching.versions import ContentVersion
    from velfaerd.drafts.drafts import Draft, PreviewLink
    from velfaerd.redirects.redirects import NotFound, Redirect

    revisions_before = Version.objects.count()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_FEATURE_APPS)
    old = executor.loader.project_state([node for node in BEFORE_FEATURE_APPS if node[1]]).apps
    now = timezone.now()
    OldContentType = old.get_model("contenttypes", "ContentType")
    redirect_type = OldContentType.objects.get(app_label="core", model="redirect")
    publication_type = OldContentType.objects.get(app_label="publications", model="publication")
    publication = old.get_model("publications", "Publication").objects.get(slug="maskinrummet")
    redirect = old.get_model("core", "Redirect").objects.create(old_path="/gammel/", new_path="/leder/")
    old.get_model("core", "NotFound").objects.create(path="/mangler/", hits=3, first_seen=now, last_seen=now)
    draft = old.get_model("core", "Draft").objects.create(
        content_type=publication_type, object_id=publication.pk, base=[], data=[], saved_at=now
    )
    old.get_model("core", "PreviewLink").objects.create(
        content_type=publication_type, object_id=publication.pk, key="noegle", expires_at=now, draft=draft
    )
    version = old.get_model("core", "ContentVersion").objects.get(pk=1).number
    user = old.get_model("auth", "User").objects.create(username="redaktoer", is_staff=True)
    old.get_model("admin", "LogEntry").objects.create(
        user=user, content_type=redirect_type, object_id=str(redirect.pk), object_repr="/gammel/", action_flag=1
    )
    add_redirect = old.get_model("auth", "Permission").objects.get(content_type=redirect_type, codename="add_redirect")
    editors = old.get_model("auth", "Group").objects.get(name="Redaktør")
    assert add_redirect in editors.permissions.all()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    moved = Redirect.objects.get(old_path="/gammel/")
    assert moved.pk == redirect.pk
    assert ContentType.objects.get_for_model(Redirect).pk == redirect_type.pk
    assert LogEntry.objects.get(object_repr="/gammel/").get_edited_object() == moved
    assert (
        Group.objects.get(name="Redaktør")
        .permissions.filter(content_type__app_label="redirects", codename="add_redirect")
        .exists()
    )
    assert NotFound.objects.get().path == "/mangler/"
    assert PreviewLink.objects.get().draft == Draft.objects.get(pk=draft.pk)
    assert ContentVersion.current() >= version
    assert Version.objects.count() == revisions_before  # the seed's revisions are all still there
    assert not ContentType.objects.filter(app_label="core", model__in=["redirect", "draft", "notfound"]).exists()
