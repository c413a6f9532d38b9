"""The site's settings the SOP tooling needs, from the config file of MkDocs, ProperDocs or Zensical.

One reader for the three generators, importing none of them, so ``lint`` stays quick
and works whichever generator the institution chose:

- **MkDocs** reads ``mkdocs.yml`` (or ``mkdocs.yaml``); the ``sop`` plugin's options
  sit under ``plugins:``.
- **ProperDocs** (the maintained MkDocs 1.6 fork) reads ``properdocs.yml`` first, then
  ``mkdocs.yml``; same keys as MkDocs.
- **Zensical** reads ``zensical.toml`` first (every setting under ``[project]``), then
  ``mkdocs.yml``. It ignores MkDocs plugins and runs Markdown extensions, so there the
  options sit under ``markdown_extensions`` as ``mkdocs_sop``
  (``[project.markdown_extensions.mkdocs_sop]`` in TOML).

:func:`find_config` looks in the current folder in the order of :data:`CONFIG_FILES`;
:func:`load_site_config` reads one file into a frozen :class:`SiteConfig`. Relative
folders are resolved against the config file's folder, as all three generators do;
``INHERIT`` (MkDocs and ProperDocs) is a deep merge of mappings, the child's values
winning and lists replaced, as in MkDocs; ``!ENV`` is resolved and other tags are read
as empty.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any, Mapping

import click

from ..core.messages import DEFAULT_LANGUAGE, LANGUAGES, language_of
from .texts import cli_text


class Generator(Enum):
    """The site generator a config file belongs to."""

    MKDOCS = "mkdocs"
    PROPERDOCS = "properdocs"
    ZENSICAL = "zensical"


#: Config files looked for in the current folder, in this order: a generator's own file
#: name before the ``mkdocs.yml`` all three can read (as Zensical and ProperDocs look).
CONFIG_FILES: tuple[tuple[str, Generator], ...] = (
    ("zensical.toml", Generator.ZENSICAL),
    ("properdocs.yml", Generator.PROPERDOCS),
    ("properdocs.yaml", Generator.PROPERDOCS),
    ("mkdocs.yml", Generator.MKDOCS),
    ("mkdocs.yaml", Generator.MKDOCS),
)

PLUGIN_NAME = "sop"  # plugins: - sop: {...} (MkDocs, ProperDocs)
EXTENSION_NAME = "mkdocs_sop"  # markdown_extensions: - mkdocs_sop: {...} (any generator)

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class SiteConfig:
    """What the SOP tooling needs from a site's config file.

    Folders are absolute. ``plugin_options`` are those of the ``sop`` plugin,
    ``extension_options`` those of the ``mkdocs_sop`` Markdown extension; :attr:`options`
    is both together, the plugin's winning (under MkDocs the plugin configures the
    extension). ``exclude_docs`` and ``draft_docs`` are gitignore-style patterns.
    """

    config_file: str
    generator: Generator
    docs_dir: str
    site_dir: str
    use_directory_urls: bool = True
    site_name: str = ""
    site_url: str = ""
    exclude_docs: str = ""
    draft_docs: str = ""
    plugin_options: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    extension_options: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    custom_dir: str = ""  # the theme's custom_dir (absolute), where a site may keep sop/ templates
    extensions: tuple[str, ...] | None = None  # the names under markdown_extensions; None: not listed
    extension_configs: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: _EMPTY)
    """Each listed Markdown extension's options (as Python-Markdown's ``extension_configs``)."""

    @property
    def options(self) -> Mapping[str, Any]:
        """The SOP settings of the site: extension options, then the plugin's on top."""
        return MappingProxyType({**self.extension_options, **self.plugin_options})

    @property
    def language(self) -> str:
        """Language of the output and of problem reports (``id`` unless the site says ``en``)."""
        value = self.options.get("language")
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @property
    def institution(self) -> str:
        """The default ``instansi`` for SOPs that name none."""
        value = self.options.get("institution")
        return value if isinstance(value, str) else ""

    @property
    def logos(self) -> "Logos":
        """Which SOP carries which logo: the site's ``logo`` on its own SOPs, ``logos:`` for others."""
        from ..core.logos import Logos

        logo, others = self.options.get("logo"), self.options.get("logos")
        return Logos.from_settings(self.institution, logo if isinstance(logo, str) else "",
                                   others if isinstance(others, Mapping) else None)

    @property
    def limits(self) -> "Limits":
        """What one block may ask (``limits:``), so lint refuses what the build refuses;
        values the build would reject leave the defaults (the build says why)."""
        from ..core.limits import DEFAULT_LIMITS, Limits

        value = self.options.get("limits")
        try:
            return Limits.from_options(value if isinstance(value, Mapping) else None)
        except ValueError:
            return DEFAULT_LIMITS

    @property
    def cache_folder(self) -> str | None:
        """The folder of the build cache (``cache_dir``, relative to the config file), None when
        ``cache: false``: the command line reuses what the site's builds keep there."""
        folder = self.options.get("cache_dir", ".cache/mkdocs-sop") if self.options.get("cache", True) else None
        if not isinstance(folder, str) or not folder:  # the extension's `cache_dir: ""`: no disk cache
            return None
        return os.path.join(os.path.dirname(os.path.abspath(self.config_file)), folder)

    def today(self, language: str = DEFAULT_LANGUAGE) -> "_dt.date":
        """The date review states are counted from (``today:``, else the build's date), as the site
        counts them; a setting that is not a date is a usage error naming the file, in ``language``."""
        from ..catalogue.site import build_date

        setting = self.options.get("today")
        try:
            return build_date(setting)
        except (TypeError, ValueError):
            raise click.UsageError(cli_text("config-today", language, config=self.config_file,
                                            value=setting)) from None

    @property
    def strict_links(self) -> bool:
        """Whether a ``keterkaitan`` naming no SOP is a warning."""
        value = self.options.get("strict_links")
        return value if isinstance(value, bool) else False


