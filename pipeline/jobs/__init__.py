"""Hot jobs: their definition (YAML) and drafts from a posting's text."""
