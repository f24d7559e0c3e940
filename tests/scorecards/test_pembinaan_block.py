"""The competency development figures of the scorecard (methodology 1.1, plans 1.2): per OPD and for the
pemda, hidden under 5 people, the same in page, CSV and JSON; older publications keep 1.0."""

import csv
import io
from datetime import timedelta

from portal.extensions import db as _db
from portal.scorecards.models import PublikasiRapor, RaporOpd
from portal.scorecards.publik.tables import TABLE_BY_SLUG
from tests.pembinaan.factories import jp_scenario
from tests.scorecards.conftest import publish
from tests.scorecards.publik.test_public_pages import _as_page, _page_tables


def _row(client, slug):
    return client.get(f"/data/instansi/{slug}/pembinaan-asn.json").get_json()["baris"][0]


def test_the_figures_of_an_opd(client, world):
    jp_scenario(world)
    publish(world)  # Triwulan II 2026: the August course does not count yet
    row = _row(client, world.opd.slug)
    assert (row["pegawai"], row["pns"], row["target_jp_pns"]) == (7, 6, 20)
    assert row["persen_pns_target_jp"] == 33.3   # 2 of 6 PNS; the PPPK's 24 JP are not in it
    assert row["median_jp"] == 18.0
    assert row["persen_0_jp"] == 28.6            # 2 of 7
    assert row["persen_jp_nonklasikal"] == 22.9  # 22 of 96 JP
    # no coaching plan in this story: both plan shares are hidden, and the row says why
    assert row["persen_rencana_tepat_waktu"] is None and row["persen_rencana_berhasil"] is None
    assert row["keterangan"] == ("Rencana tepat waktu disembunyikan: pegawai berpredikat Butuh "
                                 "Perbaikan atau lebih rendah kurang dari 5 orang. Rencana "
                                 "berhasil disembunyikan: rencana yang ditutup kurang dari 5.")
    html = client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True)
    assert "Tahun berjalan s.d. Triwulan II 2026" in html
    assert "PNS mencapai target JP (%)" in html and "33,3" in html
    assert "tidak tersedia" not in html and "belum dihitung" not in html
    assert "Pegawai JP Dua Puluh" not in html


def test_csv_and_json_say_what_the_page_says(client, world):
    jp_scenario(world)
    publish(world)
    kinds = list(TABLE_BY_SLUG["pembinaan-asn"].kolom)
    page = _page_tables(client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True))
    rows = list(csv.reader(io.StringIO(client.get(
        f"/data/instansi/{world.opd.slug}/pembinaan-asn.csv").get_data(as_text=True))))
    as_page = [[_as_page(v, k) for v, k in zip(row, kinds, strict=True)] for row in rows[1:]]
    assert as_page == page["tabel-pembinaan"]
    assert page["tabel-pembinaan"][0][3:7] == ["33,3", "18,0", "28,6", "22,9"]
    data = client.get(f"/data/instansi/{world.opd.slug}/pembinaan-asn.json").get_json()
    assert [k["kolom"] for k in data["kamus"]] == rows[0]
    assert data["publikasi"]["metodologi_versi"] == "1.3"
    from_json = [["" if r[k] is None else str(r[k]) for k in rows[0]] for r in data["baris"]]
    assert [[_as_page(v, k) for v, k in zip(row, kinds, strict=True)] for row in from_json] == \
        page["tabel-pembinaan"]


def test_fewer_than_five_hide_the_figures(client, world):
    jp_scenario(world)
    publish(world)
    small = _row(client, world.opd_lain.slug)   # one pegawai
    assert small["pegawai"] is None and small["median_jp"] is None
    assert "kurang dari 5 orang" in small["keterangan"]


def test_four_pns_or_four_people_with_jp_hide_those_shares(client, world):
    for pegawai in jp_scenario(world):
        pegawai.aktif = False
    publish(world)
    row = _row(client, world.opd.slug)
    # 5 ASN, 4 PNS, 3 with any JP: the PNS share and the nonklasikal share are hidden
    assert (row["pegawai"], row["pns"]) == (5, None)
    assert row["persen_pns_target_jp"] is None and row["persen_jp_nonklasikal"] is None
    assert row["persen_0_jp"] == 40.0 and row["median_jp"] == 18.0
    assert "PNS kurang dari 5" in row["keterangan"] and "nonklasikal" in row["keterangan"]


def test_the_pemda_total_on_the_home_page_and_in_the_publication_data(client, world):
    jp_scenario(world)
    pub = publish(world)
    home = client.get("/").get_data(as_text=True)
    assert "tahun berjalan s.d. Triwulan II 2026: PNS mencapai 20 JP 28,6%" in home  # 2 of 7
    total = client.get(f"/data/publikasi/{pub.id}.json").get_json()["pembinaan_pemda"]
    assert (total["pegawai"], total["pns"], total["persen_pns_target_jp"]) == (8, 7, 28.6)
    assert total["persen_0_jp"] == 37.5   # 3 of 8: opd_lain's one pegawai has none


