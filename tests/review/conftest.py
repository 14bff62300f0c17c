import pytest
import time_machine

from tests.review.cases import NOW, clinician


@pytest.fixture(autouse=True)
def clock() -> object:
    """Every review test runs at NOW unless it moves the clock (clock.shift / clock.move_to)."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def casey() -> object:
    return clinician(email="casey@clinic.test", first_name="Casey", last_name="Reviewer")


@pytest.fixture
def corey() -> object:
    return clinician(email="corey@clinic.test", first_name="Corey", last_name="Cosigner")
