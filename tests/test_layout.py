"""The apps depend on each other in one direction only: core <- editorial <- publications, articles <- pages.

The import graph is read from the source (every import, also inside functions), so an import hidden in a function
to dodge a cycle is found too. The configuration package (settings, urls) may name every app and is left out.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Each app and how low it sits: an app may import only apps that sit lower.
APPS = {
    "velfaerd.core": 0,
    "velfaerd.editorial": 1,
    "publications": 2,
    "articles": 2,
    "velfaerd.pages": 3,
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
