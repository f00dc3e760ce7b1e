from django import template

from .. import secondstep

register = template.Library()


@register.simple_tag(takes_context=True)
def second_step_needed(context):
    """True on the account pages while the user must still enrol a second factor to reach the admin."""
    request = context.get("request")
    return bool(request and secondstep.required(request.user) and not secondstep.has_factor(request.user))


@register.simple_tag
def factor_types(view):
    """The kinds of second factor the user at the second step has (a passkey is offered first when they have one)."""
    from allauth.mfa.models import Authenticator

    user = view.stage.login.user
    return set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
