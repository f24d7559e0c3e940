"""Every internal appraisal URL × every role: a pegawai reaches only their own items, the pejabat
penilai only their direct subordinates' (not a colleague's, not two levels down), an admin OPD
only their OPD's, an admin pemda only their pemda's years; anonymous visitors are sent to sign
in."""

import pytest

from portal.appraisals.evaluasi import services as evaluasi_services
from portal.appraisals.periode.models import JenisPeriode
from portal.appraisals.skp import services as skp_services
from portal.extensions import db
from tests.appraisals.factories import (
    make_approved_skp,
    make_draft_skp,
    make_set_skp,
    make_submitted_evaluasi,
    make_year,
)
from tests.factories import make_user

ROLES = ["anonim", "pegawai", "atasan", "rekan", "atasan_atasan", "pegawai_opd_lain",
         "admin_opd", "admin_opd_lain", "admin_pemda", "admin_pemda_lain", "petugas_pengaduan",
         "koordinator_pengaduan"]
VIEWERS = {"pegawai", "atasan", "admin_opd"}
WITH_PEGAWAI = {"pegawai", "atasan", "rekan", "atasan_atasan", "pegawai_opd_lain"}


@pytest.fixture()
def scene(world, app):
    """Dewi (pegawai) has a set SKP for 2026, a revision submitted, and a Triwulan I evaluation
    submitted with a file; Budi (rekan) reports to the same supervisor; Sri (atasan_atasan) is
    the supervisor's supervisor."""
    kabid = world.pegawai["kabid"]
    world.users["atasan_atasan"] = make_user(kabid.nip, kabid.nama, pegawai=kabid)
    budi = world.pegawai["staf2"]
    world.users["rekan"] = make_user(budi.nip, budi.nama, pegawai=budi)
    lain = world.pegawai["lain"]
    world.users["pegawai_opd_lain"] = make_user(lain.nip, lain.nama, pegawai=lain)
    year = make_year(world)
    atasan_skp = make_set_skp(world.pegawai["kasi"], year)
    skp = make_approved_skp(world, year, atasan_skp)
    ev = make_submitted_evaluasi(world, year, skp)
    pegawai = world.users["pegawai"]
    revision = skp_services.revise_skp(pegawai, skp)
    skp_services.submit_skp(pegawai, revision, revisi=revision.revisi)
    draft_ev = evaluasi_services.start_evaluasi(pegawai, pegawai.pegawai, next(
        p for p in year.periode if p.jenis == JenisPeriode.TRIWULAN_2))
    key = "0" * 32 + ".pdf"
    from portal.appraisals.evaluasi import bukti as evidence
    evidence.stored_path(key).write_bytes(b"%PDF-1.4\n%%EOF\n")
    from portal.appraisals.evaluasi.models import BuktiDukung, JenisBukti
    bukti = BuktiDukung(jenis=JenisBukti.BERKAS, nama="rekap.pdf", jenis_mime="application/pdf",
                        ukuran=15, kunci_simpan=key, sha256="0" * 64)
    ev.bukti.append(bukti)
    db.session.flush()
    budi_skp = make_draft_skp(world, year, atasan_skp, name="rekan")
    db.session.commit()
    return {"year": year, "skp": skp, "revision": revision, "ev": ev, "draft_ev": draft_ev,
            "bukti": bukti, "rhk": revision.rhk[0], "ind": revision.rhk[0].indikator[0],
            "budi_skp": budi_skp, "periode": year.periode[0]}


def _get_cases():
    """(name, url builder, roles that get 200 (others 403); None: any signed-in user)."""
    return [
        ("kinerja_saya", lambda s: "/kinerja", None),
        ("skp", lambda s: f"/kinerja/skp/{s['skp'].id}", VIEWERS),
        ("skp_revisi", lambda s: f"/kinerja/skp/{s['revision'].id}", VIEWERS),
        ("evaluasi", lambda s: f"/kinerja/evaluasi/{s['ev'].id}", VIEWERS),
        ("evaluasi_draf", lambda s: f"/kinerja/evaluasi/{s['draft_ev'].id}", VIEWERS),
        ("dokumen", lambda s: f"/kinerja/evaluasi/{s['ev'].id}/dokumen", VIEWERS),
        ("bukti", lambda s: f"/kinerja/bukti/{s['bukti'].id}", VIEWERS),
        ("antrean", lambda s: "/kinerja/penilaian", WITH_PEGAWAI),
        ("nilai_skp", lambda s: f"/kinerja/penilaian/skp/{s['revision'].id}", {"atasan"}),
        ("nilai_evaluasi", lambda s: f"/kinerja/penilaian/evaluasi/{s['ev'].id}", {"atasan"}),
        ("skp_rekan", lambda s: f"/kinerja/skp/{s['budi_skp'].id}",
         {"rekan", "atasan", "admin_opd"}),
        ("tahun", lambda s: "/kinerja/kelola/tahun", {"admin_pemda", "admin_pemda_lain"}),
        ("tahun_detail", lambda s: f"/kinerja/kelola/tahun/{s['year'].id}", {"admin_pemda"}),
    ]


GET_CASES = _get_cases()


