"""Content Security Policy, built into Django since 6.0: a middleware, a policy, a nonce per request."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.utils.csp import CSP
from django.views.decorators.cache import cache_control

# --8<-- [start:settings]
# settings.py
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",  # (1)!
]
SECURE_CSP = {  # (2)!
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"context_processors": ["django.template.context_processors.csp"]},  # (3)!
    },
]
# --8<-- [end:settings]

# --8<-- [start:view]
PAGE = '<script nonce="{{ csp_nonce }}">console.log("allowed")</script>'


@cache_control(no_store=True)  # (4)!
def page(request):
    template = engines["django"].from_string(PAGE)
    return HttpResponse(template.render(request=request))


urlpatterns = [path("", page)]
# --8<-- [end:view]
