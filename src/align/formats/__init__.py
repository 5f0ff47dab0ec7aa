"""See the package docstring of align for the pipeline."""
