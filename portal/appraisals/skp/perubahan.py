"""What changed in an SKP: a snapshot of its content when it is returned, and the list of
changes since then (or since the previous version), which the supervisor reads before deciding."""

from __future__ import annotations

from dataclasses import dataclass

from portal.appraisals.skp.models import (
    IndikatorKinerja,
    Skp,
    StatusSkp,
)


def skp_snapshot(skp: Skp) -> dict:
    """The plan in plain values: RHK rows (by the key that survives copying into a new version)
    and their indicators, the expectations and the lampiran."""
    return {
        "rhk": {str(rhk.id): {
            "uraian": rhk.uraian, "jenis": rhk.jenis.value,
            "indikator": [f"{i.uraian} [{i.aspek.value}] {_target_text(i)}"
                          for i in rhk.indikator]} for rhk in skp.rhk},
        "ekspektasi": {e.nilai.value: e.ekspektasi_khusus for e in skp.ekspektasi},
        "lampiran": [skp.dukungan_sumber_daya, skp.skema_pertanggungjawaban, skp.konsekuensi],
    }


@dataclass(frozen=True)
class SkpChange:
    #: "rhk_baru", "rhk_dihapus", "rhk_diubah", "perilaku_diubah", "lampiran_diubah"
    kind: str
    before: str
    after: str


def _diff(old: dict, new: dict, *, old_key=lambda k: k) -> list[SkpChange]:
    changes = []
    for key, row in new["rhk"].items():
        before = old["rhk"].get(old_key(key))
        text = f"{row['uraian']} — " + "; ".join(row["indikator"])
        if before is None:
            changes.append(SkpChange("rhk_baru", "", text))
        elif before != row:
            changes.append(SkpChange("rhk_diubah", f"{before['uraian']} — " + "; ".join(
                before["indikator"]), text))
    kept = {old_key(k) for k in new["rhk"]}
    for key, row in old["rhk"].items():
        if key not in kept:
            changes.append(SkpChange("rhk_dihapus", row["uraian"], ""))
    if old["ekspektasi"] != new["ekspektasi"]:
        changes.append(SkpChange("perilaku_diubah", "", ""))
    if old["lampiran"] != new["lampiran"]:
        changes.append(SkpChange("lampiran_diubah", "", ""))
    return changes


def skp_changes_since_return(skp: Skp) -> list[SkpChange]:
    """What the pegawai changed after the last return (empty when never returned)."""
    if not skp.snapshot_dikembalikan or skp.status == StatusSkp.DISETUJUI:
        return []
    return _diff(skp.snapshot_dikembalikan, skp_snapshot(skp))


def skp_changes_from_previous(skp: Skp) -> list[SkpChange]:
    """For a revision: what differs from the version it revises (rows matched by origin)."""
    if skp.sebelumnya is None:
        return []
    origin = {str(rhk.id): str(rhk.asal_id) for rhk in skp.rhk if rhk.asal_id}
    return _diff(skp_snapshot(skp.sebelumnya), skp_snapshot(skp),
                 old_key=lambda key: origin.get(key, f"baru-{key}"))


def _target_text(ind: IndikatorKinerja) -> str:
    if ind.target_angka is not None:
        angka = f"{ind.target_angka.normalize():f}"
        return f"{angka} {ind.target_satuan or ''}".strip()
    return ind.target_teks or ""
