"""A member's data rights: what "download my data" gathers, and what other rooms must do when
an account is deleted. The people room cannot import the other rooms (arrows point one way),
so they register here from their AppConfig.ready():

    register_data_section("claims", "Your claims", claims_for_person)
    register_erasure_hook("payments", strip_bank_details)

A data section is a callable person -> list of dicts (one dict per record, keys in plain words,
plain values: str, int, Decimal, coproduction.money.Money for amounts of money, date or
datetime); it appears on the page, in the PDF and in the JSON under its name. An erasure hook
is a callable person -> None, run inside the anonymising transaction before the person's own
rows go: remove what you no longer need, keep what the law needs (e.g. payment claims for six
years) without contact details."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DataSection:
    name: str
    title: str
    collect: Callable


_SECTIONS: dict[str, DataSection] = {}
_ERASURE_HOOKS: dict[str, Callable] = {}


def register_data_section(name: str, title: str, collect: Callable) -> None:
    _SECTIONS[name] = DataSection(name, title, collect)


def data_sections() -> list[DataSection]:
    return list(_SECTIONS.values())


def register_erasure_hook(name: str, hook: Callable) -> None:
    _ERASURE_HOOKS[name] = hook


def erasure_hooks() -> list[Callable]:
    return list(_ERASURE_HOOKS.values())


def unregister(name: str) -> None:
    """For tests."""
    _SECTIONS.pop(name, None)
    _ERASURE_HOOKS.pop(name, None)
