"""The SKP: the pegawai's yearly performance plan, written, submitted and set or returned."""
