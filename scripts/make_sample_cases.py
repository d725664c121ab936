"""Write the invented sample case bundles in cases/ from the fact sheets below.

Every person, event and case number here is invented. Real Dutch towns and the names of the regional cold-case
teams are used so that the sample data looks like the real thing; no real victim's name is used.

For each fact sheet this writes cases/<id>/case.md (Dutch), case.en.md and case.es.md, and case.ar.md and
case.ru.md where the fact sheet gives the name in Arabic or Russian script. The sentences come from
scripts/sample_text.py; variants are chosen per case, seeded from the case id. It also writes the editions
cases/editions/2026.yaml and 2027.yaml. Photos are drawn by scripts/make_sample_photos.py (run it afterwards).

Usage:  python scripts/make_sample_cases.py [CASES_DIR]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
import textwrap
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sample_text as T  # noqa: E402
from make_sample_photos import scene_for  # noqa: E402

LIMITS = {"title": 70, "summary": 600, "question": 240, "place": 80, "caption": 120, "label": 40, "name": 60}

UNITS = {
    "ON": "Team Cold Cases Oost-Nederland",
    "NN": "Team Cold Cases Noord-Nederland",
    "MN": "Team Cold Cases Midden-Nederland",
    "NH": "Team Cold Cases Noord-Holland",
    "AM": "Team Cold Cases Amsterdam",
    "DH": "Team Cold Cases Den Haag",
    "RD": "Team Cold Cases Rotterdam",
    "ZW": "Team Cold Cases Zeeland-West-Brabant",
    "OB": "Team Cold Cases Oost-Brabant",
    "LB": "Team Cold Cases Limburg",
}
CITY_UNIT = {
    "Zwolle": "ON",
    "Deventer": "ON",
    "Enschede": "ON",
    "Apeldoorn": "ON",
    "Arnhem": "ON",
    "Nijmegen": "ON",
    "Hengelo": "ON",
    "Harderwijk": "ON",
    "Kampen": "ON",
    "Groningen": "NN",
    "Leeuwarden": "NN",
    "Assen": "NN",
    "Emmen": "NN",
    "Sneek": "NN",
    "Meppel": "NN",
    "Utrecht": "MN",
    "Amersfoort": "MN",
    "Almere": "MN",
    "Lelystad": "MN",
    "Haarlem": "NH",
    "Alkmaar": "NH",
    "Den Helder": "NH",
    "Hoorn": "NH",
    "Zaandam": "NH",
    "Amsterdam": "AM",
    "Den Haag": "DH",
    "Leiden": "DH",
    "Delft": "DH",
    "Katwijk": "DH",
    "Rotterdam": "RD",
    "Dordrecht": "RD",
    "Gouda": "RD",
    "Breda": "ZW",
    "Middelburg": "ZW",
    "Vlissingen": "ZW",
    "Terneuzen": "ZW",
    "Tilburg": "ZW",
    "Eindhoven": "OB",
    "Oss": "OB",
    "Maastricht": "LB",
    "Heerlen": "LB",
    "Venlo": "LB",
    "Roermond": "LB",
}

# Scenario (see sample_text.EVENT) -> kind, key dates (label, offset: 0 = the date, None = the date + days)
SCENARIOS = {
    "home": ("homicide", [("found_dead", 0)]),
    "street": ("homicide", [("killed", 0)]),
    "shop": ("homicide", [("killed", 0)]),
    "water": ("homicide", [("last_seen", 0), ("body_found", None)]),
    "road": ("homicide", [("last_seen", 0), ("body_found", None)]),
    "woods": ("homicide", [("last_seen", 0), ("body_found", None)]),
    "bike": ("missing", [("last_seen", 0), ("bike_found", None)]),
    "station": ("missing", [("last_seen", 0)]),
    "night": ("missing", [("last_seen", 0)]),
    "car": ("missing", [("last_seen", 0), ("car_found", None)]),
    "u_water": ("unidentified", [("remains_found", 0)]),
    "u_woods": ("unidentified", [("remains_found", 0)]),
    "u_beach": ("unidentified", [("remains_found", 0)]),
}


def c(name, g, date, city, scen, loc, place, **kw):
    """One fact sheet. name/g: victim and gender (m/f); loc: Dutch phrase placing the event, for templates."""
    return dict(name=name, g=g, date=date, city=city, scen=scen, loc=loc, place=place, **kw)


# fmt: off
CASES = [
    # --- Oost-Nederland
    c("Marloes Hofstede", "f", "1994-03-15", "Zwolle", "water", "in de binnenstad van Zwolle", "Zwolle, Thorbeckegracht",
      age=23, persona="student", family="parents", days=3, found_loc="in de Thorbeckegracht", spot="canal",
      details=["dogman", "bag"], inv=["heard", "dna"], reward=15000, tags=["gracht"],
      ar=("مارلوس هوفستيده", "مارلوس"), ru=dict(nom="Марлус Хофстеде", first="Марлус")),
    c("Gerrit Westerveld", "m", "1987-11-02", "Deventer", "shop", "aan de Brink in Deventer", "Deventer, Brink",
      age=58, born="1929", persona="shop", family="married", details=["cash", "scooter"], inv=["released", "tv"],
      reward=15000, tags=["centrum"], ar=("خيريت فسترفيلد", "خيريت")),
    c("Ilse Brinkhorst", "f", "1999-08-21", "Enschede", "road", "vanuit het centrum van Enschede", "Enschede, Hengelosestraat",
      age=17, persona="pupil", family="sports", days=2, found_loc="in de berm langs de N18 bij Glanerbrug", spot="road",
      details=["red_car"], inv=["heard", "dna"], reward=20000, tags=["fiets"], photo2=True),
    c("Hendrik Nijland", "m", "1978-05", "Apeldoorn", "woods", "", "Apeldoorn, Kroondomein",
      age=34, persona="postal", family="married", days=9, found_loc="in de bossen bij Hoog Soeren", spot="woods",
      details=["debt"], inv=["released", "dna"], reward=10000, tags=["bos"]),
    c("Onbekende vrouw", "f", "2003-04-12", "Arnhem", "u_water", "bij de Nelson Mandelabrug in Arnhem", "Arnhem, Nederrijn",
      age_lo=30, age_hi=45, details=["watch", "teeth"], inv=["isotope", "dna_db"], reward=15000, tags=["rivier"]),
    c("Tim Roelofsen", "m", "2008-10-04", "Nijmegen", "night", "aan de Waalkade in Nijmegen", "Nijmegen, Waalkade",
      age=21, persona="student", family="sports", details=["phone"], inv=["search", "tv"], reward=15000,
      tags=["rivier", "centrum"], ar=("تيم روليفسن", "تيم"), ru=dict(nom="Тим Рулофсен", first="Тим")),
    c("Johanna Kuipers", "f", "1983", "Kampen", "home", "aan de Oudestraat in Kampen", "Kampen, Oudestraat",
      age=71, persona="retired", family="grandchildren", details=["argument", "necklace"], inv=["heard", "dna"],
      reward=10000, tags=["straat"]),
    c("Ruud Oosterhof", "m", "2001-02-17", "Hengelo", "car", "", "Hengelo, bedrijventerrein Twentekanaal",
      age=44, persona="mechanic", family="married", days=4, found_loc="op een parkeerplaats langs de A1", spot="road",
      details=["debt"], inv=["search", "released"], reward=20000, tags=["auto", "snelweg"], status="solved", outcome_year=2022),
    c("Annemiek Scholten", "f", "1996-06-29", "Harderwijk", "bike", "in Harderwijk", "Harderwijk, Strandboulevard",
      age=16, persona="pupil", family="parents", days=1, found_loc="bij de jachthaven", spot="harbour",
      details=["sighting"], inv=["search", "tv"], reward=20000, tags=["fiets", "water"], photo2=True,
      ar=("أنميك سخولتن", "أنميك")),
    c("Dirk Jan Veneklaas", "m", "1974-09-08", "Deventer", "water", "in Deventer", "Deventer, IJsselkade",
      first="Dirk Jan", age=27, persona="skipper", family="alone", days=6, found_loc="in de IJssel bij Olst", spot="river",
      details=["argument"], inv=["heard", "tv"], reward=10000, tags=["rivier", "dijk"]),
    # --- Noord-Nederland
    c("Wietske Dijkstra", "f", "1991-06", "Leeuwarden", "night", "in de Nieuwestad in Leeuwarden", "Leeuwarden, Nieuwestad",
      age=24, persona="nurse", family="new_job", details=["lift"], inv=["search", "heard"], reward=15000,
      tags=["centrum"], ar=("فيتسكه دايكسترا", "فيتسكه")),
    c("Harm Zuidema", "m", "1985-12-14", "Groningen", "street", "in de Folkingestraat in Groningen", "Groningen, Folkingestraat",
      age=31, persona="bar", family="alone", details=["scooter"], inv=["released", "dna"], reward=15000, tags=["straat"],
      ru=dict(nom="Харм Зёйдема", first="Харм")),
    c("Onbekende man", "m", "1997-03-30", "Emmen", "u_woods", "in het Emmerdennen", "Emmen, Emmerdennen",
      age_lo=40, age_hi=60, details=["shoes", "watch"], inv=["face", "interpol"], reward=10000, tags=["bos"]),
    c("Sietske de Boer", "f", "2005-01-22", "Sneek", "car", "", "Sneek, Stationsstraat",
      age=37, persona="hair", family="married", days=5, found_loc="aan de dijk bij Stavoren", spot="road",
      details=["phone", "sighting"], inv=["search", "tv"], reward=20000, tags=["auto", "dijk"]),
    c("Jakob Huizinga", "m", "1976-07-19", "Assen", "woods", "", "Assen, Asserbos",
      age=48, persona="farmer", family="married", days=12, found_loc="in het Asserbos", spot="woods",
      details=["van"], inv=["heard", "dna"], reward=15000, tags=["bos"], status="closed", outcome_year=2023),
    c("Grietje Bos", "f", "1989-10-03", "Meppel", "home", "aan het Zuideinde in Meppel", "Meppel, Zuideinde",
      age=66, persona="retired", family="grandchildren", details=["necklace"], inv=["dna", "released"], reward=15000,
      tags=["straat"], ar=("خريتيه بوس", "خريتيه")),
    c("Rinze Kooistra", "m", "2011-05-07", "Groningen", "station", "in Groningen", "Groningen, Hoofdstation",
      age=17, persona="pupil", family="parents", details=["sighting", "phone"], inv=["search", "tv"], reward=15000,
      tags=["station"]),
    # --- Midden-Nederland
    c("Esther van Leeuwen", "f", "1993-09-11", "Utrecht", "water", "in Utrecht", "Utrecht, Oudegracht",
      age=26, persona="teacher", family="new_job", days=2, found_loc="in de Oudegracht, bij de Weerdsluis", spot="canal",
      details=["sighting", "bag"], inv=["heard", "dna"], reward=20000, tags=["gracht"], photo2=True,
      ar=("إستر فان ليوفن", "إستر"), ru=dict(nom="Эстер ван Леувен", first="Эстер")),
    c("Peter Wolters", "m", "1980-01-26", "Amersfoort", "shop", "aan de Langestraat in Amersfoort", "Amersfoort, Langestraat",
      age=52, persona="shop", family="married", details=["cash", "red_car"], inv=["released", "tv"], reward=15000,
      tags=["centrum"], status="solved", outcome_year=2019),
    c("Naima Belhaj", "f", "2009-11-28", "Almere", "station", "in Almere", "Almere, station Almere Centrum",
      age=20, persona="student", family="parents", details=["phone"], inv=["search", "tv"], reward=20000,
      tags=["spoor"], ar=("نعيمة بلحاج", "نعيمة")),
    c("Onbekende man", "m", "2014-08-03", "Lelystad", "u_water", "in het Markermeer bij Lelystad", "Lelystad, Markermeer",
      age_lo=25, age_hi=40, details=["watch", "teeth"], inv=["isotope", "interpol"], reward=10000, tags=["haven"],
      slug="onbekende-man-markermeer-2014"),
    c("Bas Vermeulen", "m", "1998-04-18", "Utrecht", "road", "vanuit Utrecht", "Utrecht, Amsterdam-Rijnkanaal",
      age=29, persona="factory", family="alone", days=3, found_loc="in de berm langs het Amsterdam-Rijnkanaal bij Maarssen", spot="canal",
      details=["van", "dogman"], inv=["heard", "dna"], reward=15000, tags=["dijk", "fiets"]),
    # --- Noord-Holland
    c("Femke Groot", "f", "1986-05-31", "Alkmaar", "night", "aan de Kooltuin in Alkmaar", "Alkmaar, Kooltuin",
      age=18, persona="cashier", family="parents", details=["lift"], inv=["search", "heard"], reward=15000,
      tags=["centrum", "gracht"]),
    c("Klaas Schermerhorn", "m", "1972-10-15", "Den Helder", "water", "in Den Helder", "Den Helder, Nieuwe Haven",
      age=39, persona="skipper", family="married", days=4, found_loc="in het Marsdiep", spot="harbour",
      details=["argument", "debt"], inv=["released", "heard"], reward=10000, tags=["haven"]),
    c("Onbekende vrouw", "f", "1990-02", "Hoorn", "u_water", "in het Markermeer bij Hoorn", "Hoorn, Markermeer",
      age_lo=20, age_hi=35, details=["shoes", "teeth"], inv=["face", "dna_db"], reward=15000, tags=["water"]),
    c("Lotte Zwart", "f", "2004-07-10", "Haarlem", "bike", "in Haarlem", "Haarlem, Kenaupark",
      age=15, persona="pupil", family="sports", days=2, found_loc="bij het station van Bloemendaal", spot="station",
      details=["sighting"], inv=["search", "tv"], reward=20000, tags=["fiets"], status="solved", outcome_year=2021),
    c("Cor Kaandorp", "m", "1995", "Zaandam", "home", "aan de Westzijde in Zaandam", "Zaandam, Westzijde",
      age=62, persona="retired", family="alone", details=["bag", "argument"], inv=["dna", "heard"], reward=10000,
      tags=["dorp"]),
    # --- Amsterdam
    c("Saskia Meijer", "f", "1992-02-08", "Amsterdam", "street", "op de Nieuwmarkt in Amsterdam", "Amsterdam, Nieuwmarkt",
      age=28, persona="musician", family="new_job", details=["scooter", "dogman"], inv=["heard", "dna"], reward=20000,
      tags=["straat"], ar=("ساسكيا ميير", "ساسكيا"), ru=dict(nom="Саския Мейер", first="Саския")),
    c("Youssef El Amrani", "m", "2012-03-24", "Amsterdam", "night", "in de Jordaan in Amsterdam", "Amsterdam, Lijnbaansgracht",
      age=24, persona="student", family="parents", details=["phone"], inv=["search", "tv"], reward=15000,
      tags=["gracht"], ar=("يوسف العمراني", "يوسف")),
    c("Jacoba Verhoef", "f", "1979-12-22", "Amsterdam", "water", "in Amsterdam-Noord", "Amsterdam, Noordhollandsch Kanaal",
      age=45, persona="cleaner", family="married", days=7, found_loc="in het Noordhollandsch Kanaal", spot="canal",
      details=["letter"], inv=["released", "dna"], reward=15000, tags=["water"], photo2=True),
    c("Erik Stam", "m", "2000-09-16", "Amsterdam", "shop", "in de Pijp in Amsterdam", "Amsterdam, Ferdinand Bolstraat",
      age=47, persona="shop", family="married", details=["scooter", "cash"], inv=["released", "dna"], reward=20000,
      tags=["centrum"], status="solved", outcome_year=2018),
    c("Onbekende vrouw", "f", "1988-06-05", "Amsterdam", "u_water", "bij de Berlagebrug in Amsterdam", "Amsterdam, Amstel",
      age_lo=18, age_hi=30, details=["earring", "teeth"], inv=["isotope", "face"], reward=15000, tags=["rivier"],
      slug="onbekende-vrouw-amstel-1988", ar=("", "")),
    # --- Den Haag
    c("Mirjam de Graaf", "f", "1997-01-11", "Den Haag", "home", "in de Schilderswijk in Den Haag", "Den Haag, Hoefkade",
      age=34, persona="nurse", family="married", details=["argument"], inv=["heard", "dna"], reward=15000, tags=["straat"],
      ar=("ميريام دي خراف", "ميريام")),
    c("Willem Verkerk", "m", "1982-08-28", "Leiden", "water", "in Leiden", "Leiden, Rapenburg",
      age=22, persona="student", family="parents", days=5, found_loc="in de Oude Rijn bij Leiderdorp", spot="canal",
      details=["sighting"], inv=["heard", "tv"], reward=10000, tags=["gracht"]),
    c("Onbekende man", "m", "2002-11-09", "Katwijk", "u_beach", "op het strand van Katwijk", "Katwijk, strand bij de Uitwatering",
      age_lo=35, age_hi=55, details=["hip", "watch"], inv=["dna_db", "interpol"], reward=10000, tags=["strand"],
      ar=("", "")),
    c("Petra Hoogland", "f", "2006-04", "Delft", "bike", "in Delft", "Delft, Westvest",
      age=41, persona="teacher", family="married", days=3, found_loc="bij het Delftse Hout", spot="woods",
      details=["phone"], inv=["search", "tv"], reward=15000, tags=["fiets", "gracht"]),
    c("Mohamed Aziz", "m", "2015-06-13", "Den Haag", "street", "in Transvaal in Den Haag", "Den Haag, Paul Krugerlaan",
      age=19, persona="student", family="sports", details=["scooter"], inv=["heard", "dna"], reward=20000, tags=["straat"],
      slug="mohamed-aziz-2015", ar=("محمد عزيز", "محمد")),
    # --- Rotterdam
    c("Ingrid Wessels", "f", "1984-04-07", "Rotterdam", "night", "op de Witte de Withstraat in Rotterdam", "Rotterdam, Witte de Withstraat",
      age=21, persona="bar", family="alone", details=["lift", "van"], inv=["search", "heard"], reward=15000,
      tags=["centrum"], ar=("إنغريد فيسلز", "إنغريد")),
    c("Arie van der Linden", "m", "1990-03-03", "Rotterdam", "water", "in Rotterdam-Zuid", "Rotterdam, Waalhaven",
      age=36, persona="driver", family="married", days=10, found_loc="in de Nieuwe Maas", spot="harbour",
      details=["debt", "argument"], inv=["released", "dna"], reward=20000, tags=["haven"], photo2=True),
    c("Onbekende vrouw", "f", "1977-09", "Dordrecht", "u_woods", "in de Biesbosch", "Dordrecht, Biesbosch",
      age_lo=25, age_hi=40, details=["coat", "teeth"], inv=["face", "isotope"], reward=15000, tags=["polder"],
      slug="onbekende-vrouw-biesbosch-1977"),
    c("Joost Dekker", "m", "2010-12-18", "Gouda", "car", "", "Gouda, Goudse Hout",
      age=52, persona="driver", family="grandchildren", days=2, found_loc="bij de Reeuwijkse Plassen", spot="polder",
      details=["phone", "debt"], inv=["search", "tv"], reward=15000, tags=["auto", "polder"]),
    c("Hanneke Smits", "f", "1975-05-24", "Rotterdam", "home", "in Kralingen in Rotterdam", "Rotterdam, Kralingse Plaslaan",
      age=30, persona="hair", family="alone", details=["necklace", "letter"], inv=["heard", "dna"], reward=15000,
      tags=["straat"], ru=dict(nom="Ханнеке Смитс", first="Ханнеке")),
    # --- Zeeland-West-Brabant
    c("Marinus Louwerse", "m", "1988-02-20", "Middelburg", "road", "vanuit Middelburg", "Middelburg, Walcherse Dijk",
      age=57, persona="farmer", family="married", days=1, found_loc="in de berm van de Veerseweg", spot="polder",
      details=["red_car"], inv=["heard", "released"], reward=10000, tags=["dijk", "polder"]),
    c("Onbekende man", "m", "1999-01-16", "Vlissingen", "u_beach", "op het strand bij Vlissingen", "Vlissingen, Nollestrand",
      age_lo=45, age_hi=65, details=["ring"], inv=["dna_db", "interpol"], reward=15000, tags=["duinen"]),
    c("Kim Verschuren", "f", "2013-08-24", "Breda", "station", "in Breda", "Breda, station",
      age=23, persona="cashier", family="new_job", details=["sighting", "phone"], inv=["search", "tv"], reward=20000,
      tags=["spoor"], ar=("كيم فرسخورن", "كيم")),
    c("Adriaan Mol", "m", "1981-11-13", "Tilburg", "street", "op de Korvelseweg in Tilburg", "Tilburg, Korvelseweg",
      age=42, persona="factory", family="married", details=["argument", "scooter"], inv=["released", "heard"],
      reward=15000, tags=["straat"], status="closed", outcome_year=2024),
    c("Lenie de Witte", "f", "1973", "Terneuzen", "water", "in Terneuzen", "Terneuzen, Kanaal Gent-Terneuzen",
      age=29, persona="cleaner", family="married", days=8, found_loc="in het kanaal bij Sluiskil", spot="canal",
      details=["van"], inv=["heard", "tv"], reward=10000, tags=["water"]),
    # --- Oost-Brabant
    c("Bart van Gils", "m", "2003-06-07", "Eindhoven", "night", "op Stratumseind in Eindhoven", "Eindhoven, Stratumseind",
      age=22, persona="student", family="sports", details=["phone", "lift"], inv=["search", "tv"], reward=20000,
      tags=["centrum"], ru=dict(nom="Барт ван Гилс", first="Барт")),
    c("Mieke Raaijmakers", "f", "1995-10-21", "Oss", "woods", "", "Oss, Vorstengrafdonk",
      age=33, persona="cashier", family="married", days=14, found_loc="in een bosje bij de Vorstengrafdonk", spot="woods",
      details=["lift", "bag"], inv=["heard", "dna"], reward=15000, tags=["bos"], ar=("ميكه رايماكرز", "ميكه")),
    c("Henk van den Heuvel", "m", "1979-03", "Eindhoven", "shop", "in Woensel in Eindhoven", "Eindhoven, Woenselse Markt",
      age=61, persona="shop", family="grandchildren", details=["cash"], inv=["released", "tv"], reward=10000,
      tags=["centrum"]),
    c("Onbekende vrouw", "f", "2008-05-17", "Eindhoven", "u_woods", "op de Strabrechtse Heide", "Eindhoven, Strabrechtse Heide",
      age_lo=50, age_hi=70, details=["hip"], inv=["dna_db", "face"], reward=10000, tags=["heide"],
      slug="onbekende-vrouw-strabrechtse-heide-2008"),
    # --- Limburg
    c("Jos Brouwers", "m", "1991-09-28", "Maastricht", "water", "in Maastricht", "Maastricht, Maasboulevard",
      age=25, persona="musician", family="alone", days=4, found_loc="in de Maas bij Borgharen", spot="river",
      details=["sighting", "argument"], inv=["heard", "dna"], reward=15000, tags=["rivier"],
      ar=("يوس براورز", "يوس")),
    c("Anja Hermans", "f", "1986-01-04", "Heerlen", "home", "in Heerlerheide", "Heerlen, Heerlerheide",
      age=38, persona="cleaner", family="married", details=["argument", "letter"], inv=["released", "dna"],
      reward=15000, tags=["dorp"], status="solved", outcome_year=2020),
    c("Roel Janssen", "m", "2007-02-10", "Venlo", "car", "", "Venlo, Maaskade",
      age=39, persona="driver", family="married", days=6, found_loc="op een parkeerplaats bij de Duitse grens", spot="road",
      details=["debt", "phone"], inv=["search", "released"], reward=20000, tags=["auto", "snelweg"], photo2=True),
    c("Onbekende man", "m", "1994-12-02", "Roermond", "u_water", "in de Maasplassen bij Roermond", "Roermond, Maasplassen",
      age_lo=30, age_hi=50, details=["tattoo", "teeth"], inv=["isotope", "interpol"], reward=15000, tags=["water"]),
    # --- more, across the country
    c("Yvonne Bakker", "f", "2016-03-19", "Almere", "bike", "in Almere Haven", "Almere, Havenkom",
      age=44, persona="nurse", family="married", days=1, found_loc="aan het Gooimeer", spot="harbour",
      details=["phone", "dogman"], inv=["search", "tv"], reward=15000, tags=["fiets", "haven"]),
    c("Gijs Terpstra", "m", "1977-08-13", "Leeuwarden", "road", "vanuit Leeuwarden", "Leeuwarden, Harlingerstraatweg",
      age=20, persona="factory", family="parents", days=2, found_loc="in een sloot langs de Harlingerstraatweg", spot="polder",
      details=["red_car"], inv=["heard", "tv"], reward=10000, tags=["polder", "fiets"]),
    c("Hatice Yilmaz", "f", "2002-04-27", "Zaandam", "street", "bij het Zaantheater in Zaandam", "Zaandam, Gedempte Gracht",
      age=27, persona="teacher", family="married", details=["van"], inv=["heard", "dna"], reward=15000, tags=["straat"],
      ar=("خديجة يلماز", "خديجة")),
    c("Frank Wijnberg", "m", "1996-11-30", "Arnhem", "station", "in Arnhem", "Arnhem, Centraal Station",
      age=35, persona="postal", family="alone", details=["sighting"], inv=["search", "heard"], reward=10000, tags=["spoor"],
      status="solved", outcome_year=2025),
    c("Truus Ottens", "f", "1984", "Groningen", "woods", "", "Groningen, Kardinge",
      age=52, persona="cleaner", family="grandchildren", days=10, found_loc="in het recreatiegebied Kardinge", spot="woods",
      details=["bag"], inv=["released", "dna"], reward=10000, tags=["bos"]),
    c("Onbekende man", "m", "1981-07", "Den Helder", "u_beach", "op het strand bij Huisduinen", "Den Helder, Huisduinen",
      age_lo=20, age_hi=30, details=["watch"], inv=["face", "dna_db"], reward=10000, tags=["strand"]),
    c("Nicole Vos", "f", "2014-01-25", "Hengelo", "night", "in het centrum van Hengelo", "Hengelo, Markt",
      age=31, persona="hair", family="new_job", details=["lift", "phone"], inv=["search", "tv"], reward=15000,
      tags=["centrum"], ar=("نيكول فوس", "نيكول")),
    c("Ton Kuijpers", "m", "1992-07-04", "Roermond", "shop", "in de binnenstad van Roermond", "Roermond, Steenweg",
      age=55, persona="shop", family="married", details=["cash", "red_car"], inv=["released", "heard"], reward=15000,
      tags=["centrum"]),
    c("Onbekende vrouw", "f", "2011-10-01", "Zwolle", "u_woods", "bij een fietspad langs de Vecht", "Zwolle, Vechtoever",
      age_lo=60, age_hi=80, details=["coat", "hip"], inv=["dna_db", "interpol"], reward=10000, tags=["rivier"],
      slug="onbekende-vrouw-vecht-2011"),
    c("Stefan Pieters", "m", "2005-09-03", "Maastricht", "night", "op het Vrijthof in Maastricht", "Maastricht, Vrijthof",
      age=26, persona="mechanic", family="new_job", details=["sighting", "lift"], inv=["search", "heard"], reward=15000,
      tags=["centrum"]),
    c("Ria Hendriks", "f", "1980-06-14", "Nijmegen", "road", "vanuit Nijmegen", "Nijmegen, Waaldijk",
      age=17, persona="pupil", family="parents", days=3, found_loc="aan de voet van de Waaldijk bij Ooij", spot="river",
      details=["red_car", "dogman"], inv=["heard", "dna"], reward=20000, tags=["dijk"]),
    c("Wim Sterk", "m", "1989", "Lelystad", "home", "in Lelystad-Haven", "Lelystad, Houtribweg",
      age=49, persona="skipper", family="alone", details=["debt"], inv=["released", "heard"], reward=10000, tags=["haven"]),
    c("Astrid Mulder", "f", "2010-02-27", "Amersfoort", "car", "", "Amersfoort, Leusderheide",
      age=46, persona="teacher", family="married", days=3, found_loc="op de Leusderheide", spot="woods",
      details=["phone"], inv=["search", "tv"], reward=15000, tags=["auto", "heide"]),
]
# fmt: on


# Names in Arabic and Russian script, for the translations into those languages (name, first name).
NAMES = {
    "Gerrit Westerveld": ("خيريت فسترفيلد", "خيريت", "Геррит Вестервелд", "Геррит"),
    "Ilse Brinkhorst": ("إلسه برينكهورست", "إلسه", "Ильзе Бринкхорст", "Ильзе"),
    "Hendrik Nijland": ("هندريك نايلاند", "هندريك", "Хендрик Нейланд", "Хендрик"),
    "Johanna Kuipers": ("يوهانا كاوبرز", "يوهانا", "Йоханна Кёйперс", "Йоханна"),
    "Ruud Oosterhof": ("رود أوسترهوف", "رود", "Рюд Остерхоф", "Рюд"),
    "Annemiek Scholten": ("أنميك سخولتن", "أنميك", "Аннемик Схолтен", "Аннемик"),
    "Dirk Jan Veneklaas": ("ديرك يان فينكلاس", "ديرك يان", "Дирк Ян Венеклас", "Дирк Ян"),
    "Wietske Dijkstra": ("فيتسكه دايكسترا", "فيتسكه", "Витске Дейкстра", "Витске"),
    "Harm Zuidema": ("هارم زاوديما", "هارم", "Харм Зёйдема", "Харм"),
    "Sietske de Boer": ("سيتسكه دي بور", "سيتسكه", "Ситске де Бур", "Ситске"),
    "Jakob Huizinga": ("ياكوب هاوزينغا", "ياكوب", "Якоб Хёйзинга", "Якоб"),
    "Grietje Bos": ("خريتيه بوس", "خريتيه", "Хритье Бос", "Хритье"),
    "Rinze Kooistra": ("رينزه كويسترا", "رينزه", "Ринзе Койстра", "Ринзе"),
    "Peter Wolters": ("بيتر فولترز", "بيتر", "Петер Волтерс", "Петер"),
    "Naima Belhaj": ("نعيمة بلحاج", "نعيمة", "Наима Бельхадж", "Наима"),
    "Bas Vermeulen": ("باس فيرمولن", "باس", "Бас Вермёлен", "Бас"),
    "Femke Groot": ("فيمكه خروت", "فيمكه", "Фемке Грот", "Фемке"),
    "Klaas Schermerhorn": ("كلاس سخيرمرهورن", "كلاس", "Клас Схермерхорн", "Клас"),
    "Lotte Zwart": ("لوته زفارت", "لوته", "Лотте Зварт", "Лотте"),
    "Cor Kaandorp": ("كور كاندورب", "كور", "Кор Кандорп", "Кор"),
    "Youssef El Amrani": ("يوسف العمراني", "يوسف", "Юсеф эль-Амрани", "Юсеф"),
    "Jacoba Verhoef": ("ياكوبا فيرهوف", "ياكوبا", "Якоба Верхуф", "Якоба"),
    "Erik Stam": ("إريك ستام", "إريك", "Эрик Стам", "Эрик"),
    "Mirjam de Graaf": ("ميريام دي خراف", "ميريام", "Мирьям де Граф", "Мирьям"),
    "Willem Verkerk": ("فيليم فيركيرك", "فيليم", "Виллем Веркерк", "Виллем"),
    "Petra Hoogland": ("بيترا هوخلاند", "بيترا", "Петра Хогланд", "Петра"),
    "Mohamed Aziz": ("محمد عزيز", "محمد", "Мохамед Азиз", "Мохамед"),
    "Ingrid Wessels": ("إنغريد فيسلز", "إنغريد", "Ингрид Весселс", "Ингрид"),
    "Arie van der Linden": ("آري فان دير ليندن", "آري", "Ари ван дер Линден", "Ари"),
    "Joost Dekker": ("يوست ديكر", "يوست", "Йост Деккер", "Йост"),
    "Hanneke Smits": ("هانكه سميتس", "هانكه", "Ханнеке Смитс", "Ханнеке"),
    "Marinus Louwerse": ("مارينوس لاوورسه", "مارينوس", "Маринус Лауверсе", "Маринус"),
    "Kim Verschuren": ("كيم فرسخورن", "كيم", "Ким Версхюрен", "Ким"),
    "Adriaan Mol": ("أدريان مول", "أدريان", "Адриан Мол", "Адриан"),
    "Lenie de Witte": ("ليني دي فيته", "ليني", "Лени де Витте", "Лени"),
    "Bart van Gils": ("بارت فان خيلس", "بارت", "Барт ван Гилс", "Барт"),
    "Mieke Raaijmakers": ("ميكه رايماكرز", "ميكه", "Мике Раймакерс", "Мике"),
    "Henk van den Heuvel": ("هنك فان دن هوفل", "هنك", "Хенк ван ден Хёвел", "Хенк"),
    "Jos Brouwers": ("يوس براورز", "يوس", "Йос Брауэрс", "Йос"),
    "Anja Hermans": ("آنيا هرمانس", "آنيا", "Аня Херманс", "Аня"),
    "Roel Janssen": ("رول يانسن", "رول", "Рул Янссен", "Рул"),
    "Yvonne Bakker": ("إيفون باكر", "إيفون", "Ивонне Баккер", "Ивонне"),
    "Gijs Terpstra": ("خايس تيربسترا", "خايس", "Хейс Терпстра", "Хейс"),
    "Hatice Yilmaz": ("خديجة يلماز", "خديجة", "Хатидже Йылмаз", "Хатидже"),
    "Frank Wijnberg": ("فرانك فاينبيرخ", "فرانك", "Франк Вейнберг", "Франк"),
    "Truus Ottens": ("تروس أوتنس", "تروس", "Трюс Оттенс", "Трюс"),
    "Nicole Vos": ("نيكول فوس", "نيكول", "Николь Вос", "Николь"),
    "Ton Kuijpers": ("تون كاوبرز", "تون", "Тон Кёйперс", "Тон"),
    "Stefan Pieters": ("ستيفان بيترز", "ستيفان", "Стефан Питерс", "Стефан"),
    "Ria Hendriks": ("ريا هندريكس", "ريا", "Рия Хендрикс", "Рия"),
    "Wim Sterk": ("فيم ستيرك", "فيم", "Вим Стерк", "Вим"),
    "Astrid Mulder": ("أستريد مولدر", "أستريد", "Астрид Мюлдер", "Астрид"),
    "Esther van Leeuwen": ("إستر فان ليوفن", "إستر", "Эстер ван Леувен", "Эстер"),
    "Marloes Hofstede": ("مارلوس هوفستيده", "مارلوس", "Марлус Хофстеде", "Марлус"),
    "Tim Roelofsen": ("تيم روليفسن", "تيم", "Тим Рулофсен", "Тим"),
    "Saskia Meijer": ("ساسكيا ميير", "ساسكيا", "Саския Мейер", "Саския"),
}


def with_scripts(f: dict) -> dict:
    """The fact sheet with its Arabic and Russian names filled in (unidentified cases need none)."""
    if f["scen"].startswith("u_"):
        return {
            "ar": ("", ""),
            "ru": {},
            **{k: v for k, v in f.items() if v is not None or k not in ("ar", "ru")},
        }
    ar_name, ar_first, ru_name, ru_first = NAMES[f["name"]]
    return {
        **f,
        "ar": f.get("ar") or (ar_name, ar_first),
        "ru": f.get("ru") or dict(nom=ru_name, first=ru_first),
    }


def slugify(text: str) -> str:
    """Turn a name into id characters: lowercase a-z, 0-9 and '-'."""
    text = text.lower().replace("ï", "i").replace("é", "e").replace("ë", "e")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def case_id(f: dict) -> str:
    """The id of a fact sheet: given as slug, or the name and year."""
    return f.get("slug") or f"{slugify(f['name'])}-{str(f['date'])[:4]}"


def pick(options, cid: str, what: str):
    """Pick one of options, stable per case id and purpose."""
    if isinstance(options, str):
        return options
    h = int.from_bytes(hashlib.sha256(f"{cid}:{what}".encode()).digest()[:4], "big")
    return options[h % len(options)]


GENDER = re.compile(r"\[([^\[\]|]*)\|([^\[\]]*)\]")


def render(template: str, g: str, slots: dict) -> str:
    """Resolve [masculine|feminine] pairs for gender g, then fill the {slots}."""
    text = GENDER.sub(lambda m: m.group(1) if g == "m" else m.group(2), template)
    return text.format(**slots)


def parse_date(value: str) -> tuple[int, int | None, int | None]:
    parts = [int(p) for p in str(value).split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)


def when(lang: str, value: str) -> str:
    """The date as a phrase that can start a sentence: 'Op 15 maart 1994', 'In maart 1994', 'In 1994'."""
    y, m, d = parse_date(value)
    if lang == "nl":
        return (
            f"Op {d} {T.MONTHS['nl'][m - 1]} {y}"
            if d
            else (f"In {T.MONTHS['nl'][m - 1]} {y}" if m else f"In {y}")
        )
    if lang == "en":
        return (
            f"On {d} {T.MONTHS['en'][m - 1]} {y}"
            if d
            else (f"In {T.MONTHS['en'][m - 1]} {y}" if m else f"In {y}")
        )
    if lang == "es":
        return (
            f"El {d} de {T.MONTHS['es'][m - 1]} de {y}"
            if d
            else (f"En {T.MONTHS['es'][m - 1]} de {y}" if m else f"En {y}")
        )
    if lang == "ar":
        return (
            f"في {d} {T.MONTHS['ar'][m - 1]} {y}"
            if d
            else (f"في {T.MONTHS['ar'][m - 1]} {y}" if m else f"في عام {y}")
        )
    if lang == "ru":
        return (
            f"{d} {T.MONTHS['ru_gen'][m - 1]} {y} года"
            if d
            else (f"В {T.MONTHS['ru_prep'][m - 1]} {y} года" if m else f"В {y} году")
        )
    raise ValueError(lang)


def reward_text(lang: str, amount: int) -> str:
    """The reward as written in running text of that language."""
    if lang == "nl":
        return "€ " + f"{amount:,}".replace(",", ".")
    if lang == "en":
        return f"€{amount:,}"
    if lang == "es":
        return f"{amount:,}".replace(",", ".") + " euros"
    if lang == "ar":
        return f"{amount:,} يورو"
    return f"{amount:,}".replace(",", "\u00a0") + " евро"


def ru_forms(nom: str, first: str, g: str) -> dict:
    """Russian case forms of a Dutch name: women's names in -а/-я decline, men's names in a consonant decline."""

    def decl(word: str, case: str) -> str:
        if g == "f" or word.endswith("а"):
            if word.endswith("а"):
                return word[:-1] + {"acc": "у", "gen": "ы", "ins": "ой"}[case]
            if word.endswith("я") and g == "f":
                return word[:-1] + {"acc": "ю", "gen": "и", "ins": "ей"}[case]
            return word
        if word[-1] in "бвгджзклмнпрстфхцчшщ":
            return word + {"acc": "а", "gen": "а", "ins": "ом"}[case]
        return word

    def words(text: str, case: str) -> str:
        return " ".join(decl(w, case) for w in text.split(" "))

    def whole(case: str) -> str:
        words = nom.split(" ")
        if g == "f":  # Dutch surnames of women do not decline in Russian
            return " ".join([decl(words[0], case)] + words[1:])
        return " ".join(w if w in ("ван", "де", "дер", "ден") else decl(w, case) for w in words)

    return dict(
        name=nom,
        name_acc=whole("acc"),
        name_gen=whole("gen"),
        name_ins=whole("ins"),
        first=first,
        first_acc=words(first, "acc"),
        first_gen=words(first, "gen"),
    )


def add_days(value: str, days: int) -> dt.date:
    y, m, d = parse_date(value)
    return dt.date(y, m, d) + dt.timedelta(days=days)


def fill(f: dict, lang: str) -> dict:
    """The slots for the templates of one language."""
    y, _m, _d = parse_date(f["date"])
    unknown = f["scen"].startswith("u_")
    city = f["city"]
    first = f.get("first") or f["name"].split(" ")[0]
    slots = dict(
        year=y,
        age=f.get("age", ""),
        age_lo=f.get("age_lo", ""),
        age_hi=f.get("age_hi", ""),
        reward=reward_text(lang, f["reward"]) if f.get("reward") else "",
        outcome_year=f.get("outcome_year", ""),
        found_loc=f.get("found_loc", ""),
    )
    w = when(lang, f["date"])
    slots["When"], slots["when"] = w, (w[0].lower() + w[1:] if lang in ("nl", "en", "es") else w)
    if f.get("days"):
        slots["days"] = T.NUMBER_WORDS[lang][f["days"]]
        slots["later"] = T.LATER[lang]
    if lang == "nl":
        slots.update(
            name=f["name"], first=first, city=city, loc=(f["loc"] or f"in {city}").replace("  ", " ")
        )
    elif lang in ("en", "es"):
        slots.update(name=f["name"], first=first, city=T.CITY_OTHER[lang].get(city, city))
    elif lang == "ar":
        ar_name, ar_first = f["ar"]
        slots.update(name=ar_name, first=ar_first, city=T.CITY["ar"][city])
    elif lang == "ru":
        nom, loc = T.CITY["ru"][city]
        slots.update(city=nom, city_loc=loc)
        if not unknown:
            slots.update(ru_forms(f["ru"]["nom"], f["ru"]["first"], f["g"]))
    if unknown:
        slots.setdefault("first", "")
    return slots


def texts(f: dict, lang: str) -> dict:
    """All translatable texts of one case in one language: title, place, summary, question, body, labels."""
    cid, g, scen = case_id(f), f["g"], f["scen"]
    kind = SCENARIOS[scen][0]
    status = f.get("status", "open")
    s = fill(f, lang)
    r = lambda tpl: render(tpl, g, s)  # noqa: E731
    title = r(pick(T.TITLE[kind][lang], cid, "title"))
    event = r(pick(T.EVENT[scen][lang], cid, "event"))
    found = r(T.FOUND[scen][lang]) if scen in T.FOUND else ""
    if lang == "nl" and found and not f.get("found_loc"):
        found = found.replace("  ", " ")
    found = re.sub(r"\s+\.", ".", found)
    details = [r(T.DETAIL[d][lang]) for d in f.get("details", [])]
    inv = [r(T.INVESTIGATION[i][lang]) for i in f.get("inv", [])]
    now = r(pick(T.NOW[kind][lang], cid, "now"))
    question = r(pick(T.QUESTION["unidentified" if kind == "unidentified" else scen][lang], cid, "question"))
    if f.get("reward"):
        appeal = r(pick(T.APPEAL[lang], cid, "appeal"))
    else:
        appeal = T.APPEAL_NO_REWARD[lang]
    paragraphs = []
    if kind == "unidentified":
        describe = r(T.DESCRIBE[lang])
        summary_parts = [event, describe] + details[:1] + ([now] if status == "open" else [])
        paragraphs.append(event + " " + inv[0])
        paragraphs.append(" ".join([describe] + details))
        paragraphs.append(" ".join(inv[1:] + [now]))
    else:
        summary_parts = (
            [event] + ([found] if found else []) + details[:1] + ([now] if status == "open" else [])
        )
        paragraphs.append(
            r(T.PERSONA_LINE[lang].replace("{persona}", T.PERSONA[f["persona"]][lang]))
            + " "
            + r(T.FAMILY[f["family"]][lang])
        )
        paragraphs.append(" ".join([event] + ([found] if found else []) + details))
        paragraphs.append(" ".join(inv + [now]))
    if status == "open":
        paragraphs.append(appeal)
        paragraphs.append(f"*{question}*")
    else:
        summary_parts.append(r(T.OUTCOME_SHORT[status][lang]))
        paragraphs.append(r(T.OUTCOME[(status, kind)][lang]))
    summary = " ".join(summary_parts)
    while len(summary) > LIMITS["summary"] and len(summary_parts) > 2:
        summary_parts.pop(-2)
        summary = " ".join(summary_parts)
    labels = {}
    for key, _offset in SCENARIOS[scen][1]:
        labels[key] = r(T.KEY_LABEL[key][lang])
    if lang == "nl":
        place = f["place"]
    elif lang in ("en", "es"):
        place = f["place"].replace("Den Haag", T.CITY_OTHER[lang].get("Den Haag", "Den Haag"))
    else:
        city = s["city"]
        place = (
            f"{city}، {T.SPOT[f.get('spot', 'street')][lang]}"
            if lang == "ar"
            else f"{city}, {T.SPOT[f.get('spot', 'street')][lang]}"
        )
    return dict(
        title=title,
        place=place,
        summary=summary,
        question=question,
        body="\n\n".join(paragraphs),
        labels=labels,
    )


def yaml_str(value: str) -> str:
    """A YAML scalar for value: plain when that reads back unchanged, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value} and not value.startswith(("*", "&", "!", "'", '"')):
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def folded(value: str, indent: str = "  ") -> str:
    """A folded block scalar (>-) wrapped at 110 columns."""
    lines = textwrap.wrap(value, 110 - len(indent), break_long_words=False, break_on_hyphens=False)
    return ">-\n" + "\n".join(indent + line for line in lines)


