"""``shora serve``: a live preview that renders a page when the browser asks for it."""
