import pytest


# Both recorders where Redis is configured; the direct one alone on the embedded default. The
# redirect tests take it for every test with `pytest.mark.usefixtures("click_mode")`.
@pytest.fixture(params=["direct", "batched"])
def click_mode(request, settings):
    settings.ALLIANCE_CLICK_RECORDING = request.param
    return request.param
