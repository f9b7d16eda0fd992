"""Builds the example portal with `site serve --no-watch` on loopback and hands the tests a browser.

The suite tests the generated site, not Swift code: it needs the `site` binary (built here with
`swift build` unless SITE_BIN names one), Debian's /usr/bin/chromium with fonts-noto-cjk, and the
Python packages of script/install-dependencies --test. A missing browser or package is a failure,
never a skip. Screenshots and the printed PDF go to artifacts/browser/ at the top of the repository
(SITE_ARTIFACTS overrides it), which CI keeps."""
import os
import re
import shutil
import subprocess
import tempfile
import threading

import pytest
from playwright.sync_api import sync_playwright

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CHROMIUM = "/usr/bin/chromium"
AS_OF = "2026-11-22"
ARTIFACTS = os.environ.get("SITE_ARTIFACTS", os.path.join(ROOT, "artifacts", "browser"))


def site_binary():
    if os.environ.get("SITE_BIN"):
        return os.environ["SITE_BIN"]
    subprocess.run(["swift", "build", "--product", "site"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    folder = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(folder, "site")


class Server:
    """`site serve --no-watch` on 127.0.0.1 and a free port, building the example into a temporary folder."""

    def __init__(self):
        self.work = tempfile.mkdtemp(prefix="site-browser-")
        self.output = os.path.join(self.work, "Public")
        command = [
            site_binary(), "serve", "--no-watch", "--host", "127.0.0.1", "--port", "0",
            "--source", os.path.join(ROOT, "Content"), "--templates", os.path.join(ROOT, "Templates"),
            "--output", self.output, "--as-of", AS_OF,
        ]
        self.process = subprocess.Popen(command, cwd=self.work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.log = []
        self.url = None
        for line in self.process.stdout:
            self.log.append(line)
            match = re.match(r"\s+(http://127\.0\.0\.1:\d+/)", line)
            if match:
                self.url = match.group(1)
            if line.startswith("Press Ctrl-C"):
                break
        if not self.url:
            self.process.kill()
            raise RuntimeError("site serve did not start:\n" + "".join(self.log) + self.process.stderr.read())
        # Keep reading so the server never blocks on a full pipe.
        threading.Thread(target=lambda: [self.log.append(line) for line in self.process.stdout], daemon=True).start()

    def stop(self):
        self.process.send_signal(2)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.work, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    server = Server()
    yield server
    code = server.process.poll()
    server.stop()
    assert code is None, "site serve stopped during the tests:\n" + "".join(server.log)


@pytest.fixture(scope="session")
def browser():
    assert os.path.exists(CHROMIUM), f"{CHROMIUM} is missing: script/install-dependencies --test installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh context per test: no stored view mode leaks from one test into another."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    context.set_default_timeout(60000)  # a loaded CI machine is slow, not broken
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


@pytest.fixture(scope="session")
def artifacts():
    os.makedirs(ARTIFACTS, exist_ok=True)
    return ARTIFACTS
