"""The dashboard, its charts, CSV and PDF report in the reader's language: the remembered figures are shared by
readers of every language and said in each reader's language only when shown."""

import datetime
import re

import flask_babel
import pytest

from coldcase.analytics import memo
from coldcase.analytics.filters import YieldFilter
from coldcase.analytics.report import css_content, report_html
from coldcase.analytics.words import ENGLISH, N_, Joined, Nn_, Translator
from coldcase.cases.store import store_for

D = datetime.date

#: What the Dutch page must say, and the English it must no longer say.
DUTCH = ("Edities naast elkaar", "Per zaak", "Per ISO-week", "Effect van de uitgelichte week per zaak",
         "Per kanaal in de tijd", "Per verspreidingspunt", "Afhandeltijden", "Openstaande tips naar leeftijd",
         "Terugkerende melders", "Kalibratie van de triagescore", "Rangschikt de score de tips goed?",
         "Gedrukte exemplaren", "Tips per 1.000 exemplaren", "Week van de zaak", "Zaak van de week",
         "te weinig tips om iets te zeggen (minder dan 10)", "Van binnenkomst tot", "eerste beoordeling",
         "tips met een ontvangstcode", "Te weinig beoordeelde tips: 2", "Getoond: alle tips.", "0–7 dagen")
ENGLISH_WORDS = ("Editions side by side", "Per case", "Per ISO week", "Featured-week uplift per case",
                 "Per channel over time", "Per distribution point", "Handling times", "Open tips by age",
                 "Tipsters coming back", "Triage score calibration", "Does the score rank tips well?",
                 "Copies printed", "Tips per 1,000 copies", "Featured week", "too few tips to say",
                 "From arrival to", "first review", "tips with a receipt code", "Not enough graded tips",
                 "Showing: all tips.", "0–7 days")


@pytest.fixture
def tips(make_tip):
    """Three tips of edition 2018 (one open, graded ones closed) about the case featured in week 1."""
    make_tip(D(2018, 1, 2), edition=2018, point_code="PI-VUGHT", outcome="usable", channel="letter",
             case_id="hanneke-smits-1975", reviewed=D(2018, 1, 3), closed=D(2018, 1, 20))
    make_tip(D(2018, 1, 3), edition=2018, point_code="PI-VUGHT", outcome="not_usable", channel="letter",
             case_id="hanneke-smits-1975", reviewed=D(2018, 1, 5), triage_score=40)
    make_tip(D(2026, 11, 20), edition=2018, channel="phone", triage_score=70, outcome="usable",
             case_id="hanneke-smits-1975")


def _other_analyst(app, create_user):
    browser = app.test_client()
    user = create_user("analyst")
    browser.post("/staff/login", data={"email": user.email, "password": user.password})
    return browser


def _chart_words(svg: str) -> list[str]:
    """The texts of a chart: matplotlib writes each text drawn as paths after a comment that holds it."""
    return [text.strip() for text in re.findall(r"<!--(.*?)-->", svg)]


def test_dashboard_in_dutch(analyst, tips):
    page = analyst.get("/staff/yield/?lang=nl").get_data(as_text=True)
    for words in DUTCH:
        assert words in page
    for words in ENGLISH_WORDS:
        assert words not in page
    # Numbers the Dutch way on the page (48,000 copies printed; 33.3% usable).
    row = page.split('<th scope="row">2018</th>', 1)[1].split("</tr>", 1)[0]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[:4]] == ["48.000", "3", "2", "66,7%"]
    assert '<option value="visit" >bezoek in de gevangenis</option>' in page  # the filter's channels
    assert "<td>PI Vught</td><td>gevangenis</td>" in page  # the kind of distribution point


def test_charts_in_dutch(analyst, tips):
    editions = _chart_words(analyst.get("/staff/yield/chart/editions.svg?lang=nl").get_data(as_text=True))
    assert "tips per 1.000 exemplaren" in editions and "bruikbaar per 1.000 exemplaren" in editions
    weeks = _chart_words(analyst.get("/staff/yield/chart/weeks.svg").get_data(as_text=True))  # the cookie
    assert {"ISO-week", "tips", "2018: alle tips", "2018: over de zaak van de week"} <= set(weeks)
    channels = _chart_words(analyst.get("/staff/yield/chart/channels.svg").get_data(as_text=True))
    assert "post" in channels and "telefoon" in channels
    open_age = _chart_words(analyst.get("/staff/yield/chart/open_age.svg").get_data(as_text=True))
    assert "0–7 dagen" in open_age and "openstaande tips" in open_age
    numbers = [words for words in open_age if words[:1].isdigit() and "dagen" not in words]
    assert numbers and all("," in number for number in numbers)  # the axis numbers with a decimal comma


