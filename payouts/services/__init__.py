"""Payout write paths, split by use case: payout methods, holds, requests and their review,
and the CSV export. Every write that touches a promoter's payouts first locks the promoter's
row, so requests, holds and reviews of one promoter run one at a time."""
