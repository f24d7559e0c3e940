"""The ASN performance block of the scorecard, read from the appraisal domain
(portal/appraisals): per OPD, the staff, how many have a set SKP for the year, how many
evaluations of the quarter are final, and the predikat of those — raw counts only; the snapshot
applies the privacy minimum. No name ever leaves this module.

The share of staff reaching 20 JP of competency development needs training records, which the
portal does not hold yet: it is published as "not available" (``capai_20_jp`` None).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from portal.appraisals.models import (
    Evaluasi,
    JenisPeriode,
    Periode,
    Predikat,
    Skp,
    StatusEvaluasi,
    StatusSkp,
    TahunKinerja,
)
from portal.extensions import db
from portal.org.models import Pegawai

TRIWULAN_JENIS = {1: JenisPeriode.TRIWULAN_1, 2: JenisPeriode.TRIWULAN_2,
                  3: JenisPeriode.TRIWULAN_3, 4: JenisPeriode.TRIWULAN_4}
PREDIKAT_ORDER = tuple(p.value for p in Predikat)


def asn_figures(pemda_id: int, opd_ids: Iterable[int], tahun: int,
                triwulan: int) -> dict[int, dict[str, Any]] | None:
    """Per OPD id: ``{"pegawai", "skp_ditetapkan", "evaluasi_selesai", "predikat": {value: n},
    "capai_20_jp"}``. ``None`` when the pemda has not opened that performance year: there is
    no appraisal data to publish."""
    opd_ids = list(opd_ids)
    tahun_kinerja = db.session.scalar(sa.select(TahunKinerja).where(
        TahunKinerja.pemda_id == pemda_id, TahunKinerja.tahun == tahun))
    if tahun_kinerja is None or not opd_ids:
        return None
    result: dict[int, dict[str, Any]] = {
        opd_id: {"pegawai": 0, "skp_ditetapkan": 0, "evaluasi_selesai": 0, "predikat": {},
                 "capai_20_jp": None} for opd_id in opd_ids}
    staff = sa.select(Pegawai.opd_id, sa.func.count()).where(
        Pegawai.opd_id.in_(opd_ids), Pegawai.aktif).group_by(Pegawai.opd_id)
    for opd_id, n in db.session.execute(staff):
        result[opd_id]["pegawai"] = n
    skp = (sa.select(Pegawai.opd_id, sa.func.count(sa.distinct(Skp.pegawai_id)))
           .join(Pegawai, Skp.pegawai_id == Pegawai.id)
           .where(Pegawai.opd_id.in_(opd_ids), Pegawai.aktif,
                  Skp.tahun_kinerja_id == tahun_kinerja.id, Skp.status == StatusSkp.DISETUJUI)
           .group_by(Pegawai.opd_id))
    for opd_id, n in db.session.execute(skp):
        result[opd_id]["skp_ditetapkan"] = n
    periode_id = db.session.scalar(sa.select(Periode.id).where(
        Periode.tahun_kinerja_id == tahun_kinerja.id,
        Periode.jenis == TRIWULAN_JENIS[triwulan]))
    if periode_id is not None:
        final = (sa.select(Pegawai.opd_id, Evaluasi.predikat, sa.func.count())
                 .join(Pegawai, Evaluasi.pegawai_id == Pegawai.id)
                 .where(Pegawai.opd_id.in_(opd_ids), Pegawai.aktif,
                        Evaluasi.periode_id == periode_id,
                        Evaluasi.status == StatusEvaluasi.DISETUJUI)
                 .group_by(Pegawai.opd_id, Evaluasi.predikat))
        for opd_id, predikat, n in db.session.execute(final):
            result[opd_id]["evaluasi_selesai"] += n
            if predikat is not None:
                key = Predikat(predikat).value
                result[opd_id]["predikat"][key] = result[opd_id]["predikat"].get(key, 0) + n
    return result
