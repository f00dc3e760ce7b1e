"""The apps depend on each other in one direction only, and so do the modules inside each app.

content <- caching, redirects <- search, drafts <- media, seo, backups, accounts, notices <- editorial <-
publications, articles, knowledge <- pages. The import graph is read from the source (every import, also inside
functions), so an import hidden in a function to dodge a cycle is found too; so is a higher app named in a string
(an app label in a model reference, a dotted path). The configuration package (settings, urls, the site-wide views)
may name every app and is left out.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Each app and how low it sits: an app may import only apps that sit lower.
APPS = {
    "velfaerd.content": 0,
    "velfaerd.caching": 1,
    "velfaerd.redirects": 1,
    "velfaerd.reading": 1,
    "velfaerd.search": 2,
    "velfaerd.drafts": 2,
    "velfaerd.media": 3,
    "velfaerd.seo": 3,
    "velfaerd.backups": 3,
    "velfaerd.accounts": 3,
    "velfaerd.notices": 3,
    "velfaerd.editorial": 4,
    "publications": 5,
    "articles": 5,
    "velfaerd.knowledge": 5,
    "velfaerd.pages": 6,
}


def app_of(module):
    for app in sorted(APPS, key=len, reverse=True):
        if module == app or module.startswith(f"{app}."):
            return app
    return None


def modules():
    for app in APPS:
        folder = ROOT.joinpath(*app.split("."))
        for path in folder.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            yield name, path


def imports(name, path):
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                yield ".".join([*base, node.module] if node.module else base)
            else:
                yield node.module


def edges():
    found = set()
    for name, path in modules():
        source = app_of(name)
        for imported in imports(name, path):
            target = app_of(imported)
            if target and target != source:
                found.add((source, target, name, imported))
    return found


def test_apps_import_only_apps_below_them():
    upward = sorted((s, t, n, i) for s, t, n, i in edges() if APPS[t] >= APPS[s])
    assert upward == [], "\n".join(f"{n} imports {i} ({s} -> {t})" for s, t, n, i in upward)


def test_there_is_no_import_cycle_between_apps():
    graph = {}
    for source, target, *_ in edges():
        graph.setdefault(source, set()).add(target)

    def reaches(start, goal, seen=()):
        return any(
            nxt == goal or (nxt not in seen and reaches(nxt, goal, (*seen, nxt))) for nxt in graph.get(start, ())
        )

    assert [app for app in APPS if reaches(app, app)] == []


def module_edges():
    """(module, imported module) inside one app."""
    known = dict(modules())
    for name, path in known.items():
        for imported in imports(name, path):
            if imported is None or app_of(imported) != app_of(name):
                continue
            # "from package import module" names the module; "from module import name" the module itself.
            target = imported if imported in known else imported.rsplit(".", 1)[0]
            if target in known and target != name and not name.startswith(f"{target}."):
                yield name, target


def test_there_is_no_import_cycle_inside_an_app():
    graph = {}
    for source, target in module_edges():
        graph.setdefault(source, set()).add(target)

    def cycle_from(start):
        stack, seen = [(start, (start,))], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    return trail
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, (*trail, nxt)))
        return None

    cycles = {frozenset(c) for m in graph if (c := cycle_from(m))}
    assert cycles == set(), [sorted(c) for c in cycles]


LABELS = {"velfaerd.content": "core", "velfaerd.pages": "velfaerd"}


def label_of(app):
    return LABELS.get(app, app.rsplit(".", 1)[-1])


def test_no_app_names_a_higher_one_in_a_string():
    """A model reference ("editorial.healthcheck"), a permission ("velfaerd.change_themepage") or a dotted path
    in a string is an edge too, only one that imports cannot show."""
    found = []
    for name, path in modules():
        source = app_of(name)
        higher = [app for app in APPS if APPS[app] > APPS[source]]
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            for app in higher:
                label = label_of(app)
                # The pages app's label is the project's name, which every salt and cache key begins with.
                prefixes = (f"{app}.",) if label == "velfaerd" else (f"{app}.", f"{label}.", f"{label}_")
                if node.value.startswith(prefixes):
                    found.append(f"{name}: {node.value!r} names {app}")
    assert found == []
