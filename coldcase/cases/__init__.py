"""Cold cases kept as folders of plain files: the data model, the loader that validates them, Markdown
rendering, a cached store for the web app and the ``coldcase cases check`` command.

``model``, ``loader`` and ``markdown`` import neither Flask nor the database, so builds and tests can use them
alone; ``store`` adds thread-safe caching and ``cli`` the command line.
"""
