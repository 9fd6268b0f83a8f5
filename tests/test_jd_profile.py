"""The title of a job description with no title line: read from where its text names the role."""

from __future__ import annotations

import pytest

from stackfit.parse import parse_text
from stackfit.role.jd import from_jd, jd_title


def _doc(text: str):
    return parse_text(text, "jd.md", media_type="text/markdown")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a section heading first: the summary names the role, without the praise before it
        ("## Job Summary\nWe are seeking an experienced Technical Writer to document our public APIs.\n\n"
         "## Required Skills\n- Markdown\n", "Technical Writer"),
        ("## Job Summary\nWe are searching for a highly skilled and experienced Sr Tableau Developer to contribute "
         "to our reporting.\n", "Sr Tableau Developer"),
        ("## About the role\nAs a Senior ML Engineer, you will own our training pipelines.\n", "Senior ML Engineer"),
        ("## Job Description\nThe Lead Mobile Application Developer will guide the app team.\n",
         "Lead Mobile Application Developer"),
        ("## Overview\nWe are looking for dedicated Full Stack .NET Developers who know Azure.\n", "Full Stack .NET Developers"),
        ("## Job Summary\nOur team is hiring a Network Engineer 4 with Cisco experience.\n", "Network Engineer 4"),
        # a sentence first: no title line either
        ("We are hiring a Data Engineer II to build pipelines on Spark and Airflow for our analytics team.\n",
         "Data Engineer II"),
        # what names no role stays untitled: no role word at the end, a person, lower-case words without an article
        ("## Job Summary\nWe are looking for a strong focus on quality in everything we ship.\n", "Untitled role"),
        ("## Job Summary\nWe are looking for an individual who can lead our platform work.\n", "Untitled role"),
        ("## Job Summary\nOur company is looking for ways to grow its data practice.\n", "Untitled role"),
        # a title line still wins over the text
        ("Senior MLOps Engineer\n\nWe are seeking a Technical Writer to document the platform.\n", "Senior MLOps Engineer"),
        ("APPLIED AI INFRASTRUCTURE ENGINEER, INFERENCE PLATFORM\n\nWe are hiring a Data Engineer too.\n",
         "APPLIED AI INFRASTRUCTURE ENGINEER, INFERENCE PLATFORM"),
        # a first line that names no job (a company, a place) gives way to the role the text names
        ("Acme Robotics\n\nWe are hiring a Senior Data Engineer to build pipelines.\n", "Senior Data Engineer"),
        ("Acme Robotics\n\nWe build robots for warehouses.\n", "Acme Robotics"),
        ("## Job Summary\nWe are seeking a technical hands-on for our team.\n", "Untitled role"),  # "on" is no head word
        # a qualifier after a spaced dash is not the title's end (profiles.v4)
        ("## Job Summary\nWe are seeking a high caliber Senior Data Scientist - JP to join our organization.\n",
         "Senior Data Scientist"),
        ("## Job Summary\nWe are hiring a Software Engineer - Payments to build our ledger.\n", "Software Engineer"),
        # more ways a text names its role (roles.v4)
        ("## Job Summary\nA highly proficient Cost Estimator is needed to assess project costs.\n", "Cost Estimator"),
        ("## Job Summary\nWe are seeking an experienced Structural Iron and Steel Worker to join our crew.\n",
         "Structural Iron and Steel Worker"),
        ("## Job Summary\nWe are looking for a committed, detail-oriented Senior Firewall Engineer to enhance our team.\n",
         "Senior Firewall Engineer"),
        ("## Job Summary\nWe seek a seasoned, diligent iOS Engineer to join our team.\n", "iOS Engineer"),
        ("## Job Summary\nWe are seeking an experienced Red Hat System Engineer focused on the Red Hat suite.\n",
         "Red Hat System Engineer"),
        ("## Job Summary\nA prominent tech company is looking for experienced software developers familiar with DB2.\n",
         "software developers"),
        ("## Job Summary\nThe candidate will assume the role of a Big Data Hadoop Architect, utilizing Hive.\n",
         "Big Data Hadoop Architect"),
        ("## Job Summary\nThe Oracle Financial Functional Consultant is primarily responsible for the ledgers.\n",
         "Oracle Financial Functional Consultant"),
        ("## Job Summary\nAs a Designer at our company, you will shape our products.\n", "Designer"),
        ("## Job Summary\nAs a Front-End Engineer you will be a key driver of our product.\n", "Front-End Engineer"),
        ("## Job Summary\nThis unique position is for a Product Support Engineer who knows Ruby.\n", "Product Support Engineer"),
        # ... and what still names none: a team player, a team member, a requirement
        ("## Job Summary\nWe seek a team player with expertise in React.\n", "Untitled role"),
        ("## Job Summary\nWe are looking for a fellow traveller and team member for our journey.\n", "Untitled role"),
        ("## Job Summary\nTravel is required to visit our clients.\n", "Untitled role"),
        ("## Job Summary\nExperience with Python is required to succeed here.\n", "Untitled role"),
    ],
)
def test_title_from_the_text_when_the_first_line_is_no_title(text: str, title: str) -> None:
    assert jd_title(_doc(text)) == title


