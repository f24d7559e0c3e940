"""Appraisals (DOMAIN.md "Performance management", PermenPANRB 6/2022): performance years and
periods, the SKP with its RHK, indicators and BerAKHLAK expectations, the periodic evaluation
with realisasi and bukti dukung, and the supervisor's review."""
