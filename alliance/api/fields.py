from rest_framework import serializers


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key in a write, looked up only among the rows the requester may use.

    `scope(request)` returns that queryset; an id outside it is answered exactly like an id that
    does not exist, so a client cannot probe other tenants' ids."""

    def __init__(self, *, scope, model, **kwargs):
        self.scope = scope
        # The unscoped queryset only tells the schema generator which model this points at.
        super().__init__(queryset=model.objects.none(), **kwargs)

    def get_queryset(self):
        return self.scope(self.context["request"])
