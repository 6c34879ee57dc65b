"""What the commissions app tells the apps above it, without importing them (they connect in
their own AppConfig.ready)."""

from django.dispatch import Signal

# Sent once per applied batch of order events, after its transaction committed, with
# `order_ids`: the primary keys of the attributed orders the batch created or changed. The
# fraud rules listen (fraud.apps); a receiver must not raise (a failed publish is logged).
orders_applied = Signal()
