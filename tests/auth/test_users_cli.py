"""`coldcase users create` and `coldcase users ensure-admin`."""

from coldcase.auth.accounts import authenticate, find_user
from coldcase.auth.models import Role


def _password_from(output: str) -> str:
    for line in output.splitlines():
        if "password:" in line.lower():
            return line.split(":", 1)[1].split()[0]
    raise AssertionError(output)


def test_users_create_prints_a_one_time_password_that_works(runner):
    result = runner.invoke(args=["users", "create", "Erik@Police.example", "--role", "investigator", "--role", "analyst"])
    assert result.exit_code == 0, result.output
    user = find_user("erik@police.example")
    assert user.roles == {Role.INVESTIGATOR, Role.ANALYST} and user.must_change_password
    assert authenticate("erik@police.example", _password_from(result.output)).user is not None


def test_users_create_refuses_an_unknown_role_and_a_taken_email(runner):
    bad = runner.invoke(args=["users", "create", "a@police.example", "--role", "sheriff"])
    assert bad.exit_code == 2 and "sheriff" in bad.output
    runner.invoke(args=["users", "create", "a@police.example", "--role", "analyst"])
    again = runner.invoke(args=["users", "create", "a@police.example", "--role", "analyst"])
    assert again.exit_code == 1 and "already a user" in again.output


def test_users_create_reads_a_chosen_password_from_stdin(runner):
    result = runner.invoke(args=["users", "create", "b@police.example", "--role", "analyst", "--password-stdin"],
                           input="a chosen long password\n")
    assert result.exit_code == 0 and "One-time" not in result.output
    assert authenticate("b@police.example", "a chosen long password").user is not None


def test_ensure_admin_creates_an_admin_with_every_role_only_once(runner):
    first = runner.invoke(args=["users", "ensure-admin"])
    assert first.exit_code == 0
    admin = find_user("admin@localhost")
    assert admin.roles == set(Role)
    assert authenticate("admin@localhost", _password_from(first.output)).user is not None
    second = runner.invoke(args=["users", "ensure-admin"])
    assert "exist already" in second.output and "password:" not in second.output
