"""The class report (autograder.report) opened from disk in Chromium, as an instructor opens it.

A demo class of the small fixture assignment is graded (perfect, blank, partial, syntax error,
malformed); its report.html must show both plots, the known scores and the malformed submission,
with no network and no server. The screenshot is kept in test-artifacts/browser/.
"""

import csv
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS

from autograder import demo
from autograder.course import Course
from autograder.report import write_report

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIXTURE = Course(Path(__file__).resolve().parents[1] / "fixtures" / "grading")


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    summary, expected, folder = demo.run(FIXTURE, tmp_path_factory.mktemp("demo"), assignment="ps0_numpy",
                                         progress=False)
    return write_report(folder / "graded"), expected


def test_the_report_opens_from_disk_with_its_plots_and_figures(playwright_api, graded_class, artifacts):
    page_path, expected = graded_class
    browser = playwright_api.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    try:
        page = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(page_path.as_uri())
        page.screenshot(path=artifacts / "class-report.png", full_page=True)
        assert [url for url in requests if not url.startswith(("file:", "data:"))] == [], "no network"

        images = page.locator("img")
        assert images.count() == 2, "the score histogram and the exercises chart"
        for i in range(images.count()):
            width = images.nth(i).evaluate("img => img.complete ? img.naturalWidth : 0")
            assert width > 100, f"image {i} ({images.nth(i).get_attribute('alt')}) did not load"

        scores = page.locator("#scores + img + table tbody tr").first.locator("td").all_inner_texts()
        mean = sum(expected.values()) / len(expected)
        assert scores == ["ps0_numpy", str(len(expected)), f"{mean:.2f}", f"{expected['perfect']:g}"], scores
        assert page.locator("#reteach + p").inner_text() == "No classic mistake was diagnosed.", \
            "the fixture's tests carry no diagnosis codes; a malformed file is a problem, not a mistake"
        problems = page.locator("#problems + table").inner_text()
        assert "malformed" in problems, problems
        rows = page.locator("#exercises ~ table").first.locator("tbody tr")
        shown = {cells[1]: cells[3:] for cells in (rows.nth(i).locator("td").all_inner_texts()
                                                   for i in range(rows.count()))}
        assert set(shown) == {"test_softmax", "test_nll", "test_mean_pixel", "test_choice"}
        with (page_path.parent / "grades_detail.csv").open(newline="") as file:
            detail = list(csv.DictReader(file))
        for grade_id, (full, partial, none) in shown.items():
            scores = [(float(r["score"]), float(r["max_score"])) for r in detail if r["grade_id"] == grade_id]
            assert [int(full), int(partial), int(none)] == [
                sum(s >= m for s, m in scores), sum(0 < s < m for s, m in scores), sum(s == 0 for s, _ in scores)], \
                f"{grade_id}: the page disagrees with grades_detail.csv"
    finally:
        browser.close()
