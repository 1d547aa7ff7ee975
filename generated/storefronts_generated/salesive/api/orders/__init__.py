# Generated from specs/salesive.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
"""Contains endpoint functions for accessing the API"""