def test_the_title_found_in_the_text_votes_for_the_profile() -> None:
    body = ("## Job Summary\nWe are seeking a seasoned Data Engineer to help our team.\n\n"
            "## Required Skills\n- Python\n- Linux\n")
    role = from_jd(_doc(body))
    assert role.title == "Data Engineer"
    assert role.profile == "data_engineer"
    untitled = from_jd(_doc(body.replace("a seasoned Data Engineer", "someone")))
    assert untitled.title == "Untitled role"
    assert untitled.profile == "other"  # Python and Linux alone name no profile


def _platform_jd(extra: str = "") -> str:
    return ("Platform Engineer\n\n## Requirements\n- Kubernetes, Helm and Terraform\n- Prometheus and Grafana monitoring\n"
            "- CI/CD with Jenkins and GitHub Actions\n- AWS\n" + extra)


def test_devops_tools_alone_make_no_mlops_engineer() -> None:
    """The mismatch the hiring guide warns about: a DevOps stack with no machine learning is not an MLOps job."""
    assert from_jd(_doc(_platform_jd())).profile == "software_engineer"
    assert from_jd(_doc(_platform_jd("- MLflow and Kubeflow pipelines\n"))).profile == "mlops_engineer"


_SRE = """# Sam Doe
Platform engineer

## Experience
### Site Reliability Engineer, Acme (2019 - 2024)
- Ran Kubernetes clusters with Helm and Argo CD; Terraform for AWS
- Built Prometheus and Grafana monitoring and PagerDuty alerting
- CI/CD pipelines in GitHub Actions and Jenkins

## Skills
Kubernetes, Terraform, AWS, Prometheus, Grafana, Docker, Python
"""


def test_an_sre_with_no_machine_learning_is_no_mlops_engineer() -> None:
    from datetime import date

    from stackfit.score.candidate import profile_document

    def profile(text: str) -> str:
        return profile_document(parse_text(text, "r.md", media_type="text/markdown"), as_of=date(2025, 1, 1)).profile

    assert profile(_SRE) == "software_engineer"  # was mlops_engineer (fit 0.74) before profiles.v3
    with_ml = _SRE.replace("- CI/CD pipelines", "- Served PyTorch models with Triton and tracked experiments in MLflow\n- CI/CD pipelines")
    assert profile(with_ml) == "mlops_engineer"


def test_the_reason_names_the_title_of_a_job_description() -> None:
    role = from_jd(_doc("## About the role\n\nWe are looking for an experienced Machine Learning Engineer to own ranking.\n\n"
                        "## Requirements\n- Python, PyTorch and scikit-learn\n"))
    assert role.title == "Machine Learning Engineer"
    assert any("title 'Machine Learning Engineer'" in r.text for r in role.reasons if r.field == "profile")


