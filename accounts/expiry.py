"""What a page posted after the session ended becomes: kept, shown again once its owner signs in.

A view opts in with `keeps_post_after_sign_out`. A post that reaches it after the idle or absolute limit
(the middleware still knows who sent it) or without any session (anonymous) is stored in the new session
with its path, then the sender signs in. The page at that path takes it back with `take_kept_post`, only
for the user who sent it; an anonymous one is tied to nobody, so the page must check that the record it
points at belongs to whoever signed in (patients: `Intake.objects.for_user`).
"""

import json
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

KEPT_POST_KEY = "kept_post"
MAX_KEPT_CHARS = 50_000
IGNORED_KEYS = {"csrfmiddlewaretoken"}
KEPT_MESSAGE = "What you sent from the last page was not saved, but we kept it: sign in to see it again."

View = Callable[..., HttpResponse]


def keeps_post_after_sign_out(view: View) -> View:
    """Keep what an anonymous visitor (a session that ended) posts to `view`, then ask them to sign in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method == "POST" and not request.user.is_authenticated:
            if keep_post(request, user_id=None):
                messages.info(request, KEPT_MESSAGE)
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.keeps_post = True
    return wrapper


def keep_post_after_expiry(request: HttpRequest, *, user_id: int) -> bool:
    """For a POST that met the end of its session: keep it if its view opts in; whether it was kept."""
    if request.method != "POST":
        return False
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return False
    return getattr(view, "keeps_post", False) and keep_post(request, user_id=user_id)


def keep_post(request: HttpRequest, *, user_id: int | None) -> bool:
    """Store the posted fields with their path in the (new) session; refuses one too large to keep."""
    typed = {key: request.POST.getlist(key) for key in request.POST if key not in IGNORED_KEYS}
    if len(json.dumps(typed)) > MAX_KEPT_CHARS:
        return False
    request.session[KEPT_POST_KEY] = {"path": request.path, "user": user_id, "data": typed}
    return True


def take_kept_post(request: HttpRequest) -> dict[str, list[str]] | None:
    """The fields kept for this page and this user, removed from the session; None when there are none."""
    kept = request.session.get(KEPT_POST_KEY)
    if not kept or kept["path"] != request.path:
        return None
    del request.session[KEPT_POST_KEY]
    if kept["user"] not in (None, request.user.pk):
        return None
    return kept["data"]
