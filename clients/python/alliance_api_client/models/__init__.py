"""Contains all the data models used in inputs/outputs"""

from .action_enum import ActionEnum
from .appeal_request import AppealRequest
from .application_review_request import ApplicationReviewRequest
from .application_status_enum import ApplicationStatusEnum
from .attribution_enum import AttributionEnum
from .audit_log import AuditLog
from .audit_log_list_ordering_item import AuditLogListOrderingItem
from .backfill_line import BackfillLine
from .backfill_line_fields import BackfillLineFields
from .backfill_line_status_enum import BackfillLineStatusEnum
from .backfill_result import BackfillResult
from .backfill_upload_request import BackfillUploadRequest
from .balance_entry import BalanceEntry
from .balance_entry_kind_enum import BalanceEntryKindEnum
from .balances import Balances
from .blank_enum import BlankEnum
from .bulk_answer import BulkAnswer
from .bulk_request import BulkRequest
from .bulk_result import BulkResult
from .campaign import Campaign
from .campaign_application import CampaignApplication
from .campaign_application_create_request import CampaignApplicationCreateRequest
from .campaign_applications_list_ordering_item import CampaignApplicationsListOrderingItem
from .campaign_applications_list_status import CampaignApplicationsListStatus
from .campaign_kind_enum import CampaignKindEnum
from .campaign_request import CampaignRequest
from .campaigns_list_kind import CampaignsListKind
from .campaigns_list_ordering_item import CampaignsListOrderingItem
from .categories_list_ordering_item import CategoriesListOrderingItem
from .category import Category
from .category_request import CategoryRequest
from .channel import Channel
from .channel_kind_enum import ChannelKindEnum
from .channel_request import ChannelRequest
from .channels_list_kind import ChannelsListKind
from .channels_list_ordering_item import ChannelsListOrderingItem
from .click import Click
from .clicks_list_ordering_item import ClicksListOrderingItem
from .commission import Commission
from .commission_status_enum import CommissionStatusEnum
from .commission_sync_page import CommissionSyncPage
from .commissions_list_invalid_reason import CommissionsListInvalidReason
from .commissions_list_ordering_item import CommissionsListOrderingItem
from .commissions_list_status import CommissionsListStatus
from .coupon import Coupon
from .coupon_request import CouponRequest
from .coupons_list_ordering_item import CouponsListOrderingItem
from .current_statement import CurrentStatement
from .downline import Downline
from .earnings import Earnings
from .error_detail import ErrorDetail
from .error_detail_fields import ErrorDetailFields
from .error_response import ErrorResponse
from .event_accepted import EventAccepted
from .event_accepted_status_enum import EventAcceptedStatusEnum
from .flag import Flag
from .flag_bulk_answer import FlagBulkAnswer
from .flag_bulk_request import FlagBulkRequest
from .flag_bulk_result import FlagBulkResult
from .flag_clear_request import FlagClearRequest
from .flag_click import FlagClick
from .flag_commission import FlagCommission
from .flag_confirm_request import FlagConfirmRequest
from .flag_detail import FlagDetail
from .flag_history import FlagHistory
from .flag_history_commissions import FlagHistoryCommissions
from .flag_history_flags import FlagHistoryFlags
from .flag_order import FlagOrder
from .flag_severity_enum import FlagSeverityEnum
from .flag_similar import FlagSimilar
from .flag_status_enum import FlagStatusEnum
from .fraud_decision_enum import FraudDecisionEnum
from .fraud_flags_list_ordering_item import FraudFlagsListOrderingItem
from .fraud_flags_list_rule import FraudFlagsListRule
from .fraud_flags_list_severity import FraudFlagsListSeverity
from .fraud_flags_list_status import FraudFlagsListStatus
from .fraud_rule_enum import FraudRuleEnum
from .import_error import ImportError_
from .invalid_reason import InvalidReason
from .invalid_reason_enum import InvalidReasonEnum
from .link import Link
from .link_to_product_request import LinkToProductRequest
from .link_to_store_request import LinkToStoreRequest
from .link_update_request import LinkUpdateRequest
from .links_list_ordering_item import LinksListOrderingItem
from .mark_paid_request import MarkPaidRequest
from .me import Me
from .member_shape_enum import MemberShapeEnum
from .merchant_member import MerchantMember
from .merchant_order import MerchantOrder
from .merchant_public import MerchantPublic
from .merchant_shape_enum import MerchantShapeEnum
from .merchant_signup_request import MerchantSignupRequest
from .merchants_list_ordering_item import MerchantsListOrderingItem
from .merchants_list_status import MerchantsListStatus
from .order_event import OrderEvent
from .order_event_schema_request import OrderEventSchemaRequest
from .order_event_source_enum import OrderEventSourceEnum
from .order_event_status_enum import OrderEventStatusEnum
from .order_event_type_enum import OrderEventTypeEnum
from .order_events_list_ordering_item import OrderEventsListOrderingItem
from .order_events_list_source import OrderEventsListSource
from .order_events_list_status import OrderEventsListStatus
from .order_item_schema_request import OrderItemSchemaRequest
from .order_report_answer import OrderReportAnswer
from .order_report_request import OrderReportRequest
from .order_status_enum import OrderStatusEnum
from .order_sync_page import OrderSyncPage
from .orders_list_attribution import OrdersListAttribution
from .orders_list_ordering_item import OrdersListOrderingItem
from .orders_list_status import OrdersListStatus
from .own_customer import OwnCustomer
from .own_customer_request import OwnCustomerRequest
from .own_customers_list_ordering_item import OwnCustomersListOrderingItem
from .paginated_audit_log_list import PaginatedAuditLogList
from .paginated_balance_entry_list import PaginatedBalanceEntryList
from .paginated_campaign_application_list import PaginatedCampaignApplicationList
from .paginated_campaign_list import PaginatedCampaignList
from .paginated_category_list import PaginatedCategoryList
from .paginated_channel_list import PaginatedChannelList
from .paginated_click_list import PaginatedClickList
from .paginated_commission_list import PaginatedCommissionList
from .paginated_coupon_list import PaginatedCouponList
from .paginated_downline_list import PaginatedDownlineList
from .paginated_flag_list import PaginatedFlagList
from .paginated_link_list import PaginatedLinkList
from .paginated_merchant_list import PaginatedMerchantList
from .paginated_order_event_list import PaginatedOrderEventList
from .paginated_order_list import PaginatedOrderList
from .paginated_own_customer_list import PaginatedOwnCustomerList
from .paginated_payout_batch_list import PaginatedPayoutBatchList
from .paginated_payout_hold_list import PaginatedPayoutHoldList
from .paginated_payout_list import PaginatedPayoutList
from .paginated_payout_method_list import PaginatedPayoutMethodList
from .paginated_penalised_order_list import PaginatedPenalisedOrderList
from .paginated_product_import_summary_list import PaginatedProductImportSummaryList
from .paginated_product_list import PaginatedProductList
from .paginated_promoter_list import PaginatedPromoterList
from .paginated_settlement_run_list import PaginatedSettlementRunList
from .paginated_statement_list import PaginatedStatementList
from .paginated_store_domain_list import PaginatedStoreDomainList
from .patched_campaign_request import PatchedCampaignRequest
from .patched_category_request import PatchedCategoryRequest
from .patched_channel_request import PatchedChannelRequest
from .patched_coupon_request import PatchedCouponRequest
from .patched_link_update_request import PatchedLinkUpdateRequest
from .patched_merchant_member_request import PatchedMerchantMemberRequest
from .patched_payout_method_update_request import PatchedPayoutMethodUpdateRequest
from .patched_product_request import PatchedProductRequest
from .patched_promoter_request import PatchedPromoterRequest
from .payout import Payout
from .payout_batch import PayoutBatch
from .payout_batches_list_kind import PayoutBatchesListKind
from .payout_hold import PayoutHold
from .payout_hold_request import PayoutHoldRequest
from .payout_hold_source_enum import PayoutHoldSourceEnum
from .payout_holds_list_ordering_item import PayoutHoldsListOrderingItem
from .payout_method import PayoutMethod
from .payout_method_kind_enum import PayoutMethodKindEnum
from .payout_method_request import PayoutMethodRequest
from .payout_method_update import PayoutMethodUpdate
from .payout_method_update_request import PayoutMethodUpdateRequest
from .payout_methods_list_kind import PayoutMethodsListKind
from .payout_methods_list_ordering_item import PayoutMethodsListOrderingItem
from .payout_request_request import PayoutRequestRequest
from .payout_status_enum import PayoutStatusEnum
from .payouts_export_create_kind import PayoutsExportCreateKind
from .payouts_list_kind import PayoutsListKind
from .payouts_list_ordering_item import PayoutsListOrderingItem
from .payouts_list_status import PayoutsListStatus
from .penalised_order import PenalisedOrder
from .penalised_orders_list_ordering_item import PenalisedOrdersListOrderingItem
from .penalised_orders_list_reason_kind import PenalisedOrdersListReasonKind
from .penalised_orders_list_status import PenalisedOrdersListStatus
from .penalty_status_enum import PenaltyStatusEnum
from .platforms_enum import PlatformsEnum
from .product import Product
from .product_file_format_enum import ProductFileFormatEnum
from .product_import import ProductImport
from .product_import_status_enum import ProductImportStatusEnum
from .product_import_summary import ProductImportSummary
from .product_import_upload_request import ProductImportUploadRequest
from .product_imports_export_retrieve_format import ProductImportsExportRetrieveFormat
from .product_imports_list_ordering_item import ProductImportsListOrderingItem
from .product_imports_list_status import ProductImportsListStatus
from .product_request import ProductRequest
from .products_list_ordering_item import ProductsListOrderingItem
from .products_list_stock_status import ProductsListStockStatus
from .promoter import Promoter
from .promoter_order import PromoterOrder
from .promoter_shape_enum import PromoterShapeEnum
from .promoter_signup_request import PromoterSignupRequest
from .promoters_list_ordering_item import PromotersListOrderingItem
from .promoters_list_status import PromotersListStatus
from .public_shape_enum import PublicShapeEnum
from .reason_kind_enum import ReasonKindEnum
from .reason_request import ReasonRequest
from .reference_request import ReferenceRequest
from .review_request import ReviewRequest
from .review_status_enum import ReviewStatusEnum
from .role_enum import RoleEnum
from .settlement_run import SettlementRun
from .settlement_run_status_enum import SettlementRunStatusEnum
from .settlement_runs_list_status import SettlementRunsListStatus
from .similar_account_reason_enum import SimilarAccountReasonEnum
from .statement import Statement
from .statement_status_enum import StatementStatusEnum
from .statements_list_ordering_item import StatementsListOrderingItem
from .statements_list_status import StatementsListStatus
from .stock_status_enum import StockStatusEnum
from .store_domain import StoreDomain
from .store_domain_request import StoreDomainRequest
from .store_domains_list_ordering_item import StoreDomainsListOrderingItem
from .store_domains_list_status import StoreDomainsListStatus
from .token_obtain_pair import TokenObtainPair
from .token_obtain_pair_request import TokenObtainPairRequest
from .token_refresh import TokenRefresh
from .token_refresh_request import TokenRefreshRequest
from .upline import Upline
from .void_request import VoidRequest
from .webhook_secret import WebhookSecret

