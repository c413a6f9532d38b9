"""mkdocs-sop: Standard Operating Procedures (Permen PANRB 35/2012) in Markdown."""

__version__ = "0.1.0"


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    """Let ``markdown.markdown(text, extensions=["mkdocs_sop"])`` find the extension."""
    from .extension import SopExtension

    return SopExtension(**kwargs)
