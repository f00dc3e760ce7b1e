"""Using the admin in tests as an editor does: open a form, change what the editor changes, press "Gem"."""

from tests.html import form_data


def change_url(obj, action="change"):
    """The admin address of ``obj``'s change form (or of its history, a revision: ``action``)."""
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/{action}/"


def admin_form(client, url, form_id=None, button="_save", **changes):
    """What a browser submits from the form at ``url`` after the editor typed ``changes`` (None: the field is left
    out, as an unticked box is) and pressed a button: "Udgiv" (``_save``, the form's first), "Gem som kladde"
    (``_draft``), "Afpublicér" (``_unpublish``)..."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = {**form_data(page.content.decode(), form_id), **changes, button: "1"}
    return {name: value for name, value in data.items() if value is not None}


def save(client, url, form_id=None, button="_save", **changes):
    """Open the form at ``url``, type ``changes``, press ``button`` ("Udgiv"): the response."""
    return client.post(url, admin_form(client, url, form_id, button, **changes))
