"""What changed in an evaluation since it was returned: a snapshot taken at the return and the
list of changes the supervisor reads before deciding again."""

from __future__ import annotations

from dataclasses import dataclass

from portal.appraisals.evaluasi.models import (
    BuktiDukung,
    Evaluasi,
)


def snapshot(evaluasi: Evaluasi) -> dict:
    return {
        "penilaian_diri": evaluasi.penilaian_diri,
        "realisasi": {str(line.indikator_id): line.realisasi for line in evaluasi.realisasi},
        "bukti": [_bukti_key(b) for b in evaluasi.bukti],
    }


@dataclass(frozen=True)
class Change:
    #: "realisasi", "penilaian_diri", "bukti_baru", "bukti_dihapus"
    kind: str
    before: str
    after: str
    indikator_id: int | None = None


def changes_since_return(evaluasi: Evaluasi) -> list[Change]:
    """What the pegawai changed after the last return (empty when never returned)."""
    snap = evaluasi.snapshot_dikembalikan
    if not snap:
        return []
    changes = []
    for line in evaluasi.realisasi:
        before = snap.get("realisasi", {}).get(str(line.indikator_id), "")
        if before != line.realisasi:
            changes.append(Change("realisasi", before, line.realisasi, line.indikator_id))
    if snap.get("penilaian_diri", "") != evaluasi.penilaian_diri:
        changes.append(Change("penilaian_diri", snap.get("penilaian_diri", ""),
                              evaluasi.penilaian_diri))
    old_bukti = set(snap.get("bukti", []))
    now_bukti = {_bukti_key(b): b for b in evaluasi.bukti}
    for key, bukti in now_bukti.items():
        if key not in old_bukti:
            changes.append(Change("bukti_baru", "", bukti.nama, bukti.indikator_id))
    for key in sorted(old_bukti - set(now_bukti)):
        changes.append(Change("bukti_dihapus", key.split("|", 2)[-1], ""))
    return changes


# --- helpers -------------------------------------------------------------------------------------

def _bukti_key(bukti: BuktiDukung) -> str:
    return f"{bukti.jenis.value}|{bukti.kunci_simpan or bukti.tautan}|{bukti.nama}"
