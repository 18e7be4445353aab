"""What people can be invited to from the people bank. The people room cannot know about
projects or events (arrows point one way), so those rooms register their kinds of target here
from their AppConfig.ready():

    register_target_kind("project", "Project", open_targets=..., find=..., on_answer=...)

open_targets(limit) lists what staff may invite people to now, soonest or first by title, at
most `limit` of them (None: all); find(pk) gives one target or None;
on_answer(invitation), if given, is called after the person answers (e.g. a "yes" to a
project becomes an expression of interest)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class InvitationTarget:
    kind: str  # e.g. "project", "event"
    pk: int
    title: str
    url: str  # the page the invited person reads

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pk}"


@dataclass(frozen=True)
class TargetKind:
    kind: str
    label: str
    open_targets: Callable[[int | None], list[InvitationTarget]]
    find: Callable[[int], InvitationTarget | None]
    on_answer: Callable | None = None


_KINDS: dict[str, TargetKind] = {}


def register_target_kind(kind: str, label: str, *, open_targets, find, on_answer=None) -> None:
    _KINDS[kind] = TargetKind(kind, label, open_targets, find, on_answer)


def target_kinds() -> list[TargetKind]:
    return list(_KINDS.values())


def open_targets(limit: int | None = None) -> list[InvitationTarget]:
    """What staff may invite people to now: at most `limit` of each kind (None: all)."""
    return [target for kind in _KINDS.values() for target in kind.open_targets(limit)]


def find_target(key: str) -> InvitationTarget | None:
    """The target for a key like "project:12", or None if unknown or no longer open."""
    kind, _, pk = key.partition(":")
    if kind not in _KINDS or not pk.isdigit():
        return None
    return _KINDS[kind].find(int(pk))


def answered(invitation) -> None:
    kind = _KINDS.get(invitation.target_kind)
    if kind and kind.on_answer:
        kind.on_answer(invitation)