def test_filter_messages_in_dutch(analyst):
    page = analyst.get("/staff/yield/?lang=nl&edition=1999&channel=duif&since=2019-01-01&until=2018-01-01")
    text = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "Er is geen editie 1999 (edities: " in text
    assert "&#39;duif&#39; is geen kanaal (web, phone, letter, email, visit, other)." in text
    assert "Deze periode kan niet: 2019-01-01 ligt na 2018-01-01." in text
    narrowed = analyst.get("/staff/yield/?edition=2018&channel=letter").get_data(as_text=True)
    assert "Getoond: editie 2018, kanaal post." in narrowed


def test_english_reader_right_after_a_dutch_one_reads_english(app, analyst, tips, create_user):
    """The figures, their rendered tables and the charts are remembered per data and filter and shared by
    everyone: a Dutch reader first must not leave Dutch words in them for the next reader."""
    dutch_page = analyst.get("/staff/yield/?lang=nl").get_data(as_text=True)
    dutch_chart = analyst.get("/staff/yield/chart/editions.svg").get_data(as_text=True)
    dutch_csv = analyst.get("/staff/yield/editions.csv").get_data().decode("utf-8-sig")
    remembered = memo.figures_for(YieldFilter(), store_for(app).library(), datetime.datetime.now(datetime.UTC).date())

    english = _other_analyst(app, create_user)
    page = english.get("/staff/yield/?lang=en").get_data(as_text=True)
    for words in ENGLISH_WORDS:
        assert words in page
    for words in DUTCH:
        assert words not in page
    assert '<th scope="row">2018</th><td class="num">48,000</td>' in page
    chart = english.get("/staff/yield/chart/editions.svg").get_data(as_text=True)
    assert "tips per 1,000 copies" in _chart_words(chart) and chart != dutch_chart
    csv_lines = english.get("/staff/yield/editions.csv").get_data().decode("utf-8-sig").splitlines()
    assert csv_lines[0].startswith("Edition;Copies printed;Tips;Usable;Usable %")
    assert "Filter: all tips" in csv_lines
    # Both readers were served from the same remembered figures, which hold no Dutch.
    assert ("sections_html", "nl") in remembered.derived and ("sections_html", "en") in remembered.derived
    assert str(remembered["editions"].title) == "Editions side by side"
    # And the Dutch reader still reads Dutch afterwards, from what is remembered.
    assert analyst.get("/staff/yield/").get_data(as_text=True) == dutch_page
    assert analyst.get("/staff/yield/chart/editions.svg").get_data(as_text=True) == dutch_chart
    assert dutch_csv.splitlines()[0].startswith("Editie;Gedrukte exemplaren;Tips;Bruikbaar;Bruikbaar %")


def test_csv_in_dutch_keeps_the_excel_number_format(analyst, tips):
    lines = analyst.get("/staff/yield/editions.csv?lang=nl&edition=2018").get_data().decode("utf-8-sig")
    lines = lines.splitlines()
    assert lines[0] == ("Editie;Gedrukte exemplaren;Tips;Bruikbaar;Bruikbaar %;Leidde tot heropening;"
                        "Leidde tot een oplossing;Tips per 1.000 exemplaren;Bruikbaar per 1.000 exemplaren")
    assert lines[1].startswith("2018;48000;3;2;66,67;0;0;0,0625;")
    assert "Filter: editie 2018" in lines
    uplift = analyst.get("/staff/yield/uplift.csv").get_data().decode("utf-8-sig")
    assert "te weinig tips om iets te zeggen (minder dan 10)" in uplift


