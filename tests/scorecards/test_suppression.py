"""Figures drawn from fewer than 5 people are published as "—" with the reason, in the page,
the CSV and the JSON; between 5 and the sample threshold a service gets no mutu letter."""


from portal.complaints.models import Identitas, JenisLaporan, Pengaduan, StatusPengaduan
from portal.scorecards.models import RaporOpd
from tests.scorecards.conftest import IN_PERIOD, add_answers, publish


def _ikm_rows(client, slug):
    data = client.get(f"/data/instansi/{slug}/ikm.json").get_json()
    return {row["layanan"]: row for row in data["baris"]}


def test_four_respondents_are_hidden_five_are_shown_without_a_grade(client, world, layanan2):
    add_answers(world.layanan, 4, (4,) * 9)
    add_answers(layanan2, 5, (2,) * 9)
    publish(world)
    rows = _ikm_rows(client, world.opd.slug)
    hidden = rows["Penerbitan KTP-el"]
    assert (hidden["responden"], hidden["ikm"], hidden["mutu"], hidden["nrr_persyaratan"]) == (
        None, None, None, None)
    assert "kurang dari 5 orang" in hidden["keterangan"]
    small = rows["Penerbitan Kartu Keluarga"]
    assert (small["responden"], small["ikm"], small["mutu"]) == (5, 50.0, None)
    assert small["keterangan"] == "Sampel belum memadai untuk menentukan mutu."
    html = client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True)
    assert "Disembunyikan: berasal dari kurang dari 5 orang." in html
    assert "Sampel belum memadai untuk menentukan mutu." in html
    csv = client.get(f"/data/instansi/{world.opd.slug}/ikm.csv").get_data(as_text=True)
    assert "Penerbitan KTP-el,,,," in csv


def test_sample_threshold_is_a_setting(app, client, world):
    add_answers(world.layanan, 12, (4,) * 9)
    old = app.config["PORTAL_IKM_MIN_RESPONDEN"]
    app.config["PORTAL_IKM_MIN_RESPONDEN"] = 10
    try:
        pub = publish(world)
    finally:
        app.config["PORTAL_IKM_MIN_RESPONDEN"] = old
    assert _ikm_rows(client, world.opd.slug)["Penerbitan KTP-el"]["mutu"] == "A"
    assert pub.ringkasan["ambang"] == {"minimum_privasi": 5, "minimum_sampel": 10}


def _complaint(world, n, **fields):
    from datetime import date
    return Pengaduan(kode_lacak=f"AAAAA-BBBBB-{n:05d}", idempotency_key=f"k{n}",
                     jenis=JenisLaporan.PENGADUAN, judul="Judul laporan uji", isi="x" * 40,
                     opd_id=world.opd.id, identitas=Identitas.ANONIM, diterima_at=IN_PERIOD,
                     batas_verifikasi=date(2026, 5, 15), **fields)


def test_complaint_shares_from_few_resolved_complaints_are_hidden(client, db, world):
    from datetime import date, timedelta
    for n in range(6):
        db.session.add(_complaint(world, n))
    for n in range(6, 9):  # three answered, all on time, rated 5
        db.session.add(_complaint(world, n, status=StatusPengaduan.DITUTUP,
                                  didisposisikan_at=IN_PERIOD,
                                  dijawab_at=IN_PERIOD + timedelta(days=2),
                                  batas_selesai=date(2026, 6, 1), penilaian=5))
    db.session.flush()
    publish(world)
    row = client.get(f"/data/instansi/{world.opd.slug}/pengaduan.json").get_json()["baris"][0]
    assert row["diterima"] == 9 and row["sah"] is None and row["selesai"] is None
    assert row["persen_tepat_waktu"] is None and row["kepuasan"] is None
    assert "kurang dari 5" in row["keterangan"]


def test_opd_without_answers_shows_no_data(client, world):
    publish(world)
    rapor = RaporOpd.query.filter_by(opd_id=world.opd_lain.id).one()
    assert rapor.ikm is None and rapor.data["ikm"]["tampil"] == "kosong"
    html = client.get(f"/instansi/{world.opd_lain.slug}").get_data(as_text=True)
    assert "Belum ada data pada periode ini." in html