_AUDIO = ("## Job Summary\nWe are seeking a dedicated Audio Engineer to join our team, with knowledge of audio processing "
          "toolkits, FFT and signal-to-noise ratios.\n\n## Required Skills\n- C/C++ programming\n- Python scripting\n"
          "- Git\n- Linux\n")


def test_a_title_outside_the_profiles_votes_other() -> None:
    """A job the text names and no profile's titles cover is not made an engineering profile by its stack alone."""
    role = from_jd(_doc(_AUDIO))
    assert role.title == "Audio Engineer"
    assert role.profile == "other"  # software_engineer before profiles.v4 (C++, Python, Git)
    assert any("outside the engineering profiles" in r.text for r in role.reasons if r.field == "profile")
    # the same stack under a title a profile covers, or with no title at all, is judged by the stack
    assert from_jd(_doc(_AUDIO.replace("Audio Engineer", "Software Developer"))).profile == "software_engineer"
    untitled = from_jd(_doc(_AUDIO.replace("a dedicated Audio Engineer", "someone")))
    assert untitled.title == "Untitled role"
    assert untitled.profile == "software_engineer"


def test_a_bare_rank_and_head_word_names_no_job_outside_the_profiles() -> None:
    """"Senior Engineer" says only the rank: the stack decides, as with no title."""
    role = from_jd(_doc(_AUDIO.replace("Audio Engineer", "Senior Engineer")))
    assert role.title == "Senior Engineer"
    assert role.profile == "software_engineer"


_AUDIO_RESUME = """# Alex Doe

## Experience
### Audio Engineer, Acme Sound (2019 - 2024)
- Wrote C++ DSP plug-ins and Python test scripts; Git and Linux every day
- Built FFT-based noise measurement tools in C++

## Skills
C++, Python, Git, Linux
"""


def test_a_current_title_outside_the_profiles_votes_other() -> None:
    from datetime import date

    from stackfit.score.candidate import profile_document

    def profile(text: str):
        return profile_document(parse_text(text, "r.md", media_type="text/markdown"), as_of=date(2025, 1, 1))

    p = profile(_AUDIO_RESUME)
    assert p.profile == "other"
    assert profile(_AUDIO_RESUME.replace("Audio Engineer", "Software Engineer")).profile == "software_engineer"
    assert profile(_AUDIO_RESUME.replace("Audio Engineer", "Senior Engineer")).profile == "software_engineer"


@pytest.mark.parametrize(
    ("title", "specific"),
    [("Audio Engineer", True), ("MongoDB engineer", True), ("Windows/Directory Services Architect/Engineer", True),
     ("Network Engineer 4", True), ("Senior Engineer", False), ("Lead Developer II", False), ("Engineer", False),
     ("Worked as a PHP Engineer in global security products", False), ("Acme Robotics", False)],
)
def test_which_titles_name_a_specific_job(title: str, specific: bool) -> None:
    from stackfit.role.rules import load_role_rules

    assert load_role_rules().names_a_specific_job(title) is specific


