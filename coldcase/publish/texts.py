"""The calendar's own printed words (not the cases' text) in the languages editions use.

Kept as plain data so that a translator can check one language at a glance. A language missing
here is printed in English and reported as a warning by the build.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "language": "Nederlands",
        "cta": "Weet u meer? Bel gratis, u mag anoniem blijven:",
        "photo": "Foto",
        "more_dates": "{n} andere data van zaken in deze kalender deze week (zie de index)",
        "free_post": "Gratis post (geen postzegel)",
        "years_ago": "{n} jaar geleden",
        "see_week": "zie week {week}",
        "cover_faces": "Herkent u iemand? Elke week één zaak.",
        "week": "Week",
        "want_to_know": "Wat willen we weten?",
        "reward": "Beloning",
        "reward_upto": "tot",
        "call_free": "Bel gratis",
        "anonymous": "U mag anoniem blijven.",
        "reference": "Zaaknummer",
        "victim_age": "{age} jaar",
        "how_to_tip": "Zo geeft u een tip",
        "tip_phone": "Bel gratis {phone}. Uw nummer wordt niet getoond en het gesprek wordt niet opgenomen.",
        "tip_postal": "Schrijf zonder postzegel naar {postal}.",
        "tip_email": "Mail naar {email}.",
        "tip_web": "Of ga naar {web} of scan de QR-code bij de zaak.",
        "tip_anonymity": "U hoeft uw naam niet te noemen. U krijgt een tipnummer waarmee u later kunt "
                         "navragen wat er met uw tip is gedaan en een beloning kunt ontvangen.",
        "tip_reward": "Voor informatie die leidt tot de oplossing van een zaak kan de officier van justitie "
                      "een beloning uitloven.",
        "index": "Alle zaken",
        "scan": "Scan voor de zaak",
        "unknown_victim": "Onbekend slachtoffer",
        "cover_line": "52 onopgeloste zaken. Eén per week. Weet u iets? Elke tip telt.",
        "back_line": "Weet u iets over een van deze zaken? Vertel het ons.",
        "place_date": "Plaats en datum",
    },
    "en": {
        "language": "English",
        "cta": "Do you know more? Call free, you may stay anonymous:",
        "photo": "Photo",
        "more_dates": "{n} more dates of cases in this calendar this week (see the index)",
        "free_post": "Free post (no stamp)",
        "years_ago": "{n} years ago",
        "see_week": "see week {week}",
        "cover_faces": "Do you recognise someone? One case every week.",
        "week": "Week",
        "want_to_know": "What we want to know",
        "reward": "Reward",
        "reward_upto": "up to",
        "call_free": "Call free",
        "anonymous": "You may stay anonymous.",
        "reference": "Case number",
        "victim_age": "aged {age}",
        "how_to_tip": "How to give a tip",
        "tip_phone": "Call {phone} free of charge. Your number is not shown and the call is not recorded.",
        "tip_postal": "Write, no stamp needed, to {postal}.",
        "tip_email": "Email {email}.",
        "tip_web": "Or go to {web} or scan the QR code next to the case.",
        "tip_anonymity": "You do not have to give your name. You get a tip number to ask later what became "
                         "of your tip and to claim a reward.",
        "tip_reward": "For information that solves a case the public prosecutor may offer a reward.",
        "index": "All cases",
        "scan": "Scan for the case",
        "unknown_victim": "Unknown victim",
        "cover_line": "52 unsolved cases. One a week. Do you know something? Every tip counts.",
        "back_line": "Do you know something about one of these cases? Tell us.",
        "place_date": "Place and date",
    },
    "es": {
        "language": "Español",
        "cta": "¿Sabe algo más? Llame gratis, puede quedar en el anonimato:",
        "call_free": "Llame gratis",
        "anonymous": "Puede quedar en el anonimato.",
        "reward": "Recompensa",
        "week": "Semana",
        "free_post": "Correo gratuito (sin sello)",
        "how_to_tip": "Cómo dar una pista",
        "tip_phone": "Llame gratis al {phone}. Su número no se muestra y la llamada no se graba.",
        "tip_postal": "Escriba, sin sello, a {postal}.",
        "tip_email": "Envíe un correo a {email}.",
        "tip_web": "O visite {web} o escanee el código QR junto al caso.",
        "tip_anonymity": "No tiene que dar su nombre. Recibirá un número de pista para preguntar más tarde "
                         "qué pasó con su pista y para cobrar una recompensa.",
        "tip_reward": "Por información que resuelva un caso, la fiscalía puede ofrecer una recompensa.",
        "want_to_know": "Qué queremos saber",
    },
    "ar": {
        "language": "العربية",
        "cta": "هل تعرف المزيد؟ اتصل مجانًا، ويمكنك عدم ذكر اسمك:",
        "call_free": "اتصل مجانًا",
        "anonymous": "يمكنك عدم ذكر اسمك.",
        "reward": "مكافأة",
        "free_post": "بريد مجاني (دون طابع)",
        "how_to_tip": "كيف تقدّم معلومة",
        "tip_phone": "اتصل مجانًا على {phone}. لا يظهر رقمك ولا تُسجَّل المكالمة.",
        "tip_postal": "اكتب دون طابع بريدي إلى {postal}.",
        "tip_email": "أرسل بريدًا إلكترونيًا إلى {email}.",
        "tip_web": "أو زر {web} أو امسح رمز QR بجانب القضية.",
        "tip_anonymity": "لست مضطرًا إلى ذكر اسمك. ستحصل على رقم للمعلومة لتسأل لاحقًا عمّا حدث بها "
                         "ولتطالب بمكافأة.",
        "tip_reward": "قد تعرض النيابة العامة مكافأة مقابل معلومات تؤدي إلى حلّ قضية.",
        "want_to_know": "ما نريد أن نعرفه",
    },
    "ru": {
        "language": "Русский",
        "cta": "Знаете больше? Звоните бесплатно, можно анонимно:",
        "call_free": "Звоните бесплатно",
        "anonymous": "Можно остаться анонимным.",
        "reward": "Вознаграждение",
        "week": "Неделя",
        "free_post": "Бесплатная почта (без марки)",
        "how_to_tip": "Как сообщить информацию",
        "tip_phone": "Звоните бесплатно: {phone}. Ваш номер не определяется, разговор не записывается.",
        "tip_postal": "Пишите без марки по адресу: {postal}.",
        "tip_email": "Пишите на {email}.",
        "tip_web": "Или зайдите на {web} или отсканируйте QR-код рядом с делом.",
        "tip_anonymity": "Называть своё имя не обязательно. Вы получите номер сообщения, чтобы позже "
                         "узнать, что с ним стало, и получить вознаграждение.",
        "tip_reward": "За информацию, которая поможет раскрыть дело, прокуратура может назначить "
                      "вознаграждение.",
        "want_to_know": "Что мы хотим узнать",
    },
}

#: Dutch month and weekday names for the grids (the calendar hangs in Dutch institutions).
MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december")
WEEKDAYS_NL = ("ma", "di", "wo", "do", "vr", "za", "zo")


def labels(language: str) -> dict[str, str]:
    """The printed words in `language`, English where that language lacks a word."""
    merged = dict(LABELS["en"])
    merged.update(LABELS.get(language, {}))
    return merged


def has_labels(language: str) -> bool:
    """Whether the calendar's own words exist in `language` (else English is printed)."""
    return language in LABELS


def euros(amount: int) -> str:
    """A whole euro amount the Dutch way: € 15.000."""
    return "€ " + f"{amount:,}".replace(",", ".")


def isolate_ltr(text: str) -> str:
    """`text` as a left-to-right island (U+2066 ... U+2069): a phone number, code or URL inside Arabic keeps
    its own order ("0800-6070", never "6070-0800"). Invisible, and harmless in left-to-right text."""
    return f"\u2066{text}\u2069" if text else text
