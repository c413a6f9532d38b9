"""The package version, in a module of its own so the core can name it without loading the
package root (which would load Python-Markdown and the extension)."""

__version__ = "0.1.0"
