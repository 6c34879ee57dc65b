"""The layer rules that import-linter cannot see (docs/architecture.md "Dependencies point one
way"): the API and the pages write models only through services, every module of the apps is
either domain or presentation for the "domain" contract, and the page's layer diagram is the one
scripts/layers draws from the layers contract."""

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
with (ROOT / "pyproject.toml").open("rb") as _file:
    IMPORTLINTER = tomllib.load(_file)["tool"]["importlinter"]
CONTRACTS = {contract["id"]: contract for contract in IMPORTLINTER["contracts"]}

# --- The API and the pages write only through services ---------------------------------------

# Where the API and the pages live: the apps' api/ packages, views and forms, and dashboards/.
PRESENTATION_GLOBS = ("*/api/**/*.py", "*/views.py", "*/forms.py", "dashboards/**/*.py")
# Names that only an ORM manager or queryset answers to: a write wherever they are called.
ORM_WRITES = {"bulk_create", "bulk_update", "get_or_create", "update_or_create"}
# A queryset's own methods: a chain through one of these ends on a queryset.
QUERYSET_METHODS = {
    "all",
    "annotate",
    "defer",
    "distinct",
    "exclude",
    "filter",
    "get_queryset",
    "none",
    "only",
    "order_by",
    "prefetch_related",
    "select_for_update",
    "select_related",
    "using",
}
# Honest exceptions, each with its reason: (path, function, call as written) -> why.
# A ModelForm's `save(commit=False)` is not listed: it builds the unsaved row and writes nothing.
ALLOWED_WRITES: dict[tuple[str, str, str], str] = {}


def _is_queryset(node: ast.expr) -> bool:
    """Whether an expression reads as a manager or queryset: `Model.objects...`, a related
    manager (`promoter.link_set`), a queryset method's result, or a name that says so."""
    for part in ast.walk(node):
        if isinstance(part, ast.Attribute) and (
            part.attr == "objects" or part.attr.endswith("_set")
        ):
            return True
        if (
            isinstance(part, ast.Call)
            and isinstance(part.func, ast.Attribute)
            and part.func.attr in QUERYSET_METHODS
        ):
            return True
        if isinstance(part, ast.Name) and (
            part.id in {"qs", "queryset"} or part.id.endswith("_qs")
        ):
            return True
    return False


def _writes(call: ast.Call) -> bool:
    if not isinstance(call.func, ast.Attribute):
        return False
    name, receiver = call.func.attr, call.func.value
    if name in ORM_WRITES:
        return True
    if name in {"create", "update"}:
        # dict.update and a serializer's create are not writes; a queryset's are.
        return _is_queryset(receiver)
    if name == "save":
        return not any(
            keyword.arg == "commit"
            and isinstance(keyword.value, ast.Constant)
            and keyword.value.value is False
            for keyword in call.keywords
        )
    return name == "delete"


def model_writes(source: str) -> list[tuple[str, str]]:
    """Each model write in a module's source: (enclosing function, the call as written)."""
    found = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                visit(child, f"{function}.{child.name}" if function else child.name)
                continue
            if isinstance(child, ast.Call) and _writes(child):
                found.append((function, ast.unparse(child.func)))
            visit(child, function)

    visit(ast.parse(source), "")
    return found


def presentation_files() -> list[Path]:
    packages = set(IMPORTLINTER["root_packages"])
    files = {
        path
        for pattern in PRESENTATION_GLOBS
        for path in ROOT.glob(pattern)
        if path.relative_to(ROOT).parts[0] in packages
    }
    return sorted(files)


SAMPLE = """
def page(request, product_id):
    product = Product.objects.get(pk=product_id)
    product.title = "x"
    product.save()
    Product.objects.create(title="y")
    Product.objects.filter(pk=1).update(title="z")
    request.user.link_set.create(code="c")
    Link.objects.get_or_create(code="c")
    Link.objects.bulk_create([])
    qs.update(title="q")
    product.delete()
    form = ProductForm(request.POST)
    draft = form.save(commit=False)
    context = {}
    context.update(product=product)
    serializer.create(validated_data)
    return product_update(product=draft)


class Form:
    def save_campaign(self):
        super().save()
"""


