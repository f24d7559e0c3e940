"""The periodic self-assessment in the browser's terms: start, autosave, evidence uploads (checked
by content, size-limited, served only to those allowed), submit; then the supervisor's review with
the predikat, and the printable document."""

import io
import zipfile

import pytest
from PIL import Image

from portal.appraisals.evaluasi import bukti as evidence
from portal.appraisals.evaluasi.models import Evaluasi, StatusEvaluasi
from portal.extensions import db
from tests.appraisals.factories import make_submitted_evaluasi, periode


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture()
def draft(world, year, skp_set):
    from portal.appraisals.evaluasi import services as evaluasi_services
    user = world.users["pegawai"]
    ev = evaluasi_services.start_evaluasi(user, user.pegawai, periode(year))
    db.session.commit()
    return ev


def _typed(ev, text="300 perekaman") -> dict:
    data = {"revisi": str(ev.revisi), "penilaian_diri": "Berjalan baik."}
    data.update({f"realisasi_{line.indikator_id}": text for line in ev.realisasi})
    return data


def test_start_from_kinerja_saya(client, login_as, world, year, skp_set):
    login_as("pegawai")
    page = client.get("/kinerja").get_data(as_text=True)
    assert "Isi evaluasi Triwulan I" in page
    response = client.post_form(f"/kinerja/periode/{periode(year).id}/evaluasi")
    assert response.status_code == 303
    ev = db.session.query(Evaluasi).one()
    assert len(ev.realisasi) == 2