# --- reading ------------------------------------------------------------------------------
def _yaml_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        """Safe, but tolerant of the tags config files carry (``!!python/name:``, ``!ENV``)."""

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


def _deep_merge(parent: dict, child: dict) -> dict:
    """MkDocs' ``INHERIT``: mappings merged key by key, anything else taken from the child."""
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_yaml(path: str, language: str, seen: frozenset[str] = frozenset()) -> dict:
    import yaml

    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = yaml.load(handle, Loader=_yaml_loader())  # noqa: S506 - a SafeLoader subclass
    except OSError as exc:
        raise click.UsageError(cli_text("config-unreadable", language, path=path,
                                        error=exc.strerror)) from None
    except yaml.YAMLError as exc:
        raise click.UsageError(cli_text("config-not-yaml", language, path=path, error=exc)) from None
    if not isinstance(data, dict):
        return {}
    inherit = data.pop("INHERIT", None)
    real = os.path.realpath(path)
    if isinstance(inherit, str) and real not in seen:
        parent = os.path.join(os.path.dirname(os.path.abspath(path)), inherit)
        data = _deep_merge(_read_yaml(parent, language, seen | {real}), data)
    return data


def _read_toml(path: str, language: str) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise click.UsageError(cli_text("config-unreadable", language, path=path,
                                        error=exc.strerror)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise click.UsageError(cli_text("config-not-toml", language, path=path, error=exc)) from None
    project = data.get("project", data)  # Zensical keeps every setting under [project]
    return project if isinstance(project, dict) else {}


def _named_options(entries: Any, wanted) -> dict:
    """The options of the entries ``wanted`` accepts, from a plugin or extension list or mapping."""
    if isinstance(entries, dict):
        items = list(entries.items())
    elif isinstance(entries, list):
        items = [(entry, None) if isinstance(entry, str) else next(iter(entry.items()), (None, None))
                 for entry in entries if isinstance(entry, (str, dict))]
    else:
        items = []
    merged: dict = {}
    for name, options in items:
        if isinstance(name, str) and wanted(name) and isinstance(options, dict):
            merged.update(options)
    return merged


def _is_our_extension(name: str) -> bool:
    return name == EXTENSION_NAME or name.startswith(EXTENSION_NAME + ".")


def _generator_of(path: str) -> Generator:
    name = os.path.basename(path).lower()
    if name.endswith(".toml"):
        return Generator.ZENSICAL
    if name.startswith("properdocs."):
        return Generator.PROPERDOCS
    return Generator.MKDOCS


def load_site_config(path: str, language: str = DEFAULT_LANGUAGE) -> SiteConfig:
    """The settings of the site whose config file is ``path`` (YAML, or Zensical's TOML).

    ``language`` is that of the usage error raised when the file cannot be read.
    """
    generator = _generator_of(path)
    data = _read_toml(path, language) if generator is Generator.ZENSICAL else _read_yaml(path, language)
    base = os.path.dirname(os.path.abspath(path))

    def text(key: str, default: str = "") -> str:
        value = data.get(key)
        return value if isinstance(value, str) else default

    use_directory_urls = data.get("use_directory_urls")
    theme = data.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    return SiteConfig(
        config_file=path,
        generator=generator,
        docs_dir=os.path.join(base, text("docs_dir", "docs")),
        site_dir=os.path.join(base, text("site_dir", "site")),
        use_directory_urls=use_directory_urls if isinstance(use_directory_urls, bool) else True,
        site_name=text("site_name"),
        site_url=text("site_url"),
        exclude_docs=text("exclude_docs"),
        draft_docs=text("draft_docs"),
        plugin_options=MappingProxyType(_named_options(data.get("plugins"), PLUGIN_NAME.__eq__)),
        extension_options=MappingProxyType(_named_options(data.get("markdown_extensions"),
                                                          _is_our_extension)),
        custom_dir=os.path.join(base, custom_dir) if isinstance(custom_dir, str) and custom_dir else "",
        extensions=_extension_names(data.get("markdown_extensions")),
        extension_configs=MappingProxyType({
            name: _named_options(data.get("markdown_extensions"), name.__eq__)
            for name in _extension_names(data.get("markdown_extensions")) or ()}),
    )


def _extension_names(entries) -> tuple[str, ...] | None:
    """The names listed under ``markdown_extensions`` (a list or, in TOML, a table), or None."""
    if isinstance(entries, dict):
        return tuple(str(name) for name in entries)
    if isinstance(entries, list):
        return tuple(entry if isinstance(entry, str) else str(next(iter(entry), ""))
                     for entry in entries if isinstance(entry, (str, dict)))
    return None


def find_config(config_file: str | None, language: str | None = None) -> SiteConfig | None:
    """The settings of ``config_file``, else of the first of :data:`CONFIG_FILES` here, else None.

    ``language`` is that of a usage error, as ``--lang`` (default Indonesian).
    """
    language = language or DEFAULT_LANGUAGE
    if config_file:
        return load_site_config(config_file, language)
    for name, _generator in CONFIG_FILES:
        if os.path.isfile(name):
            return load_site_config(name, language)
    return None


def output_language(option: str | None, cfg: SiteConfig | None) -> str:
    """``--lang`` when given, else ``MKDOCS_SOP_LANG``, else the site's ``language``, else Indonesian."""
    return language_of(option or os.environ.get("MKDOCS_SOP_LANG") or (cfg.language if cfg else DEFAULT_LANGUAGE))
