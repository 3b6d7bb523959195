"""The site's URLconf with the laws pages under /laws/, as the lead mounts them."""

from django.urls import include, path

from threatdesk.urls import urlpatterns as site_urlpatterns

urlpatterns = list(site_urlpatterns)
if not any(getattr(pattern, "namespace", None) == "laws" for pattern in urlpatterns):
    urlpatterns.append(path("laws/", include("threatdesk.laws.urls")))
