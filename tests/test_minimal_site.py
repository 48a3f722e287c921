"""The fixture site itself is valid: every other test changes one thing of it."""


def test_minimal_site_has_no_problems(project):
    assert project.report() == []
