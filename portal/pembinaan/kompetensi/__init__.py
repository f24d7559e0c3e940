"""Competency development (pengembangan kompetensi): kegiatan, peserta, pembelajaran mandiri,
and the JP each pegawai earns a year against the target of PP 11/2017 art. 203(4)."""
