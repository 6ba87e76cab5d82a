"""Page-speed measures in the build: Material's stylesheets as the site publishes them (no rules for
tab positions no page has, table rules for tables the build wrapped, the palette's switching rule under
the reader's own attribute: guide_tools/website/theme_css.py), tables wrapped by the build, and images that load
as the reader scrolls to them (the MkDocs hook)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from guide_tools.website import mkdocs_hooks, postbuild, theme_css

TAB = ".md-typeset .tabbed-set>input:nth-child({n}):checked~.tabbed-labels>:nth-child({n})"


def test_selectors_past_the_limit_go_and_everything_else_stays():
    css = (
        f"{TAB.format(n=2)},{TAB.format(n=7)}{{color:red}}"
        f"{TAB.format(n=8)}{{color:blue}}"
        ".md-tabs__item:nth-child(9) .md-tabs__link{color:green}"  # the navigation tabs are not tab sets
        f"@media screen{{{TAB.format(n=9)}{{color:red}}}}"
        f"@media print{{:is(.a,.b) .tabbed-block:nth-child(3),{TAB.format(n=12)}{{display:block}}}}"
    )
    trimmed, dropped = theme_css.trim(css, limit=6)
    assert dropped == 4
    assert trimmed == (
        f"{TAB.format(n=2)}{{color:red}}"
        ".md-tabs__item:nth-child(9) .md-tabs__link{color:green}"
        "@media print{:is(.a,.b) .tabbed-block:nth-child(3){display:block}}"
    )
    assert theme_css.trim(trimmed, limit=6) == (trimmed, 0)  # trimming twice is trimming once


def test_tab_set_sizes_count_each_sets_tabs():
    page = (
        '<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked id="a"><input id="b">'
        '<div class="tabbed-labels"><label for="a">A</label><label for="b">B</label></div></div>'
        '<div class="tabbed-set tabbed-alternate" data-tabs="2:3"><input id="c"><input id="d"><input id="e">'
        '<div class="tabbed-labels"></div></div>'
    )
    assert theme_css.tab_set_sizes(page) == [2, 3]
    assert theme_css.oversized_tab_sets(page, limit=2) == [3]


def test_a_tab_set_larger_than_the_stylesheet_styles_stops_the_build():
    inputs = "".join(f'<input id="t{i}">' for i in range(theme_css.TABS_PER_SET + 1))
    output = f'<div class="tabbed-set tabbed-alternate" data-tabs="1:7">{inputs}<div class="tabbed-labels"></div></div>'
    built = postbuild.Built(Path("ko/compare/routing/index.html"), "ko", "Side by Side — Python web frameworks compared",
                            at_root=False, name="docs/ko/compare/routing.md")
    with pytest.raises(postbuild.SiteProblem) as error:
        postbuild.page(output, built)
    assert str(error.value) == (
        f"docs/ko/compare/routing.md: a tab set with {theme_css.TABS_PER_SET + 1} tabs; the published theme "
        f"stylesheet only styles sets of up to {theme_css.TABS_PER_SET}. Split the set, or raise TABS_PER_SET "
        "in guide_tools/website/theme_css.py."
    )


def test_tables_are_wrapped_as_materials_script_would_wrap_them():
    page = "<p>x</p><table>\n<thead><tr><th>a</th></tr></thead>\n</table><table>\n<tr><td>b</td></tr></table>"
    assert mkdocs_hooks.prewrap_tables(page) == (
        '<p>x</p><div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="sbs-table">'
        "\n<thead><tr><th>a</th></tr></thead>\n</table></div></div>"
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="sbs-table">'
        "\n<tr><td>b</td></tr></table></div></div>"
    )
    assert mkdocs_hooks.prewrap_tables('<table class="other"><tr><td>c</td></tr></table>') == '<table class="other"><tr><td>c</td></tr></table>'
    with pytest.raises(PluginError, match="a table inside a table"):
        mkdocs_hooks.prewrap_tables("<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>")


def test_material_table_rules_also_style_the_wrapped_tables():
    css = ".md-typeset table:not([class]){font-size:.64rem}.md-typeset table:not([class]) td{border:0}.md-typeset table.x{color:red}"
    published = theme_css.main_stylesheet(css)
    assert published == (
        ".md-typeset table:is(:not([class]),.sbs-table){font-size:.64rem}"
        ".md-typeset table:is(:not([class]),.sbs-table) td{border:0}.md-typeset table.x{color:red}"
    )
    assert theme_css.main_stylesheet(published) == published  # the build may publish a published file again


def test_palette_switching_rule_moves_to_the_readers_attribute():
    css = "[data-md-color-switching] *,[data-md-color-switching] :after{transition-duration:0s!important}[data-md-color-scheme=slate]{color-scheme:dark}"
    published = theme_css.palette_switching(css)
    assert published == (
        "[data-sbs-color-switching] *,[data-sbs-color-switching] :after{transition-duration:0s!important}"
        "[data-md-color-scheme=slate]{color-scheme:dark}"
    )
    assert theme_css.palette_switching(published) == published


# Images load lazily, with their SVG's size (guide_tools/website/mkdocs_hooks.py) --------------------------


def test_images_load_as_the_reader_scrolls_with_their_space_kept(tmp_path):
    (tmp_path / "assets/images").mkdir(parents=True)
    (tmp_path / "assets/images/chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 328" width="720" height="328"></svg>')
    (tmp_path / "en/compare").mkdir(parents=True)
    (tmp_path / "en/compare/local.svg").write_text('<svg width="10" height="20"></svg>')
    page = '<p><img alt="A chart" src="../../../assets/images/chart.svg" /></p><img src="photo.png" alt="A photo"><img loading="eager" src="x.svg">'
    assert mkdocs_hooks.lazy_images(page, "ko/performance/benchmarks/", tmp_path) == (
        '<p><img alt="A chart" src="../../../assets/images/chart.svg" width="720" height="328" loading="lazy" /></p>'
        '<img src="photo.png" alt="A photo" loading="lazy" /><img loading="eager" src="x.svg">'
    )
    assert 'width="10" height="20"' in mkdocs_hooks.lazy_images('<img alt="" src="local.svg" />', "compare/", tmp_path)
    with pytest.raises(PluginError) as error:
        mkdocs_hooks.lazy_images('<img alt="" src="../missing.svg" />', "compare/routing/", tmp_path)
    assert str(error.value) == (
        f'page /compare/routing/: the image ../missing.svg is not {tmp_path}/compare/missing.svg with width="…" height="…" '
        "on its <svg> element; add them (the page keeps the image's space from them) or correct the path."
    )


def test_the_theme_bundle_is_deferred_and_a_changed_tag_stops_the_build():
    from guide_tools.website import page_scripts

    tag = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    assert page_scripts.defer_theme_bundle(f"<body>{tag}</body>", "docs/en/x.md") == (
        '<body><script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer></script></body>')
    with pytest.raises(ValueError, match=r"^docs/en/x\.md: expected the theme's bundle.*found 0.*THEME_BUNDLE"):
        page_scripts.defer_theme_bundle('<body><script type="module" src="bundle.js"></script></body>', "docs/en/x.md")
