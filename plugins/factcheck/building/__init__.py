"""How a build is written: atomic staging and swap, incremental rebuilds, the preview server."""