__all__ = (
    "ActionEnum",
    "AppealRequest",
    "ApplicationReviewRequest",
    "ApplicationStatusEnum",
    "AttributionEnum",
    "AuditLog",
    "AuditLogListOrderingItem",
    "BackfillLine",
    "BackfillLineFields",
    "BackfillLineStatusEnum",
    "BackfillResult",
    "BackfillUploadRequest",
    "BalanceEntry",
    "BalanceEntryKindEnum",
    "Balances",
    "BlankEnum",
    "BulkAnswer",
    "BulkRequest",
    "BulkResult",
    "Campaign",
    "CampaignApplication",
    "CampaignApplicationCreateRequest",
    "CampaignApplicationsListOrderingItem",
    "CampaignApplicationsListStatus",
    "CampaignKindEnum",
    "CampaignRequest",
    "CampaignsListKind",
    "CampaignsListOrderingItem",
    "CategoriesListOrderingItem",
    "Category",
    "CategoryRequest",
    "Channel",
    "ChannelKindEnum",
    "ChannelRequest",
    "ChannelsListKind",
    "ChannelsListOrderingItem",
    "Click",
    "ClicksListOrderingItem",
    "Commission",
    "CommissionsListInvalidReason",
    "CommissionsListOrderingItem",
    "CommissionsListStatus",
    "CommissionStatusEnum",
    "CommissionSyncPage",
    "Coupon",
    "CouponRequest",
    "CouponsListOrderingItem",
    "CurrentStatement",
    "Downline",
    "Earnings",
    "ErrorDetail",
    "ErrorDetailFields",
    "ErrorResponse",
    "EventAccepted",
    "EventAcceptedStatusEnum",
    "Flag",
    "FlagBulkAnswer",
    "FlagBulkRequest",
    "FlagBulkResult",
    "FlagClearRequest",
    "FlagClick",
    "FlagCommission",
    "FlagConfirmRequest",
    "FlagDetail",
    "FlagHistory",
    "FlagHistoryCommissions",
    "FlagHistoryFlags",
    "FlagOrder",
    "FlagSeverityEnum",
    "FlagSimilar",
    "FlagStatusEnum",
    "FraudDecisionEnum",
    "FraudFlagsListOrderingItem",
    "FraudFlagsListRule",
    "FraudFlagsListSeverity",
    "FraudFlagsListStatus",
    "FraudRuleEnum",
    "ImportError_",
    "InvalidReason",
    "InvalidReasonEnum",
    "Link",
    "LinksListOrderingItem",
    "LinkToProductRequest",
    "LinkToStoreRequest",
    "LinkUpdateRequest",
    "MarkPaidRequest",
    "Me",
    "MemberShapeEnum",
    "MerchantMember",
    "MerchantOrder",
    "MerchantPublic",
    "MerchantShapeEnum",
    "MerchantSignupRequest",
    "MerchantsListOrderingItem",
    "MerchantsListStatus",
    "OrderEvent",
    "OrderEventSchemaRequest",
    "OrderEventsListOrderingItem",
    "OrderEventsListSource",
    "OrderEventsListStatus",
    "OrderEventSourceEnum",
    "OrderEventStatusEnum",
    "OrderEventTypeEnum",
    "OrderItemSchemaRequest",
    "OrderReportAnswer",
    "OrderReportRequest",
    "OrdersListAttribution",
    "OrdersListOrderingItem",
    "OrdersListStatus",
    "OrderStatusEnum",
    "OrderSyncPage",
    "OwnCustomer",
    "OwnCustomerRequest",
    "OwnCustomersListOrderingItem",
    "PaginatedAuditLogList",
    "PaginatedBalanceEntryList",
    "PaginatedCampaignApplicationList",
    "PaginatedCampaignList",
    "PaginatedCategoryList",
    "PaginatedChannelList",
    "PaginatedClickList",
    "PaginatedCommissionList",
    "PaginatedCouponList",
    "PaginatedDownlineList",
    "PaginatedFlagList",
    "PaginatedLinkList",
    "PaginatedMerchantList",
    "PaginatedOrderEventList",
    "PaginatedOrderList",
    "PaginatedOwnCustomerList",
    "PaginatedPayoutBatchList",
    "PaginatedPayoutHoldList",
    "PaginatedPayoutList",
    "PaginatedPayoutMethodList",
    "PaginatedPenalisedOrderList",
    "PaginatedProductImportSummaryList",
    "PaginatedProductList",
    "PaginatedPromoterList",
    "PaginatedSettlementRunList",
    "PaginatedStatementList",
    "PaginatedStoreDomainList",
    "PatchedCampaignRequest",
    "PatchedCategoryRequest",
    "PatchedChannelRequest",
    "PatchedCouponRequest",
    "PatchedLinkUpdateRequest",
    "PatchedMerchantMemberRequest",
    "PatchedPayoutMethodUpdateRequest",
    "PatchedProductRequest",
    "PatchedPromoterRequest",
    "Payout",
    "PayoutBatch",
    "PayoutBatchesListKind",
    "PayoutHold",
    "PayoutHoldRequest",
    "PayoutHoldsListOrderingItem",
    "PayoutHoldSourceEnum",
    "PayoutMethod",
    "PayoutMethodKindEnum",
    "PayoutMethodRequest",
    "PayoutMethodsListKind",
    "PayoutMethodsListOrderingItem",
    "PayoutMethodUpdate",
    "PayoutMethodUpdateRequest",
    "PayoutRequestRequest",
    "PayoutsExportCreateKind",
    "PayoutsListKind",
    "PayoutsListOrderingItem",
    "PayoutsListStatus",
    "PayoutStatusEnum",
    "PenalisedOrder",
    "PenalisedOrdersListOrderingItem",
    "PenalisedOrdersListReasonKind",
    "PenalisedOrdersListStatus",
    "PenaltyStatusEnum",
    "PlatformsEnum",
    "Product",
    "ProductFileFormatEnum",
    "ProductImport",
    "ProductImportsExportRetrieveFormat",
    "ProductImportsListOrderingItem",
    "ProductImportsListStatus",
    "ProductImportStatusEnum",
    "ProductImportSummary",
    "ProductImportUploadRequest",
    "ProductRequest",
    "ProductsListOrderingItem",
    "ProductsListStockStatus",
    "Promoter",
    "PromoterOrder",
    "PromoterShapeEnum",
    "PromoterSignupRequest",
    "PromotersListOrderingItem",
    "PromotersListStatus",
    "PublicShapeEnum",
    "ReasonKindEnum",
    "ReasonRequest",
    "ReferenceRequest",
    "ReviewRequest",
    "ReviewStatusEnum",
    "RoleEnum",
    "SettlementRun",
    "SettlementRunsListStatus",
    "SettlementRunStatusEnum",
    "SimilarAccountReasonEnum",
    "Statement",
    "StatementsListOrderingItem",
    "StatementsListStatus",
    "StatementStatusEnum",
    "StockStatusEnum",
    "StoreDomain",
    "StoreDomainRequest",
    "StoreDomainsListOrderingItem",
    "StoreDomainsListStatus",
    "TokenObtainPair",
    "TokenObtainPairRequest",
    "TokenRefresh",
    "TokenRefreshRequest",
    "Upline",
    "VoidRequest",
    "WebhookSecret",
)
