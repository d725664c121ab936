"""The 52 cases as playing cards: sheets for the print shop to cut, or one card a page for a card printer.

Every card is 63 x 88 mm with 3 mm of bleed on every side (its photo, its bands and the navy of its back run
into it) and a 3 mm safe zone inside the cut that no text enters. On a sheet (`cards`, A3) the cards stand
apart: a gutter between their bleeds holds each card's own crop marks, drawn after rendering in registration
colour (`Page.cut_boxes`, `pdfpost.add_crop_marks`). Each face sheet is followed by its back sheet, mirrored
left to right for long-edge duplex. The single-card layout (`card`) puts one card with its bleed on a page,
face then back; its trim and bleed boxes are set like the calendar's.
"""

from __future__ import annotations

from typing import Any

from coldcase.cases.model import Case, Edition
from coldcase.publish.links import case_url, printed_url
from coldcase.publish.pages import CARD_MM, CARD_PHOTO_MM, Page, PageOptions, _facts_short, _photo, _qr, _reward

BLEED_MM = 3.0
SAFE_MM = 3.0
#: The sheet (A3 portrait) and its grid: 3 x 4 cards, 8 mm between their bleeds for the crop marks.
SHEET_MM = (297.0, 420.0)
COLUMNS, ROWS = 3, 4
GUTTER_MM = 8.0
_PITCH = (CARD_MM[0] + 2 * BLEED_MM + GUTTER_MM, CARD_MM[1] + 2 * BLEED_MM + GUTTER_MM)
_LEFT = (SHEET_MM[0] - COLUMNS * _PITCH[0] + GUTTER_MM) / 2 + BLEED_MM
_TOP = (SHEET_MM[1] - ROWS * _PITCH[1] + GUTTER_MM) / 2 + BLEED_MM


def card_pages(edition: Edition, cases: dict[str, Case], options: PageOptions, common: dict[str, Any],
               wanted: set[int] | None) -> list[Page]:
    """The card pages of the edition: sheets (`cards`) or one card a page (`card`)."""
    numbered = [(n, cid) for n, cid in enumerate(edition.weeks, start=1) if wanted is None or n in wanted]
    cards = [_card(edition, cases[case_id], number, options, common) for number, case_id in numbered]
    if options.variant.name == "card":
        pages = []
        for card in cards:
            placed = dict(card, x=0.0, y=0.0)  # the trim: the card is drawn from 3 mm before it
            pages.append(Page("card-face", f"card-{card['number']:02d}-face", dict(common, cards=[placed]),
                              cases=(card["case_id"],), photos=card["jobs"]))
            pages.append(Page("card-back", f"card-{card['number']:02d}-back", dict(common, cards=[placed]),
                              cases=(card["case_id"],)))
        return pages
    per_sheet = COLUMNS * ROWS
    pages = []
    for start in range(0, len(cards), per_sheet):
        batch = cards[start:start + per_sheet]
        faces, backs = [], []
        for slot, card in enumerate(batch):
            row, column = divmod(slot, COLUMNS)
            y = _TOP + row * _PITCH[1]
            faces.append(dict(card, x=_LEFT + column * _PITCH[0], y=y))
            # The back of the card in column c is printed in column (COLUMNS - 1 - c): the sheet turns over.
            backs.append(dict(card, x=_LEFT + (COLUMNS - 1 - column) * _PITCH[0], y=y))
        ids = tuple(card["case_id"] for card in batch)
        sheet = start // per_sheet + 1
        jobs = tuple(job for card in batch for job in card["jobs"])
        for kind, placed, photos in (("face", faces, jobs), ("back", backs, ())):
            boxes = tuple((c["x"], c["y"], CARD_MM[0], CARD_MM[1]) for c in placed)
            pages.append(Page(f"card-{kind}", f"cards-{sheet:02d}-{kind}", dict(common, cards=placed),
                              cases=ids, photos=photos, cut_boxes=boxes))
    return pages


def _card(edition: Edition, case: Case, number: int, options: PageOptions, common: dict[str, Any]) -> dict:
    localized = case.localized(edition.primary_language)
    job, photo_url = _photo(case, CARD_PHOTO_MM, options)
    url = case_url(options.base_url, case.id, edition.year, options.distribution or options.stamp_code)
    return dict(labels=common["labels"], number=number, year=edition.year, case=localized, case_id=case.id,
                photo_url=photo_url, qr_svg="" if options.stamp_code else _qr(url, options),
                printed_url=printed_url(url), stamp=common["stamp"],
                phone=edition.tipline.phone, reward_text=_reward(case),
                facts=_facts_short(localized, common["labels"]), jobs=(job,) if job else ())
