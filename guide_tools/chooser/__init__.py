"""The framework chooser's decision logic, the twin of docs/assets/chooser/chooser.js."""


MARKER = 'id="chooser-app"'  # overview/chooser.md's <div>


def add_assets(page_html: str) -> str:
    """The chooser's stylesheet and module, on the chooser's page only: on the others a stylesheet
    would hold up the first paint for nothing (Lighthouse's render-blocking requests)."""
    from guide_tools.website import page_scripts

    page_html = page_scripts.add_stylesheet(page_html, MARKER, "assets/chooser/chooser.css")
    return page_scripts.add(page_html, MARKER, "assets/chooser/chooser.js", module=True)
