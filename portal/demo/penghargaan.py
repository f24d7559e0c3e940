"""Demo rewards: among the demo OPD's final evaluations rated Sangat Baik, one reward decided
(approved with an SK), one proposed and waiting, and the rest left as candidates on the admin
OPD's list. Built after the appraisal demo; flushes, the caller commits."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from portal.appraisals.evaluasi.models import (
    PREDIKAT_LABEL,
    Evaluasi,
    Predikat,
    Rating,
    StatusEvaluasi,
)
from portal.auth.models import User
from portal.core.calendar import local_date
from portal.core.models import AuditEntry, utcnow
from portal.extensions import db
from portal.org.models import Opd, Pegawai
from portal.pembinaan.penghargaan.models import JenisPenghargaan, Penghargaan, StatusPenghargaan

DEMO_OPD_SLUG = "disdukcapil-kota-bandar-lampung"
#: Sangat Baik evaluations the demo OPD shows: one reward decided, one proposed, candidates
WANT = 4


def build_demo_penghargaan() -> dict[str, int]:
    opd = db.session.scalar(sa.select(Opd).where(Opd.slug == DEMO_OPD_SLUG))
    admin = db.session.scalar(sa.select(User).where(User.username == "admin.disdukcapil.bdl"))
    if opd is None:
        return {}
    _enough_sangat_baik(opd)
    calon = list(db.session.scalars(
        sa.select(Evaluasi).join(Pegawai, Evaluasi.pegawai_id == Pegawai.id)
        .where(Pegawai.opd_id == opd.id, Evaluasi.status == StatusEvaluasi.DISETUJUI,
               Evaluasi.predikat == Predikat.SANGAT_BAIK).order_by(Evaluasi.id).limit(2)))
    today = local_date(utcnow())
    made = 0
    for n, ev in enumerate(calon):
        item = Penghargaan(
            evaluasi=ev, pegawai=ev.pegawai, opd_id=opd.id, tahun=ev.periode.tahun,
            jenis=JenisPenghargaan.PIAGAM if n == 0 else JenisPenghargaan.PENGEMBANGAN,
            alasan_usulan="Seluruh target triwulan terlampaui dan inovasi layanan jemput bola "
                          "perekaman KTP-el di kelurahan." if n == 0 else
                          "Predikat Sangat Baik; diusulkan mengikuti Pelatihan Kepemimpinan "
                          "Pengawas BPSDM Provinsi Lampung.",
            status=StatusPenghargaan.DIUSULKAN, diusulkan_oleh_id=admin.id if admin else None)
        db.session.add(item)
        db.session.flush()
        _audit(admin, item, "diusulkan", None, "diusulkan", item.alasan_usulan)
        if n == 0:
            item.status = StatusPenghargaan.DISETUJUI
            item.nomor_sk = f"800/{ev.id}/IV.05/{today.year}"
            item.tanggal_sk = today - timedelta(days=7)
            item.diputus_oleh_id, item.diputus_at = (admin.id if admin else None), utcnow()
            _audit(admin, item, "disetujui", "diusulkan", "disetujui",
                   f"SK {item.nomor_sk} tanggal {item.tanggal_sk.isoformat()}")
        made += 1
    db.session.flush()
    return {"penghargaan": made}


def _enough_sangat_baik(opd: Opd, want: int = WANT) -> None:
    """A random demo year may rate few staff Sangat Baik: raise the perilaku rating of final
    evaluations whose hasil was Di Atas Ekspektasi until ``want`` are (their approval's audit
    comment follows), so every state of a reward and a candidate show."""
    def final(*where):
        return (sa.select(Evaluasi).join(Pegawai, Evaluasi.pegawai_id == Pegawai.id)
                .where(Pegawai.opd_id == opd.id, Evaluasi.status == StatusEvaluasi.DISETUJUI,
                       *where).order_by(Evaluasi.id))

    have = len(list(db.session.scalars(final(Evaluasi.predikat == Predikat.SANGAT_BAIK))))
    raise_ = list(db.session.scalars(final(Evaluasi.rating_hasil == Rating.DI_ATAS,
                                           Evaluasi.predikat != Predikat.SANGAT_BAIK)
                                     .limit(max(0, want - have))))
    for ev in raise_:
        ev.rating_perilaku, ev.predikat = Rating.DI_ATAS, Predikat.SANGAT_BAIK
        db.session.execute(sa.update(AuditEntry).where(
            AuditEntry.object_type == "evaluasi", AuditEntry.object_id == ev.id,
            AuditEntry.action == "disetujui").values(comment=str(PREDIKAT_LABEL[ev.predikat])))
    db.session.flush()


def _audit(admin, item, action, asal, ke, comment) -> None:
    db.session.add(AuditEntry(actor_id=admin.id if admin else None, object_type="penghargaan",
                              object_id=item.id, action=action, from_state=asal, to_state=ke,
                              comment=comment))
