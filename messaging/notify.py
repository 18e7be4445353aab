"""GOV.UK Notify, through its official client (notifications-python-client). The rest of the
portal never calls Notify directly: messaging.services does, through these few functions."""

import io

from django.conf import settings


class TemporaryProblem(Exception):
    """Try again later: Notify is busy or down, or the network failed."""


class PermanentProblem(Exception):
    """This address or number will never work: fall back to another channel."""


# Notify's statuses (emails, text messages and letters) and what they mean here.
DELIVERED = {"delivered", "received"}
STILL_GOING = {"created", "sending", "pending", "sent", "accepted", "pending-virus-check"}
FAILED_FOR_GOOD = {"permanent-failure", "validation-failed", "virus-scan-failed", "cancelled"}
FAILED_FOR_NOW = {"temporary-failure", "technical-failure"}


def connected() -> bool:
    return bool(settings.GOVUK_NOTIFY_API_KEY)


def sends(channel: str) -> bool:
    """Whether Notify sends this channel (it needs the key, and a template for emails and
    text messages; letters are our own PDFs)."""
    if not connected():
        return False
    return bool({"email": settings.GOVUK_NOTIFY_EMAIL_TEMPLATE_ID,
                 "text": settings.GOVUK_NOTIFY_SMS_TEMPLATE_ID,
                 "post": True}.get(channel))


def client():
    from notifications_python_client.notifications import NotificationsAPIClient

    return NotificationsAPIClient(settings.GOVUK_NOTIFY_API_KEY,
                                  base_url=settings.GOVUK_NOTIFY_BASE_URL, timeout=20)


def _call(function, *args, **kwargs) -> dict:
    from notifications_python_client.errors import APIError
    from requests import RequestException

    try:
        return function(*args, **kwargs)
    except APIError as error:
        # 400: Notify refused this recipient (a bad number, address or email address).
        if error.status_code == 400:
            raise PermanentProblem(str(error.message)[:250]) from error
        raise TemporaryProblem(f"GOV.UK Notify answered {error.status_code}") from error
    except (RequestException, OSError) as error:
        raise TemporaryProblem("Could not reach GOV.UK Notify") from error


def send_email(*, to: str, subject: str, text: str, reference: str) -> str:
    answer = _call(client().send_email_notification, email_address=to,
                   template_id=settings.GOVUK_NOTIFY_EMAIL_TEMPLATE_ID,
                   personalisation={"subject": subject, "body": text}, reference=reference)
    return answer["id"]


def send_sms(*, to: str, text: str, reference: str) -> str:
    answer = _call(client().send_sms_notification, phone_number=to,
                   template_id=settings.GOVUK_NOTIFY_SMS_TEMPLATE_ID,
                   personalisation={"body": text}, reference=reference)
    return answer["id"]


def send_letter(*, pdf: bytes, reference: str) -> str:
    answer = _call(client().send_precompiled_letter_notification, reference=reference,
                   pdf_file=io.BytesIO(pdf), postage=settings.GOVUK_NOTIFY_LETTER_POSTAGE)
    return answer["id"]


def status_of(notify_id: str) -> str:
    return _call(client().get_notification_by_id, notify_id)["status"]
