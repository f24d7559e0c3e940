"""The change a respondent makes: one survey answer, anonymous. It flushes; the view commits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _

from portal.core.models import DomainError
from portal.extensions import db
from portal.org.models import Layanan
from portal.scorecards.models import UNSUR_COLUMNS, JawabanSkm


@dataclass(frozen=True)
class Profil:
    usia: str | None = None
    jenis_kelamin: str | None = None
    pendidikan: str | None = None
    pekerjaan: str | None = None


def record_answer(opd_id: int, layanan_id: int, skor: Sequence[int], profil: Profil,
                  saran: str | None, *, answered_today: Collection[int] = ()) -> JawabanSkm:
    """Record one answer about a service of the chosen OPD. ``answered_today`` holds the
    services this device has already answered today: one answer per device per service per
    day."""
    layanan = db.session.get(Layanan, layanan_id)
    if layanan is None or layanan.opd_id != opd_id:
        raise DomainError(_("Pilih layanan dari daftar instansi yang dipilih."), "layanan_id")
    if layanan.id in answered_today:
        raise DomainError(_("Dari perangkat ini Anda sudah mengisi survei untuk layanan ini hari "
                            "ini. Terima kasih; silakan mengisi lagi besok bila menerima layanan "
                            "lagi."))
    if not layanan.aktif or not layanan.opd.aktif:
        raise DomainError(_("Layanan ini tidak lagi menerima survei."), "layanan_id")
    if len(skor) != len(UNSUR_COLUMNS) or any(s not in (1, 2, 3, 4) for s in skor):
        raise DomainError(_("Jawab kesembilan pertanyaan dengan nilai 1 sampai 4."))
    jawaban = JawabanSkm(layanan_id=layanan.id, opd_id=layanan.opd_id,
                         usia=profil.usia, jenis_kelamin=profil.jenis_kelamin,
                         pendidikan=profil.pendidikan, pekerjaan=profil.pekerjaan,
                         saran=(saran or "").strip() or None,
                         **dict(zip(UNSUR_COLUMNS, skor, strict=True)))
    db.session.add(jawaban)
    db.session.flush()
    return jawaban
