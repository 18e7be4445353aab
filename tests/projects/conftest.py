import pytest

from tests.conftest import make_user
from tests.site_rules.projects import make_project


@pytest.fixture
def project(people):
    return make_project(people.staff)


@pytest.fixture
def other(db):
    return make_user("other@test.example", "Oli Other")
