"""A product's URL must be on one of its merchant's approved store domains (DESIGN.md, "Trust").

The merchant declares domains, an admin reviews them; only approved ones count, for the API, the
import and the store URL. A refused change leaves the product, and every link shared to it, as
it was."""

import csv
import importlib
import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from alliance.models import AuditLog, ReviewStatus
from products.models import InvalidHost, Merchant, Product, StoreDomain, host_normalize
from promoters import clicks

from .. import factories
from ..assertions import assert_error, assert_not_found, row_state
from ..conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

API = "/api/v1/"
DOMAINS = f"{API}store-domains/"
PRODUCTS = f"{API}products/"


@pytest.fixture
def shop(db):
    """A merchant whose only approved domain is shop.example.com."""
    return factories.MerchantFactory(
        store_url="https://shop.example.com/", store_domains=["shop.example.com"]
    )


@pytest.fixture
def owner(shop):
    return factories.MerchantMemberFactory(merchant=shop).user


@pytest.fixture
def shop_api(owner):
    return client_for(owner)


def product_body(url: str, sku: str = "TEA-1") -> dict:
    return {"sku": sku, "title": "Longjing", "url": url, "price": "99.00"}


def domain_of(shop, host: str, status=ReviewStatus.APPROVED) -> StoreDomain:
    return StoreDomain.objects.create(merchant=shop, host=host, status=status)


# --- Hosts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("shop.example.com", "shop.example.com"),
        ("  Shop.Example.COM. ", "shop.example.com"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("茶叶.中国", "xn--qpr921i.xn--fiqs8s"),
    ],
)
def test_a_host_is_stored_lowercase_and_idna_encoded(text, host):
    assert host_normalize(text) == host


@pytest.mark.parametrize(
    "text",
    [
        "",
        "https://shop.example.com/",
        "shop.example.com:8080",
        "shop.example.com/path",
        "user@shop.example.com",
        "localhost",
        "192.168.1.10",
        "-shop.example.com",
        "shop..example.com",
        "a" * 64 + ".example.com",
        "shop example.com",
    ],
)
def test_anything_but_a_plain_domain_name_is_not_a_host(text):
    with pytest.raises(InvalidHost):
        host_normalize(text)


# --- Product URLs through the API ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example.net/item",
        # Neither the parent nor a look-alike of an approved domain is covered.
        "https://example.com/item",
        "https://myshop.example.com/item",
        "https://shop.example.com.evil.net/item",
        # The host is what comes after the credentials.
        "https://shop.example.com@evil.example.net/item",
        "http://10.0.0.1/item",
    ],
)
def test_product_create_is_refused_off_the_approved_domains(shop_api, url):
    response = shop_api.post(PRODUCTS, product_body(url), format="json")

    error = assert_error(response, 400, code="url_domain_not_approved", fields={"url"})
    assert error["fields"]["url"] == [error["message"]]
    assert Product.objects.count() == 0


def test_product_create_is_refused_on_a_non_web_scheme(shop_api):
    response = shop_api.post(PRODUCTS, product_body("ftp://shop.example.com/item"), format="json")

    assert_error(response, 400, code="url_scheme_not_allowed", fields={"url"})
    assert Product.objects.count() == 0


@pytest.mark.parametrize(
    "url",
    [
        "https://shop.example.com/item/1",
        "http://SHOP.example.com:8443/item/1?ref=x",
        # An approved domain covers the names under it.
        "https://m.shop.example.com/item/1",
        "https://a.b.shop.example.com/item/1",
    ],
)
def test_product_create_is_accepted_on_an_approved_domain_and_its_subdomains(shop_api, shop, url):
    response = shop_api.post(PRODUCTS, product_body(url), format="json")

    assert response.status_code == 201, response.json()
    assert Product.objects.get().url == url


def test_an_idna_product_host_matches_its_declared_unicode_domain(shop_api, shop):
    domain_of(shop, host_normalize("bücher.example"))

    response = shop_api.post(PRODUCTS, product_body("https://www.bücher.example/x"), format="json")

    assert response.status_code == 201, response.json()


