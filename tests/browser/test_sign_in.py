"""In real Chromium at phone width: sign in, switch to English and back, sign out."""

import pytest

pytestmark = pytest.mark.browser


def test_sign_in_switch_language_and_sign_out(live_server, page):
    base, world = live_server
    page.goto(base + "/")
    assert page.locator("html").get_attribute("lang") == "id"

    page.get_by_role("link", name="Masuk untuk pegawai").click()
    page.get_by_label("NIP atau nama pengguna").fill(world.users["admin_opd"].username)
    page.get_by_label("Kata sandi").fill(world.password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base}/kelola/opd/{world.opd.id}")
    assert page.get_by_role("heading", level=1).inner_text().startswith(
        "Dinas Kependudukan dan Pencatatan Sipil")

    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url == f"{base}/kelola/opd/{world.opd.id}"  # still on the same page
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Sign out").is_visible()

    page.get_by_role("link", name="Bahasa Indonesia").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "id"

    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(base + "/")
    assert page.get_by_text("Anda sudah keluar").is_visible()
    page.goto(f"{base}/kelola/opd/{world.opd.id}")
    assert "/masuk" in page.url  # signed out for real


def test_skip_link_and_keyboard_focus(live_server, page):
    base, _world = live_server
    page.goto(base + "/masuk")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Langsung ke isi utama")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box and box["x"] >= 0  # visible when focused
    # nothing overflows sideways at 360 px
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
