"""The framework chooser's decision logic, the twin of docs/assets/chooser/chooser.js."""
