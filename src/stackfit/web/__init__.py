"""The web app and REST API (``stackfit serve``): ``create_app`` in ``stackfit.web.app``."""
