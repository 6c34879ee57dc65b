from rest_framework.permissions import SAFE_METHODS, BasePermission

from alliance.roles import Role, role_of


class IsMerchantMemberOrReadOnly(BasePermission):
    """Anyone signed in may read what their queryset shows them; only merchant members write
    (and their querysets hold only their own merchant's rows)."""

    message = "Only merchant members may change this."

    def has_permission(self, request, view) -> bool:
        role = role_of(request.user)
        if request.method in SAFE_METHODS:
            return role != Role.NONE
        return role == Role.MERCHANT


class IsPlatformAdminOrReadOnly(BasePermission):
    message = "Only platform admins may change this."

    def has_permission(self, request, view) -> bool:
        role = role_of(request.user)
        if request.method in SAFE_METHODS:
            return role != Role.NONE
        return role == Role.ADMIN


class IsMerchantMember(BasePermission):
    message = "Only merchant members may do this."

    def has_permission(self, request, view) -> bool:
        return role_of(request.user) == Role.MERCHANT


class IsMerchantMemberOrAdminReads(BasePermission):
    """Merchant members read and write their own rows; platform admins read every merchant's
    (and review them through actions with their own permission)."""

    message = "Only merchant members may change this."

    def has_permission(self, request, view) -> bool:
        role = role_of(request.user)
        if request.method in SAFE_METHODS:
            return role in {Role.MERCHANT, Role.ADMIN}
        return role == Role.MERCHANT
