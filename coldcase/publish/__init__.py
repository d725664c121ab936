"""The calendar publisher: an edition's cases -> print, screen and card PDFs with manifests."""
