"""The vendored htmx is the pinned release, with its licence, served from our own origin."""

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _pin() -> tuple[str, str]:
    makefile = (ROOT / "Makefile").read_text()
    version = re.search(r"^HTMX_VERSION := (\S+)$", makefile, re.M).group(1)
    sha = re.search(r"^HTMX_SHA256 := (\S+)$", makefile, re.M).group(1)
    return version, sha


def test_vendored_htmx_matches_the_pin():
    version, sha = _pin()
    script = ROOT / "portal" / "static" / "js" / f"htmx-{version}.min.js"
    assert hashlib.sha256(script.read_bytes()).hexdigest() == sha
    assert "Zero-Clause BSD" in (ROOT / "portal/static/js/htmx-LICENSE.txt").read_text()


def test_pages_load_htmx_from_this_site_only(client):
    version, _sha = _pin()
    html = client.get("/").get_data(as_text=True)
    assert f'src="/static/js/htmx-{version}.min.js"' in html
    assert not re.search(r'src="(https?:)?//', html)  # no CDN


def test_vendored_axe_matches_the_pin():
    makefile = (ROOT / "Makefile").read_text()
    version = re.search(r"^AXE_VERSION := (\S+)$", makefile, re.M).group(1)
    sha = re.search(r"^AXE_SHA256 := (\S+)$", makefile, re.M).group(1)
    script = ROOT / "tests" / "browser" / "vendor" / f"axe-{version}.min.js"
    assert hashlib.sha256(script.read_bytes()).hexdigest() == sha
    assert "Mozilla Public License" in (ROOT / "tests/browser/vendor/axe-LICENSE.txt").read_text()
