"""The admin's scripts: their texts come from Django's JavaScript catalogue in Danish, and ESLint finds nothing."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "static" / "velfaerd" / "admin").glob("*.js"))
CATALOGUE = ROOT / "locale" / "da" / "LC_MESSAGES" / "djangojs.po"
MARKED = re.compile(r"""\bgettext(?:_noop)?\(\s*"((?:[^"\\]|\\.)*)"\s*\)""")
LITERAL = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`""")


def _code(path):
    """The script without its comments (they explain in Danish what editors see)."""
    return "\n".join(line.split("// ", 1)[0] if "// " in line else line for line in path.read_text().splitlines())


def _danish_catalogue():
    entries = re.findall(r'^msgid "((?:[^"\\]|\\.)*)"\nmsgstr "((?:[^"\\]|\\.)*)"$', CATALOGUE.read_text(), re.M)
    return {msgid: msgstr for msgid, msgstr in entries if msgid}


def test_every_text_of_the_admin_scripts_is_in_the_catalogue_in_danish():
    catalogue = _danish_catalogue()
    marked = {text for path in SCRIPTS for text in MARKED.findall(path.read_text())}
    assert len(marked) > 40  # the scripts' texts, and the rich-text editor's toolbar
    assert sorted(text for text in marked if not catalogue.get(text)) == []


def test_no_script_writes_danish_text_itself():
    written = [
        f"{path.name}: {literal}"
        for path in SCRIPTS
        for literal in LITERAL.findall(_code(path))
        if re.search("[æøåÆØÅ]", literal)
    ]
    assert written == []


def test_eslint_finds_nothing():
    eslint = ROOT / "node_modules" / ".bin" / "eslint"
    if not eslint.exists() or shutil.which("node") is None:
        pytest.skip("ESLint is not installed: `npm ci` installs it (CI does)")
    result = subprocess.run([eslint, "static/"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _node(code):
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    result = subprocess.run([node, "-e", code], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_the_catalogue_the_texts_stay_english_and_the_scripts_work():
    fallback = (ROOT / "static" / "velfaerd" / "admin" / "i18n.js").read_text()
    asked = (
        "console.log(JSON.stringify([gettext('Move up'), gettext_noop('bold'), "
        "interpolate('%(done)s of %(total)s', {done: 3, total: 7}, true), interpolate('from %s', ['i går'])]))"
    )
    assert _node(fallback + asked) == ["Move up", "bold", "3 of 7", "from i går"]
    # The catalogue, loaded first, is kept: the Danish texts win.
    catalogue = "globalThis.gettext = (text) => 'dansk'; globalThis.interpolate = () => 'dansk';"
    assert _node(catalogue + fallback + asked)[0] == "dansk"
