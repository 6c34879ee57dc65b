"""The rate of a line and the uplines of a sale, looked up once per batch of events."""

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from alliance.models import ReviewStatus
from products.models import Campaign, Merchant, Product
from promoters.models import MAX_UPLINE_DEPTH, CampaignApplication, UplineRelation

from .split import highest_rate


class RateBook:
    """Each merchant's active campaigns, the products they cover and the promoters admitted to
    the targeted ones, loaded on first use."""

    def __init__(self) -> None:
        self._campaigns: dict[int, list[tuple[Campaign, set[int], set[int]]]] = {}

    def _load(self, merchant_id: int):
        if merchant_id not in self._campaigns:
            campaigns = list(Campaign.objects.filter(merchant_id=merchant_id, is_active=True))
            covered: dict[int, set[int]] = defaultdict(set)
            for campaign_id, product_id in Campaign.products.through.objects.filter(
                campaign__in=campaigns
            ).values_list("campaign_id", "product_id"):
                covered[campaign_id].add(product_id)
            admitted: dict[int, set[int]] = defaultdict(set)
            for campaign_id, promoter_id in CampaignApplication.objects.filter(
                campaign__in=[c for c in campaigns if c.kind == Campaign.Kind.TARGETED],
                status=ReviewStatus.APPROVED,
            ).values_list("campaign_id", "promoter_id"):
                admitted[campaign_id].add(promoter_id)
            self._campaigns[merchant_id] = [(c, covered[c.pk], admitted[c.pk]) for c in campaigns]
        return self._campaigns[merchant_id]

    def rate(
        self, *, merchant: Merchant, product: Product | None, promoter_id: int, moment: datetime
    ) -> Decimal:
        """The highest of the product's rate (or the merchant default) and every campaign that
        covers the product, runs at `moment` and is open to the promoter."""
        base = product.commission_rate if product is not None else None
        if base is None:
            base = merchant.default_commission_rate
        campaign_rates = [
            campaign.rate
            for campaign, products, admitted in self._load(merchant.pk)
            if campaign.is_running_at(moment)
            and (
                campaign.applies_to_all_products or (product is not None and product.pk in products)
            )
            and (campaign.kind != Campaign.Kind.TARGETED or promoter_id in admitted)
        ]
        return highest_rate(base, campaign_rates)


class UplineBook:
    """Upline relations by promoter, loaded on first use."""

    def __init__(self) -> None:
        self._relations: dict[int, UplineRelation | None] = {}

    def load(self, promoter_ids) -> None:
        """Load the relations of `promoter_ids` and of their uplines: two queries for a batch."""
        wanted = set(promoter_ids)
        for _level in range(MAX_UPLINE_DEPTH):
            wanted -= self._relations.keys()
            if not wanted:
                return
            found = {
                relation.promoter_id: relation
                for relation in UplineRelation.objects.filter(promoter_id__in=wanted)
            }
            for promoter_id in wanted:
                self._relations[promoter_id] = found.get(promoter_id)
            wanted = {relation.upline_id for relation in found.values()}

    def _relation(self, promoter_id: int) -> UplineRelation | None:
        if promoter_id not in self._relations:
            self._relations[promoter_id] = UplineRelation.objects.filter(
                promoter_id=promoter_id
            ).first()
        return self._relations[promoter_id]

    def uplines(self, *, promoter_id: int, moment: datetime) -> list[int]:
        """Uplines with an unexpired relation at `moment`, nearest first, at most two levels
        whatever the data holds; the chain stops at the first expired or missing link."""
        chain: list[int] = []
        current = promoter_id
        while len(chain) < MAX_UPLINE_DEPTH:
            relation = self._relation(current)
            if relation is None or not relation.is_active_at(moment):
                break
            chain.append(relation.upline_id)
            current = relation.upline_id
        return chain
