from promoters.models import Promoter


def promoter_lock(promoter_id: int) -> Promoter:
    """The promoter's row, locked: the one lock every payout write of that promoter takes
    first (then the payout, then the ledger account), so they never deadlock."""
    return Promoter.objects.select_for_update(of=("self",)).get(pk=promoter_id)
