"""The model: plain objects the templates receive, assembled from checked content, with
cross-references rendered and change histories read. Imports only ``content``."""
