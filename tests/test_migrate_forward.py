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
from velfaerd.knowledge.models import KnowledgeCentreLink

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


BEFORE_KNOWLEDGE_APP = [
    ("velfaerd", "0012_true_dates"),
    ("core", "0012_features_moved_to_apps"),
    ("knowledge", None),
]


@pytest.mark.slow  # migrates the whole database back and forward again
@pytest.mark.django_db(transaction=True)
def test_knowledge_centre_links_move_to_their_app_with_their_history(seeded, client, django_user_model):
    """The seed's knowledge-centre link, as a database of the release before holds it (in the pages app, label
    "velfaerd"), moves to its own app with its row, links, revisions, a draft of it, where a checked link is used,
    the editors' permissions and its database check."""
    from django.contrib.admin.models import LogEntry
    from django.db import IntegrityError, transaction

    from velfaerd.drafts.drafts import Draft
    from velfaerd.pages.models import CallToAction

    link = KnowledgeCentreLink.objects.get()
    link_type = ContentType.objects.get_for_model(KnowledgeCentreLink).pk
    revisions = Version.objects.get_for_object(link).count()
    assert revisions
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_KNOWLEDGE_APP)
    old = executor.loader.project_state([node for node in BEFORE_KNOWLEDGE_APP if node[1]]).apps
    # Migrating back put the release before's names back: that is how such a database holds them.
    entries = json.loads(Version.objects.filter(content_type_id=link_type).earliest("pk").serialized_data)
    assert entries[0]["model"] == "velfaerd.knowledgecentrelink"
    OldContentType = old.get_model("contenttypes", "ContentType")
    assert OldContentType.objects.get(pk=link_type).app_label == "velfaerd"
    user = old.get_model("auth", "User").objects.create(username="redaktoer", is_staff=True, is_superuser=True)
    renamed = [{**entries[0], "fields": {**entries[0]["fields"], "name": "Videncenter for Ledelse"}}]
    old.get_model("drafts", "Draft").objects.create(
        content_type_id=link_type, object_id=link.pk, base=entries, data=renamed, saved_at=timezone.now()
    )
    old.get_model("editorial", "LinkCheck").objects.create(
        url="https://example.org/videncenter/",
        status="broken",
        status_code=404,
        checked_at=timezone.now(),
        usages=[{"label": link.name, "app_label": "velfaerd", "model_name": "knowledgecentrelink", "pk": link.pk}],
    )
    old.get_model("admin", "LogEntry").objects.create(
        user=user, content_type_id=link_type, object_id=str(link.pk), object_repr=link.name, action_flag=2
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    moved = KnowledgeCentreLink.objects.get(pk=link.pk)
    assert ContentType.objects.get_for_model(KnowledgeCentreLink).pk == link_type
    assert moved.founders.exists()
    assert moved.themes.exists()
    assert CallToAction.objects.get(knowledge_centre_link=moved).target == moved
    assert LogEntry.objects.get(object_repr=link.name).get_edited_object() == moved
    assert (
        Group.objects.get(name="Redaktør")
        .permissions.filter(content_type__app_label="knowledge", codename="change_knowledgecentrelink")
        .exists()
    )
    # Every revision opens, in the admin too, and the first restores.
    versions = Version.objects.get_for_object(moved)
    assert versions.count() == revisions
    assert all(version.field_dict["name"] for version in versions)
    client.force_login(django_user_model.objects.get(username="redaktoer"))
    oldest = versions.earliest("pk")
    response = client.get(f"/admin/knowledge/knowledgecentrelink/{moved.pk}/history/{oldest.pk}/")
    assert response.status_code == 200
    assert moved.name in response.text
    # The draft saved before still publishes.
    assert Draft.objects.get().publish().name == "Videncenter for Ledelse"
    # Content health still links to where the checked address is used.
    usage = LinkCheck.objects.get(url="https://example.org/videncenter/").usages[0]
    assert (usage["app_label"], usage["model_name"]) == ("knowledge", "knowledgecentrelink")
    health = client.get("/admin/indholdstjek/")
    assert f"/admin/knowledge/knowledgecentrelink/{moved.pk}/change/" in health.text
    # The database still refuses a link that expires before it is published.
    with pytest.raises(IntegrityError), transaction.atomic():
        KnowledgeCentreLink.objects.filter(pk=moved.pk).update(expire_at=moved.publish_at - timezone.timedelta(days=1))
