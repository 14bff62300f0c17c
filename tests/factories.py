import factory
from django.utils import timezone

from accounts.models import User
from accounts.services import assign_role
from tests.screening.documents import make_document


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    role = "patient"
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery-9")

    @factory.post_generation
    def _save(obj, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()
            # As in the app: the role's group and the admin-site flag follow the role.
            assign_role(user=obj, role=obj.role)


class IntakeFactory(factory.django.DjangoModelFactory):
    """A submitted intake whose frozen document is the screening baseline (or document=make_document(...))."""

    class Meta:
        model = "patients.Intake"

    patient = factory.SubFactory(UserFactory, role="patient")
    status = "submitted"
    document = factory.LazyFunction(make_document)
    submitted_at = factory.LazyFunction(timezone.now)


class DraftIntakeFactory(IntakeFactory):
    """A patient's unsent draft holding only the answers given so far (answers={...})."""

    status = "draft"
    document = None
    submitted_at = None
    answers = factory.LazyFunction(dict)
