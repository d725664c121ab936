"""Account management for admins: list, create, change roles, disable, reset password and second factor."""