@pytest.mark.parametrize(
    ("title", "profiles"),
    [("PHP Engineer", ["software_engineer"]), ("Senior Golang Engineer", ["software_engineer"]),
     ("Java Architect", ["software_engineer"]), ("Kafka Engineer", ["data_engineer"]),
     ("Snowflake Engineer", ["data_engineer"]), ("Looker Analyst", ["data_analyst"]),
     ("PyTorch Engineer", ["ml_engineer"]), ("LangChain Engineer", ["llm_integration_engineer"]),
     ("CUDA Engineer", ["ai_infrastructure_engineer"]), ("Kubeflow Engineer", ["mlops_engineer"]),
     # no stack named, a stack outside every profile's title_skills, a rank, a sentence: no vote
     ("Audio Engineer", []), ("Cloud Security Architect", []), ("Senior Engineer", []),
     ("Worked as a PHP Engineer in global security products", [])],
)
def test_a_title_outside_the_patterns_votes_by_the_stack_it_names(title: str, profiles: list[str]) -> None:
    from stackfit.extract.skills import default_matcher
    from stackfit.policy import load_policy
    from stackfit.score.candidate import title_matches

    policy = load_policy()
    assert [p for p, _ in title_matches(title, policy, default_matcher())] == profiles
    assert title_matches(title, policy) == []  # without a matcher, only the patterns vote


def test_a_salesforce_developer_is_no_sales_job() -> None:
    from stackfit.policy import load_policy
    from stackfit.score.candidate import title_matches

    policy = load_policy()
    assert title_matches("Salesforce Developer", policy) == [("software_engineer", 1.0)]  # "other" too, before
    assert title_matches("Inside Sales Representative", policy) == [("other", 1.0)]


def test_a_dataops_engineer_is_a_data_engineer() -> None:
    from stackfit.policy import load_policy
    from stackfit.score.candidate import title_matches

    policy = load_policy()
    for title in ("DataOps Engineer", "Senior Data Ops Engineer"):
        assert title_matches(title, policy) == [("data_engineer", 1.0)]  # no pattern before: a job outside the profiles


def test_a_python_engineer_is_a_software_engineer() -> None:
    from stackfit.policy import load_policy
    from stackfit.score.candidate import title_matches

    policy = load_policy()
    # Python and Scala are no application languages of title_skills (ML and data people write them too), so these
    # titles voted "other" as jobs outside the profiles; "Python Developer" matched "developer" already
    for title in ("Senior Python Engineer", "Scala Engineer"):
        assert title_matches(title, policy) == [("software_engineer", 1.0)]


_PHP = ("## Job Summary\nWe are looking for an experienced PHP Engineer to maintain the programs behind our security "
        "products.\n\n## Required Skills\n- PHP and MySQL\n- Linux\n- Git\n")


def test_a_job_description_titled_by_its_stack_is_profiled_by_it() -> None:
    role = from_jd(_doc(_PHP))
    assert role.title == "PHP Engineer"
    assert role.profile == "software_engineer"  # "other" under profiles.v4: the title matched no pattern
    assert any("title 'PHP Engineer' (names PHP)" in r.text for r in role.reasons if r.field == "profile")
    resume = _AUDIO_RESUME.replace("Audio Engineer", "Kafka Engineer").replace("C++ DSP plug-ins", "Kafka Streams jobs")

    from datetime import date

    from stackfit.score.candidate import profile_document

    p = profile_document(parse_text(resume, "r.md", media_type="text/markdown"), as_of=date(2025, 1, 1))
    assert p.profile == "data_engineer"
    assert any("current title 'Kafka Engineer' (names Apache Kafka)" in r for r in p.profile_reasons)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a company line first, the title as a field below it
        ("Acme Corp\n\nPosition: Senior Data Engineer\nLocation: Berlin\n\nWe build pipelines with Spark and Airflow.\n",
         "Senior Data Engineer"),
        # a section heading first; a bold field with a parenthesised qualifier
        ("## Job Summary\nJoin our platform team.\n\n**Role:** Backend Engineer (Go)\n**Location:** Remote\n\n"
         "## Requirements\n- Go\n- PostgreSQL\n", "Backend Engineer (Go)"),
        # a field that holds a sentence, not a title: the company line stays
        ("Acme Corp\n\nRole: you will own our data platform and its pipelines.\n\nRequirements\n- Spark\n", "Acme Corp"),
    ],
)
def test_a_title_given_as_a_field_below_the_first_line(text: str, title: str) -> None:
    assert jd_title(_doc(text)) == title
