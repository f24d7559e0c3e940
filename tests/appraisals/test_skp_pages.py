"""The SKP editor as a pegawai uses it: with plain forms (no JavaScript) and with htmx swapping
the editor in place; the supervisor sets or returns it from the review desk."""

import re
from datetime import date

from portal.appraisals.skp.models import Skp, StatusSkp
from portal.extensions import db


def _skp(world, year):
    return db.session.query(Skp).filter_by(pegawai_id=world.pegawai["staf"].id).one()


def _rhk_form(atasan_skp, **over):
    data = {"baru-jenis": "utama", "baru-uraian": "Terlayaninya perekaman KTP-el",
            "baru-rhk_atasan_id": str(atasan_skp.rhk[0].id),
            "baru-indikator_uraian": "Jumlah perekaman", "baru-aspek": "kuantitas",
            "baru-target_angka": "1200", "baru-target_satuan": "perekaman",
            "baru-target_teks": ""}
    data.update(over)
    return data


def test_pegawai_writes_an_skp_with_plain_forms(client, login_as, world, year, atasan_skp):
    login_as("pegawai")
    page = client.get("/kinerja").get_data(as_text=True)
    assert "Mulai menyusun SKP 2026" in page
    response = client.post_form(f"/kinerja/tahun/{year.id}/skp")
    assert response.status_code == 303
    skp = _skp(world, year)
    page = client.get(f"/kinerja/skp/{skp.id}").get_data(as_text=True)
    assert atasan_skp.rhk[0].uraian in page  # the supervisor's RHK is offered in the list
    assert "Tambahkan sedikitnya satu RHK utama." in page

    response = client.post_form(f"/kinerja/skp/{skp.id}/rhk", _rhk_form(atasan_skp))
    assert response.status_code == 303
    page = client.get(f"/kinerja/skp/{skp.id}").get_data(as_text=True)
    assert "Terlayaninya perekaman KTP-el" in page
    assert "SKP siap diajukan" in page

    response = client.post_form(f"/kinerja/skp/{skp.id}/ajukan", {"revisi": str(skp.revisi)})
    assert response.status_code == 303
    db.session.refresh(skp)
    assert skp.status == StatusSkp.DIAJUKAN


def test_a_bad_row_comes_back_filled_with_the_reason(client, login_as, world, year, atasan_skp):
    user = login_as("pegawai")
    from portal.appraisals.skp import services as skp_services
    skp = skp_services.start_skp(user, user.pegawai, year)
    db.session.commit()
    response = client.post_form(f"/kinerja/skp/{skp.id}/rhk", _rhk_form(
        atasan_skp, **{"baru-target_satuan": "", "baru-uraian": "Arsip tertata rapi"}))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Isi satuan target" in page
    assert "Arsip tertata rapi" in page


def test_htmx_edits_rows_in_place(client, login_as, world, year, atasan_skp):
    from tests.appraisals.factories import make_draft_skp
    skp = make_draft_skp(world, year, atasan_skp)
    db.session.commit()
    login_as("pegawai")
    rhk = skp.rhk[0]
    hx = {"HX-Request": "true", "HX-Target": "editor-rhk"}
    response = client.get(f"/kinerja/rhk/{rhk.id}/ubah", headers=hx)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="editor-rhk"')
    assert "<html" not in body
    assert f'name="rhk{rhk.id}-uraian"' in body
    response = client.post_form(f"/kinerja/rhk/{rhk.id}", {
        f"rhk{rhk.id}-revisi": str(rhk.revisi), f"rhk{rhk.id}-jenis": "utama",
        f"rhk{rhk.id}-uraian": "Perekaman KTP-el tanpa antre panjang",
        f"rhk{rhk.id}-rhk_atasan_id": str(atasan_skp.rhk[0].id)}, headers=hx)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body
    assert "Perekaman KTP-el tanpa antre panjang" in body
    ind = rhk.indikator[1]
    response = client.post_form(f"/kinerja/indikator/{ind.id}/hapus",
                                {"revisi": str(rhk.revisi + 1)}, headers=hx)
    assert response.status_code == 200
    assert "Tanpa keluhan berulang" not in response.get_data(as_text=True)


