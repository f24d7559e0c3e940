"""The counts the public scorecard draws from competency development (``jp_per_opd``): only
completed or verified records, the year to date, PNS apart for the target, PPPK capped."""

from datetime import date

from portal.pembinaan.kompetensi.jp import median_sebaran
from portal.pembinaan.kompetensi.queries import jp_per_opd
from tests.pembinaan.factories import jp_scenario


def test_counts_of_an_opd_year_to_date(world):
    jp_scenario(world)
    counts = jp_per_opd([world.opd.id, world.opd_lain.id], 2026, date(2026, 7, 1))
    c = counts[world.opd.id]
    assert (c.asn, c.pns, c.pns_capai_target, c.asn_tanpa_jp) == (7, 6, 2, 2)
    # verified JP before the PPPK cap: 24 + 30 + 10 + 8 + 20 + 4; nonklasikal 10 + 8 + 4
    assert (c.jp_diakui, c.jp_nonklasikal) == (96, 22)
    assert c.sebaran == {24: 2, 18: 1, 0: 2, 20: 1, 4: 1}
    assert median_sebaran(c.sebaran) == 18
    other = counts[world.opd_lain.id]
    assert (other.asn, other.asn_tanpa_jp, other.sebaran) == (1, 1, {0: 1})


def test_the_august_course_counts_from_triwulan_iii_and_2025_never(world):
    jp_scenario(world)
    c = jp_per_opd([world.opd.id], 2026, date(2026, 10, 1))[world.opd.id]
    assert c.asn_tanpa_jp == 1 and c.sebaran[30] == 1   # kasi's August course now counts
    c2025 = jp_per_opd([world.opd.id], 2025, date(2026, 1, 1))[world.opd.id]
    assert c2025.sebaran == {40: 1, 0: 6}


def test_a_pppk_on_target_is_not_in_the_pns_share(world):
    jp_scenario(world)
    world.pegawai["staf2"].aktif = False   # the PPPK leaves: nothing about PNS changes
    c = jp_per_opd([world.opd.id], 2026, date(2026, 7, 1))[world.opd.id]
    assert (c.asn, c.pns, c.pns_capai_target) == (6, 6, 2)


def test_median_of_a_distribution():
    assert median_sebaran({}) is None
    assert median_sebaran({7: 1}) == 7
    assert median_sebaran({0: 2, 10: 1, 30: 1}) == 5
    assert median_sebaran({0: 3, 20: 2}) == 0