def test_an_older_publication_keeps_methodology_1_0(client, world):
    jp_scenario(world)
    pub = publish(world)
    pub.metodologi_versi = "1.0"
    for rapor in _db.session.query(RaporOpd).filter_by(publikasi_id=pub.id):
        data = dict(rapor.data)
        data.pop("pembinaan")
        rapor.data = data
    _db.session.commit()
    row = _row(client, world.opd.slug)
    assert row["median_jp"] is None and "metodologi versi 1.0" in row["keterangan"]
    assert _db.session.get(PublikasiRapor, pub.id).metodologi_versi == "1.0"


def test_methodology_page_explains_each_figure_and_lists_the_versions(client, world):
    html = client.get("/metodologi").get_data(as_text=True)
    assert "Versi metodologi saat ini: 1.3" in html
    for text in ("PNS mencapai target JP", "Median JP per ASN", "ASN tanpa JP",
                 "JP dari nonklasikal", "paling banyak 24 JP setahun", "<dt>1.0</dt>"):
        assert text in html, text


def test_the_data_dictionary_describes_the_new_fields(client, world):
    kamus = client.get("/data/kamus.json").get_json()["pembinaan-asn"]["kolom"]
    assert [k["kolom"] for k in kamus] == ["pegawai", "pns", "target_jp_pns",
                                           "persen_pns_target_jp", "median_jp", "persen_0_jp",
                                           "persen_jp_nonklasikal", "persen_rencana_tepat_waktu",
                                           "persen_rencana_berhasil", "keterangan"]
    assert all(k["keterangan"] for k in kamus)
    assert "median_jp" in client.get("/data").get_data(as_text=True)


# --- the coaching-plan shares (methodology 1.2) ----------------------------------------------

def _low_predikat_with_plans(world, agreed_after_days, closed):
    """Final Triwulan I 2026 evaluations rated Butuh Perbaikan, approved on 1 April, each with
    a plan agreed that many days later (None: never agreed); and ``closed`` plans (True:
    berhasil) closed in May."""
    from datetime import datetime

    from portal.appraisals.periode.models import JenisPeriode
    from portal.pembinaan.rencana.models import StatusRencana
    from tests.appraisals.factories import direct_evaluasi, make_set_skp, make_year, periode
    from tests.factories import make_pegawai
    from tests.pembinaan.factories import make_rencana

    year = make_year(world)
    approved = datetime(2026, 4, 1, 3)
    for i, days in enumerate(agreed_after_days):
        pegawai = make_pegawai(world.units["seksi"], f"Pegawai Rendah {i}",
                               atasan=world.pegawai["kasi"])
        ev = direct_evaluasi(pegawai, periode(year, JenisPeriode.TRIWULAN_1),
                             make_set_skp(pegawai, year), hasil="di_bawah", perilaku="sesuai")
        ev.disetujui_at = approved
        plan = make_rencana(pegawai, StatusRencana.BERJALAN if days is not None
                            else StatusRencana.DIUSULKAN)
        plan.evaluasi_id = ev.id
        if days is not None:
            plan.disepakati_at = approved + timedelta(days=days)
    for i, berhasil in enumerate(closed):
        pegawai = make_pegawai(world.units["seksi"], f"Pegawai Tutup {i}",
                               atasan=world.pegawai["kasi"])
        plan = make_rencana(pegawai, StatusRencana.BERHASIL if berhasil
                            else StatusRencana.TIDAK_BERHASIL)
        plan.ditutup_at = datetime(2026, 5, 10)
    _db.session.flush()


def test_the_plan_shares(client, world):
    # five rated low: three agreed within 30 days, one after 45 days, one never
    _low_predikat_with_plans(world, [3, 10, 30, 45, None], [True, True, True, True, False])
    publish(world)
    row = _row(client, world.opd.slug)
    assert row["persen_rencana_tepat_waktu"] == 60.0
    assert row["persen_rencana_berhasil"] == 80.0
    html = client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True)
    assert "Rencana pembinaan berhasil (%)" in html and "Pegawai Rendah" not in html


def test_the_plan_shares_are_hidden_under_five(client, world):
    _low_predikat_with_plans(world, [3, 10, 30, 45], [True, True])
    publish(world)
    row = _row(client, world.opd.slug)
    assert row["persen_rencana_tepat_waktu"] is None and row["persen_rencana_berhasil"] is None
    assert "Rencana tepat waktu disembunyikan" in row["keterangan"]


def test_the_days_of_the_plan_share_are_a_setting(app, client, world, monkeypatch):
    monkeypatch.setitem(app.config, "PORTAL_PEMBINAAN_HARI_RENCANA", 60)
    _low_predikat_with_plans(world, [3, 10, 30, 45, None], [])
    publish(world)
    assert _row(client, world.opd.slug)["persen_rencana_tepat_waktu"] == 80.0