def photo_list(f: dict) -> list[str]:
    """The photos of a case, the printed one first: a drawn portrait of every named victim (a real edition
    shows the person), then the scene(s)."""
    scenes = ["photo.jpg", "photo-2.jpg"] if f.get("photo2") else ["photo.jpg"]
    named = SCENARIOS[f["scen"]][0] != "unidentified"
    return ([PORTRAIT] if named else []) + scenes


#: The drawn portrait's file name (scripts/make_sample_photos.py draws a face, never a real person's).
PORTRAIT = "portrait.jpg"


def key_dates(f: dict) -> list[tuple[str, dt.date]]:
    """The (label key, date) pairs of a case with a full date; none when only month or year is known."""
    y, m, d = parse_date(f["date"])
    if not d:
        return []
    out = []
    for key, offset in SCENARIOS[f["scen"]][1]:
        if offset is None:
            if not f.get("days"):
                continue
            out.append((key, add_days(f["date"], f["days"])))
        else:
            out.append((key, dt.date(y, m, d)))
    return out


def consent_date(cid: str) -> str:
    h = int.from_bytes(hashlib.sha256(f"{cid}:consent".encode()).digest()[:4], "big")
    return (dt.date(2026, 1, 12) + dt.timedelta(days=h % 280)).isoformat()