def test_report_in_dutch(app, tips):
    from coldcase.analytics.views import translator

    library = store_for(app).library()
    figures = memo.figures_for(YieldFilter(edition=2018), library, D(2026, 12, 1))
    with app.test_request_context("/staff/yield/report.pdf?lang=nl"):
        flask_babel.refresh()  # as every request does first (see coldcase.i18n)
        say = translator()
        assert say.language == "nl"
        html = report_html(figures, say, D(2026, 12, 1), figures)
    assert '<html lang="nl">' in html
    for words in ("<title>Rapport opbrengst van tips</title>", "Edities: 2018", "Getoond: editie 2018",
                  "Gemaakt op 1 december 2026 door coldcase", "<h2>Edities naast elkaar</h2>",
                  "<h2>Effect van de uitgelichte week per zaak</h2>", "Gedrukte exemplaren", "48.000",
                  "te weinig tips om iets te zeggen", 'content: "pagina " counter(page) " van " counter(pages)',
                  'content: "Rapport opbrengst van tips · editie 2018"', "<!-- tips per 1.000 exemplaren -->"):
        assert words in html
    for words in ("Tip yield report", "Made on", "Editions side by side", "Copies printed", "too few tips",
                  '"page "', "<!-- tips per 1,000 copies -->"):
        assert words not in html
    with app.test_request_context("/staff/yield/report.pdf?lang=en"):
        flask_babel.refresh()
        english = report_html(figures, translator(), D(2026, 12, 1), figures)
    assert "<h2>Editions side by side</h2>" in english and "Edities" not in english


def test_report_pdf_in_dutch_from_the_browser(analyst, tips):
    response = analyst.get("/staff/yield/report.pdf?lang=nl&edition=2018")
    assert response.status_code == 200 and response.get_data().startswith(b"%PDF")


def test_command_line_stays_english(runner, app, tips):
    import json

    summary = json.loads(runner.invoke(args=["yield", "summary", "--format", "json"]).output)
    assert summary["editions"][0]["year"] == 2018 and "tips_per_1000" in summary["editions"][0]
    table = runner.invoke(args=["yield", "summary"]).output
    assert "Copies printed" in table and "48,000" in table


def test_css_content_cannot_leave_its_string():
    assert css_content("page %(page)s of %(pages)s") == '"page " counter(page) " of " counter(pages)'
    assert css_content('a "b" \\ </style><p>') == '"a \\22 b\\22  \\5c  \\3c /style\\3e \\3c p\\3e "'


def test_text_keeps_english_and_says_other_languages():
    class Dutch:
        def gettext(self, msgid):
            return {"edition %(value)s": "editie %(value)s", "post": "post", "phone": "telefoon",
                    "channel %(value)s": "kanaal %(value)s", "broken %(x)s": "kapot %(y)s"}.get(msgid, msgid)

        def ngettext(self, singular, plural, num):
            return "%(num)d tip" if num == 1 else "%(num)d tips"

    say = Translator("nl", Dutch())
    text = Joined(", ", [N_("edition %(value)s", value=2018), N_("channel %(value)s", value=N_("phone"))])
    assert text == "edition 2018, channel phone" and say(text) == "editie 2018, kanaal telefoon"
    assert Nn_("%(num)d tip", "%(num)d tips", 1) == "1 tip" and say(Nn_("%(num)d tip", "%(num)d tips", 3)) == "3 tips"
    assert say(N_("broken %(x)s", x=1)) == "broken 1"  # a translation that lost its placeholder: English
    assert ENGLISH(None) == "" and ENGLISH(7) == "7"
    assert Translator("nl", Dutch()) == Translator("nl") and hash(Translator("nl")) == hash(say)


def test_rows_rendered_once_are_said_again_in_each_language():
    # Rows are remembered once rendered: per language, and a case id that reads like a text stays as it is.
    from coldcase.analytics.tables import Column, Table, body_html

    class Dutch:
        def gettext(self, msgid):
            return {"phone": "telefoon"}.get(msgid, msgid)

        def ngettext(self, singular, plural, num):
            return singular if num == 1 else plural

    table = Table("t", N_("T"), (Column("what", N_("What"), "text"), Column("tips", N_("Tips"))))
    table.rows = [(N_("phone"), 1234), ("phone", 1234), (["x"], 5)]  # a list cannot be remembered
    dutch, english = body_html(table, Translator("nl", Dutch())), body_html(table)
    assert dutch.count("telefoon") == 1 and dutch.count(">phone<") == 1 and "1.234" in dutch
    assert "telefoon" not in english and english.count(">phone<") == 2 and "1,234" in english
    assert body_html(table, Translator("nl", Dutch())) == dutch
