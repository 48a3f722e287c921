"""Commands for editors: check, scaffolding, schemas, archiving, link checks, change summaries."""
