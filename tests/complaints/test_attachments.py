"""Attachments on the public complaint form: checked by content, size-limited, photo metadata
removed, stored outside the web root, kept across a form error, and never left without a row."""

import os
import re
from io import BytesIO
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image, PngImagePlugin
from sqlalchemy.exc import OperationalError

from portal.complaints import attachments
from portal.complaints.models import LampiranPengaduan, Pengaduan
from tests.complaints.conftest import answers, open_form

STAGED_RE = re.compile(r'name="lampiran_token" type="hidden" value="([^"]*)"')
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"




@pytest.fixture()
def uploads(app, tmp_path):
    """An upload directory of this test's own; yields its ``pengaduan/`` folder."""
    old = app.config["PORTAL_UPLOAD_DIR"]
    app.config["PORTAL_UPLOAD_DIR"] = tmp_path / "uploads"
    yield tmp_path / "uploads" / "pengaduan"
    app.config["PORTAL_UPLOAD_DIR"] = old


def _jpeg_with_gps() -> bytes:
    """40×20, red left half, blue right half, taken "on its side" (orientation 6), with GPS."""
    image = Image.new("RGB", (40, 20), (220, 20, 20))
    image.paste((20, 20, 220), (20, 0, 40, 20))
    exif = Image.Exif()
    exif[0x0112] = 6  # shown rotated 90° clockwise
    exif[0x010F] = "KameraUji"
    exif[0x8825] = {1: "S", 2: (5.0, 25.0, 30.0), 3: "E", 4: (105.0, 15.0, 0.0)}
    out = BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif, comment=b"rumah pelapor",
               xmp=b"<x:xmpmeta>lokasi rumah pelapor</x:xmpmeta>")
    return out.getvalue()


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "Jl. Rumah Pelapor 1")
    out = BytesIO()
    Image.new("RGBA", (8, 8), (0, 128, 0, 128)).save(out, "PNG", pnginfo=info)
    return out.getvalue()




def _send(client, world, files=(), form=None, **overrides):
    """Send the form with ``files`` as (bytes, name, content type the browser claims)."""
    csrf, token = form or open_form(client)
    data = {**answers(world, **overrides), "csrf_token": csrf, "form_token": token,
            "lampiran": [(BytesIO(content), name, claimed) for content, name, claimed in files]}
    return client.post("/pengaduan/baru", data=data, content_type="multipart/form-data")


def _on_disk(root: Path) -> tuple[list[Path], list[Path]]:
    """(stored files, staged files) under ``pengaduan/``."""
    stored = sorted(p for p in root.glob("*") if p.is_file()) if root.exists() else []
    staged = sorted((root / "staged").glob("*")) if (root / "staged").exists() else []
    return stored, staged


def _complaints(db):
    return list(db.session.scalars(sa.select(Pengaduan)))


def test_form_offers_the_file_input(client, world):
    html = client.get("/pengaduan/baru").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html
    assert 'accept="image/jpeg,image/png,application/pdf"' in html and "multiple" in html
    assert '<label for="lampiran">Lampiran foto atau PDF (boleh dikosongkan)</label>' in html
    assert "Paling banyak 3 berkas JPEG, PNG, atau PDF, masing-masing paling besar 5 MB" in html


def test_photo_is_stored_upright_without_gps_or_other_metadata(client, world, db, no_wait,
                                                               uploads):
    response = _send(client, world, files=[(_jpeg_with_gps(), "foto kejadian.jpg", "image/jpeg")])
    assert response.status_code == 303
    (complaint,) = _complaints(db)
    (row,) = complaint.lampiran
    assert (row.nama_asli, row.jenis_mime) == ("foto_kejadian.jpg", "image/jpeg")
    stored, staged = _on_disk(uploads)
    assert stored == [uploads / row.kunci_simpan] and staged == []
    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", row.kunci_simpan)
    content = stored[0].read_bytes()
    assert row.ukuran == len(content) and len(row.sha256) == 64
    assert stored[0].stat().st_mode & 0o777 == 0o640
    for trace in (b"Exif", b"KameraUji", b"xmpmeta", b"rumah pelapor"):
        assert trace not in content
    with Image.open(stored[0]) as photo:
        assert photo.format == "JPEG"
        assert len(photo.getexif()) == 0 and not photo.getexif().get_ifd(0x8825)
        assert not {"exif", "xmp", "comment", "icc_profile"} & set(photo.info)
        assert photo.size == (20, 40)  # turned upright: the red left half is now on top
        red, _g, blue = photo.convert("RGB").getpixel((10, 5))
        assert red > 150 and blue < 100
        red, _g, blue = photo.convert("RGB").getpixel((10, 35))
        assert blue > 150 and red < 100


