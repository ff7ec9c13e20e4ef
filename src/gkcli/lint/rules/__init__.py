"""One module per rule; see gkcli.lint for the contract."""
