"""The read side of rewards: an OPD's candidates (final evaluations rated Sangat Baik with no
reward recorded yet), its rewards of a year, and a pegawai's own."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from portal.appraisals.evaluasi.models import Evaluasi, Predikat, StatusEvaluasi
from portal.appraisals.periode.models import Periode, TahunKinerja
from portal.extensions import db
from portal.org.models import Opd, Pegawai
from portal.pembinaan.penghargaan.models import Penghargaan


def kandidat(opd: Opd, tahun: int) -> list[Evaluasi]:
    return list(db.session.scalars(
        sa.select(Evaluasi)
        .join(Pegawai, Evaluasi.pegawai_id == Pegawai.id)
        .join(Periode, Evaluasi.periode_id == Periode.id)
        .join(TahunKinerja, Periode.tahun_kinerja_id == TahunKinerja.id)
        .outerjoin(Penghargaan, Penghargaan.evaluasi_id == Evaluasi.id)
        .options(joinedload(Evaluasi.pegawai), joinedload(Evaluasi.periode))
        .where(Pegawai.opd_id == opd.id, TahunKinerja.tahun == tahun,
               Evaluasi.status == StatusEvaluasi.DISETUJUI,
               Evaluasi.predikat == Predikat.SANGAT_BAIK, Penghargaan.id.is_(None))
        .order_by(Pegawai.nama, Periode.urutan)))


def daftar(opd: Opd, tahun: int) -> list[Penghargaan]:
    return list(db.session.scalars(
        sa.select(Penghargaan).join(Pegawai, Penghargaan.pegawai_id == Pegawai.id)
        .options(joinedload(Penghargaan.pegawai),
                 joinedload(Penghargaan.evaluasi).joinedload(Evaluasi.periode))
        .where(Penghargaan.opd_id == opd.id, Penghargaan.tahun == tahun)
        .order_by(Pegawai.nama, Penghargaan.id)))


def milik(pegawai: Pegawai) -> list[Penghargaan]:
    return list(db.session.scalars(
        sa.select(Penghargaan).where(Penghargaan.pegawai_id == pegawai.id)
        .order_by(Penghargaan.tahun.desc(), Penghargaan.id.desc())))
