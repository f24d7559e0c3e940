"""Every kind of notification and its message. Placeholders: ``nama`` (the pegawai the item
belongs to) and ``periode`` (the period's label); a kind may use either or both. A parameter
stored as a ``core.deferred.later`` message is translated into the reader's language when shown,
so a notification caused in Indonesian reads "Quarter III 2026" to an English reader."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.core.deferred import say

KINDS = {
    "skp_diajukan": _l("%(nama)s mengajukan SKP %(periode)s untuk ditetapkan."),
    "skp_dikembalikan": _l("SKP %(periode)s Anda dikembalikan untuk diperbaiki."),
    "skp_disetujui": _l("SKP %(periode)s Anda telah ditetapkan."),
    "evaluasi_diajukan": _l("%(nama)s mengajukan evaluasi kinerja %(periode)s."),
    "evaluasi_dikembalikan": _l("Evaluasi kinerja %(periode)s Anda dikembalikan untuk diperbaiki."),
    "evaluasi_disetujui": _l("Evaluasi kinerja %(periode)s Anda telah disetujui."),
    "umpan_balik_diminta": _l("Anda diminta memberi umpan balik untuk %(nama)s (%(periode)s)."),
    "batas_waktu_dekat": _l("Batas waktu %(periode)s sudah dekat."),
    "keberatan_diajukan": _l("%(nama)s mengajukan keberatan atas predikat %(periode)s."),
    "keberatan_diputus": _l("Keberatan Anda atas predikat %(periode)s telah diputus."),
    "rencana_diusulkan": _l("Rencana pembinaan untuk %(nama)s perlu disusun."),
    "rencana_diusulkan_pegawai": _l("Rencana pembinaan untuk Anda diusulkan; pejabat penilai "
                                    "akan menyusunnya bersama Anda."),
    "rencana_menunggu_kesepakatan": _l("Rencana pembinaan %(nama)s menunggu persetujuan Anda."),
    "rencana_berjalan": _l("Rencana pembinaan %(nama)s disepakati dan mulai berjalan."),
    "rencana_aksi_terlambat": _l("Tindakan dalam rencana pembinaan %(nama)s melewati batas "
                                 "waktunya."),
    "rencana_ditutup": _l("Rencana pembinaan %(nama)s ditutup."),
}


def message(jenis: str, params: dict) -> str:
    """The message in the current language; an unknown kind (from a newer release, say) still
    shows something rather than failing the page."""
    template = KINDS.get(jenis)
    if template is None:
        return jenis
    values = {"nama": "", "periode": "", **{key: say(value) for key, value in params.items()}}
    return str(template) % values