def captions(f: dict, lang: str) -> list[str]:
    tags = f.get("tags", [])
    scenes = [name for name in photo_list(f) if name != PORTRAIT]
    return ([T.CAPTION["portrait"][lang]] if PORTRAIT in photo_list(f) else []) + [
        T.CAPTION[scene_for(case_id(f), tags, i)][lang] for i in range(len(scenes))]


def date_yaml(value: str) -> str:
    y, m, d = parse_date(value)
    return str(value) if d or not m else f'"{value}"'


def write_case(root: Path, f: dict, number: int) -> list[str]:
    """Write the folder of one case; return the languages written."""
    cid = case_id(f)
    scen = f["scen"]
    kind = SCENARIOS[scen][0]
    status = f.get("status", "open")
    unit_code = CITY_UNIT[f["city"]]
    nl = texts(f, "nl")
    y = parse_date(f["date"])[0]
    decade = f"{(y // 10) * 10}s"
    tags = f.get("tags", []) + [slugify(f["city"]), decade]
    lines = [
        "---",
        f"id: {cid}",
        "language: nl",
        f"title: {yaml_str(nl['title'])}",
        f"kind: {kind}",
        f"status: {status}",
        "victim:",
        f"  name: {yaml_str(f['name'])}",
    ]
    if f.get("born"):
        lines.append(f"  born: {date_yaml(f['born'])}")
    if f.get("age"):
        lines.append(f"  age: {f['age']}")
    lines += [
        f"date: {date_yaml(f['date'])}",
        f"place: {yaml_str(f['place'])}",
        f"unit: {UNITS[unit_code]}",
        f"reference: {y}-{unit_code}-{(number * 37) % 900 + 100:04d}",
    ]
    if f.get("reward"):
        lines.append(f"reward: {f['reward']}")
    lines.append("photos:")
    for name, caption in zip(photo_list(f), captions(f, "nl"), strict=True):
        lines += [
            f"  - file: {name}",
            "    illustration: true",
            f"    caption: {yaml_str(caption)}",
            f"    credit: {CREDITS['nl']}",
        ]
    kds = key_dates(f)
    if kds:
        lines.append("key_dates:")
        for key, day in kds:
            lines += [f"  - date: {day.isoformat()}", f"    label: {yaml_str(nl['labels'][key])}"]
    lines += [
        f"summary: {folded(nl['summary'])}",
        f"question: {folded(nl['question'])}",
        "consent:",
        "  family: true",
        f"  recorded: {consent_date(cid)}",
        f"tags: [{', '.join(tags)}]",
        "---",
        nl["body"],
        "",
    ]
    folder = root / cid
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.md").write_text("\n".join(lines), encoding="utf-8")
    check(folder / "case.md", nl)
    langs = ["nl"]
    for lang in ("en", "es", "ar", "ru"):
        if lang in ("en", "es"):
            f = {**f, lang: True}
        if f.get(lang) is None:  # Arabic and Russian only where the fact sheet gives the name
            continue
        tr = texts(f, lang)
        out = [
            "---",
            f"title: {yaml_str(tr['title'])}",
        ]
        if f["name"] in UNNAMED:  # the person without a name is named in the translation's language
            out += ["victim:", f"  name: {yaml_str(UNNAMED[f['name']][lang])}"]
        out += [
            f"place: {yaml_str(tr['place'])}",
            f"summary: {folded(tr['summary'])}",
            f"question: {folded(tr['question'])}",
        ]
        if kds:
            out.append("key_dates:")
            for key, day in kds:
                out += [f"  - date: {day.isoformat()}", f"    label: {yaml_str(tr['labels'][key])}"]
        out.append("photos:")
        for cap in captions(f, lang):
            out += [f"  - caption: {yaml_str(cap)}", f"    credit: {yaml_str(CREDITS[lang])}"]
        out += ["---", tr["body"], ""]
        (folder / f"case.{lang}.md").write_text("\n".join(out), encoding="utf-8")
        check(folder / f"case.{lang}.md", tr)
        langs.append(lang)
    return langs


