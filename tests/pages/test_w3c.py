"""Every public page is valid HTML by the W3C Nu HTML Checker (vnu), which nobody here wrote. It needs Java and
the checker from npm (`npm ci`); CI has both, and without them the test says so and skips."""

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests import factories

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SKIP = ("/admin/", "/static/", "/media/", "/feed/", "/sitemap", "/favicon.ico", "/robots.txt")

pytestmark = [
    pytest.mark.slow,  # a Java process over every page
    pytest.mark.skipif(
        not (shutil.which("java") and VNU.exists()),
        reason="the W3C Nu HTML Checker needs Java and `npm ci` (node_modules/vnu-jar)",
    ),
]


def public_pages(client):
    """{address: HTML} of every page reachable from the front page, the sitemap, a search and a 404."""
    pages, queue = {}, ["/", "/sitemap.xml", "/soeg/?q=ledelse", "/soeg/", "/publikationer/?aar=2015", "/findes-ikke/"]
    seen = set()
    while queue:
        url = html.unescape(queue.pop())
        if url in seen or (url.startswith(SKIP) and url != "/sitemap.xml"):
            continue
        seen.add(url)
        response = client.get(url)
        text = response.content.decode()
        if response.status_code in (200, 404) and response["Content-Type"].startswith("text/html"):
            pages[url] = text
        queue += re.findall(r'href="(/[^"#]*)', text) + re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", text)
    return pages


@pytest.mark.django_db
def test_every_public_page_is_valid_html(client, seeded, tmp_path):
    factories.make_article(title="Om tillid", slug="om-tillid", body="<p>Tekst med <strong>fed</strong>.</p>")
    pages = public_pages(client)
    assert len(pages) > 20
    files = {}
    for n, (url, text) in enumerate(sorted(pages.items())):
        path = tmp_path / f"side-{n}.html"
        path.write_text(text)
        files[path.name] = url
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, tmp_path.glob("*.html"))],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    found = [f"{files.get(Path(m.get('url', '')).name)}: {m['message']} (line {m.get('lastLine')})" for m in messages]
    assert found == []
