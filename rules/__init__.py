"""The shipped rule packs (YAML). This folder is installed as ``warmcheck.packs`` (``warmcheck.rules()`` is the
function that lists the loaded rules)."""