#: The photo credit of the drawn sample pictures, and the names of people without one, in each language.
CREDITS = {"nl": "Voorbeelddata, getekend", "en": "Sample data, drawn", "es": "Datos de ejemplo, dibujo",
           "ar": "بيانات نموذجية، رسم", "ru": "Пример данных, рисунок"}
UNNAMED = {
    "Onbekende man": {"en": "Unknown man", "es": "Hombre desconocido", "ar": "رجل مجهول",
                      "ru": "Неизвестный мужчина"},
    "Onbekende vrouw": {"en": "Unknown woman", "es": "Mujer desconocida", "ar": "امرأة مجهولة",
                        "ru": "Неизвестная женщина"},
}


def check(path: Path, tx: dict) -> None:
    """Fail loudly when a generated file would break the format's limits or not read back."""
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n", 1)[0][4:])
    for field in ("title", "summary", "question", "place"):
        if len(meta[field]) > LIMITS[field]:
            raise ValueError(f"{path}: '{field}' is {len(meta[field])} characters: {meta[field]}")
        if meta[field] != tx[field]:
            raise ValueError(f"{path}: '{field}' does not read back: {meta[field]!r}")
    for kd in meta.get("key_dates") or []:
        if len(kd["label"]) > LIMITS["label"]:
            raise ValueError(f"{path}: label too long: {kd['label']}")
    for p in meta.get("photos") or []:
        if len(p.get("caption", "")) > LIMITS["caption"]:
            raise ValueError(f"{path}: caption too long")
    leftover = re.search(r"[\[\]{}]", path.read_text(encoding="utf-8").split("\n---\n", 1)[1])
    if leftover:
        raise ValueError(f"{path}: template residue near {leftover.start()}")


