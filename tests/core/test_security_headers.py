"""Issue 12: the security headers on every kind of answer, the templates free of inline script
and style (so the CSP needs no exception and htmx still runs from its file), and in production
HSTS and cookies that are Secure, HttpOnly and SameSite."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "portal" / "templates"


def _check(response) -> None:
    h = response.headers
    csp = h["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp or "sandbox" in csp
    assert h["X-Content-Type-Options"] == "nosniff"
    assert h["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("url", ["/", "/pengaduan/baru", "/instansi", "/halaman-yang-tidak-ada",
                                 "/open311/v2/services.json", "/data/kamus.json",
                                 "/healthz", "/favicon.ico", "/privasi"])
def test_public_answers_carry_the_headers(client, url):
    _check(client.get(url))


def test_signed_in_pages_downloads_and_forms_carry_the_headers(client, login_as, world):
    login_as("admin_opd")
    for url in ("/dasbor", "/kinerja", f"/kelola/opd/{world.opd.id}",
                "/kelola/pegawai/templat.csv", "/akun/sandi"):
        response = client.get(url)
        assert response.status_code == 200, url
        _check(response)
        assert "no-store" in response.headers["Cache-Control"]


def test_no_template_has_inline_script_style_or_handlers():
    problems = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            problems.append(f"{path.name}: inline <script> {match.group(0)}")
        if re.search(r"\sstyle=[\"']", text):
            problems.append(f"{path.name}: a style attribute")
        if re.search(r"\son[a-z]+=[\"']", text):
            problems.append(f"{path.name}: an inline event handler")
    assert not problems, "\n".join(problems)


def test_htmx_and_the_site_script_are_files_the_csp_allows(client):
    html = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert any("htmx" in s for s in scripts) and any("portal.js" in s for s in scripts)
    assert all(s.startswith("/static/") for s in scripts)  # same origin: script-src 'self'
    # htmx is told not to inject its indicator <style>, which style-src 'self' would block
    assert '"includeIndicatorStyles": false' in html


def test_production_adds_hsts_and_secure_cookies(tmp_path):
    from portal import create_app
    from portal.extensions import db
    from tests.conftest import PortalClient
    from tests.factories import build_world

    app = create_app({"PORTAL_ENV": "production", "INSTANCE_PATH": tmp_path,
                      "SECRET_KEY": "x" * 40,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}",
                      "RATELIMIT_STORAGE_URI": "memory://"})
    with app.app_context():
        db.create_all()
        world = build_world()
        db.session.commit()
        username = world.users["pegawai"].username
    app.test_client_class = PortalClient
    client = app.test_client()
    response = client.get("/", base_url="https://portal.example.go.id")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(
        "/masuk", base_url="https://portal.example.go.id").get_data(as_text=True)).group(1)
    signed_in = client.post("/masuk", base_url="https://portal.example.go.id",
                            headers={"Referer": "https://portal.example.go.id/masuk"}, data={
        "username": username, "password": world.password, "csrf_token": token})
    assert signed_in.status_code == 302
    cookies = signed_in.headers.getlist("Set-Cookie")
    session = next(c for c in cookies if c.startswith("session="))
    assert "Secure" in session and "HttpOnly" in session and "SameSite=Lax" in session
    language = client.get("/bahasa/en", base_url="https://portal.example.go.id")
    lang_cookie = next(c for c in language.headers.getlist("Set-Cookie") if c.startswith("bahasa="))
    assert "Secure" in lang_cookie and "HttpOnly" in lang_cookie and "SameSite=Lax" in lang_cookie
