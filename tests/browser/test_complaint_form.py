"""The complaint form and its receipt on a 360 px phone, with and without JavaScript (issue 11):
choosing "anonim" hides the name and contact fields; the tracking code stays whole on one line,
with a copy button where the browser can copy and plain selectable text where it cannot."""

import re

import pytest

pytestmark = pytest.mark.browser


def _file(page, base, world, *, anonim: bool) -> None:
    page.goto(base + "/pengaduan/baru")
    page.get_by_label("Instansi (OPD) yang dituju").select_option(label=world.opd.nama)
    page.get_by_label("Judul singkat").fill("Antrean loket terlalu panjang")
    page.get_by_label("Ceritakan apa yang terjadi").fill(
        "Antrean di loket KTP-el mengular sampai ke parkiran setiap pagi, tanpa nomor antre.")
    if anonim:
        page.get_by_label(re.compile("^Anonim")).check()
    else:
        page.get_by_label("Nama Anda").fill("Rina Warga")
        page.get_by_label("Email").fill("rina@example.org")
    page.get_by_label(re.compile("^Saya menyatakan")).check()
    page.get_by_role("button", name="Kirim laporan").click()
    page.get_by_role("heading", name="Laporan Anda sudah kami terima").wait_for()


def _one_line(page) -> None:
    code = page.locator(".tracking-code")
    box = code.bounding_box()
    line = float(code.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert box["height"] < line * 1.5, "the tracking code wraps"
    assert box["x"] + box["width"] <= 360, "the tracking code runs off the screen"


def test_with_javascript_anonim_hides_identity_and_the_code_can_be_copied(live_server, browser):
    base, world = live_server
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    page.goto(base + "/pengaduan/baru")
    # the services follow the OPD by themselves: the no-JavaScript button is not shown
    assert not page.get_by_role("button", name="Tampilkan layanan OPD ini").is_visible()
    identity = page.locator("fieldset.identity-details")
    assert identity.is_visible()
    page.get_by_label(re.compile("^Anonim")).check()
    assert not identity.is_visible()
    page.get_by_label(re.compile("^Biasa")).check()
    assert identity.is_visible()

    _file(page, base, world, anonim=True)
    _one_line(page)
    code = page.locator(".tracking-code").inner_text().strip()
    page.get_by_role("button", name="Salin kode").click()
    page.get_by_text("Kode lacak disalin.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == code
    context.close()


def test_without_javascript_the_fields_say_they_are_ignored_and_the_code_is_text(live_server,
                                                                                  browser):
    base, world = live_server
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID",
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/pengaduan/baru")
    assert page.get_by_role("button", name="Tampilkan layanan OPD ini").is_visible()
    page.get_by_label(re.compile("^Anonim")).check()
    assert page.locator("fieldset.identity-details").is_visible()
    assert page.get_by_text("Bila memilih anonim, bagian ini diabaikan").is_visible()

    _file(page, base, world, anonim=False)
    _one_line(page)
    assert not page.get_by_role("button", name="Salin kode").is_visible()
    assert page.locator(".tracking-code").evaluate(
        "e => getComputedStyle(e).userSelect") == "all"
    context.close()
