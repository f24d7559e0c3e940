"""Hooks between layers (blinker, which Flask itself uses for its signals): a lower layer names
the moment ("an evaluation was approved", "the daily reminder run", "the review panel of an
evaluation") and a higher layer that cares connects to it, so appraisals and complaints never
import pembinaan. Receivers run inside the sender's transaction; what they add is committed
with the sender's change, or rolled back with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from blinker import Namespace, Signal

signals = Namespace()


@dataclass
class Panel:
    """A block a higher layer adds to a lower layer's page: a template and its context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


def panels(signal: Signal, sender: Any, **kwargs: Any) -> list[Panel]:
    """The panels every receiver of ``signal`` returns for ``sender`` (None: nothing to add)."""
    return [result for _receiver, result in signal.send(sender, **kwargs)
            if isinstance(result, Panel)]


def total(signal: Signal, sender: Any, **kwargs: Any) -> int:
    """The sum of what the receivers return (counts of notifications sent, say)."""
    return sum(int(result or 0) for _receiver, result in signal.send(sender, **kwargs))
