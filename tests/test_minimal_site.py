"""The fixture site itself is valid: every other test changes one thing of it."""


def test_minimal_site_has_no_problems(project):
    assert project.report() == []


def test_a_draft_explainer_builds_and_is_not_published(project, tmp_path):
    from factcheck.building.atomic import build

    text = project.read("content/explainers/city-budget.md")
    project.write(
        "content/explainers/city-budget.md",
        text.replace("Date: 2025-05-30", "Date: 2025-05-30\nStatus: draft"),
        dedent=False,
    )
    out = tmp_path / "output"
    build(project.settings_file, out)
    assert (out / "index.html").exists()
    assert not (out / "explainers" / "city-budget").exists()
    assert "city-budget" not in (out / "explainers" / "index.html").read_text(encoding="utf-8")
