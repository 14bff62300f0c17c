from django.urls import path

from screening import views

app_name = "screening"

urlpatterns = [
    path("", views.home, name="home"),
    path("rules/", views.catalogue, name="catalogue"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert-detail"),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="alert-acknowledge"),
]
