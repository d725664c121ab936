"""The public forms: a tip, and the status page's receipt code and reply. Every rule gives a message in the
tipster's language; the rules themselves are in :mod:`coldcase.tips.rules` and :mod:`coldcase.tips.attachments`."""

from __future__ import annotations

import functools
import re

from babel import support
from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, MultipleFileField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.i18n import messages_path
from wtforms.validators import StopValidation, ValidationError

from coldcase.tips import attachments as files
from coldcase.tips.rules import HOW_KNOWN, MAX_CONTACT, MAX_MESSAGE, MAX_TEXT, MAX_WHEN_WHERE, check_text

_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


@functools.lru_cache(maxsize=32)
def _wtforms_catalog(locale: str):
    """WTForms' own messages in ``locale``, read once per process (Flask-WTF reads the file on every request)."""
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class _Translations:
    """WTForms' messages in the request's language, from :func:`_wtforms_catalog`."""

    def gettext(self, string):
        return _wtforms_catalog(str(get_locale())).ugettext(string)

    def ngettext(self, singular, plural, n):
        return _wtforms_catalog(str(get_locale())).ungettext(singular, plural, n)


_TRANSLATIONS = _Translations()


class _CachedTranslationsMeta:
    def get_translations(self, form):
        if not current_app.config.get("WTF_I18N_ENABLED", True):
            return super().get_translations(form)
        return _TRANSLATIONS


def _text_messages(limit: int) -> dict[str, str]:
    return {
        "required": _l("Please write what you know."),
        "too_long": _l("Please keep this under %(limit)s characters; you can add more after sending, on the "
                       "status page.", limit=f"{limit:,}"),
        "unreadable": _l("This text contains characters that cannot be read (for example from a file pasted as "
                         "text). Please type or paste plain text."),
    }


class TextRule:
    """A WTForms validator for free text: required or not, a length limit, readable characters only."""

    def __init__(self, limit: int, required: bool = False, required_message=None) -> None:
        self.limit, self.required, self.required_message = limit, required, required_message
        self.field_flags = {"required": True} if required else {}

    def __call__(self, form, field) -> None:
        problem = check_text(field.data, required=self.required, limit=self.limit)
        if problem:
            message = _text_messages(self.limit)[problem]
            if problem == "required" and self.required_message:
                message = self.required_message
            raise StopValidation(message)


def _how_known(form, field) -> None:
    if field.data not in (None, "", "None") and field.data not in HOW_KNOWN:
        raise ValidationError(_l("Please choose one of the answers."))


def _attachment_message(code: str, name: str) -> str:
    """The tipster's message for an attachment refused with reason ``code``."""
    limit = files.MAX_BYTES // (1024 * 1024)
    messages = {
        "empty": _("“%(name)s” is empty.", name=name),
        "too_big": _("“%(name)s” is larger than %(limit)s MB.", name=name, limit=limit),
        "type": _("“%(name)s” is not a photo (JPEG or PNG) or a PDF. Only those can be sent.", name=name),
        "unreadable": _("“%(name)s” could not be read. It may be damaged, or not what its name says.", name=name),
        "too_large_image": _("“%(name)s” has too many pixels. Please send a smaller photo.", name=name),
        "too_complex": _("“%(name)s” is too large or too complicated for us to check safely, so it cannot be "
                         "sent.", name=name),
        "encrypted": _("“%(name)s” is protected with a password. Please send it without the password.", name=name),
    }
    return messages[code]


class TipForm(FlaskForm):
    """The tip form.

    Validation makes only the cheap checks of the attachments (how many, how large, of which type by their first
    bytes); :meth:`clean_attachments` then parses and cleans them, which the view calls only after the rate
    limit, so that a flood of files costs no parsing. ``clean_files`` holds the accepted attachments after it.
    """

    Meta = _CachedTranslationsMeta

    text = TextAreaField(_l("What do you know?"), validators=[TextRule(MAX_TEXT, required=True)])
    how_known = RadioField(
        _l("How do you know it?"),
        choices=[SelectChoice("saw", _l("I saw it myself")), SelectChoice("heard", _l("I heard it from someone")),
                 SelectChoice("other", _l("Another way"))],
        validators=[_how_known],
        validate_choice=False,
    )
    when_where = TextAreaField(_l("When and where did it happen? (optional)"), validators=[TextRule(MAX_WHEN_WHERE)])
    attachments = MultipleFileField(_l("Photos or documents (optional)"))
    contact = TextAreaField(_l("How can we reach you? (optional)"), validators=[TextRule(MAX_CONTACT)])
    # The honeypot: hidden from people by the style sheet and from screen readers; bots fill in every field.
    website = StringField(_l("Leave this field empty"))
    token = HiddenField()
    e = HiddenField()
    d = HiddenField()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.clean_files: list[files.CleanFile] = []
        #: (name as shown back to the tipster, content) of each file that passed the cheap checks.
        self._uploads: list[tuple[str, bytes]] = []

    def validate_token(self, field) -> None:
        # A hand-made post without the form's token cannot be de-duplicated; refuse it with a clear message.
        if not _TOKEN.fullmatch(field.data or ""):
            raise ValidationError(_l("This form is incomplete. Please reload the page and try again."))

    def validate_website(self, field) -> None:
        if (field.data or "").strip():
            raise ValidationError(_l("Please leave this field empty."))

    def validate_attachments(self, field) -> None:
        uploads = [upload for upload in (field.data or []) if getattr(upload, "filename", "")]
        if len(uploads) > files.MAX_FILES:
            raise ValidationError(_l("You can send at most %(count)s files.", count=files.MAX_FILES))
        problems = []
        self._uploads = []
        for upload in uploads:
            # One byte more than allowed is enough to know that a file is too big.
            data = upload.stream.read(files.MAX_BYTES + 1)
            try:
                files.check(data)
            except files.AttachmentError as error:
                # The name is shown back to the tipster only; it is never stored.
                problems.append(_attachment_message(str(error), upload.filename[:80]))
            self._uploads.append((upload.filename[:80], data))
        if problems:
            raise ValidationError(" ".join(problems))

    def clean_attachments(self) -> bool:
        """Parse and clean the attachments that passed validation (the costly part: call it after the rate
        limit). Returns False, with the reasons added to the field's errors, if any file is refused."""
        problems, accepted = [], []
        for name, data in self._uploads:
            try:
                accepted.append(files.clean(data))
            except files.AttachmentError as error:
                problems.append(_attachment_message(str(error), name))
        if problems:
            self.attachments.errors = [*self.attachments.errors, " ".join(problems)]
            return False
        self.clean_files = accepted
        return True


class StatusForm(FlaskForm):
    """The receipt code, and optionally a new message from the tipster."""

    Meta = _CachedTranslationsMeta

    code = StringField(_l("Your receipt code"), validators=[])
    message = TextAreaField(_l("Add information or answer a question (optional)"), validators=[TextRule(MAX_MESSAGE)])
