"""Settings for publishing: everything in pelicanconf.py, plus absolute URLs and strict checks.

SITEURL comes from the environment (the Pages workflow sets it from the
repository's Pages configuration), for example
SITEURL=https://example.github.io/site uv run invoke publish
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))

from factcheck.content.publishing import publish_problem  # noqa: E402
from pelicanconf import *  # noqa: E402, F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
FACTCHECK_STRICT = True
# A new site turns this on: every source a published page cites must then have
# an archived copy (`uv run invoke archive` makes them). The example's sources
# have none yet, so it stays off here.
FACTCHECK_REQUIRE_ARCHIVE = False
DELETE_OUTPUT_DIRECTORY = True

# GitHub Pages: no Jekyll processing; a custom domain when CNAME is set.
FACTCHECK_EXTRA_FILES = {".nojekyll": ""}
if os.environ.get("CNAME"):
    FACTCHECK_EXTRA_FILES["CNAME"] = os.environ["CNAME"] + "\n"

# Refuse to publish a site without its own address or with a placeholder
# publisher: one line naming the setting, and a non-zero exit.
_problem = publish_problem(globals())
if _problem:
    sys.exit(f"error: cannot publish: {_problem}")
