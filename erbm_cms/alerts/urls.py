from django.urls import path

from . import feeds, views

urlpatterns = [
    path("recherche/rss.xml", feeds.SearchRss(), name="search_rss"),
    path("recherche/atom.xml", feeds.SearchAtom(), name="search_atom"),
    path("recherche/alertes/", views.alert_list, name="alert_list"),
    path("recherche/alertes/<int:pk>/supprimer/", views.alert_delete, name="alert_delete"),
    path("recherche/alertes/desinscription/<str:token>/", views.alert_unsubscribe, name="alert_unsubscribe"),
]
