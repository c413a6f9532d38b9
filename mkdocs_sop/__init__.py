"""mkdocs-sop: Standard Operating Procedures (Permen PANRB 35/2012) in Markdown."""

from .version import __version__


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    """Let ``markdown.markdown(text, extensions=["mkdocs_sop"])`` find the extension (loaded lazily)."""
    from .adapters.markdown import SopExtension

    return SopExtension(**kwargs)
