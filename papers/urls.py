from django.urls import path

from papers import views

app_name = "papers"

urlpatterns = [
    path("penandatangan/<int:year>/", views.signatories, name="signatories"),
    path("penandatangan/<int:year>/<str:code>/", views.signatory_edit, name="signatory_edit"),
]
