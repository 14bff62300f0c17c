from django.http import HttpRequest


def roles(request: HttpRequest) -> dict:
    """Expose the signed-in user's role to templates for the per-role navigation."""
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user and user.is_authenticated else None
    return {"current_role": role}