def test_a_refused_update_changes_nothing_and_shared_links_keep_their_target(
    shop_api, shop, client
):
    product = factories.ProductFactory(merchant=shop, url="https://shop.example.com/item/7")
    link = factories.LinkFactory(product=product)
    before = row_state(product)

    response = shop_api.patch(
        f"{PRODUCTS}{product.pk}/",
        {"url": "https://evil.example.net/item/7", "title": "Changed"},
        format="json",
    )

    assert_error(response, 400, code="url_domain_not_approved", fields={"url"})
    assert row_state(product) == before
    redirect = client.get(f"/t/{link.code}", HTTP_USER_AGENT="Mozilla/5.0 (iPhone)")
    clicks.queue.flush()
    assert redirect.status_code == 302
    assert redirect["Location"].startswith("https://shop.example.com/item/7?")


def test_an_update_that_keeps_the_url_is_not_checked_again(shop_api, shop):
    # A product saved before its domain was suspended can still change its price.
    product = factories.ProductFactory(merchant=shop, url="https://old.example.org/item/1")

    response = shop_api.patch(f"{PRODUCTS}{product.pk}/", {"price": "12.50"}, format="json")

    assert response.status_code == 200, response.json()
    product.refresh_from_db()
    assert (product.url, str(product.price)) == ("https://old.example.org/item/1", "12.50")


def test_an_update_to_an_approved_subdomain_is_accepted(shop_api, shop):
    product = factories.ProductFactory(merchant=shop, url="https://shop.example.com/item/1")

    response = shop_api.patch(
        f"{PRODUCTS}{product.pk}/", {"url": "https://m.shop.example.com/item/1"}, format="json"
    )

    assert response.status_code == 200, response.json()
    product.refresh_from_db()
    assert product.url == "https://m.shop.example.com/item/1"


# --- Declaring and reviewing ---------------------------------------------------------------------


def test_a_pending_domain_does_not_count_until_an_admin_approves_it(shop_api, admin_api, shop):
    declared = shop_api.post(DOMAINS, {"host": "Tea.Example.ORG"}, format="json")
    assert declared.status_code == 201, declared.json()
    assert (declared.json()["host"], declared.json()["status"]) == ("tea.example.org", "pending")
    url = "https://tea.example.org/item/1"

    refused = shop_api.post(PRODUCTS, product_body(url), format="json")
    assert_error(refused, 400, code="url_domain_not_approved", fields={"url"})

    approved = admin_api.post(f"{DOMAINS}{declared.json()['id']}/approve/", {}, format="json")
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "approved"

    accepted = shop_api.post(PRODUCTS, product_body(url), format="json")
    assert accepted.status_code == 201, accepted.json()
    assert Product.objects.get().url == url
    audit = AuditLog.objects.filter(target_type="products.storedomain").order_by("pk")
    assert [(row.action, row.data.get("status")) for row in audit] == [
        ("storedomain.declare", None),
        ("storedomain.approve", "approved"),
    ]


def test_a_merchant_cannot_approve_its_own_domain(shop_api, shop):
    domain = domain_of(shop, "tea.example.org", status=ReviewStatus.PENDING)

    response = shop_api.post(f"{DOMAINS}{domain.pk}/approve/", {}, format="json")

    assert_error(response, 403, code="permission_denied")
    domain.refresh_from_db()
    assert domain.status == ReviewStatus.PENDING
    refused = shop_api.post(PRODUCTS, product_body("https://tea.example.org/1"), format="json")
    assert_error(refused, 400, code="url_domain_not_approved", fields={"url"})


def test_a_rejection_needs_a_reason_and_keeps_the_domain_out(shop_api, admin_api, shop):
    domain = domain_of(shop, "tea.example.org", status=ReviewStatus.PENDING)

    no_reason = admin_api.post(f"{DOMAINS}{domain.pk}/reject/", {}, format="json")
    assert_error(no_reason, 400, code="reason_required", fields={"reason"})
    rejected = admin_api.post(
        f"{DOMAINS}{domain.pk}/reject/", {"reason": "Not the merchant's site."}, format="json"
    )

    assert rejected.status_code == 200, rejected.json()
    assert (rejected.json()["status"], rejected.json()["review_reason"]) == (
        "rejected",
        "Not the merchant's site.",
    )
    refused = shop_api.post(PRODUCTS, product_body("https://tea.example.org/1"), format="json")
    assert_error(refused, 400, code="url_domain_not_approved", fields={"url"})


