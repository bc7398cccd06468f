"""Expected status of every public URL for every role (see uep/tests/authz.py): open to all."""

from uep.tests.authz import PUBLIC, Access

MATRIX = {
    "public:status": Access(PUBLIC),
}
