"""The audit trail of appraisal items, as every room's pages show it: who, when, from which
state to which, and the comment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.appraisals.evaluasi.models import STATUS_EVALUASI_LABEL
from portal.appraisals.skp.models import STATUS_SKP_LABEL
from portal.auth.models import User
from portal.core.models import AuditEntry
from portal.extensions import db

ACTION_LABEL = {
    "dibuat": _l("Dibuat"),
    "diajukan": _l("Diajukan"),
    "ditetapkan": _l("Ditetapkan"),
    "dikembalikan": _l("Dikembalikan"),
    "disetujui": _l("Disetujui"),
    "diganti": _l("Diganti versi baru"),
    "revisi_dibuat": _l("Revisi dibuat"),
    "keberatan_diajukan": _l("Keberatan diajukan"),
    "keberatan_diputus": _l("Keberatan diputus"),
}


def _state_label(object_type: str, state: str | None) -> str | None:
    if not state:
        return None
    labels = STATUS_SKP_LABEL if object_type == "skp" else STATUS_EVALUASI_LABEL
    for key, label in labels.items():
        if key.value == state:
            return str(label)
    return state


@dataclass(frozen=True)
class TrailEntry:
    at: datetime
    actor: str | None
    action: str
    from_state: str | None
    to_state: str | None
    comment: str | None
    versi: int | None = None
    #: the action's words, when the caller names its own (another room's trail)
    label: str | None = None

    @property
    def action_label(self) -> str:
        if self.label:
            return self.label
        label = ACTION_LABEL.get(self.action)
        return str(label) if label else self.action


def audit_trail(objects: list, actions: Mapping | None = None,
                states: Mapping | None = None) -> list[TrailEntry]:
    """Every recorded step of the given objects (an SKP's versions, or one evaluation), oldest
    first, with the actor's name. Another room's objects pass their own ``actions`` (action →
    label) and ``states`` (state value → label)."""
    if not objects:
        return []
    conditions = [sa.and_(AuditEntry.object_type == o.__tablename__, AuditEntry.object_id == o.id)
                  for o in objects]
    versi = {(o.__tablename__, o.id): getattr(o, "versi", None) for o in objects}
    rows = db.session.execute(
        sa.select(AuditEntry, User.nama).outerjoin(User, User.id == AuditEntry.actor_id)
        .where(sa.or_(*conditions)).order_by(AuditEntry.at, AuditEntry.id))
    if states is not None:
        def state(_type: str, value: str | None) -> str | None:
            return str(states[value]) if value in states else value
    else:
        state = _state_label
    return [TrailEntry(e.at, nama, e.action, state(e.object_type, e.from_state),
                       state(e.object_type, e.to_state), e.comment,
                       versi.get((e.object_type, e.object_id)),
                       str(actions[e.action]) if actions and e.action in actions else None)
            for e, nama in rows]