def test_png_and_pdf_are_accepted(client, world, db, no_wait, uploads):
    response = _send(client, world, files=[(_png_with_text(), "denah.png", "image/png"),
                                           (PDF, "surat.pdf", "application/pdf")])
    assert response.status_code == 303
    (complaint,) = _complaints(db)
    png, pdf = complaint.lampiran
    assert (png.jenis_mime, pdf.jenis_mime) == ("image/png", "application/pdf")
    png_bytes = (uploads / png.kunci_simpan).read_bytes()
    assert b"tEXt" not in png_bytes and b"Rumah Pelapor" not in png_bytes
    with Image.open(uploads / png.kunci_simpan) as image:
        assert image.format == "PNG" and image.mode == "RGBA" and "Location" not in image.info
    assert (uploads / pdf.kunci_simpan).read_bytes() == PDF  # kept as sent
    html = client.get(f"/pengaduan/{complaint.kode_lacak}").get_data(as_text=True)
    assert "Lampiran" in html and "denah.png</a> (1\u00a0KB)" in html and "surat.pdf</a> (" in html
    assert png.kunci_simpan not in html  # linked by id through the code, never by storage name


def test_text_named_like_a_photo_is_refused_next_to_the_field(client, world, db, no_wait,
                                                              uploads):
    response = _send(client, world, files=[(b"bukan gambar, hanya teks", "foto.jpg",
                                            "image/jpeg")])
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r'id="lampiran-error">Berkas foto.jpg bukan JPEG, PNG, atau PDF\.', html)
    assert 'href="#lampiran"' in html  # in the error summary too
    assert 'value="Rina Wati"' in html  # nothing typed is lost
    assert _complaints(db) == [] and db.session.scalars(sa.select(LampiranPengaduan)).all() == []
    assert _on_disk(uploads) == ([], [])


@pytest.mark.parametrize(("content", "message"), [
    (b"%PDF-1.4\nterpotong di tengah jalan", "Berkas rusak.pdf rusak atau tidak dapat dibuka."),
    (b"\x89PNG\r\n\x1a\nbukan png", "Berkas rusak.pdf rusak atau tidak dapat dibuka."),
    (b"", "Berkas rusak.pdf kosong."),
])
def test_broken_files_are_refused(client, world, db, no_wait, uploads, content, message):
    html = _send(client, world, files=[(content, "rusak.pdf", "application/pdf")]).get_data(
        as_text=True)
    assert message in html
    assert _complaints(db) == [] and _on_disk(uploads) == ([], [])


def test_file_over_the_size_limit_is_refused(client, world, db, no_wait, uploads, app,
                                             monkeypatch):
    monkeypatch.setitem(app.config, "PORTAL_COMPLAINT_MAX_FILE_MB", 1)
    big = PDF[:-6] + b" " * (1024 * 1024) + b"%%EOF\n"
    html = _send(client, world, files=[(big, "besar.pdf", "application/pdf")]).get_data(
        as_text=True)
    assert "Berkas besar.pdf lebih dari 1 MB." in html
    assert _complaints(db) == [] and _on_disk(uploads) == ([], [])


