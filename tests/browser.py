"""Headless Chromium driven by Selenium, with Debian's chromium and chromium-driver (never a downloaded browser)."""

from __future__ import annotations

import shutil
import tempfile

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1200,1600"]


def missing() -> str | None:
    """Why no browser test can run here, or None when it can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium not installed (pip install '.[test]')"
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        return "chromium not installed (apt-get install chromium chromium-driver)"
    if not shutil.which("chromedriver"):
        return "chromedriver not installed (apt-get install chromium-driver)"
    return None


def wait_for(driver, css: str, timeout: float = 120):
    """The element matching ``css``, once it is on the page (a bounded wait: a click does not wait for the
    navigation it starts)."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(expected_conditions.presence_of_element_located(("css selector", css)))


def chromium():
    """A Selenium driver for the system Chromium with a fresh profile; the caller quits it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={tempfile.mkdtemp(prefix='summarizer-chromium-')}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=shutil.which("chromedriver")))
    driver.set_page_load_timeout(120)
    return driver
