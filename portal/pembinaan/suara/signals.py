"""What pembinaan asks of the scorecards, which sit above it (``portal.core.signals``):

- ``skm_terkini``: sender the ``Opd``; a receiver (``scorecards/receivers.py``) returns the
  ``SkmTerkini`` of the OPD's latest published scorecard, or None when nothing is published."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.core.signals import signals

skm_terkini = signals.signal("pembinaan.skm-terkini")


@dataclass(frozen=True)
class SkmLayanan:
    """One service's survey figures as published: IKM, mutu and the nine NRR (None where the
    privacy rule hid them); ``tampil`` says why a figure is missing."""

    tampil: str
    responden: int | None = None
    nilai: float | None = None
    mutu: str | None = None
    nrr: tuple[float | None, ...] | None = None
    #: each unsur's mutu letter (NRR × 25 on the IKM bands), only where the service has a grade
    nrr_mutu: tuple[str | None, ...] | None = None


@dataclass(frozen=True)
class SkmTerkini:
    publikasi_id: int
    periode: str
    #: service slug → its figures
    layanan: dict[str, SkmLayanan] = field(default_factory=dict)


def skm_opd(opd) -> SkmTerkini | None:
    """The first receiver's answer (one room publishes scorecards)."""
    for _receiver, result in skm_terkini.send(opd):
        if isinstance(result, SkmTerkini):
            return result
    return None
