import pytest

from .. import factories
from .import_files import URL, post


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """Upload a file and let the queued task run, as it does after the request's commit; answers
    the upload's response and the import as the API shows it afterwards."""

    def run(client, content: bytes, name: str = "products.csv", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, content, name, **fields)
        assert response.status_code == 202, response.json()
        detail = client.get(f"{URL}{response.json()['id']}/")
        assert detail.status_code == 200
        return detail.json()

    return run


@pytest.fixture
def categories(db):
    return {
        "home": factories.CategoryFactory(name="Home & Kitchen", slug="home-kitchen"),
        "beauty": factories.CategoryFactory(name="Beauty", slug="beauty"),
    }
