"""The site's settings the commands need, read from mkdocs.yml without importing MkDocs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

import click

from ..core.messages import DEFAULT_LANGUAGE, LANGUAGES, language_of
from .texts import cli_text


@dataclass
class SiteConfig:
    """The few settings of a site the commands use."""

    config_file: str = ""
    docs_dir: str = ""
    institution: str = ""
    strict_links: bool = False
    use_directory_urls: bool = True
    exclude_docs: str = ""
    draft_docs: str = ""
    plugin_config: dict = field(default_factory=dict)
    site_name: str = ""
    site_url: str = ""
    language: str = "id"  # the plugin's `language`: of the output and of problem reports


def _config_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        """Safe, but tolerant of the tags mkdocs.yml files carry (``!!python/name:``, ``!ENV``)."""

    def _env(loader, node):
        if isinstance(node, yaml.ScalarNode):
            names, default = [loader.construct_scalar(node)], None
        else:
            items = loader.construct_sequence(node)
            names, default = items[:-1], items[-1] if len(items) > 1 else None
        for name in names:
            if name in os.environ:
                return os.environ[name]
        return default

    def _ignore(loader, suffix, node):
        return None

    Loader.add_constructor("!ENV", _env)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore)
    Loader.add_multi_constructor("!", _ignore)
    return Loader


def load_site_config(path: str, language: str = DEFAULT_LANGUAGE) -> SiteConfig:
    """Read ``docs_dir`` and the ``sop`` plugin's settings from a mkdocs.yml.

    ``language`` is that of the usage error raised when the file cannot be read.
    """
    import yaml

    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = yaml.load(handle, Loader=_config_loader())  # noqa: S506 - a SafeLoader subclass
    except OSError as exc:
        raise click.UsageError(cli_text("config-unreadable", language, path=path,
                                        error=exc.strerror)) from None
    except yaml.YAMLError as exc:
        raise click.UsageError(cli_text("config-not-yaml", language, path=path, error=exc)) from None
    if not isinstance(data, dict):
        data = {}
    base = os.path.dirname(os.path.abspath(path))
    inherit = data.get("INHERIT")
    if isinstance(inherit, str):  # MkDocs' config inheritance: the parent first, ours on top
        parent = load_site_config(os.path.join(base, inherit), language)
        merged = dict(parent.plugin_config)
        cfg = replace(parent, config_file=path)
    else:
        merged, cfg = {}, SiteConfig(config_file=path, docs_dir=os.path.join(base, "docs"))
    if isinstance(data.get("docs_dir"), str):
        cfg.docs_dir = os.path.join(base, data["docs_dir"])
    if isinstance(data.get("use_directory_urls"), bool):
        cfg.use_directory_urls = data["use_directory_urls"]
    for key in ("exclude_docs", "draft_docs", "site_name", "site_url"):
        if isinstance(data.get(key), str):
            setattr(cfg, key, data[key])
    plugins = data.get("plugins")
    items = plugins.items() if isinstance(plugins, dict) else (
        [(p, None) if isinstance(p, str) else next(iter(p.items()), (None, None))
         for p in plugins if isinstance(p, (str, dict))] if isinstance(plugins, list) else [])
    for name, options in items:
        if name == "sop" and isinstance(options, dict):
            merged.update(options)
    cfg.plugin_config = merged
    if isinstance(merged.get("institution"), str):
        cfg.institution = merged["institution"]
    if isinstance(merged.get("strict_links"), bool):
        cfg.strict_links = merged["strict_links"]
    if merged.get("language") in LANGUAGES:
        cfg.language = merged["language"]
    return cfg


def find_config(config_file: str | None, language: str | None = None) -> SiteConfig | None:
    """The site's settings (``language``: of a usage error, as ``--lang``; default Indonesian)."""
    language = language or DEFAULT_LANGUAGE
    if config_file:
        return load_site_config(config_file, language)
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        if os.path.isfile(name):
            return load_site_config(name, language)
    return None


def output_language(option: str | None, cfg: SiteConfig | None) -> str:
    """``--lang`` when given, else the site's ``language``, else Indonesian."""
    return language_of(option or (cfg.language if cfg else DEFAULT_LANGUAGE))

