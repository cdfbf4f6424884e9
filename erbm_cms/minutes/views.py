from django.http import HttpResponse
from django.views.decorators.http import require_GET

from .calendar import committees_calendar


@require_GET
def calendar_ics(request):
    content = committees_calendar(request.build_absolute_uri, request.get_host())
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="comites-de-pilotage.ics"'
    return response
