"""The rule engine: rule model, pack loading, rule types, suppression, scoring."""
