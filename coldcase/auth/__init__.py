"""Staff accounts: users with roles, login and logout, and the ``role_required`` decorator."""
