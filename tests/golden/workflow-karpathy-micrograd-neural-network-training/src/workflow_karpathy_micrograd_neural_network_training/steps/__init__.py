"""The steps of this workflow, one module each, in order."""
