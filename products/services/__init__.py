"""Write paths for merchants and the catalog, one function per use case, each transactional:
merchants (sign-up, review, profile, webhook secret and log), catalog (products, categories),
campaigns (campaigns, coupons) and domains (store domains and the URLs they approve). Callers
import from `products.services`; the modules are how the code is filed."""

from .campaigns import campaign_save, coupon_active_set, coupon_save
from .catalog import category_delete, category_save, product_delete, product_save
from .domains import (
    DomainNotApproved,
    store_domain_declare,
    store_domain_remove,
    store_domain_review,
    url_domain_check,
    url_domain_message,
    url_scheme_message,
)
from .merchants import (
    MERCHANT_PROFILE_FIELDS,
    merchant_review,
    merchant_signup,
    merchant_update,
    merchant_webhook_secret_rotate,
    user_create,
    webhook_delivery_record,
    webhook_secret_new,
)

__all__ = [
    "MERCHANT_PROFILE_FIELDS",
    "DomainNotApproved",
    "campaign_save",
    "category_delete",
    "category_save",
    "coupon_active_set",
    "coupon_save",
    "merchant_review",
    "merchant_signup",
    "merchant_update",
    "merchant_webhook_secret_rotate",
    "product_delete",
    "product_save",
    "store_domain_declare",
    "store_domain_remove",
    "store_domain_review",
    "url_domain_check",
    "url_domain_message",
    "url_scheme_message",
    "user_create",
    "webhook_delivery_record",
    "webhook_secret_new",
]