#: Visibly fictional, so that nobody dials or writes to a real service: the number has only zeros after
#: the free-call prefix, "Voorbeeldstad" is no town, and `.invalid` is a top-level domain that can never
#: exist (RFC 2606). The edition's title says "voorbeeld" too.
TIPLINE = dict(
    phone="0800-0000",
    postal="Antwoordnummer 00000, 9999 ZZ Voorbeeldstad",
    email="tips@coldcase-voorbeeld.invalid",
    web="https://coldcase-voorbeeld.invalid/tips",
)
# (code, name, kind, copies); the 2027 edition adds two points
DISTRIBUTION = [
    ("PI-VUGHT", "PI Vught", "prison", 700),
    ("PI-ZWOLLE", "PI Zwolle", "prison", 450),
    ("PI-NIEUWEGEIN", "PI Nieuwegein", "prison", 400),
    ("PI-LELYSTAD", "PI Lelystad", "prison", 500),
    ("PI-HEERHUGOWAARD", "PI Heerhugowaard", "prison", 550),
    ("PI-ROTTERDAM-DE-SCHIE", "PI Rotterdam De Schie", "prison", 350),
    ("RN-UTRECHT", "Reclassering Utrecht", "probation", 250),
    ("RN-AMSTERDAM", "Reclassering Amsterdam", "probation", 300),
    ("FPC-VELDZICHT", "FPC Veldzicht", "clinic", 120),
]
DISTRIBUTION_2027 = [
    ("PI-LEEUWARDEN", "PI Leeuwarden", "prison", 300),
    ("RN-ROTTERDAM", "Reclassering Rotterdam", "probation", 250),
]


