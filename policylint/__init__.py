"""policylint: find the structures in HR policy documents that exclude people."""

__version__ = "0.1.0"
