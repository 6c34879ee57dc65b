"""Statement pages: the merchant's list and printable detail, and the admins' console."""

from datetime import date

import pytest
from django.conf import settings

from statements.models import Statement
from statements.services import statements_issue

from .. import factories

OCTOBER = date(2026, 10, 1)
pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def issued(books):
    statements_issue(month=OCTOBER)
    return books


@pytest.fixture
def tea_client(client, issued):
    client.force_login(factories.MerchantMemberFactory(merchant=issued.tea.merchant).user)
    return client


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_merchant_lists_its_statements_and_the_month_so_far(tea_client, issued):
    october = Statement.objects.get(merchant=issued.tea.merchant)

    page = tea_client.get("/merchant/statements/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "Statements of West Lake Tea" in html
    assert f'href="/merchant/statements/{october.pk}/">2026-10</a>' in html
    assert "10.00 CNY" in html  # October's total owed
    assert "This month so far (2026-12)" in html
    assert "Suzhou Silk" not in html


def test_the_detail_prints_as_a_statement_with_its_lines(tea_client, issued):
    october = Statement.objects.get(merchant=issued.tea.merchant)

    page = tea_client.get(f"/merchant/statements/{october.pk}/")

    html = page.content.decode()
    assert page.status_code == 200
    for text in (
        "Statement for 2026-10",
        "<dd>West Lake Tea</dd>",
        "<dd>CNY</dd>",
        '<dd class="owed">10.00 CNY</dd>',
        "-20.00 CNY",  # the adjustments
        f'href="/api/v1/statements/{october.pk}/lines.csv/"',
    ):
        assert text in html, text
    assert html.count('<tr class="settlement">') == 2
    assert html.count('<tr class="adjustment">') == 1
    # It prints on A4 by the platform's style sheet (no inline style: docs/security.md).
    stylesheet = (settings.BASE_DIR / "static" / "css" / "app.css").read_text()
    assert "@page { size: A4;" in stylesheet
    assert '<link rel="stylesheet" href="/static/css/app.css">' in html


def test_another_merchants_statement_is_not_found(tea_client, issued):
    silk = Statement.objects.get(merchant=issued.silk.merchant)

    assert tea_client.get(f"/merchant/statements/{silk.pk}/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/merchant/statements/", "/merchant/statements/{pk}/", "/console/statements/"]
)
def test_promoters_get_a_403_page(client, issued, promoter, path):
    client.force_login(promoter.user)
    statement = Statement.objects.first()

    page = client.get(path.format(pk=statement.pk))

    assert page.status_code == 403
    assert 'role="alert"' in page.content.decode()


def test_merchants_cannot_use_the_console(tea_client, issued):
    statement = Statement.objects.get(merchant=issued.tea.merchant)

    assert tea_client.get("/console/statements/").status_code == 403
    response = tea_client.post(
        f"/console/statements/{statement.pk}/mark-paid/", {f"s{statement.pk}-reference": "R"}
    )
    assert response.status_code == 403
    statement.refresh_from_db()
    assert statement.status == "issued"


def test_the_console_filters_by_month_status_and_merchant(admin_client, issued):
    tea = issued.tea.merchant

    both = admin_client.get("/console/statements/?month=2026-10").content.decode()
    one = admin_client.get(f"/console/statements/?merchant={tea.pk}").content.decode()
    none = admin_client.get("/console/statements/?status=paid").content.decode()

    assert "West Lake Tea" in both and "Suzhou Silk" in both
    assert "West Lake Tea" in one and "Suzhou Silk" not in one
    assert "No statement matches." in none


def test_a_bad_filter_is_shown_next_to_its_field_and_kept(admin_client, issued):
    page = admin_client.get("/console/statements/?month=Octember")

    html = page.content.decode()
    assert page.status_code == 400
    assert 'id="id_month_error"' in html
    assert 'value="Octember"' in html


def test_the_console_marks_paid_and_keeps_the_filters(admin_client, issued):
    statement = Statement.objects.get(merchant=issued.tea.merchant)

    response = admin_client.post(
        f"/console/statements/{statement.pk}/mark-paid/?month=2026-10",
        {f"s{statement.pk}-reference": "BANK-991"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/console/statements/?month=2026-10"
    statement.refresh_from_db()
    assert (statement.status, statement.payment_reference) == ("paid", "BANK-991")
    page = admin_client.get(response["Location"]).content.decode()
    assert "is marked paid" in page


def test_a_bad_reference_is_shown_next_to_the_field_with_the_input_kept(admin_client, issued):
    statement = Statement.objects.get(merchant=issued.tea.merchant)
    typed = "R" * 121

    page = admin_client.post(
        f"/console/statements/{statement.pk}/mark-paid/?status=issued",
        {f"s{statement.pk}-reference": typed},
    )

    html = page.content.decode()
    assert page.status_code == 400
    assert f'id="id_s{statement.pk}-reference_error"' in html
    assert f'value="{typed}"' in html
    assert '<option value="issued" selected>' in html
    statement.refresh_from_db()
    assert statement.status == "issued"


def test_marking_a_paid_statement_again_is_a_readable_error(admin_client, issued, admin_user):
    statement = Statement.objects.get(merchant=issued.tea.merchant)
    field = f"s{statement.pk}-reference"
    admin_client.post(f"/console/statements/{statement.pk}/mark-paid/", {field: "FIRST"})

    page = admin_client.post(f"/console/statements/{statement.pk}/mark-paid/", {field: "AGAIN"})

    assert page.status_code == 400
    assert "This statement is already marked paid." in page.content.decode()
    assert 'value="AGAIN"' in page.content.decode()
    statement.refresh_from_db()
    assert statement.payment_reference == "FIRST"
