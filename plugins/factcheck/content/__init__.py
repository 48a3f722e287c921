"""Content in: files -> located nodes -> declared models -> a validated site.

Nothing here imports Pelican: the check (`python -m factcheck check`) and the
build read content through the same modules.
"""
