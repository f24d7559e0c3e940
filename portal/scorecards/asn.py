"""The ASN performance block of the scorecard, counted by the appraisal domain's own queries
(``portal/appraisals/pemantauan/queries.py``, the ones the monitoring pages use): per OPD, the
staff, how many have a set SKP for the year, how many evaluations of the quarter are final, and
the predikat of those — raw counts only; the snapshot applies the privacy minimum. No name ever
leaves this module.

Competency development (JP) is counted apart, by the pembinaan domain's own query
(``kompetensi.queries.jp_per_opd``): ``snapshot.pembinaan_block``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from portal.appraisals.evaluasi.models import Predikat
from portal.appraisals.pemantauan.queries import completion_counts, predikat_counts
from portal.appraisals.periode.models import JenisPeriode, Periode, TahunKinerja
from portal.extensions import db
from portal.org.models import Pegawai

TRIWULAN_JENIS = {1: JenisPeriode.TRIWULAN_1, 2: JenisPeriode.TRIWULAN_2,
                  3: JenisPeriode.TRIWULAN_3, 4: JenisPeriode.TRIWULAN_4}
PREDIKAT_ORDER = tuple(p.value for p in Predikat)


def asn_figures(pemda_id: int, opd_ids: Iterable[int], tahun: int,
                triwulan: int) -> dict[int, dict[str, Any]] | None:
    """Per OPD id: ``{"pegawai", "skp_ditetapkan", "evaluasi_selesai", "predikat": {value: n}}``. ``None`` when the pemda has not opened that performance year: there is
    no appraisal data to publish."""
    opd_ids = list(opd_ids)
    tahun_kinerja = db.session.scalar(sa.select(TahunKinerja).where(
        TahunKinerja.pemda_id == pemda_id, TahunKinerja.tahun == tahun))
    if tahun_kinerja is None or not opd_ids:
        return None
    periode_id = db.session.scalar(sa.select(Periode.id).where(
        Periode.tahun_kinerja_id == tahun_kinerja.id,
        Periode.jenis == TRIWULAN_JENIS[triwulan]))
    of_these = Pegawai.opd_id.in_(opd_ids)
    counts = completion_counts(Pegawai.opd_id, of_these, tahun_kinerja_id=tahun_kinerja.id,
                               periode_id=periode_id)
    predikat = ({} if periode_id is None else
                predikat_counts(Pegawai.opd_id, periode_id, of_these, Pegawai.aktif.is_(True)))
    result: dict[int, dict[str, Any]] = {}
    for opd_id in opd_ids:
        pegawai, skp_set, _diajukan, disetujui = counts.get(opd_id, (0, 0, 0, 0))
        result[opd_id] = {
            "pegawai": pegawai, "skp_ditetapkan": skp_set, "evaluasi_selesai": disetujui,
            "predikat": {p.value: n for p, n in predikat.get(opd_id, {}).items()}}
    return result