def test_a_suspended_domain_stops_new_urls_and_keeps_existing_products(shop_api, admin_api, shop):
    product = factories.ProductFactory(merchant=shop, url="https://shop.example.com/item/1")
    domain = shop.store_domains.get()

    suspended = admin_api.post(
        f"{DOMAINS}{domain.pk}/suspend/", {"reason": "Domain changed hands."}, format="json"
    )

    assert suspended.status_code == 200, suspended.json()
    refused = shop_api.post(PRODUCTS, product_body("https://shop.example.com/2"), format="json")
    assert_error(refused, 400, code="url_domain_not_approved", fields={"url"})
    product.refresh_from_db()
    assert product.url == "https://shop.example.com/item/1"


@pytest.mark.parametrize(
    "host",
    [
        "https://tea.example.org/",
        "tea.example.org:8080",
        "localhost",
        "203.0.113.9",
        "tea.example.org/shop",
        "",
    ],
)
def test_declaring_anything_but_a_domain_name_is_refused(shop_api, shop, host):
    response = shop_api.post(DOMAINS, {"host": host}, format="json")

    assert response.status_code == 400, response.json()
    assert response.json()["error"]["code"] in {"invalid_host", "validation_error"}
    assert set(response.json()["error"]["fields"]) == {"host"}
    assert list(shop.store_domains.values_list("host", flat=True)) == ["shop.example.com"]


def test_declaring_a_domain_twice_is_a_conflict(shop_api, shop):
    response = shop_api.post(DOMAINS, {"host": "SHOP.example.com"}, format="json")

    assert_error(response, 409, code="domain_already_declared")
    assert shop.store_domains.count() == 1


def test_only_the_owner_declares(shop):
    staff = factories.MerchantMemberFactory(merchant=shop, role="staff").user

    response = client_for(staff).post(DOMAINS, {"host": "tea.example.org"}, format="json")

    assert_error(response, 403, code="not_allowed")
    assert shop.store_domains.count() == 1


def test_removing_a_domain_the_store_url_needs_is_refused(shop_api, shop):
    domain = shop.store_domains.get()

    response = shop_api.delete(f"{DOMAINS}{domain.pk}/")

    assert_error(response, 409, code="domain_in_use")
    assert shop.store_domains.count() == 1


def test_removing_a_domain_a_product_needs_is_refused_until_another_covers_it(shop_api, shop):
    used = domain_of(shop, "tea.example.org")
    factories.ProductFactory(merchant=shop, url="https://m.tea.example.org/1")

    refused = shop_api.delete(f"{DOMAINS}{used.pk}/")
    assert_error(refused, 409, code="domain_in_use")
    domain_of(shop, "m.tea.example.org")
    removed = shop_api.delete(f"{DOMAINS}{used.pk}/")

    assert removed.status_code == 204
    assert sorted(shop.store_domains.values_list("host", flat=True)) == [
        "m.tea.example.org",
        "shop.example.com",
    ]


def test_removing_an_unused_or_pending_domain_works(shop_api, shop):
    pending = domain_of(shop, "tea.example.org", status=ReviewStatus.PENDING)
    unused = domain_of(shop, "spare.example.org")

    assert shop_api.delete(f"{DOMAINS}{pending.pk}/").status_code == 204
    assert shop_api.delete(f"{DOMAINS}{unused.pk}/").status_code == 204
    assert list(shop.store_domains.values_list("host", flat=True)) == ["shop.example.com"]


# --- Tenancy -------------------------------------------------------------------------------------