def test_photo_with_too_many_pixels_is_refused_before_decoding(client, world, db, no_wait,
                                                               uploads, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_PIXELS", 500)  # the 40×20 test photo has 800
    html = _send(client, world, files=[(_jpeg_with_gps(), "foto.jpg", "image/jpeg")]).get_data(
        as_text=True)
    assert "Foto foto.jpg lebih dari" in html and "megapiksel; perkecil dulu." in html
    assert _on_disk(uploads) == ([], [])


def test_more_than_three_files_are_refused(client, world, db, no_wait, uploads):
    files = [(PDF, f"surat{i}.pdf", "application/pdf") for i in range(4)]
    html = _send(client, world, files=files).get_data(as_text=True)
    assert "Paling banyak 3 berkas." in html
    assert _complaints(db) == [] and _on_disk(uploads) == ([], [])


def test_accepted_files_survive_an_error_elsewhere_and_are_filed_on_the_corrected_send(
        client, world, db, no_wait, uploads):
    form = open_form(client)
    files = [(_jpeg_with_gps(), "foto.jpg", "image/jpeg"), (PDF, "surat.pdf", "application/pdf")]
    html = _send(client, world, files=files, form=form, isi="Terlalu pendek").get_data(
        as_text=True)
    assert 'id="isi-error"' in html and "lampiran-error" not in html
    assert "Sudah terlampir: foto.jpg (1\u00a0KB)" in html and "Sudah terlampir: surat.pdf" in html
    assert _complaints(db) == [] and len(_on_disk(uploads)[1]) == 2
    staged_token = STAGED_RE.search(html).group(1)
    keys = re.findall(r'name="hapus_lampiran" value="([^"]+)"', html)
    assert len(keys) == 2

    # staged files count against the limit: two kept + two new is one too many
    html = client.post("/pengaduan/baru", content_type="multipart/form-data", data={
        **answers(world), "csrf_token": form[0], "form_token": form[1],
        "lampiran_token": staged_token,
        "lampiran": [(BytesIO(PDF), "a.pdf", "application/pdf"),
                     (BytesIO(PDF), "b.pdf", "application/pdf")]}).get_data(as_text=True)
    assert "Paling banyak 3 berkas." in html and "Sudah terlampir: foto.jpg" in html
    assert _complaints(db) == [] and len(_on_disk(uploads)[1]) == 2

    # corrected, and the PDF ticked for removal: no file to choose again
    response = client.post("/pengaduan/baru", content_type="multipart/form-data", data={
        **answers(world), "csrf_token": form[0], "form_token": form[1],
        "lampiran_token": staged_token, "hapus_lampiran": keys[1]})
    assert response.status_code == 303
    (complaint,) = _complaints(db)
    assert [row.nama_asli for row in complaint.lampiran] == ["foto.jpg"]
    stored, staged = _on_disk(uploads)
    assert stored == [uploads / complaint.lampiran[0].kunci_simpan] and staged == []


def test_a_forged_staged_list_is_ignored(client, world, db, no_wait, uploads):
    response = client.post("/pengaduan/baru", content_type="multipart/form-data", data={
        **answers(world), "csrf_token": open_form(client)[0],
        "form_token": open_form(client)[1], "lampiran_token": '[{"k": "../../secret_key"}]'})
    assert response.status_code == 303
    assert _complaints(db)[0].lampiran == []


def test_files_are_removed_when_the_commit_fails(client, world, db, no_wait, uploads,
                                                 monkeypatch):
    def broken_commit():
        raise OperationalError("COMMIT", {}, Exception("disk penuh"))

    monkeypatch.setattr(db.session, "commit", broken_commit)
    response = _send(client, world, files=[(_jpeg_with_gps(), "foto.jpg", "image/jpeg"),
                                           (PDF, "surat.pdf", "application/pdf")])
    monkeypatch.undo()
    assert response.status_code == 500
    assert _complaints(db) == []
    assert _on_disk(uploads) == ([], [])


def test_a_refused_complaint_removes_its_stored_files_but_keeps_the_staged_ones(
        client, world, db, no_wait, uploads):
    # the service refuses (a normal identity needs a name): the form comes back, files listed
    html = _send(client, world, files=[(PDF, "surat.pdf", "application/pdf")], nama="").get_data(
        as_text=True)
    assert "Tuliskan nama Anda" in html and "Sudah terlampir: surat.pdf" in html
    stored, staged = _on_disk(uploads)
    assert stored == [] and len(staged) == 1


def test_uploads_are_kept_outside_the_web_root(client, world, db, no_wait, uploads, app,
                                               monkeypatch):
    _send(client, world, files=[(PDF, "surat.pdf", "application/pdf")])
    (row,) = _complaints(db)[0].lampiran
    static = Path(app.static_folder).resolve()
    path = attachments.stored_path(row.kunci_simpan).resolve()
    assert path.is_file() and not path.is_relative_to(static)
    from portal.config import Config

    assert not Path(Config.PORTAL_UPLOAD_DIR).resolve().is_relative_to(static)
    monkeypatch.setitem(app.config, "PORTAL_UPLOAD_DIR", static / "uploads")
    with pytest.raises(RuntimeError):
        attachments.upload_root()


def test_type_is_read_from_the_content_and_names_are_cleaned():
    assert attachments.detect_mime(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert attachments.detect_mime(b"%PDF-1.7") == "application/pdf"
    assert attachments.detect_mime(b"GIF89a") is None
    assert attachments.clean_name("../../etc/passwd") == "etc_passwd"
    assert attachments.clean_name("") == "lampiran"
    assert attachments.clean_name("a" * 300 + ".jpg") == "a" * 196 + ".jpg"


@pytest.mark.parametrize(("lang", "small", "large"), [
    ("id", "120\u00a0KB", "1,5\u00a0MB"), ("en", "120\u00a0KB", "1.5\u00a0MB")])
def test_file_sizes_follow_the_locale(app, lang, small, large):
    with app.test_request_context(headers={"Cookie": f"bahasa={lang}"}):
        size = app.jinja_env.filters["ukuran_berkas"]
        assert (size(120 * 1024), size(1536 * 1024), size(10)) == (small, large, "1\u00a0KB")


def test_double_click_files_the_attachments_once(client, world, db, no_wait, uploads):
    form = open_form(client)
    files = [(PDF, "surat.pdf", "application/pdf")]
    first = _send(client, world, files=files, form=form)
    second = _send(client, world, files=files, form=form)
    assert first.headers["Location"] == second.headers["Location"]
    (complaint,) = _complaints(db)
    assert len(complaint.lampiran) == 1
    assert _on_disk(uploads) == ([uploads / complaint.lampiran[0].kunci_simpan], [])


def test_the_reporter_and_the_staff_open_attachments_and_nobody_else(client, login_as, world,
                                                                    db, no_wait, uploads):
    """Issue 11: attachments open for the reporter (through the tracking code), the koordinator
    of the pemda and, once routed, the petugas of the OPD; photos inline in a CSP sandbox, PDFs
    as downloads, never cached; anyone else, or another complaint's code, gets nothing."""
    response = _send(client, world, files=[(_png_with_text(), "denah.png", "image/png"),
                                           (PDF, "surat.pdf", "application/pdf")])
    (complaint,) = _complaints(db)
    png, pdf = complaint.lampiran
    other = _send(client, world, form=open_form(client), judul="Laporan lain tanpa lampiran")
    assert (response.status_code, other.status_code) == (303, 303)
    other_code = next(c.kode_lacak for c in _complaints(db) if c.id != complaint.id)

    page = client.get(f"/pengaduan/{complaint.kode_lacak}").get_data(as_text=True)
    photo_url = f"/pengaduan/{complaint.kode_lacak}/lampiran/{png.id}"
    assert f'href="{photo_url}"' in page
    photo = client.get(photo_url)
    assert photo.status_code == 200 and photo.mimetype == "image/png"
    assert photo.headers["Content-Disposition"].startswith("inline")
    assert photo.headers["Content-Security-Policy"].startswith("sandbox")
    assert photo.headers["Cache-Control"] == "private, no-store"
    assert photo.data == (uploads / png.kunci_simpan).read_bytes()
    document = client.get(f"/pengaduan/{complaint.kode_lacak}/lampiran/{pdf.id}")
    assert document.headers["Content-Disposition"].startswith("attachment")
    assert "surat.pdf" in document.headers["Content-Disposition"]
    assert document.mimetype == "application/octet-stream" and document.data == PDF
    # another complaint's code does not open this one's files
    assert client.get(f"/pengaduan/{other_code}/lampiran/{png.id}").status_code == 404

    desk_url = f"/meja/pengaduan/{complaint.id}/lampiran/{png.id}"
    login_as("koordinator_pengaduan")
    desk = client.get(f"/meja/pengaduan/{complaint.id}").get_data(as_text=True)
    assert f'href="{desk_url}"' in desk and f'<img src="{desk_url}"' in desk
    assert client.get(desk_url).status_code == 200
    client.post_form("/keluar")
    login_as("petugas_pengaduan")  # not routed yet: the OPD does not see it
    assert client.get(desk_url).status_code == 403


def test_a_confidential_reporters_file_names_never_reach_the_opd(client, login_as, world, db,
                                                                 no_wait, uploads):
    """A file name may name its sender ("KTP_Siti_Pelapor.png"): for a rahasia complaint the OPD
    sees a neutral name on the desk and in the download; the koordinator sees the real one."""
    from portal.complaints.models import Identitas

    response = _send(client, world, files=[(_png_with_text(), "KTP_Siti_Pelapor.png",
                                            "image/png")], identitas=Identitas.RAHASIA.value,
                     nama="Siti Pelapor", telepon="081234567890")
    assert response.status_code == 303, response.get_data(as_text=True)
    (complaint,) = _complaints(db)
    (png,) = complaint.lampiran
    url = f"/meja/pengaduan/{complaint.id}/lampiran/{png.id}"
    login_as("koordinator_pengaduan")
    assert "KTP_Siti_Pelapor.png" in client.get(f"/meja/pengaduan/{complaint.id}").get_data(
        as_text=True)
    client.post_form(f"/meja/pengaduan/{complaint.id}/verifikasi", {
        "tindakan": "teruskan", "opd_id": str(world.opd.id), "pesan": ""})
    client.post_form("/keluar")
    login_as("petugas_pengaduan")
    desk = client.get(f"/meja/pengaduan/{complaint.id}").get_data(as_text=True)
    assert "Siti" not in desk and "lampiran-1.png" in desk
    served = client.get(url)
    assert served.status_code == 200
    assert "Siti" not in served.headers["Content-Disposition"]


def test_cleaning_removes_what_a_write_killed_mid_way_left_behind(app, uploads):
    uploads.mkdir(parents=True)
    stale, fresh = uploads / ".tulis-k1ll3d_.tmp", uploads / ".tulis-sedang.tmp"
    stale.write_bytes(b"separuh berkas")
    fresh.write_bytes(b"sedang ditulis")
    hour_ago = fresh.stat().st_mtime - 3601
    os.utime(stale, (hour_ago, hour_ago))
    cleaned = attachments.clean_files(set(), older_than_seconds=3600)
    assert not stale.exists() and fresh.exists()  # a write still under way is left alone
    assert cleaned.orphans == 1
