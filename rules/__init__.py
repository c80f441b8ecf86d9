"""The built-in rule pack: one YAML file per rule, a folder per category.

This folder is installed as the package ``policylint.rulepack`` so that a
normal (non-editable) install finds the rules.
"""
