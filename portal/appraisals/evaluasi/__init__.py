"""The periodic self-assessment with realisasi and bukti dukung."""
