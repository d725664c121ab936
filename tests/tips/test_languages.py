"""The tip pages in every interface language: Dutch and English complete, Spanish, Arabic (right to left),
Russian and Polish for the form, the receipt and the status page."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from coldcase import PACKAGE_DIR
from tests.tips.conftest import form_fields, receipt_code

LANGUAGES = ["nl", "en", "es", "ar", "ru", "pl"]
CATALOGS = PACKAGE_DIR / "tips" / "translations"

#: The form's heading and the receipt's heading in each language.
EXPECTED = {
    "nl": ("Wat weet u?", "Dank u. Uw tip is ontvangen."),
    "en": ("What do you know?", "Thank you. Your tip has been received."),
    "es": ("¿Qué sabe usted?", "Gracias. Hemos recibido su aviso."),
    "ar": ("ماذا تعرف؟", "شكرًا لك. تم استلام بلاغك."),
    "ru": ("Что вы знаете?", "Спасибо. Ваше сообщение получено."),
    "pl": ("Co wiesz?", "Dziękujemy. Twoja informacja została przyjęta."),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete_and_compiled(language):
    folder = CATALOGS / language / "LC_MESSAGES"
    catalog = read_po((folder / "messages.po").open("rb"))
    missing = [message.id for message in catalog if message.id and not message.string]
    assert missing == []
    assert (folder / "messages.mo").stat().st_mtime >= (folder / "messages.po").stat().st_mtime - 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_receipt_and_status_in_each_language(client, language):
    question, thanks = EXPECTED[language]
    page = client.get(f"/tips/new?lang={language}")
    html = page.get_data(as_text=True)
    assert question in html
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) == (language == "ar")
    receipt = client.post("/tips/new", data={**form_fields(page), "text": "Hallo"})
    assert thanks in receipt.get_data(as_text=True)
    status = client.post("/tips/status", data={"code": receipt_code(receipt)})
    assert status.status_code == 200
    wrong = client.post("/tips/status", data={"code": "nope"}).get_data(as_text=True)
    assert "We found no tip with this code." in wrong if language == "en" else "We found no tip" not in wrong


def test_validation_messages_are_translated(client):
    page = client.get("/tips/new?lang=nl")
    response = client.post("/tips/new", data={**form_fields(page), "text": ""})
    assert "Schrijf op wat u weet." in response.get_data(as_text=True)
