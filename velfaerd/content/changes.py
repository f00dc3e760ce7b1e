"""How content says that it changed, without knowing who listens.

The registry (registry.py) connects each subscriber to each content model's saves, deletes and many-to-many
changes. Changes that send no model signal say so here: rows changed in bulk (``rows_changed``) and scheduled
changes that are due (``changes_due``). A change is described by its scopes: the item, the item it is edited on,
its kind, or everything.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.dispatch import Signal

#: Content rows changed in bulk (update(), bulk_update(), bulk_create(): they send no post_save), sent with
#: ``sender`` the model, ``pks`` the rows' primary keys (None: which rows is not known) and ``scopes``.
rows_changed = Signal()

#: A change an editor scheduled is due now (the content version keeps the time; the drafts app publishes it).
changes_due = Signal()


EVERYTHING = "*"


def scopes_of(obj):
    """What a change of ``obj`` changes: the item itself, the item it is edited on (a page for its sections and
    links), and its kind (every list, feed and sitemap of that kind)."""
    scopes = {item_scope(type(obj), obj.pk), kind_scope(type(obj))}
    unit = edited_on_key(obj)
    if unit is not None and unit[0] is not type(obj):
        scopes.add(item_scope(*unit))
    return scopes


def item_scope(model, pk):
    return f"{model._meta.label_lower}:{pk}"


def kind_scope(model):
    return model._meta.label_lower


def edited_on_model(model):
    """The model whose form ``model`` is edited on (a page section: the theme page), or ``model`` itself."""
    path = getattr(model, "EDITED_ON", None)
    for name in path.split("__") if path else ():
        model = model._meta.get_field(name).related_model
    return model


# "Edited on": the item an editor opens to change another (a page section is changed on its theme page's form).
# A model says so once, with ``EDITED_ON``, the path to that item ("page", "section__page"); everything else
# derives from it.


def edited_on(obj):
    """The item an editor opens to change ``obj``: itself, or the item its ``EDITED_ON`` leads to."""
    path = getattr(type(obj), "EDITED_ON", None)
    for name in path.split("__") if path else ():
        obj = getattr(obj, name)
    return obj


def edited_on_key(obj):
    """(model, pk) of the item ``obj`` is edited on, without loading it, or None when that is gone."""
    path = getattr(type(obj), "EDITED_ON", None)
    if path is None:
        return type(obj), obj.pk
    *through, last = path.split("__")
    try:
        for name in through:
            obj = getattr(obj, name)
    except ObjectDoesNotExist:
        return None
    field = obj._meta.get_field(last)
    pk = getattr(obj, field.attname)
    return (field.related_model, pk) if pk is not None else None


def edited_on_rows(model, pks):
    """{(model, pk)} of the items these rows are edited on, found in one query (nothing is loaded)."""
    if not hasattr(model, "EDITED_ON"):
        return {(model, pk) for pk in pks}
    unit = edited_on_model(model)
    found = model._base_manager.filter(pk__in=list(pks)).values_list(model.EDITED_ON, flat=True).distinct()
    return {(unit, pk) for pk in found if pk is not None}


def bulk_scopes(model, pks):
    """What rows of ``model`` changed in bulk change: the items, their kind, and the items they are edited on (none
    are loaded for it: a part's page is found in the database). ``pks`` None: which rows is not known."""
    if pks is None:
        return {kind_scope(model), EVERYTHING}
    scopes = {kind_scope(model)} | {item_scope(model, pk) for pk in pks}
    if hasattr(model, "EDITED_ON") and pks:
        scopes |= {item_scope(*unit) for unit in edited_on_rows(model, pks)}
    return scopes


def pending(kind):
    """The hook of class ``kind`` this transaction will run on commit, or None: what lets a subscriber do its work
    once per transaction, however many rows a save changes.

    Django keeps no other record of what a transaction has registered; ``run_on_commit`` is the list
    ``on_commit()`` appends to, and a rolled-back savepoint takes its hooks with it, so a hook found here belongs
    to work that is still in the transaction. This is the one place that reads it (pinned by a test)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    return next((func for _sids, func, _robust in connection.run_on_commit if isinstance(func, kind)), None)


def all_pending(kind):
    """Every hook of class ``kind`` this transaction will run on commit."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return []
    return [func for _sids, func, _robust in connection.run_on_commit if isinstance(func, kind)]