def edition_weeks(open_ids: list[str], year: int) -> list[str]:
    """52 open cases in a mixed order: 2026 takes the first 52 of a stable shuffle, 2027 the last 52."""
    order = sorted(open_ids, key=lambda cid: hashlib.sha256(f"order:{cid}".encode()).hexdigest())
    chosen = order[:52] if year == 2026 else order[-52:]
    return sorted(chosen, key=lambda cid: hashlib.sha256(f"{year}:{cid}".encode()).hexdigest())


def write_edition(root: Path, year: int, open_ids: list[str]) -> None:
    """Write cases/editions/<year>.yaml."""
    weeks = edition_weeks(open_ids, year)
    points = DISTRIBUTION + (DISTRIBUTION_2027 if year >= 2027 else [])
    lines = [
        f"# Sample edition {year}: invented cases, a visibly fictional tip line (see cases/README.md).",
        f"year: {year}",
        f"title: Cold case kalender {year} (voorbeeld)",
        "sample: true                            # invented cases and fictional contacts: never for distribution",
        "languages: [nl, en, es, ar, ru]",
        "tipline:",
    ]
    lines += [f"  {k}: {v}" for k, v in TIPLINE.items()]
    lines.append("weeks:")
    lines += [f"  - {cid}    # week {n}" for n, cid in enumerate(weeks, start=1)]
    # Days many readers keep, from Suriname's calendar in the holidays library (with Dutch names).
    lines += ["print_profile: fogra39", "observances:", "  - country: SR", "    holiday: Eid al-Fitr",
              "  - country: SR", "    holiday: Eid al-Adha", "  - country: SR", "    holiday: Diwali"]
    lines.append("distribution:")
    for code, name, kind, copies in points:
        copies = copies if year == 2026 else int(copies * 1.1)
        lines += [f"  - code: {code}", f"    name: {name}", f"    kind: {kind}", f"    copies: {copies}"]
    (root / "editions").mkdir(parents=True, exist_ok=True)
    (root / "editions" / f"{year}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = yaml.safe_load((root / "editions" / f"{year}.yaml").read_text(encoding="utf-8"))
    assert len(data["weeks"]) == 52 == len(set(data["weeks"])), year


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "cases"
    seen: set[str] = set()
    counts: dict[str, int] = {}
    for number, f in enumerate(CASES, start=1):
        f = with_scripts(f)
        cid = case_id(f)
        if cid in seen:
            raise ValueError(f"duplicate id {cid}")
        seen.add(cid)
        for lang in write_case(root, f, number):
            counts[lang] = counts.get(lang, 0) + 1
    open_ids = [case_id(f) for f in CASES if f.get("status", "open") == "open"]
    for year in (2026, 2027):
        write_edition(root, year, open_ids)
    print(f"{len(CASES)} cases, {len(open_ids)} open; files per language: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
