"""``python -m mkdocs_sop``: the same as the ``mkdocs-sop`` command."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="mkdocs-sop")
