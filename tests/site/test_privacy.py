"""The privacy policy the complaint form's consent names (issue 11), and the favicon browsers ask for."""

from __future__ import annotations


def test_privacy_page_says_who_sees_a_reporters_identity(client):
    page = client.get("/privasi")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<title>Kebijakan privasi · Portal Kinerja ASN</title>" in html
    for words in ("Rahasia", "Anonim", "perangkat daerah tidak melihatnya",
                  "GPS", "kurang dari 5 orang", "365 hari", "24 jam"):
        assert words in html


def test_privacy_page_in_english(client):
    client.set_cookie("bahasa", "en")
    html = client.get("/privasi").get_data(as_text=True)
    assert "<title>Privacy policy" in html
    assert "Confidential" in html and "Kebijakan privasi" not in html


def test_every_page_links_the_privacy_policy_and_the_complaint_consent_does_too(client):
    home = client.get("/").get_data(as_text=True)
    assert 'href="/privasi"' in home
    form = client.get("/pengaduan/baru").get_data(as_text=True)
    assert form.count('href="/privasi"') == 2  # the footer and next to the consent box


def test_favicon_is_an_icon_not_a_404(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon.data[:4] == b"\x00\x00\x01\x00"  # the ICO header
    assert icon.headers["Content-Type"] in ("image/vnd.microsoft.icon", "image/x-icon")
    assert "max-age=604800" in icon.headers["Cache-Control"]
