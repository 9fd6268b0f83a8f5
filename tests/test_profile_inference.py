"""Profile inference on realistic resumes and job descriptions of general software and data jobs:
the profiles the vocabulary defines for them, not the AI tracks whose tools they share."""

from __future__ import annotations

from datetime import date

import pytest

from stackfit.parse import parse_text
from stackfit.policy import load_policy
from stackfit.role.jd import from_jd
from stackfit.score.candidate import profile_document, title_matches

AS_OF = date(2026, 11, 27)


def resume(text: str) -> str:
    return profile_document(parse_text(text, "r.md", "text/markdown"), as_of=AS_OF).profile


def jd(text: str) -> str:
    return from_jd(parse_text(text, "jd.md", "text/markdown")).profile


DEVOPS = """# Sam Lee
DevOps Engineer

## Experience
DevOps Engineer, Northwind Bank (2019 - present)
- Built Jenkins CI/CD pipelines and Terraform modules for 40 services on AWS.
- Ran Docker images on Kubernetes; wrote Ansible playbooks and Bash tooling.

Systems Administrator, Northwind Bank (2015 - 2019)
- Administered Linux servers and VMware clusters.
"""

MLOPS = """# Ana Ruiz
MLOps Engineer

## Experience
MLOps Engineer, Contoso (2020 - present)
- Built Kubeflow training pipelines and an MLflow model registry; deployed models with KServe.
- Set up drift detection and model monitoring with Evidently; CI/CD with GitHub Actions.
"""

JAVA_LISTED = """# Kim Park

## Skills
Java, Spring Boot, JUnit, Selenium, REST API, Object-oriented programming, Git

## Experience
Position (2016 - 2023)
"""

SYSADMIN = """# Lee Wong

## Experience
IT Lead (2020 - 2023)
- Kept the office network running.

Senior Systems Engineer (2014 - 2020)
- Managed Active Directory and backups.
"""


@pytest.mark.parametrize(
    ("text", "profile"),
    [
        (DEVOPS, "software_engineer"),  # DevOps without ML is not MLOps (O*NET files DevOps engineers under software developers)
        (MLOPS, "mlops_engineer"),
        (JAVA_LISTED, "software_engineer"),  # a skills list of one stack names a profile, even with no dated bullet
        (SYSADMIN, "other"),  # "Systems Engineer" is a generic title: alone it does not make an AI infrastructure engineer
    ],
)
def test_resume_profiles(text: str, profile: str) -> None:
    assert resume(text) == profile


@pytest.mark.parametrize(
    ("text", "profile"),
    [
        ("## Job Summary\nWe need a financial analyst.\n\n## Required Skills\n1. Excel: advanced formulas\n2. Accounting\n",
         "other"),  # Excel alone is office software, not a data analyst's stack
        ("## Job Summary\nJoin our actuarial team.\n\n## Required Skills\n1. Data analysis\n2. Communication\n",
         "other"),  # so is "data analysis" alone
        ("## Required Skills\n1. Java and Spring Boot\n2. JUnit\n3. REST APIs\n", "software_engineer"),
        ("## Required Skills\n1. Microsoft SQL Server\n2. Database design\n3. Query tuning\n4. SSIS packages\n",
         "data_engineer"),
        ("## Required Skills\n1. Tableau and Power BI dashboards\n2. SQL\n3. Excel\n", "data_analyst"),
    ],
)
def test_jd_profiles(text: str, profile: str) -> None:
    assert jd(text) == profile


def test_generic_titles_vote_a_share() -> None:
    policy = load_policy()
    f = policy.profiles.generic_title_factor
    assert 0 < f < 1
    assert ("ai_infrastructure_engineer", f) in title_matches("Senior Systems Engineer", policy)
    assert ("ai_infrastructure_engineer", 1.0) in title_matches("Staff AI Infrastructure Engineer", policy)
    assert ("data_analyst", f) in title_matches("Business Analyst", policy)
    assert ("software_engineer", 1.0) in title_matches("DevOps Engineer", policy)
    assert all(pid != "mlops_engineer" for pid, _ in title_matches("DevOps Engineer", policy))
