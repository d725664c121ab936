"""`coldcase users create` and `coldcase users ensure-admin`."""

from datetime import UTC

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


def test_reset_password_from_the_command_line_lifts_a_lockout_and_is_audited(runner, create_user):
    from datetime import datetime, timedelta

    from coldcase.audit.models import AuditEvent
    from coldcase.extensions import db

    user = create_user("admin", locked_until=datetime.now(UTC) + timedelta(minutes=10))
    result = runner.invoke(args=["users", "reset-password", user.email])
    assert result.exit_code == 0, result.output
    assert authenticate(user.email, _password_from(result.output)).user is not None
    assert db.session.query(AuditEvent).filter_by(action="user_password_reset").count() == 1


def test_reset_2fa_from_the_command_line_forgets_the_authenticator(runner, create_user):
    user = create_user("investigator", totp_secret="JBSWY3DPEHPK3PXP")
    assert find_user(user.email).totp_secret
    result = runner.invoke(args=["users", "reset-2fa", user.email])
    assert result.exit_code == 0 and "new authenticator" in result.output
    assert find_user(user.email).totp_secret is None


def test_resets_name_an_unknown_user_clearly(runner):
    for command in ("reset-password", "reset-2fa"):
        result = runner.invoke(args=["users", command, "nobody@police.example"])
        assert result.exit_code == 1 and "There is no user nobody@police.example." in result.output
