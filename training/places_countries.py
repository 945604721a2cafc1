"""The names of countries and continents: places a reader lists under Places whatever they do in a
sentence ("Russia said", "US films"). States and provinces stay out: they name sports teams as
often ("Florida beat Texas"), and a team is an organisation.

Built at training time from pycountry's ISO 3166 country table, plus the short forms English news uses where ISO writes the formal one ("Russia"
for "Russian Federation", "Iran" for "Iran, Islamic Republic of") and the continents. pycountry is
not a run-time dependency: the output is a plain list shipped in the package. Output: one
lower-case name a line, sorted. Run from the repository root:

    pip install pycountry==26.2.16   # training-time only, in a scratch environment
    .venv/bin/python -m training.places_countries  # writes cli/brief/models/places_countries.txt
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from training.paths import ROOT

OUT = ROOT / "cli" / "brief" / "models" / "places_countries.txt"
# Short forms English news writes where ISO keeps the formal name, the UK's nations, continents.
NEWS_FORMS = (
    "russia", "syria", "iran", "laos", "vietnam", "south korea", "north korea", "taiwan",
    "bolivia", "venezuela", "tanzania", "moldova", "britain", "great britain", "england",
    "scotland", "wales", "northern ireland", "czech republic", "ivory coast", "palestine",
    "burma", "macedonia", "congo", "democratic republic of congo", "america",
    "africa", "asia", "europe", "antarctica", "oceania", "north america", "south america",
    "latin america",
)  # fmt: skip


def country_names() -> set[str]:
    """Lower-case names of every country."""
    import pycountry  # training-time only

    names: set[str] = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(value)
                if ", " in value:  # "Iran, Islamic Republic of" -> "Iran"
                    names.add(value.split(", ")[0])
    return {n.lower() for n in names if "(" not in n and "," not in n}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    names = sorted(country_names() | set(NEWS_FORMS))
    args.out.write_text("".join(f"{n}\n" for n in names), encoding="utf-8")
    print(f"{len(names)} names -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