def test_a_merchant_sees_and_touches_only_its_own_domains(shop_api, shop, admin_api):
    other = factories.MerchantFactory(store_domains=["other.example.org"])
    theirs = other.store_domains.get()
    pending = domain_of(other, "pending.example.org", status=ReviewStatus.PENDING)

    listed = shop_api.get(DOMAINS)

    assert [row["host"] for row in listed.json()["results"]] == ["shop.example.com"]
    assert_not_found(shop_api.get(f"{DOMAINS}{theirs.pk}/"))
    assert_not_found(shop_api.delete(f"{DOMAINS}{theirs.pk}/"))
    assert_error(shop_api.post(f"{DOMAINS}{pending.pk}/approve/", {}), 403)
    # Another merchant's approved domain does not approve URLs for this one.
    refused = shop_api.post(PRODUCTS, product_body("https://other.example.org/1"), format="json")
    assert_error(refused, 400, code="url_domain_not_approved", fields={"url"})
    assert StoreDomain.objects.filter(merchant=other).count() == 2
    pending.refresh_from_db()
    assert pending.status == ReviewStatus.PENDING
    everyone = admin_api.get(DOMAINS, {"status": "pending"})
    assert [row["host"] for row in everyone.json()["results"]] == ["pending.example.org"]


def test_promoters_are_refused_the_domain_list(promoter_api):
    assert_error(promoter_api.get(DOMAINS), 403, code="permission_denied")


def test_the_domain_list_makes_a_fixed_number_of_queries(admin_api, django_assert_max_num_queries):
    for _ in range(5):
        factories.MerchantFactory()

    with django_assert_max_num_queries(6):
        response = admin_api.get(DOMAINS)

    assert response.json()["count"] == 5 * 3


# --- The store URL -------------------------------------------------------------------------------


