"""Monitoring: completion per unit and period, the predikat distribution against the calibration
rule of the OPD's organisation predikat, CSV and XLSX downloads, filters (plain GET and htmx)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from portal.appraisals.evaluasi.models import Predikat, StatusEvaluasi
from portal.appraisals.pemantauan import kalibrasi as pemantauan_kalibrasi
from portal.appraisals.pemantauan import queries as pemantauan_queries
from portal.appraisals.pemantauan import services as pemantauan_services
from portal.appraisals.pemantauan.models import PredikatOrganisasiNilai
from portal.appraisals.settings import DEFAULT_CALIBRATION_RULES
from portal.core.models import DomainError
from portal.extensions import db
from tests.appraisals.factories import direct_evaluasi, make_set_skp, periode


@pytest.fixture()
def filled(world, year, atasan_skp, extra_people):
    """In the Disdukcapil seksi: staf approved Baik, staf2 approved Sangat Baik, kasi submitted;
    in the bidang: kabid without evaluation, Rudi approved Butuh Perbaikan, Nina in draft."""
    tw1 = periode(year)
    p = world.pegawai
    skps = {name: make_set_skp(p[name], year) if name != "kasi" else atasan_skp
            for name in ("staf", "staf2", "kasi", "atasan_lain", "bawahan_lain")}
    direct_evaluasi(p["staf"], tw1, skps["staf"])
    direct_evaluasi(p["staf2"], tw1, skps["staf2"], hasil="di_atas", perilaku="di_atas")
    direct_evaluasi(p["kasi"], tw1, skps["kasi"], status=StatusEvaluasi.DIAJUKAN)
    direct_evaluasi(p["atasan_lain"], tw1, skps["atasan_lain"], hasil="di_bawah")
    direct_evaluasi(p["bawahan_lain"], tw1, skps["bawahan_lain"], status=StatusEvaluasi.DRAF)
    return tw1


def _rows(report):
    return {r.label: (r.pegawai, r.skp_set, r.diajukan, r.disetujui, r.terlambat)
            for r in report.rows}


def test_completion_per_unit_before_and_after_the_deadline(world, filled):
    before = pemantauan_queries.build_report(world.opd, None, filled, filled.batas)
    rows = _rows(before)
    assert rows["Seksi Identitas Penduduk"] == (3, 3, 3, 2, 0)
    assert rows["Bidang Pelayanan Pendaftaran Penduduk"] == (3, 2, 1, 1, 0)
    assert rows["Sekretariat"] == (1, 0, 0, 0, 0)
    assert before.total.pegawai == 7 and before.total.disetujui == 3
    after = pemantauan_queries.build_report(world.opd, None, filled, filled.batas + timedelta(days=1))
    rows = _rows(after)
    assert rows["Seksi Identitas Penduduk"][4] == 1  # kasi: submitted, not approved
    assert rows["Bidang Pelayanan Pendaftaran Penduduk"][4] == 2  # kabid none, Nina draft
    assert after.total.terlambat == 4


def test_unit_filter(world, filled):
    report = pemantauan_queries.build_report(world.opd, None, filled, filled.batas,
                                     unit_id=world.units["seksi"].id)
    assert list(_rows(report)) == ["Seksi Identitas Penduduk"]
    assert report.counts[Predikat.SANGAT_BAIK] == 1 and sum(report.counts.values()) == 2


def test_inactive_staff_are_not_counted(world, filled):
    world.pegawai["staf2"].aktif = False
    db.session.flush()
    report = pemantauan_queries.build_report(world.opd, None, filled, filled.batas)
    assert _rows(report)["Seksi Identitas Penduduk"][0] == 2


def test_distribution_and_calibration_against_the_organisation_predikat(world, filled):
    report = pemantauan_queries.build_report(world.opd, None, filled, filled.batas)
    assert report.counts == {Predikat.SANGAT_BAIK: 1, Predikat.BAIK: 1,
                             Predikat.BUTUH_PERBAIKAN: 1, Predikat.KURANG: 0,
                             Predikat.SANGAT_KURANG: 0}
    assert report.calibration is None  # no organisation predikat yet
    pemantauan_services.set_predikat_organisasi(world.users["admin_pemda"], world.opd, "baik")
    report = pemantauan_queries.build_report(world.opd, None, filled, filled.batas)
    states = {row.label: row.state for row in report.calibration}
    # under "Baik": Sangat Baik at most 10% (here 33%) → over; Baik at most 70% → fine;
    # Butuh Perbaikan or worse at least 5% (here 33%) → fine
    assert states["Sangat Baik"] == "lebih"
    assert states["Baik"] == "sesuai"
    assert states["Butuh Perbaikan + Kurang/Misconduct + Sangat Kurang"] == "sesuai"


def test_check_calibration_flags_over_and_under():
    rule = DEFAULT_CALIBRATION_RULES["baik"]
    counts = {Predikat.BAIK: 9, Predikat.SANGAT_BAIK: 1}
    rows = {r.label: (r.state, round(r.share, 2)) for r in pemantauan_kalibrasi.check_calibration(counts, rule)}
    assert rows["Baik"] == ("lebih", 0.9)
    assert rows["Sangat Baik"] == ("sesuai", 0.1)  # exactly at the maximum
    assert rows["Butuh Perbaikan + Kurang/Misconduct + Sangat Kurang"] == ("kurang", 0.0)
    empty = pemantauan_kalibrasi.check_calibration({}, rule)
    assert {r.state for r in empty} == {"sesuai"} and empty[0].share is None


def test_calibration_rules_are_a_setting(world, filled, app, monkeypatch):
    rules = {key: [] for key in DEFAULT_CALIBRATION_RULES}
    rules["istimewa"] = [{"predikat": ["baik"], "min": 0.5}]
    monkeypatch.setitem(app.config, "PORTAL_CALIBRATION_RULES", rules)
    pemantauan_services.set_predikat_organisasi(world.users["admin_pemda"], world.opd, "istimewa")
    report = pemantauan_queries.build_report(world.opd, None, filled, filled.batas)
    assert [(r.label, r.state) for r in report.calibration] == [("Baik", "kurang")]
    monkeypatch.setitem(app.config, "PORTAL_CALIBRATION_RULES",
                        dict(rules, istimewa=[{"predikat": ["luar_biasa"], "max": 0.1}]))
    with pytest.raises(ValueError):
        pemantauan_kalibrasi.rules_setting()


def test_only_admin_pemda_of_the_opd_sets_the_organisation_predikat(world):
    for name in ("admin_opd", "admin_pemda_lain", "pegawai"):
        with pytest.raises(DomainError, match="Hanya admin pemda"):
            pemantauan_services.set_predikat_organisasi(world.users[name], world.opd, "baik")
    with pytest.raises(DomainError, match="dari daftar"):
        pemantauan_services.set_predikat_organisasi(world.users["admin_pemda"], world.opd, "hebat")
    row = pemantauan_services.set_predikat_organisasi(world.users["admin_pemda"], world.opd, "kurang")
    assert row.predikat == PredikatOrganisasiNilai.KURANG


def test_pemda_overview_per_opd(world, filled):
    report = pemantauan_queries.build_report(None, world.pemda.id, filled, filled.batas)
    rows = _rows(report)
    assert set(rows) == {"Dinas Kependudukan dan Pencatatan Sipil", "Dinas Penanaman Modal dan PTSP"}
    assert rows["Dinas Kependudukan dan Pencatatan Sipil"][:4] == (7, 5, 4, 3)
    assert report.counts is None


# --- pages ---------------------------------------------------------------------------------------

def test_admin_opd_page_filters_and_htmx_fragment(client, login_as, world, filled):
    from tests.core.test_accessibility import _check

    pemantauan_services.set_predikat_organisasi(world.users["admin_pemda"], world.opd, "baik")
    db.session.commit()
    login_as("admin_opd")
    assert client.get("/kinerja/pemantauan").status_code == 200  # a period chosen for you
    page = client.get(f"/kinerja/pemantauan?periode={filled.id}").get_data(as_text=True)
    _check(page)
    assert "Seksi Identitas Penduduk" in page and "Melebihi batas atas" in page
    url = f"/kinerja/pemantauan?opd={world.opd.id}&periode={filled.id}&unit={world.units['bidang'].id}"
    page = client.get(url).get_data(as_text=True)
    assert "Bidang Pelayanan Pendaftaran Penduduk" in page
    assert "<th scope=\"row\">Seksi Identitas Penduduk" not in page
    fragment = client.get(url, headers={"HX-Request": "true", "HX-Target": "hasil-pemantauan"})
    body = fragment.get_data(as_text=True)
    assert "Bidang Pelayanan Pendaftaran Penduduk" in body and "<html" not in body
    assert "HX-Request" in fragment.headers["Vary"]
    assert client.get(f"/kinerja/pemantauan?unit={world.units['lain'].id}").status_code == 404


def test_csv_and_xlsx_downloads(client, login_as, world, filled):
    import zipfile

    pemantauan_services.set_predikat_organisasi(world.users["admin_pemda"], world.opd, "baik")
    db.session.commit()
    login_as("admin_opd")
    args = f"opd={world.opd.id}&periode={filled.id}"
    response = client.get(f"/kinerja/pemantauan/unduh.csv?tabel=penyelesaian&{args}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["Unit kerja", "Pegawai", "SKP ditetapkan"]
    assert ["Seksi Identitas Penduduk", "3", "3", "3", "2", "1", "66.7"] in rows  # TW1 is past
    kalibrasi = client.get(f"/kinerja/pemantauan/unduh.csv?tabel=kalibrasi&{args}")
    assert "Melebihi batas atas" in kalibrasi.get_data(as_text=True)
    assert client.get(f"/kinerja/pemantauan/unduh.csv?tabel=rahasia&{args}").status_code == 404
    xlsx = client.get(f"/kinerja/pemantauan/unduh.xlsx?{args}")
    assert xlsx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(xlsx.data)) as book:
        workbook = book.read("xl/workbook.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "Penyelesaian" in workbook and "Kalibrasi" in workbook
    assert "Seksi Identitas Penduduk" in strings


def test_admin_pemda_overview_and_organisation_predikat_page(client, login_as, world, filled):
    login_as("admin_pemda")
    page = client.get(f"/kinerja/pemantauan?periode={filled.id}").get_data(as_text=True)
    assert "Dinas Penanaman Modal dan PTSP" in page and "Semua OPD" in page
    page = client.get("/kinerja/pemantauan/predikat-organisasi").get_data(as_text=True)
    from tests.core.test_accessibility import _check

    _check(page)
    assert "Dinas Kesehatan" not in page  # another pemda
    bad = client.post_form("/kinerja/pemantauan/predikat-organisasi",
                           {"opd_id": str(world.opd.id), "predikat": ""})
    assert bad.status_code == 422 and "Pilih predikat organisasi." in bad.get_data(as_text=True)
    ok = client.post_form("/kinerja/pemantauan/predikat-organisasi",
                          {"opd_id": str(world.opd.id), "predikat": "istimewa"})
    assert ok.status_code == 303
    other = client.post_form("/kinerja/pemantauan/predikat-organisasi",
                             {"opd_id": str(world.opd_pemda_lain.id), "predikat": "baik"})
    assert other.status_code == 403
    db.session.expire_all()
    assert pemantauan_queries.predikat_organisasi(world.opd).predikat == PredikatOrganisasiNilai.ISTIMEWA


def test_default_period_is_the_latest_one_over(world, year):
    from datetime import date

    periods = pemantauan_queries.periods_for([world.pemda.id])
    assert pemantauan_queries.default_periode(periods, date(2026, 11, 23)).jenis_label == "Triwulan III"
    assert pemantauan_queries.default_periode(periods, date(2027, 2, 1)).jenis_label == "Tahunan"
    assert pemantauan_queries.default_periode(periods, date(2026, 2, 1)).jenis_label == "Triwulan I"
    assert pemantauan_queries.default_periode([], date(2026, 2, 1)) is None
