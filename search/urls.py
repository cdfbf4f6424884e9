from django.urls import path

from . import views

urlpatterns = [
    path("recherche/", views.search_page, name="search"),
    path("api/recherche/", views.search_api, name="search_api"),
]
