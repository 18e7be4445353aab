"""The pictograms staff choose from for easy-read reports: OpenMoji (openly licensed, CC BY-SA
4.0, installed from npm). assets/pictograms.json lists them once; assets/copy-assets.mjs copies
those SVGs to static/build/pictograms/<name>.svg."""

import json
from dataclasses import dataclass
from functools import cache

from django.conf import settings

DIRECTORY = "build/pictograms"  # under static/


@dataclass(frozen=True)
class Pictogram:
    name: str
    alt: str

    @property
    def path(self):
        return f"{DIRECTORY}/{self.name}.svg"


@cache
def catalogue() -> dict[str, Pictogram]:
    with open(settings.BASE_DIR / "assets" / "pictograms.json", encoding="utf-8") as file:
        entries = json.load(file)
    return {name: Pictogram(name, entry["alt"]) for name, entry in entries.items()
            if not name.startswith("_")}


def choices():
    return [(p.name, p.alt) for p in catalogue().values()]


def get(name, default="information") -> Pictogram:
    pictures = catalogue()
    return pictures.get(name) or pictures[default]
