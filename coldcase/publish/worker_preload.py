"""Imported by the calendar build's forkserver before it forks the render workers (see `build._EarlyPool`).

Importing here, once, is what makes the workers start warm: they inherit WeasyPrint, pikepdf and
LittleCMS already loaded. The garbage collector is then frozen: the imported objects move to a
permanent generation that the collector never walks again. A collection in a worker would otherwise
touch every one of them and copy the forkserver's memory pages into each worker (copy on write);
frozen, those pages stay shared, which measured ~10 MB less per worker in bench/calendar_build.py.
"""

import gc

import pikepdf  # noqa: F401  (CMYK rewrite of each page)
import PIL.ImageCms  # noqa: F401  (photo conversion)
import weasyprint  # noqa: F401  (layout)

import coldcase.publish.preflight.overflow  # noqa: F401  (overflow detection while laying out)
import coldcase.publish.workers  # noqa: F401  (the worker functions)

gc.freeze()