def test_the_write_check_finds_every_kind_of_model_write_in_a_sample():
    assert model_writes(SAMPLE) == [
        ("page", "product.save"),
        ("page", "Product.objects.create"),
        ("page", "Product.objects.filter(pk=1).update"),
        ("page", "request.user.link_set.create"),
        ("page", "Link.objects.get_or_create"),
        ("page", "Link.objects.bulk_create"),
        ("page", "qs.update"),
        ("page", "product.delete"),
        ("Form.save_campaign", "super().save"),
    ]


def test_the_check_reads_the_api_the_views_the_forms_and_the_dashboards():
    names = {str(path.relative_to(ROOT)) for path in presentation_files()}

    assert {
        "alliance/api/audit.py",
        "products/api/views.py",
        "promoters/views.py",
        "dashboards/console/payouts.py",
        "dashboards/merchant/campaigns.py",
        "dashboards/console/views.py",
    } <= names


def test_the_api_and_the_pages_write_models_only_through_services():
    writes = {
        (str(path.relative_to(ROOT)), function, call)
        for path in presentation_files()
        for function, call in model_writes(path.read_text())
    }

    assert sorted(writes - set(ALLOWED_WRITES)) == []
    # An allow-list entry whose write is gone is removed with it.
    assert sorted(set(ALLOWED_WRITES) - writes) == []


# --- Every module is domain or presentation for the "domain" contract -------------------------

APPS = ("alliance", "products", "promoters", "commissions", "payouts", "statements")
# A module is presentation when one of its names is one of these (an app's api/ package, its
# page views, forms and URLs, its admin, its management commands, the template tags)...
PRESENTATION_PARTS = {"api", "views", "forms", "urls", "admin", "management", "templatetags"}
# ...or when it is the kernel's web plumbing: rate limits and the login lockout, JWTs, the
# Idempotency-Key middleware, the page decorators, navigation and charts, the admin's review
# actions.
KERNEL_WEB = {
    "alliance.admin_review",
    "alliance.auth",
    "alliance.auth_tokens",
    "alliance.charts",
    "alliance.idempotency",
    "alliance.navigation",
    "alliance.pages",
}


def _modules() -> list[str]:
    names = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            if len(parts) > 1:
                names.append(".".join(parts))
    return sorted(names)


def _matches(expression: str, module: str) -> bool:
    pattern = re.escape(expression).replace(r"\*\*", ".+").replace(r"\*", "[^.]+")
    return re.fullmatch(rf"{pattern}(\..+)?", module) is not None


def is_domain(module: str) -> bool:
    return any(_matches(source, module) for source in CONTRACTS["domain"]["source_modules"])


def is_presentation(module: str) -> bool:
    return bool(PRESENTATION_PARTS & set(module.split(".")[1:])) or any(
        module == name or module.startswith(f"{name}.") for name in KERNEL_WEB
    )


@pytest.mark.parametrize(
    ("module", "domain", "presentation"),
    [
        ("commissions.services.events", True, False),
        ("products.imports", True, False),
        ("alliance.api.audit", False, True),
        ("payouts.management.commands.load_demo_payouts", False, True),
        ("alliance.auth_tokens", False, True),
        ("promoters.new_module", False, False),
    ],
)
def test_the_classification_of_a_module(module, domain, presentation):
    assert (is_domain(module), is_presentation(module)) == (domain, presentation)


def test_every_module_of_the_apps_is_domain_or_presentation_and_not_both():
    """A new module must be named on one side: in the "domain" contract's source_modules (so
    it may not import DRF, the API or the views), or here as presentation."""
    unclassified = [name for name in _modules() if not (is_domain(name) or is_presentation(name))]
    both = [name for name in _modules() if is_domain(name) and is_presentation(name)]

    assert (unclassified, both) == ([], [])


# --- The architecture page shows the layers contract ------------------------------------------


def test_the_architecture_page_shows_the_layers_contract_as_scripts_layers_draws_it():
    drawn = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "layers")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    page = (ROOT / "docs" / "architecture.md").read_text()
    block = page.split("<!-- layers:start -->\n", 1)[1].split("<!-- layers:end -->", 1)[0]

    assert block == drawn, "run scripts/layers --write"
    for layer in CONTRACTS["layers"]["layers"]:
        for name in re.split(r"[|:]", layer):
            assert f"    {name.strip()}" in drawn