def test_autosave_keeps_what_was_typed(client, login_as, draft):
    login_as("pegawai")
    response = client.post_form(f"/kinerja/evaluasi/{draft.id}/autosave", _typed(draft),
                                headers={"HX-Request": "true", "HX-Target": "status-simpan"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Draf tersimpan otomatis" in body
    assert 'hx-swap-oob="true"' in body
    db.session.refresh(draft)
    assert draft.realisasi[0].realisasi == "300 perekaman"
    # an autosave from an older revision (another tab) is refused and says so
    stale = client.post_form(f"/kinerja/evaluasi/{draft.id}/autosave", _typed(draft, "lama") |
                             {"revisi": "1"}).get_data(as_text=True)
    assert "sudah diubah" in stale
    db.session.refresh(draft)
    assert draft.realisasi[0].realisasi == "300 perekaman"


def test_repeated_autosave_of_unchanged_text_writes_nothing(client, login_as, draft):
    """Deadline day (issue 13): htmx autosaves every few seconds; a save with nothing changed
    sends no UPDATE and keeps the revision, a changed field is stored."""
    import sqlalchemy as sa

    login_as("pegawai")
    url = f"/kinerja/evaluasi/{draft.id}/autosave"
    client.post_form(url, _typed(draft))
    db.session.refresh(draft)
    revisi = draft.revisi
    updates = []

    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("UPDATE"):
            updates.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        for _ in range(3):
            assert "Draf tersimpan otomatis" in client.post_form(
                url, _typed(draft)).get_data(as_text=True)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    assert updates == []
    db.session.refresh(draft)
    assert draft.revisi == revisi
    client.post_form(url, _typed(draft, "310 perekaman"))
    db.session.refresh(draft)
    assert draft.revisi == revisi + 1
    assert draft.realisasi[0].realisasi == "310 perekaman"


def test_plain_draft_button_then_submit(client, login_as, draft):
    login_as("pegawai")
    response = client.post_form(f"/kinerja/evaluasi/{draft.id}", _typed(draft) | {"aksi": "draf"})
    assert response.status_code == 303
    db.session.refresh(draft)
    response = client.post_form(f"/kinerja/evaluasi/{draft.id}",
                                _typed(draft) | {"aksi": "ajukan"})
    assert response.status_code == 303
    db.session.refresh(draft)
    assert draft.status == StatusEvaluasi.DIAJUKAN


def test_submit_refused_with_the_input_kept(client, login_as, draft):
    login_as("pegawai")
    data = _typed(draft, "") | {"aksi": "ajukan", "penilaian_diri": "Tulisan saya"}
    response = client.post_form(f"/kinerja/evaluasi/{draft.id}", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Isi realisasi indikator ini." in page
    assert "Tulisan saya" in page


@pytest.mark.parametrize(("name", "content"), [
    ("bukti.pdf", PDF), ("foto.png", _png()), ("laporan.docx", _docx())])
def test_accepted_evidence_is_stored_and_served_to_the_allowed(client, login_as, world, draft,
                                                               name, content):
    login_as("pegawai")
    ind = draft.realisasi[0].indikator_id
    response = client.post_form(f"/kinerja/evaluasi/{draft.id}", _typed(draft) | {
        "aksi": "bukti", "bukti_indikator_id": str(ind),
        "berkas": (io.BytesIO(content), name)}, content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)
    db.session.refresh(draft)
    bukti = draft.bukti[0]
    assert bukti.nama == name and bukti.indikator_id == ind
    assert bukti.kunci_simpan != name and name not in bukti.kunci_simpan
    url = f"/kinerja/bukti/{bukti.id}"
    served = client.get(url)
    assert served.status_code == 200
    assert served.headers["Content-Security-Policy"].startswith("sandbox")
    disposition = served.headers["Content-Disposition"]
    assert disposition.startswith("inline" if name.endswith(".png") else "attachment")
    assert served.headers["Content-Type"] != "text/html"
    client.post_form("/keluar")
    login_as("atasan")
    assert client.get(url).status_code == 200
    client.post_form("/keluar")
    login_as("admin_opd_lain")
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bukti.pdf", b"MZ\x90\x00 this is a windows program", "bukan PDF"),
    ("foto.jpg", b"<html><script>alert(1)</script></html>", "bukan PDF"),
    ("arsip.docx", b"PK\x03\x04" + b"\x00" * 40, "bukan PDF"),
])
def test_disguised_files_are_refused_by_content(client, login_as, draft, name, content, message):
    login_as("pegawai")
    response = client.post_form(f"/kinerja/evaluasi/{draft.id}", _typed(draft, "tetap ada") | {
        "aksi": "bukti", "berkas": (io.BytesIO(content), name)},
        content_type="multipart/form-data")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page and name in page
    assert "tetap ada" in page  # what was typed stays on screen
    db.session.refresh(draft)
    assert draft.bukti == []


def test_files_over_the_limit_are_refused(app, client, login_as, draft):
    app.config["PORTAL_EVIDENCE_MAX_FILE_MB"] = 1
    try:
        login_as("pegawai")
        big = PDF[:-6] + b"x" * (1024 * 1024) + b"\n%%EOF\n"
        response = client.post_form(f"/kinerja/evaluasi/{draft.id}", _typed(draft) | {
            "aksi": "bukti", "berkas": (io.BytesIO(big), "besar.pdf")},
            content_type="multipart/form-data")
    finally:
        del app.config["PORTAL_EVIDENCE_MAX_FILE_MB"]
    assert response.status_code == 422
    assert "lebih dari 1 MB" in response.get_data(as_text=True)


def test_a_link_as_evidence(client, login_as, draft):
    login_as("pegawai")
    response = client.post_form(f"/kinerja/evaluasi/{draft.id}", _typed(draft) | {
        "aksi": "bukti", "tautan": "https://drive.example.org/rekap", "nama_tautan": "Rekap"})
    assert response.status_code == 303
    db.session.refresh(draft)
    assert draft.bukti[0].tautan == "https://drive.example.org/rekap"


def test_supervisor_rates_and_the_predikat_shows(client, login_as, world, year, skp_set):
    ev = make_submitted_evaluasi(world, year, skp_set)
    db.session.commit()
    login_as("atasan")
    base = f"/kinerja/penilaian/evaluasi/{ev.id}"
    page = client.get(base).get_data(as_text=True)
    assert "Setujui (final)" in page and "Berorientasi Pelayanan" in page
    # htmx: the predikat as soon as both ratings are chosen, nothing saved
    preview = client.post_form(f"{base}/predikat", {"rating_hasil": "di_atas",
                                                    "rating_perilaku": "sesuai"},
                               headers={"HX-Request": "true", "HX-Target": "predikat"})
    assert "Baik" in preview.get_data(as_text=True)
    # without JavaScript: "Tampilkan predikat" posts the form and it comes back with it
    plain = client.post_form(base, {"aksi": "hitung", "revisi": str(ev.revisi),
                                    "rating_hasil": "di_bawah", "rating_perilaku": "di_bawah"})
    assert plain.status_code == 200
    assert "Sangat Kurang" in plain.get_data(as_text=True)
    db.session.refresh(ev)
    assert ev.status == StatusEvaluasi.DIAJUKAN
    response = client.post_form(base, {
        "aksi": "setujui", "revisi": str(ev.revisi), "rating_hasil": "di_atas",
        "rating_perilaku": "di_atas", f"umpan_balik_rhk_{skp_set.rhk[0].id}": "Rapi sekali",
        "umpan_balik_akuntabel": "Laporan tepat waktu"})
    assert response.status_code == 303
    db.session.refresh(ev)
    assert ev.predikat.value == "sangat_baik"
    doc = client.get(f"/kinerja/evaluasi/{ev.id}/dokumen").get_data(as_text=True)
    assert "Dokumen Evaluasi Kinerja Pegawai" in doc
    assert "Sangat Baik" in doc and "Rapi sekali" in doc and "Laporan tepat waktu" in doc
    assert "appraisals-print.css" in doc


def test_return_with_comments_and_resubmission_shows_changes(client, login_as, world, year,
                                                             skp_set):
    ev = make_submitted_evaluasi(world, year, skp_set)
    db.session.commit()
    first = ev.realisasi[0].indikator_id
    login_as("atasan")
    response = client.post_form(f"/kinerja/penilaian/evaluasi/{ev.id}", {
        "aksi": "kembalikan", "revisi": str(ev.revisi), f"catatan_{first}": "Lampirkan rekap"})
    assert response.status_code == 303
    client.post_form("/keluar")
    login_as("pegawai")
    page = client.get(f"/kinerja/evaluasi/{ev.id}").get_data(as_text=True)
    assert "Lampirkan rekap" in page
    db.session.refresh(ev)
    data = {"revisi": str(ev.revisi), "penilaian_diri": ev.penilaian_diri, "aksi": "ajukan"}
    data.update({f"realisasi_{line.indikator_id}": line.realisasi for line in ev.realisasi})
    data[f"realisasi_{first}"] = "325 perekaman, rekap terlampir"
    assert client.post_form(f"/kinerja/evaluasi/{ev.id}", data).status_code == 303
    client.post_form("/keluar")
    login_as("atasan")
    page = client.get(f"/kinerja/penilaian/evaluasi/{ev.id}").get_data(as_text=True)
    assert "Perubahan sejak dikembalikan" in page
    assert "325 perekaman, rekap terlampir" in page


def test_htmx_approval_opens_the_next_item_in_place(client, login_as, world, year, skp_set):
    from portal.appraisals.skp import services as skp_services
    from tests.appraisals.factories import make_draft_skp
    ev = make_submitted_evaluasi(world, year, skp_set)
    # a second pending item: Budi's SKP
    staf2 = world.pegawai["staf2"]
    from tests.factories import make_user
    budi = make_user(staf2.nip, staf2.nama, pegawai=staf2)
    world.users["budi"] = budi
    skp2 = make_draft_skp(world, year, world_atasan_skp(world, year), name="budi")
    skp_services.submit_skp(budi, skp2, revisi=skp2.revisi)
    db.session.commit()
    login_as("atasan")
    response = client.post_form(f"/kinerja/penilaian/evaluasi/{ev.id}", {
        "aksi": "setujui", "revisi": str(ev.revisi), "rating_hasil": "sesuai",
        "rating_perilaku": "sesuai"}, headers={"HX-Request": "true", "HX-Target": "panel"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in body and 'id="antrean"' not in body  # the panel alone
    assert "disetujui: Baik" in body
    assert "Budi Santoso" in body and "Tetapkan SKP" in body
    assert response.headers["HX-Push-Url"].endswith(f"/kinerja/penilaian/skp/{skp2.id}")
    assert response.headers["HX-Trigger"] == "antrean-berubah"
    queue = client.get("/kinerja/penilaian", headers={"HX-Request": "true",
                                                      "HX-Target": "antrean"})
    assert "Budi Santoso" in queue.get_data(as_text=True)
    assert "Dewi Lestari" not in queue.get_data(as_text=True)  # approved: off the queue


def world_atasan_skp(world, year):
    from portal.appraisals.skp.models import Skp
    return db.session.query(Skp).filter_by(pegawai_id=world.pegawai["kasi"].id).one()


def test_removing_evidence_also_saves_what_was_typed(client, login_as, draft):
    login_as("pegawai")
    client.post_form(f"/kinerja/evaluasi/{draft.id}", _typed(draft) | {
        "aksi": "bukti", "berkas": (io.BytesIO(PDF), "rekap.pdf")},
        content_type="multipart/form-data")
    db.session.refresh(draft)
    bukti = draft.bukti[0]
    path = evidence.stored_path(bukti.kunci_simpan)
    assert path.exists()
    response = client.post_form(f"/kinerja/evaluasi/{draft.id}", _typed(
        draft, "diketik sebelum menghapus") | {"aksi": f"hapus:{bukti.id}"})
    assert response.status_code == 303
    db.session.refresh(draft)
    assert draft.bukti == []
    assert draft.realisasi[0].realisasi == "diketik sebelum menghapus"
    assert not path.exists()


def test_a_stale_review_is_refused_with_the_input_kept(client, login_as, world, year, skp_set):
    """The supervisor's form was opened before the pegawai's resubmission: refused, typed
    feedback kept on screen."""
    from portal.appraisals.evaluasi import services as evaluasi_services
    from portal.appraisals.penilaian import services as penilaian_services
    ev = make_submitted_evaluasi(world, year, skp_set)
    opened = ev.revisi
    penilaian_services.return_evaluasi(world.users["atasan"], ev,
                                penilaian_services.Review(catatan="Perbaiki"), revisi=ev.revisi)
    user = world.users["pegawai"]
    evaluasi_services.submit_evaluasi(user, ev, revisi=ev.revisi)
    db.session.commit()
    login_as("atasan")
    response = client.post_form(f"/kinerja/penilaian/evaluasi/{ev.id}", {
        "aksi": "setujui", "revisi": str(opened), "rating_hasil": "sesuai",
        "rating_perilaku": "sesuai", f"umpan_balik_rhk_{skp_set.rhk[0].id}": "Catatan saya"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "sudah diubah orang lain" in page and "Catatan saya" in page
    db.session.refresh(ev)
    assert ev.status == StatusEvaluasi.DIAJUKAN


def test_overdue_items_are_flagged_for_the_pegawai(client, login_as, world, year, skp_set):
    login_as("pegawai")
    page = client.get("/kinerja").get_data(as_text=True)
    assert "lewat batas" in page  # Triwulan I 2026 ended long ago and nothing was submitted


def test_the_evidence_selector_names_each_indicators_rhk(client, login_as, draft):
    """Issue 11: two RHK may have an indicator of the same name; the list says which is which."""
    login_as("pegawai")
    html = client.get(f"/kinerja/evaluasi/{draft.id}").get_data(as_text=True)
    select = html[html.index('name="bukti_indikator_id"'):]
    select = select[:select.index("</select>")]
    for line in draft.realisasi:
        group = f'<optgroup label="RHK: {line.indikator.rhk.uraian}">'
        assert group in select
        after = select[select.index(group):]
        assert f'value="{line.indikator_id}"' in after[:after.index("</optgroup>")]


def test_a_file_name_with_a_newline_never_reaches_a_header(client, login_as, draft):
    """Issue 12: the uploader's file name travels to Content-Disposition; a CR/LF in it would
    split the header (a 500, or a header injected). It is cleaned when stored."""
    login_as("pegawai")
    name = "rekap\u2028Set-Cookie: dicuri=1\u0085\x0b.pdf"  # line breaks a browser may send
    response = client.post_form(f"/kinerja/evaluasi/{draft.id}", _typed(draft) | {
        "aksi": "bukti", "berkas": (io.BytesIO(PDF), name)}, content_type="multipart/form-data")
    assert response.status_code == 303
    db.session.refresh(draft)
    served = client.get(f"/kinerja/bukti/{draft.bukti[0].id}")
    assert served.status_code == 200
    disposition = served.headers["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    assert "dicuri" not in served.headers.get("Set-Cookie", "")


def test_autosave_of_a_changed_field_takes_few_queries(client, login_as, draft):
    """Deadline day (issue 13): thousands of pegawai autosave every few seconds, so one autosave
    reads only what saving needs (the signed-in user, the evaluation with its pegawai, period and
    realisasi lines) and writes the changed fields; not the SKP, the evidence, the feedback that
    the page shows."""
    import sqlalchemy as sa

    login_as("pegawai")
    url = f"/kinerja/evaluasi/{draft.id}/autosave"
    typed = _typed(draft, "310 perekaman") | {"csrf_token": client.csrf_token()}
    db.session.expire_all()  # the request starts from nothing, as in a server process
    statements = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(" ".join(statement.split())[:120])

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        body = client.post(url, data=typed).get_data(as_text=True)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    assert "Draf tersimpan otomatis" in body
    queries = [s for s in statements if not s.upper().startswith(("BEGIN", "COMMIT", "ROLLBACK",
                                                                   "SAVEPOINT", "RELEASE"))]
    assert len(queries) <= 6, "\n".join(queries)
    db.session.refresh(draft)
    assert [line.realisasi for line in draft.realisasi] == ["310 perekaman"] * len(draft.realisasi)
    assert f'value="{draft.revisi}"' in body
