import pytest

from tests.messaging.fake_notify import API_KEY, FakeNotify


@pytest.fixture
def fake_notify(settings):
    """A fake GOV.UK Notify on 127.0.0.1, with the portal's settings pointed at it."""
    server = FakeNotify().start()
    settings.GOVUK_NOTIFY_API_KEY = API_KEY
    settings.GOVUK_NOTIFY_BASE_URL = server.url
    settings.GOVUK_NOTIFY_EMAIL_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
    settings.GOVUK_NOTIFY_SMS_TEMPLATE_ID = "a2d1c2d4-6b0d-4f3b-9c41-0c9d7e1f0b11"
    yield server
    server.stop()