def test_sign_up_declares_the_store_url_host_pending(api):
    response = api.post(
        f"{API}signup/merchant/",
        {
            "username": "teashop",
            "password": "long-enough-secret",
            "name": "West Lake Tea",
            "store_url": "https://Tea.Example.org/shop/",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    merchant = Merchant.objects.get(name="West Lake Tea")
    assert list(merchant.store_domains.values_list("host", "status")) == [
        ("tea.example.org", ReviewStatus.PENDING)
    ]


def test_approving_a_merchant_approves_its_store_url_domain_only(admin_api):
    merchant = factories.MerchantFactory(
        status=ReviewStatus.PENDING, store_url="https://tea.example.org/shop/", store_domains=[]
    )
    store = domain_of(merchant, "tea.example.org", status=ReviewStatus.PENDING)
    other = domain_of(merchant, "other.example.org", status=ReviewStatus.PENDING)

    response = admin_api.post(f"{API}merchants/{merchant.pk}/approve/", {}, format="json")

    assert response.status_code == 200, response.json()
    store.refresh_from_db()
    other.refresh_from_db()
    assert (store.status, store.review_reason) == (
        ReviewStatus.APPROVED,
        "Approved with the merchant.",
    )
    assert other.status == ReviewStatus.PENDING
    assert AuditLog.objects.filter(action="storedomain.approve", target_id=str(store.pk)).exists()


def test_approving_a_merchant_leaves_a_rejected_store_domain_rejected(admin_api):
    merchant = factories.MerchantFactory(
        status=ReviewStatus.PENDING, store_url="https://tea.example.org/", store_domains=[]
    )
    store = domain_of(merchant, "tea.example.org", status=ReviewStatus.REJECTED)

    response = admin_api.post(f"{API}merchants/{merchant.pk}/approve/", {}, format="json")

    assert response.status_code == 200, response.json()
    store.refresh_from_db()
    assert store.status == ReviewStatus.REJECTED


def test_the_store_url_moves_only_onto_an_approved_domain(shop_api, shop):
    refused = shop_api.patch(
        f"{API}merchants/me/", {"store_url": "https://evil.example.net/"}, format="json"
    )
    assert_error(refused, 400, code="url_domain_not_approved", fields={"store_url"})
    shop.refresh_from_db()
    assert shop.store_url == "https://shop.example.com/"

    moved = shop_api.patch(
        f"{API}merchants/me/", {"store_url": "https://www.shop.example.com/"}, format="json"
    )
    assert moved.status_code == 200, moved.json()
    shop.refresh_from_db()
    assert shop.store_url == "https://www.shop.example.com/"


# --- Import --------------------------------------------------------------------------------------


def csv_file(rows) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def run_import(client, content: bytes, capture) -> dict:
    with capture(execute=True):
        response = client.post(
            f"{API}product-imports/",
            {"file": SimpleUploadedFile("products.csv", content)},
            format="multipart",
        )
    assert response.status_code == 202, response.json()
    return client.get(f"{API}product-imports/{response.json()['id']}/").json()


def test_an_import_row_off_the_approved_domains_is_reported_on_its_url(
    shop_api, shop, django_capture_on_commit_callbacks
):
    content = csv_file(
        [
            ["sku", "title", "url", "price"],
            ["OK-1", "Tea", "https://shop.example.com/1", "5"],
            ["BAD-1", "Tea", "https://evil.example.net/1", "5"],
            ["OK-2", "Tea", "https://m.shop.example.com/2", "5"],
            ["BAD-2", "Tea", "ftp://shop.example.com/2", "5"],
        ]
    )

    result = run_import(shop_api, content, django_capture_on_commit_callbacks)

    assert result["status"] == "failed"
    assert [(error["row"], error["field"]) for error in result["errors"]] == [
        (3, "url"),
        (5, "url"),
    ]
    assert result["errors"][0]["message"].startswith("evil.example.net is not one of your")
    assert result["errors"][1]["message"] == "Use an http or https URL."
    # An import is all or nothing: the good rows wait for the file to be fixed.
    assert Product.objects.count() == 0


def test_an_import_on_approved_domains_writes_every_row(
    shop_api, shop, django_capture_on_commit_callbacks
):
    kept = factories.ProductFactory(merchant=shop, sku="OLD-1", url="https://old.example.org/1")
    content = csv_file(
        [
            ["sku", "title", "url", "price"],
            ["OK-1", "Tea", "https://shop.example.com/1", "5"],
            # An existing product whose URL the file does not change is not checked again.
            ["OLD-1", "Renamed", "https://old.example.org/1", "6"],
        ]
    )

    result = run_import(shop_api, content, django_capture_on_commit_callbacks)

    assert (result["status"], result["errors"]) == ("succeeded", [])
    assert (result["created_count"], result["updated_count"]) == (1, 1)
    kept.refresh_from_db()
    assert (kept.title, kept.url) == ("Renamed", "https://old.example.org/1")


def test_an_import_does_not_count_a_pending_domain(
    shop_api, shop, django_capture_on_commit_callbacks
):
    domain_of(shop, "tea.example.org", status=ReviewStatus.PENDING)
    content = csv_file(
        [["sku", "title", "url", "price"], ["T-1", "Tea", "https://tea.example.org/1", "5"]]
    )

    result = run_import(shop_api, content, django_capture_on_commit_callbacks)

    assert result["status"] == "failed"
    assert [(error["row"], error["field"]) for error in result["errors"]] == [(2, "url")]
    assert Product.objects.count() == 0


# --- Existing data -------------------------------------------------------------------------------


def test_the_migration_approves_the_hosts_existing_merchants_use():
    migration = importlib.import_module("products.migrations.0007_store_domains_from_existing_urls")
    merchant = factories.MerchantFactory(store_url="https://Shop.Example.com/", store_domains=[])
    factories.ProductFactory(merchant=merchant, url="https://shop.example.com/1")
    factories.ProductFactory(merchant=merchant, url="https://cdn.other.example.org/2")
    factories.ProductFactory(merchant=merchant, url="http://192.168.0.1/3")
    already = factories.MerchantFactory(store_url="https://kept.example.org/")
    before = sorted(already.store_domains.values_list("host", "status"))

    migration.declare_existing_domains(apps, None)
    migration.declare_existing_domains(apps, None)  # a second run adds nothing

    assert sorted(merchant.store_domains.values_list("host", "status")) == [
        ("cdn.other.example.org", ReviewStatus.APPROVED),
        ("shop.example.com", ReviewStatus.APPROVED),
    ]
    assert merchant.store_domains.filter(review_reason=migration.REASON).count() == 2
    assert sorted(already.store_domains.values_list("host", "status")) == before


# --- Pages ---------------------------------------------------------------------------------------


@pytest.fixture
def shop_page(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def console(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_merchant_page_lists_domains_and_declares_one(shop_page, shop):
    page = shop_page.get("/merchant/domains/")
    assert page.status_code == 200
    assert b"<code>shop.example.com</code>" in page.content

    declared = shop_page.post("/merchant/domains/", {"host": "Tea.Example.org"}, follow=True)

    assert declared.redirect_chain == [("/merchant/domains/", 302)]
    assert "tea.example.org is declared; it counts once an admin approves it." in (
        declared.content.decode()
    )
    assert list(shop.store_domains.values_list("host", "status")) == [
        ("shop.example.com", ReviewStatus.APPROVED),
        ("tea.example.org", ReviewStatus.PENDING),
    ]


def test_the_merchant_page_shows_a_refused_declaration_next_to_the_field(shop_page, shop):
    response = shop_page.post("/merchant/domains/", {"host": "https://tea.example.org/"})

    assert response.status_code == 400
    assert "Enter a domain name only" in response.content.decode()
    assert shop.store_domains.count() == 1


def test_the_merchant_page_keeps_a_domain_the_store_url_needs(shop_page, shop):
    domain = shop.store_domains.get()

    response = shop_page.post(f"/merchant/domains/{domain.pk}/remove/", follow=True)

    assert response.redirect_chain == [("/merchant/domains/", 302)]
    assert "need this domain" in response.content.decode()
    assert shop.store_domains.count() == 1


def test_the_merchant_page_cannot_remove_another_merchants_domain(shop_page):
    other = factories.MerchantFactory(store_domains=["other.example.org"])

    response = shop_page.post(f"/merchant/domains/{other.store_domains.get().pk}/remove/")

    assert response.status_code == 404
    assert other.store_domains.count() == 1


def test_the_console_queue_approves_and_rejects_domains(console, shop):
    tea = domain_of(shop, "tea.example.org", status=ReviewStatus.PENDING)
    spam = domain_of(shop, "spam.example.net", status=ReviewStatus.PENDING)

    queue = console.get("/console/domains/")
    assert queue.status_code == 200
    assert [row["obj"].host for row in queue.context["rows"]] == [
        "tea.example.org",
        "spam.example.net",
    ]
    approved = console.post("/console/domains/", {"row": tea.pk, f"r{tea.pk}-action": "approve"})
    no_reason = console.post("/console/domains/", {"row": spam.pk, f"r{spam.pk}-action": "reject"})
    rejected = console.post(
        "/console/domains/",
        {"row": spam.pk, f"r{spam.pk}-action": "reject", f"r{spam.pk}-reason": "Not theirs."},
    )

    assert (approved.status_code, no_reason.status_code, rejected.status_code) == (302, 400, 302)
    tea.refresh_from_db()
    spam.refresh_from_db()
    assert (tea.status, spam.status, spam.review_reason) == (
        ReviewStatus.APPROVED,
        ReviewStatus.REJECTED,
        "Not theirs.",
    )


def test_the_console_queue_is_for_admins_only(shop_page, shop):
    pending = domain_of(shop, "tea.example.org", status=ReviewStatus.PENDING)

    response = shop_page.post(
        "/console/domains/", {"row": pending.pk, f"r{pending.pk}-action": "approve"}
    )

    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == ReviewStatus.PENDING


def test_the_django_admin_reviews_domains_and_adds_none(console, shop):
    pending = domain_of(shop, "tea.example.org", status=ReviewStatus.PENDING)

    listed = console.get("/admin/products/storedomain/")
    add = console.get("/admin/products/storedomain/add/")
    console.post(
        "/admin/products/storedomain/",
        {"action": "review_approved", "_selected_action": [pending.pk], "apply": "1"},
    )

    assert (listed.status_code, add.status_code) == (200, 403)
    pending.refresh_from_db()
    assert pending.status == ReviewStatus.APPROVED


def test_the_console_overview_counts_domains_waiting_for_review(console, shop):
    domain_of(shop, "tea.example.org", status=ReviewStatus.PENDING)
    domain_of(shop, "spam.example.net", status=ReviewStatus.REJECTED)

    html = console.get("/console/").content.decode()

    assert 'id="count-store-domains">1<' in html
    assert 'href="/console/domains/"' in html
