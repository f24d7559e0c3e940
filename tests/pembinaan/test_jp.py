"""JP arithmetic (portal/pembinaan/kompetensi/jp.py) and the settings that feed it."""

from datetime import date

import pytest

from portal.org.models import StatusAsn
from portal.pembinaan.kompetensi import jp
from portal.pembinaan.kompetensi.models import BentukKegiatan
from portal.pembinaan.settings import DEFAULT_JP_NONKLASIKAL, aturan_jp

ATURAN = jp.AturanJp(nonklasikal={"coaching": 8, "e_learning": None})


@pytest.mark.parametrize(("menit", "expected"), [(0, 0), (44, 0), (45, 1), (89, 1), (90, 2),
                                                 (8 * 60, 10)])
def test_minutes_make_whole_jp_rounded_down(menit, expected):
    assert jp.jp_dari_menit(menit, ATURAN) == expected


def test_minutes_per_jp_is_a_setting():
    assert jp.jp_dari_menit(120, jp.AturanJp(menit_per_jp=60)) == 2
    with pytest.raises(ValueError):
        jp.jp_dari_menit(-1, ATURAN)


def test_klasikal_counts_what_it_states_nonklasikal_at_most_its_cap():
    assert jp.jp_kegiatan("pelatihan_teknis", 40, ATURAN) == 40
    assert jp.jp_kegiatan("coaching", 12, ATURAN) == 8
    assert jp.jp_kegiatan("coaching", 6, ATURAN) == 6
    assert jp.jp_kegiatan("e_learning", 30, ATURAN) == 30  # None: what the certificate states
    assert jp.jp_kegiatan("mentoring", 30, ATURAN) == 30  # a form without a rule: as stated


def test_every_form_is_klasikal_or_has_a_nonklasikal_default():
    for bentuk in BentukKegiatan:
        assert bentuk.klasikal != (bentuk.value in DEFAULT_JP_NONKLASIKAL), bentuk
    assert len([b for b in BentukKegiatan if b.klasikal]) == 9


def test_an_activity_counts_in_the_year_it_ended():
    records = [(date(2026, 1, 3), 10),   # began in December 2025, ended in 2026
               (date(2025, 12, 31), 16), (date(2026, 12, 31), 6)]
    year = jp.rekap_tahun(StatusAsn.PNS, 2026, records, ATURAN)
    assert (year.jp, year.target, year.kurang, year.tercapai) == (16, 20, 4, False)
    assert year.persen == 80
    assert jp.rekap_tahun(StatusAsn.PNS, 2025, records, ATURAN).jp == 16


def test_pns_reach_the_target_and_are_never_capped():
    year = jp.rekap_dari_total(StatusAsn.PNS, 2026, 64, ATURAN)
    assert (year.jp, year.kurang, year.tercapai, year.persen, year.melebihi_batas) == (
        64, 0, True, 100, 0)


def test_pppk_are_counted_against_their_own_figure_and_capped():
    aturan = jp.AturanJp(target={StatusAsn.PNS: 20, StatusAsn.PPPK: 12},
                         batas={StatusAsn.PNS: None, StatusAsn.PPPK: 24})
    year = jp.rekap_dari_total(StatusAsn.PPPK, 2026, 30, aturan)
    assert (year.jp_tercatat, year.jp, year.melebihi_batas, year.target) == (30, 24, 6, 12)
    assert jp.rekap_dari_total(StatusAsn.PPPK, 2026, 10, aturan).kurang == 2


def test_settings_reach_the_arithmetic(app, monkeypatch):
    monkeypatch.setitem(app.config, "PORTAL_PEMBINAAN_MENIT_PER_JP", 60)
    monkeypatch.setitem(app.config, "PORTAL_PEMBINAAN_BATAS_JP_PPPK", 0)
    monkeypatch.setitem(app.config, "PORTAL_PEMBINAAN_TARGET_JP_PNS", 24)
    aturan = aturan_jp()
    assert aturan.menit_per_jp == 60 and aturan.batas[StatusAsn.PPPK] is None
    assert jp.rekap_dari_total(StatusAsn.PNS, 2026, 20, aturan).kurang == 4


def test_settings_come_from_the_environment_too(app, monkeypatch):
    monkeypatch.setenv("PORTAL_PEMBINAAN_JP_NONKLASIKAL", '{"coaching": 2}')
    monkeypatch.delitem(app.config, "PORTAL_PEMBINAAN_JP_NONKLASIKAL", raising=False)
    assert jp.jp_kegiatan("coaching", 8, aturan_jp()) == 2
