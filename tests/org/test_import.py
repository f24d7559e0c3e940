"""CSV import of staff: all or nothing, every bad row named with its row number and reason."""

import io

import sqlalchemy as sa

from portal.org.importer import COLUMNS, template_csv
from portal.org.models import Pegawai
from tests.factories import next_nip

HEADER = ",".join(COLUMNS)


def _row(nip, nama, *, jenis="pelaksana", status="PNS", golongan="II/c", unit="Sekretariat",
         atasan="", email=""):
    return f"{nip},{nama},Pengadministrasi Umum,{jenis},{golongan},{status},{unit},{atasan},{email}"


def _upload(client, world, text: str, encoding="utf-8"):
    return client.post_form(f"/kelola/opd/{world.opd.id}/pegawai/impor",
                            {"berkas": (io.BytesIO(text.encode(encoding)), "pegawai.csv")},
                            content_type="multipart/form-data")


def _count(db) -> int:
    return db.session.scalar(sa.select(sa.func.count(Pegawai.id)))


def test_valid_file_imports_everyone_with_their_supervisors(client, world, login_as, db):
    login_as("admin_opd")
    kepala, a, b = next_nip(), next_nip(), next_nip()
    text = "\n".join([
        HEADER,
        _row(a, "Siti Rahmawati", atasan=kepala, unit="Bidang Pelayanan Pendaftaran Penduduk"),
        _row(kepala, "Ir. Bambang Sutrisno", jenis="administrator", golongan="IV/a",
             atasan=world.pegawai["kepala"].nip),
        _row(b, "Andi Pratama", status="PPPK", golongan="IX",
             unit="Bidang Pelayanan Pendaftaran Penduduk / Seksi Identitas Penduduk", atasan=a),
        "",
    ])
    before = _count(db)
    response = _upload(client, world, text)
    assert response.status_code == 302
    assert _count(db) == before + 3
    andi = db.session.scalar(sa.select(Pegawai).where(Pegawai.nip == b))
    assert andi.atasan.nama == "Siti Rahmawati"
    assert andi.atasan.atasan.nama == "Ir. Bambang Sutrisno"
    assert andi.unit.nama == "Seksi Identitas Penduduk"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Impor selesai: 3 pegawai baru, 0 diperbarui." in html


def test_semicolon_separated_excel_export_is_accepted(client, world, login_as, db):
    login_as("admin_opd")
    text = HEADER.replace(",", ";") + "\n" + _row(next_nip(), "Rudi Hartono").replace(",", ";")
    assert _upload(client, world, "\ufeff" + text).status_code == 302


def test_bad_rows_are_all_reported_and_nothing_is_imported(client, world, login_as, db):
    login_as("admin_opd")
    good = next_nip()
    text = "\n".join([
        HEADER,
        _row(good, "Baris Baik"),                                       # row 2: fine
        _row("198502302010011003", "Tanggal Salah"),                    # row 3: 30 February
        _row(next_nip(), "Unit Salah", unit="Bidang Tidak Ada"),        # row 4
        _row(good, "NIP Ganda"),                                        # row 5: same NIP as row 2
        _row(next_nip(), "", jenis="kepala"),                           # row 6: two problems
        _row(next_nip(), "Atasan Hilang", atasan="199001012015011001"),  # row 7
        _row(world.pegawai["lain"].nip, "Pegawai OPD Lain"),            # row 8
        _row(next_nip(), "Golongan Salah", status="PPPK", golongan="III/a"),  # row 9
    ])
    before = _count(db)
    response = _upload(client, world, text)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _count(db) == before
    assert "Tidak ada yang disimpan" in html
    expected = {
        3: "bukan tanggal yang benar",
        4: "Bidang Tidak Ada",
        5: "sudah ada di baris 2",
        6: "kolom nama kosong",
        7: "tidak ditemukan",
        8: "sudah terdaftar di Dinas Penanaman Modal",
        9: "Golongan PPPK",
    }
    for row, reason in expected.items():
        assert f'<td class="num">{row}</td><td>' in html, row
        assert reason in html, reason
    assert "jenis_jabatan harus salah satu dari" in html
    assert '<td class="num">2</td>' not in html


def test_supervisor_loop_inside_the_file_is_reported(client, world, login_as, db):
    login_as("admin_opd")
    a, b = next_nip(), next_nip()
    text = "\n".join([HEADER, _row(a, "Satu", atasan=b), _row(b, "Dua", atasan=a)])
    html = _upload(client, world, text).get_data(as_text=True)
    assert "rantai atasan berputar" in html


def test_existing_staff_of_this_opd_are_updated(client, world, login_as, db):
    login_as("admin_opd")
    staf = world.pegawai["staf"]
    text = HEADER + "\n" + _row(staf.nip, "\"Dewi Lestari, S.E.\"", unit="Sekretariat")
    response = _upload(client, world, text)
    assert response.status_code == 302, response.get_data(as_text=True)[-4000:]
    db.session.expire_all()
    assert staf.nama == "Dewi Lestari, S.E." and staf.unit.nama == "Sekretariat"


def test_missing_columns_and_wrong_encoding_are_explained(client, world, login_as):
    login_as("admin_opd")
    html = _upload(client, world, "nip,nama\n1,2").get_data(as_text=True)
    assert "Kolom wajib tidak ada: jabatan" in html
    html = _upload(client, world, HEADER + "\n" + _row(next_nip(), "Jos\u00e9"),
                   encoding="utf-16").get_data(as_text=True)
    assert "UTF-8" in html


def test_thousands_of_rows_import_in_one_go(client, world, login_as, db):
    login_as("admin_opd")
    rows = [_row(next_nip(), f"Pegawai Uji {n}") for n in range(3000)]
    response = _upload(client, world, HEADER + "\n" + "\n".join(rows))
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Pegawai.id)).where(
        Pegawai.nama.startswith("Pegawai Uji"))) == 3000


def test_template_download_has_the_columns(client, login_as, world):
    login_as("admin_opd")
    response = client.get("/kelola/pegawai/templat.csv")
    assert response.mimetype == "text/csv"
    assert response.get_data(as_text=True) == template_csv()
    assert response.get_data(as_text=True).startswith(HEADER)
