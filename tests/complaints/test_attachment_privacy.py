"""Issue 11 with DOMAIN.md's privacy rules: a rahasia reporter is hidden from the OPD and an
anonymous one from everyone, so the names they gave their files ("KTP_Siti_Pelapor.png") never
reach those desks; the file opens under a plain "lampiran-1.png". Whatever name a row holds,
it cannot break the download's header (issue 12)."""

import hashlib
from io import BytesIO

import pytest
from PIL import Image

from portal.complaints import attachments, handling
from portal.complaints.models import Identitas, LampiranPengaduan
from portal.core import uploads

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture()
def attach(db):
    """``attach(pengaduan, content, nama, mime)``: a file stored as the public form stores it."""
    def _attach(pengaduan, content: bytes, nama: str, mime: str) -> LampiranPengaduan:
        path = uploads.write(attachments.upload_root(), attachments.SUFFIX[mime], content)
        row = LampiranPengaduan(nama_asli=nama, jenis_mime=mime, ukuran=len(content),
                                kunci_simpan=path.name, sha256=hashlib.sha256(content).hexdigest())
        pengaduan.lampiran.append(row)
        db.session.flush()
        return row
    return _attach


def _url(pengaduan, lampiran) -> str:
    return f"/meja/pengaduan/{pengaduan.id}/lampiran/{lampiran.id}"


@pytest.mark.parametrize("identitas", [Identitas.RAHASIA, Identitas.ANONIM])
def test_a_hidden_reporters_file_names_never_reach_the_opd(client, login_as, file, attach,
                                                          world, identitas):
    pengaduan = file(identitas=identitas)
    photo = attach(pengaduan, _png(), "KTP_Siti_Pelapor.png", uploads.MIME_PNG)
    handling.verify_and_route(world.users["koordinator_pengaduan"], pengaduan, world.opd,
                              perlu_tinjauan_lapangan=False, pesan=None)
    login_as("petugas_pengaduan")
    html = client.get(f"/meja/pengaduan/{pengaduan.id}").get_data(as_text=True)
    assert "KTP_Siti_Pelapor" not in html
    assert f'href="{_url(pengaduan, photo)}">lampiran-1.png</a>' in html
    response = client.get(_url(pengaduan, photo))
    assert response.status_code == 200 and response.data == _png()
    assert "KTP_Siti_Pelapor" not in response.headers["Content-Disposition"]
    assert "lampiran-1.png" in response.headers["Content-Disposition"]


def test_the_koordinator_sees_a_rahasia_reporters_file_names(client, login_as, file, attach):
    pengaduan = file(identitas=Identitas.RAHASIA)
    photo = attach(pengaduan, _png(), "KTP_Siti_Pelapor.png", uploads.MIME_PNG)
    login_as("koordinator_pengaduan")
    html = client.get(f"/meja/pengaduan/{pengaduan.id}").get_data(as_text=True)
    assert f'href="{_url(pengaduan, photo)}">KTP_Siti_Pelapor.png</a>' in html


def test_the_anonymous_reporters_file_names_are_hidden_from_the_koordinator_too(
        client, login_as, file, attach):
    pengaduan = file(identitas=Identitas.ANONIM)
    attach(pengaduan, PDF, "surat_dari_Siti.pdf", uploads.MIME_PDF)
    login_as("koordinator_pengaduan")
    html = client.get(f"/meja/pengaduan/{pengaduan.id}").get_data(as_text=True)
    assert "surat_dari_Siti" not in html and "lampiran-1.pdf" in html
    # the reporter, holding the code, sees their own name
    assert "surat_dari_Siti.pdf" in client.get(f"/pengaduan/{pengaduan.kode_lacak}").get_data(
        as_text=True)


def test_a_name_with_quotes_and_line_breaks_cannot_break_the_header(client, login_as, file,
                                                                     attach, db):
    pengaduan = file()
    pdf = attach(pengaduan, PDF, "surat.pdf", uploads.MIME_PDF)
    pdf.nama_asli = 'surat "resmi"\r\nSet-Cookie: x=1.pdf'  # written by hand, or before cleaning
    db.session.flush()
    login_as("koordinator_pengaduan")
    response = client.get(_url(pengaduan, pdf))
    assert response.status_code == 200 and response.data == PDF
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "\n" not in disposition and "\r" not in disposition and '"resmi"' not in disposition
    assert not any(c.startswith("x=") for c in response.headers.getlist("Set-Cookie"))
    tracked = client.get(f"/pengaduan/{pengaduan.kode_lacak}/lampiran/{pdf.id}")
    assert tracked.status_code == 200 and "\n" not in tracked.headers["Content-Disposition"]


def test_a_file_missing_on_disk_is_404_not_500(client, login_as, file, attach):
    pengaduan = file()
    photo = attach(pengaduan, _png(), "foto.png", uploads.MIME_PNG)
    attachments.stored_path(photo.kunci_simpan).unlink()
    login_as("koordinator_pengaduan")
    assert client.get(_url(pengaduan, photo)).status_code == 404
    assert client.get(f"/pengaduan/{pengaduan.kode_lacak}/lampiran/{photo.id}").status_code == 404
