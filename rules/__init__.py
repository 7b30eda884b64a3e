"""The shipped rule packs (YAML). This folder is installed as ``warmcheck.rules``."""
