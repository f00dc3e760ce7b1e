"""How content says it changed: one wiring point (the registry), and work done once per transaction."""

import weakref

import pytest
from django.db import transaction
from django.db.models import signals

from velfaerd.content import changes
from velfaerd.content.registry import registry

PROJECT = ("velfaerd.", "publications.", "articles.")


def _unfiltered(signal):
    """The site's receivers of ``signal`` connected without a sender."""
    for _key, receiver, sender_ref, _is_async in signal.receivers:
        function = receiver() if isinstance(receiver, weakref.ReferenceType) else receiver
        if sender_ref is None and getattr(function, "__module__", "").startswith(PROJECT):
            yield f"{function.__module__}.{function.__qualname__}"


@pytest.mark.parametrize(
    "signal",
    [
        signals.pre_save,
        signals.post_save,
        signals.pre_delete,
        signals.post_delete,
        signals.m2m_changed,
        signals.post_init,
        signals.post_migrate,
        changes.rows_changed,
        changes.changes_due,
    ],
)
def test_no_receiver_of_the_site_listens_to_every_sender(signal):
    assert list(_unfiltered(signal)) == []


def test_each_subscriber_is_connected_to_each_content_model():
    names = {subscriber.name for subscriber in registry.subscribers()}
    assert {"content-version", "page-cache", "search", "redirects", "health"} <= names
    for subscriber in registry.subscribers():
        for model in registry.models():
            for signal, receiver, sender, _uid in subscriber.connections(model):
                live = [r() if isinstance(r, weakref.ReferenceType) else r for _k, r, _s, _a in signal.receivers]
                assert receiver in live
                assert signal.has_listeners(sender)


class _Marker:
    def __call__(self):
        pass


@pytest.mark.django_db(transaction=True)
def test_pending_finds_work_registered_in_this_transaction_only():
    assert changes.pending(_Marker) is None  # outside a transaction
    with transaction.atomic():
        assert changes.pending(_Marker) is None
        marker = _Marker()
        transaction.on_commit(marker)
        assert changes.pending(_Marker) is marker
        try:
            with transaction.atomic():
                transaction.on_commit(_Marker())
                assert len(changes.all_pending(_Marker)) == 2
                raise RuntimeError
        except RuntimeError:
            pass
        assert changes.all_pending(_Marker) == [marker]  # a rolled-back savepoint takes its hooks with it
    assert changes.pending(_Marker) is None