@pytest.mark.parametrize("role", ROLES)
def test_every_page_checks_the_object(client, login_as, scene, role):
    if role != "anonim":
        login_as(role)
    wrong = []
    for name, url, allowed in GET_CASES:
        response = client.get(url(scene))
        if role == "anonim":
            ok = response.status_code == 302 and "/masuk" in response.headers["Location"]
        elif allowed is None or role in allowed:
            ok = response.status_code == 200
        else:
            ok = response.status_code == 403
        if not ok:
            wrong.append((name, response.status_code))
    assert wrong == []


def _post_cases():
    """(name, url builder, form data, the only role allowed to act)."""
    return [
        ("rhk_ubah", lambda s: f"/kinerja/rhk/{s['rhk'].id}", {}, "pegawai"),
        ("rhk_hapus", lambda s: f"/kinerja/rhk/{s['rhk'].id}/hapus", {}, "pegawai"),
        ("indikator_ubah", lambda s: f"/kinerja/indikator/{s['ind'].id}", {}, "pegawai"),
        ("indikator_tambah", lambda s: f"/kinerja/rhk/{s['rhk'].id}/indikator", {}, "pegawai"),
        ("indikator_hapus", lambda s: f"/kinerja/indikator/{s['ind'].id}/hapus", {}, "pegawai"),
        ("rhk_tambah", lambda s: f"/kinerja/skp/{s['revision'].id}/rhk", {}, "pegawai"),
        ("perilaku", lambda s: f"/kinerja/skp/{s['revision'].id}/perilaku", {}, "pegawai"),
        ("ajukan_skp", lambda s: f"/kinerja/skp/{s['revision'].id}/ajukan", {}, "pegawai"),
        ("revisi_skp", lambda s: f"/kinerja/skp/{s['skp'].id}/revisi", {}, "pegawai"),
        ("simpan_evaluasi", lambda s: f"/kinerja/evaluasi/{s['draft_ev'].id}", {}, "pegawai"),
        ("autosave", lambda s: f"/kinerja/evaluasi/{s['draft_ev'].id}/autosave", {}, "pegawai"),
        ("hapus_bukti", lambda s: f"/kinerja/evaluasi/{s['draft_ev'].id}",
         lambda s: {"aksi": f"hapus:{s['bukti'].id}"}, "pegawai"),
        ("tetapkan_skp", lambda s: f"/kinerja/penilaian/skp/{s['revision'].id}",
         {"aksi": "tetapkan"}, "atasan"),
        ("putuskan_evaluasi", lambda s: f"/kinerja/penilaian/evaluasi/{s['ev'].id}",
         {"aksi": "setujui"}, "atasan"),
        ("predikat", lambda s: f"/kinerja/penilaian/evaluasi/{s['ev'].id}/predikat", {},
         "atasan"),
        ("tutup_periode", lambda s: f"/kinerja/kelola/periode/{s['periode'].id}/tutup", {},
         "admin_pemda"),
        ("batas_periode", lambda s: f"/kinerja/kelola/periode/{s['periode'].id}/batas", {},
         "admin_pemda"),
    ]


POST_CASES = _post_cases()


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonim"])
def test_every_change_checks_the_object(client, login_as, scene, role):
    login_as(role)
    wrong = []
    for name, url, data, owner in POST_CASES:
        response = client.post_form(url(scene), data(scene) if callable(data) else data)
        if (response.status_code == 403) != (role != owner):
            wrong.append((name, response.status_code))
    assert wrong == []


def test_anonymous_changes_go_to_sign_in(client, scene):
    token = client.csrf_token()
    for name, url, data, _owner in POST_CASES:
        data = data(scene) if callable(data) else data
        response = client.post(url(scene), data={**data, "csrf_token": token})
        assert response.status_code == 302 and "/masuk" in response.headers["Location"], name


def test_start_urls_act_only_for_the_signed_in_pegawai(client, login_as, scene, world):
    """Starting an SKP or an evaluation always starts the signer's own: no id of another
    pegawai is taken from the request; accounts without a pegawai are refused."""
    login_as("admin_opd")
    assert client.post_form(f"/kinerja/tahun/{scene['year'].id}/skp").status_code == 403
    assert client.post_form(f"/kinerja/periode/{scene['periode'].id}/evaluasi").status_code == 403


def test_another_pemdas_year_and_period_are_not_found_and_nothing_is_created(
        client, login_as, world):
    """Issue 12: a pegawai of Kota Bandar Lampung cannot start an SKP in Kota Metro's year, nor
    an evaluation in one of its periods, from any URL: 404, and no row is written."""
    from portal.appraisals.evaluasi.models import Evaluasi
    from portal.appraisals.periode import services as periode_services
    from portal.appraisals.skp.models import Skp

    metro_year = periode_services.open_year(world.users["admin_pemda_lain"], world.pemda_lain, 2026,
                                            periode_services.default_deadlines(2026))
    db.session.commit()
    login_as("pegawai")
    assert client.post_form(f"/kinerja/tahun/{metro_year.id}/skp").status_code == 404
    periode = metro_year.periode[0]
    page = client.post_form(f"/kinerja/periode/{periode.id}/evaluasi")
    assert page.status_code == 404
    assert "Halaman tidak ditemukan" in page.get_data(as_text=True)
    assert db.session.query(Skp).count() == 0
    assert db.session.query(Evaluasi).count() == 0
