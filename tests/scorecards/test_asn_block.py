"""The ASN block reads the appraisal domain: shares of SKPs set and evaluations final, and the
predikat distribution — aggregates only, hidden under 5 people, no cell of 1–4 people."""


from portal.appraisals.evaluasi.models import Evaluasi, Predikat, StatusEvaluasi
from portal.appraisals.periode.models import JenisPeriode
from portal.appraisals.skp.models import Skp, StatusSkp
from portal.extensions import db as _db
from tests.appraisals.factories import make_year, periode
from tests.factories import make_pegawai
from tests.scorecards.conftest import publish


def _staff(world, n):
    unit = world.units["seksi"]
    return [make_pegawai(unit, f"Pegawai Uji {i}", atasan=world.pegawai["kasi"])
            for i in range(n)]


def _rated(year, people, predikat_list):
    p = periode(year, JenisPeriode.TRIWULAN_2)
    for person, predikat in zip(people, predikat_list, strict=False):
        skp = Skp(pegawai=person, tahun_kinerja=year, status=StatusSkp.DISETUJUI)
        _db.session.add(skp)
        _db.session.flush()
        if predikat is not None:
            _db.session.add(Evaluasi(pegawai=person, periode=p, skp=skp,
                                     status=StatusEvaluasi.DISETUJUI, predikat=predikat))
    _db.session.flush()


def _row(client, world):
    return client.get(f"/data/instansi/{world.opd.slug}/kinerja-asn.json").get_json()["baris"][0]


def test_without_a_performance_year_the_block_says_there_is_no_data(client, world):
    publish(world)
    row = _row(client, world)
    assert row["pegawai"] is None
    assert row["keterangan"] == "Data penilaian kinerja pegawai belum tersedia di portal."


def test_shares_and_distribution(client, world):
    year = make_year(world)
    people = _staff(world, 15)  # 5 in the world's OPD already: 20 staff
    _rated(year, people, [Predikat.BAIK] * 8 + [Predikat.SANGAT_BAIK] * 5 +
           [Predikat.BUTUH_PERBAIKAN] * 1 + [None])
    publish(world)
    row = _row(client, world)
    assert row["pegawai"] == 20
    assert row["persen_skp_ditetapkan"] == 75.0     # 15 of 20
    assert row["persen_evaluasi_selesai"] == 70.0   # 14 of 20
    assert (row["predikat_baik"], row["predikat_sangat_baik"]) == (8, 5)
    assert row["predikat_butuh_perbaikan"] is None  # one person: hidden
    assert row["predikat_sangat_kurang"] == 0
    assert "1 sampai 4 pegawai" in row["keterangan"]
    html = client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True)
    assert "Predikat Sangat Baik" in html and "Pegawai Uji" not in html


def test_few_final_evaluations_hide_the_distribution(client, world):
    year = make_year(world)
    _rated(year, _staff(world, 4), [Predikat.BAIK] * 4)
    publish(world)
    row = _row(client, world)
    assert row["persen_evaluasi_selesai"] == 44.4  # 4 of 9
    assert row["predikat_baik"] is None
    assert "evaluasi final kurang dari 5" in row["keterangan"]


def test_an_opd_of_fewer_than_five_staff_is_hidden(client, world):
    make_year(world)
    publish(world)
    row = client.get(f"/data/instansi/{world.opd_lain.slug}/kinerja-asn.json").get_json()[
        "baris"][0]
    assert row["pegawai"] is None and "kurang dari 5 orang" in row["keterangan"]


def test_the_asn_table_does_not_repeat_its_heading_on_screen(client, world):
    year = make_year(world)
    _rated(year, _staff(world, 15), [Predikat.BAIK] * 15)
    publish(world)
    html = client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True)
    assert '<h2 id="judul-asn">Kinerja pegawai ASN</h2>' in html
    # the caption stays for screen readers, hidden on screen where the h2 already says it
    assert '<caption class="visually-hidden">Kinerja pegawai ASN</caption>' in html
