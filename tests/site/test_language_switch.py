"""/bahasa/<kode>: the language cookie, and back to the page the user was on (a safe ``next``
only)."""


def test_switching_language_changes_the_page_and_keeps_the_place(client):
    response = client.get("/bahasa/en?next=/masuk")
    assert response.status_code == 302
    assert response.headers["Location"] == "/masuk"
    html = client.get("/masuk").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Sign in" in html
    client.get("/bahasa/id?next=/masuk")
    html = client.get("/masuk").get_data(as_text=True)
    assert '<html lang="id">' in html
    assert "Masuk ke Portal Kinerja ASN" in html


def test_language_switch_never_redirects_off_site(client):
    response = client.get("/bahasa/en?next=//jahat.example/")
    assert response.headers["Location"] == "/"
    response = client.get("/bahasa/xx?next=/masuk")
    assert "bahasa=xx" not in response.headers.get("Set-Cookie", "")


def test_language_switch_with_a_newline_in_next_goes_home(client):
    response = client.get("/bahasa/en?next=/instansi%0d%0aSet-Cookie:%20x=1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "x=1" not in response.headers.get("Set-Cookie", "")
