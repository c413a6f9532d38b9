"""Fixtures for the catalogue tests (helpers are in catalogue_site.py)."""

from __future__ import annotations

import pytest

from catalogue_site import Site, build_site, write_site


@pytest.fixture(scope="module", params=[True, False], ids=["dir-urls", "html-urls"])
def site(request, tmp_path_factory):
    """The sample site built once per URL style: (site dir, use_directory_urls, warnings)."""
    root = tmp_path_factory.mktemp("site")
    site_dir, warnings = build_site(write_site(root, use_directory_urls=request.param))
    return Site(site_dir, request.param, warnings)