def test_a_stale_row_edit_is_refused_and_the_input_kept(client, login_as, world, year,
                                                         atasan_skp):
    from tests.appraisals.factories import make_draft_skp
    skp = make_draft_skp(world, year, atasan_skp)
    db.session.commit()
    login_as("pegawai")
    rhk = skp.rhk[0]
    old = rhk.revisi
    data = {f"rhk{rhk.id}-revisi": str(old), f"rhk{rhk.id}-jenis": "utama",
            f"rhk{rhk.id}-rhk_atasan_id": str(atasan_skp.rhk[0].id)}
    assert client.post_form(f"/kinerja/rhk/{rhk.id}", {
        **data, f"rhk{rhk.id}-uraian": "Disimpan dari tab pertama"}).status_code == 303
    response = client.post_form(f"/kinerja/rhk/{rhk.id}", {
        **data, f"rhk{rhk.id}-uraian": "Ketikan di tab kedua"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "sudah diubah orang lain" in page
    assert "Ketikan di tab kedua" in page
    db.session.refresh(rhk)
    assert rhk.uraian == "Disimpan dari tab pertama"


def test_supervisor_returns_then_sets_from_the_desk(client, login_as, world, year, atasan_skp):
    from portal.appraisals.skp import services as skp_services
    from tests.appraisals.factories import make_draft_skp
    skp = make_draft_skp(world, year, atasan_skp)
    skp_services.submit_skp(world.users["pegawai"], skp, revisi=skp.revisi)
    db.session.commit()
    login_as("atasan")
    page = client.get("/kinerja/penilaian").get_data(as_text=True)
    assert "Dewi Lestari" in page and "SKP 2026" in page
    page = client.get(f"/kinerja/penilaian/skp/{skp.id}").get_data(as_text=True)
    assert "Tetapkan SKP" in page
    response = client.post_form(f"/kinerja/penilaian/skp/{skp.id}",
                                {"aksi": "kembalikan", "revisi": str(skp.revisi), "alasan": ""})
    assert response.status_code == 422
    assert "Tuliskan alasan pengembalian" in response.get_data(as_text=True)
    rhk = skp.rhk[0]
    response = client.post_form(f"/kinerja/penilaian/skp/{skp.id}", {
        "aksi": "kembalikan", "revisi": str(skp.revisi),
        "alasan": "Target perekaman terlalu rendah",
        f"catatan_rhk_{rhk.id}": "Sebutkan jumlah loket"})
    assert response.status_code == 303
    db.session.refresh(skp)
    assert skp.status == StatusSkp.DIKEMBALIKAN
    client.post_form("/keluar")
    login_as("pegawai")
    page = client.get(f"/kinerja/skp/{skp.id}").get_data(as_text=True)
    assert "Target perekaman terlalu rendah" in page and "Sebutkan jumlah loket" in page
    client.post_form("/keluar")
    login_as("atasan")
    stale = skp.revisi - 1
    response = client.post_form(f"/kinerja/penilaian/skp/{skp.id}",
                                {"aksi": "tetapkan", "revisi": str(stale)})
    assert response.status_code in (409, 422)


def test_revision_after_set(client, login_as, world, skp_set):
    login_as("pegawai")
    page = client.get(f"/kinerja/skp/{skp_set.id}").get_data(as_text=True)
    assert "Revisi SKP ini" in page
    assert "Tambah RHK" not in page  # locked
    response = client.post_form(f"/kinerja/skp/{skp_set.id}/revisi", {"alasan": "Tugas baru"})
    assert response.status_code == 303
    new_id = int(re.search(r"/kinerja/skp/(\d+)", response.headers["Location"]).group(1))
    page = client.get(f"/kinerja/skp/{new_id}").get_data(as_text=True)
    assert "Tambah RHK" in page
    assert "versi 1" in page


def test_saving_an_indicator_in_place_says_it_was_saved(client, login_as, world, year,
                                                        atasan_skp):
    """Issue 11: with htmx the editor is swapped in place and there is no page flash, so the
    swapped block itself confirms the save (a status message screen readers announce)."""
    from tests.appraisals.factories import make_draft_skp
    skp = make_draft_skp(world, year, atasan_skp)
    db.session.commit()
    login_as("pegawai")
    ind = skp.rhk[0].indikator[0]
    p = f"ind{ind.id}-"
    response = client.post_form(f"/kinerja/indikator/{ind.id}", {
        p + "revisi": str(ind.rhk.revisi), p + "indikator_uraian": "Jumlah perekaman KTP-el",
        p + "aspek": "kuantitas", p + "target_angka": "1500", p + "target_satuan": "perekaman",
        p + "target_teks": ""}, headers={"HX-Request": "true", "HX-Target": "editor-rhk"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body
    assert '<p class="flash flash-sukses" role="status">Indikator disimpan.</p>' in body
    # the next plain page load carries no leftover message
    assert "Indikator disimpan." not in client.get(f"/kinerja/skp/{skp.id}").get_data(as_text=True)


def test_a_returned_revision_shows_beside_the_version_in_force(client, login_as, world, skp_set):
    """Issue 11: while a revision goes back and forth, /kinerja shows the set version as in force
    and the revision beside it, and never calls the revision late."""
    from portal.appraisals.skp import services as skp_services

    revision = skp_services.revise_skp(world.users["pegawai"], skp_set, alasan="Tugas baru")
    skp_services.submit_skp(world.users["pegawai"], revision, revisi=revision.revisi)
    skp_services.return_skp(world.users["atasan"], revision, revisi=revision.revisi,
                            alasan="Indikator kedua belum terukur.")
    db.session.commit()
    assert skp_set.tahun_kinerja.batas_skp < date.today()  # the deadline has passed
    login_as("pegawai")
    page = client.get("/kinerja").get_data(as_text=True)
    block = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page[
        page.index("Sasaran Kinerja Pegawai (SKP)"):page.index("Evaluasi periodik")]))
    assert "SKP 2026 (versi 1) — Ditetapkan · berlaku" in block, block
    assert "Revisi: versi 2 — Dikembalikan" in block
    assert "versi 1 tetap berlaku sampai revisi ini ditetapkan" in block
    assert "lewat batas" not in block
