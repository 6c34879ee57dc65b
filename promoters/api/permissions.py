from rest_framework.permissions import SAFE_METHODS, BasePermission

from alliance.roles import Role, role_of


class IsPromoter(BasePermission):
    message = "Only promoters may do this."

    def has_permission(self, request, view) -> bool:
        return role_of(request.user) == Role.PROMOTER


class IsPromoterOrAdminReadOnly(BasePermission):
    """Promoters manage their own rows; admins may read everyone's."""

    message = "Only promoters may change this."

    def has_permission(self, request, view) -> bool:
        role = role_of(request.user)
        if role == Role.ADMIN:
            return request.method in SAFE_METHODS
        return role == Role.PROMOTER
