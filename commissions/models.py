# Orders, attribution, commissions and the ledger arrive with the order-events work.
