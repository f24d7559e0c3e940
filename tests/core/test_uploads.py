"""The upload checks every domain shares: type by content, clean names, size, photo metadata
dropped, whole files under random names, removal that never raises."""

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from portal.core import uploads
from portal.core.models import DomainError


def _rules(**overrides) -> uploads.UploadRules:
    return uploads.UploadRules(**{
        "field": "berkas", "accepts": lambda mime: mime != uploads.MIME_OLE, "max_bytes": 1000,
        "too_large": lambda nama: f"besar {nama}", "not_accepted": lambda nama: f"jenis {nama}",
        "too_many_pixels": lambda nama: f"piksel {nama}", **overrides})


def _zip(*names: str, mimetype: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if mimetype is not None:
            archive.writestr("mimetype", mimetype)
        for name in names:
            archive.writestr(name, "x")
    return out.getvalue()


@pytest.mark.parametrize(("data", "mime"), [
    (b"\xff\xd8\xff\xe0", uploads.MIME_JPEG),
    (b"\x89PNG\r\n\x1a\n", uploads.MIME_PNG),
    (b"%PDF-1.7", uploads.MIME_PDF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", uploads.MIME_OLE),
    (_zip("[Content_Types].xml", "word/document.xml"), uploads.MIME_DOCX),
    (_zip("[Content_Types].xml", "xl/workbook.xml"), uploads.MIME_XLSX),
    (_zip(mimetype="application/vnd.oasis.opendocument.text"),
     "application/vnd.oasis.opendocument.text"),
    (_zip("a.txt"), None),
    (b"GIF89a", None),
])
def test_type_is_told_by_content(data, mime):
    assert uploads.detect_type(data) == mime


def test_clean_name_has_its_default_and_a_length_cap():
    assert uploads.clean_name("../../etc/passwd", "x") == "etc_passwd"
    assert uploads.clean_name("", "bukti") == "bukti"
    assert uploads.clean_name("a" * 300 + ".jpg", "x") == "a" * 196 + ".jpg"


def test_check_refuses_in_the_domains_words():
    rules = _rules()
    for data, message in [(b"", "Berkas f kosong."), (b"%PDF-" + b"x" * 1000, "besar f"),
                          (b"GIF89a", "jenis f"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "jenis f"),
                          (b"%PDF-1.4 no end", "Berkas f rusak atau tidak dapat dibuka.")]:
        with pytest.raises(DomainError) as caught:
            uploads.check(data, "f", rules)
        assert (caught.value.message, caught.value.field) == (message, "berkas")


def test_photo_is_reencoded_without_metadata_and_pixel_capped():
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 0, 0)).save(out, "JPEG", comment=b"rumah", exif=b"")
    mime, kept = uploads.check(out.getvalue(), "f", _rules(max_bytes=10**6))
    assert mime == uploads.MIME_JPEG and b"rumah" not in kept
    with pytest.raises(DomainError, match="piksel f"):
        uploads.check(out.getvalue(), "f", _rules(max_bytes=10**6, max_pixels=500))


def test_write_is_whole_under_a_random_name_and_remove_never_raises(tmp_path: Path):
    first = uploads.write(tmp_path / "d", ".pdf", b"isi")
    second = uploads.write(tmp_path / "d", ".pdf", b"isi")
    assert first != second and first.read_bytes() == b"isi" and first.suffix == ".pdf"
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == sorted([first.name, second.name])
    uploads.remove([first, first, tmp_path / "d"])  # gone already, and a directory: no error
    assert not first.exists() and second.exists()


def test_upload_dir_is_refused_inside_the_static_folder(app, monkeypatch):
    assert uploads.upload_dir("bukti").name == "bukti"
    monkeypatch.setitem(app.config, "PORTAL_UPLOAD_DIR", Path(app.static_folder) / "uploads")
    with pytest.raises(RuntimeError):
        uploads.upload_dir("bukti")
