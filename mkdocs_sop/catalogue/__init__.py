"""The site: every SOP of it (registry), legal-basis citations, exports and generated pages.

Pure like the core (no generator imported); the adapters and the command line drive it.
"""
