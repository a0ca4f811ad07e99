"""genrepo: turn a workflow wiki into runnable repositories."""

__version__ = "0.1.0"
