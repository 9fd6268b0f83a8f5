#!/usr/bin/env python3
"""Generate stackfit's bundled sample data: synthetic resumes, sample roles, expected outcomes.

Everything written by this script is invented: the people, companies (apart from real
universities and real technologies), e-mail addresses (example.com) and phone numbers
(+1-555-01xx, the range reserved for fiction). All content lives in this file as plain Python
data; the script only renders it into several formats:

    .md (Markdown), .txt (plain text), .pdf (reportlab), .docx (python-docx), .html, .json
    (JSON Resume, https://jsonresume.org/schema)

Output is deterministic: running the script twice gives byte-identical files (reportlab runs
with ``invariant=1``; DOCX core properties and zip entry timestamps are fixed; no clocks).

Usage (from the repository root)::

    .venv/bin/python scripts/make_samples.py            # write into src/stackfit/data/samples
    .venv/bin/python scripts/make_samples.py --out DIR  # write elsewhere (e.g. to diff)
"""

from __future__ import annotations

import argparse
import datetime as _dt
import html
import io
import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "src" / "stackfit" / "data" / "samples"

# A fixed moment used wherever a file format insists on a timestamp.
FIXED_DATETIME = _dt.datetime(2026, 1, 15, 9, 0, 0)
ZIP_DATE_TIME = (2026, 1, 15, 9, 0, 0)

# =============================================================================================
# Resume content
# =============================================================================================
# Each resume is a dict:
#   file, profile, name, headline, email, phone, location, summary,
#   experience: [{title, company, place, dates, bullets: [...]}],
#   skills: [(group or None, [items])],
#   education: [(degree, institution, year)],
#   extra: [(section title, [lines])]   (publications, certifications, talks, languages)
# ethan_walker.json is held separately in JSON Resume form (ETHAN_JSON_RESUME below).

RESUMES: list[dict[str, Any]] = []

# --------------------------------------------------------------------------------------------- 1
RESUMES.append(
    {
        "file": "amara_okafor.md",
        "profile": "llm_integration_engineer",
        "name": "Amara Okafor",
        "headline": "Senior LLM Integration Engineer",
        "email": "amara.okafor@example.com",
        "phone": "+1-555-0101",
        "location": "Lisbon, Portugal",
        "summary": (
            "LLM integration engineer with nine years of backend engineering, the last five "
            "building retrieval-augmented generation (RAG) assistants and copilots that run in "
            "production for hundreds of thousands of users. I design embeddings pipelines, "
            "vector search and evaluation harnesses, and I care about latency, cost, safe "
            "rollbacks and keeping customer data private. I integrate hosted foundation models "
            "(OpenAI, Anthropic) rather than train them."
        ),
        "experience": [
            {
                "title": "Senior LLM Engineer",
                "company": "Tessellate Support Cloud",
                "place": "Lisbon, Portugal (hybrid)",
                "dates": "Mar 2023 – Present",
                "bullets": [
                    "Built and deployed a customer-support RAG chatbot with LangChain, the "
                    "OpenAI API (GPT-4o) and the Anthropic API (Claude) that now answers 1.2M "
                    "conversations a month for 40 enterprise tenants and resolves 41% of them "
                    "without a human agent.",
                    "Designed the embeddings pipeline (structure-aware chunking, OpenAI "
                    "text-embedding-3-large) into pgvector, then migrated 9M chunks to Pinecone; "
                    "added a Cohere Rerank stage that raised answer accuracy on our golden set "
                    "from 71% to 86%.",
                    "Automated evaluation with RAGAS and a 600-question golden set in CI: every "
                    "prompt or retrieval change is gated on faithfulness and context recall "
                    "before it reaches customers.",
                    "Cut p95 time-to-first-token from 4.1 s to 1.3 s with response streaming, a "
                    "Redis semantic cache (31% hit rate) and parallel retrieval calls.",
                    "Versioned prompts in Git and Langfuse behind feature flags; rolled back a "
                    "prompt regression in under 10 minutes and wrote the rollback runbook the "
                    "on-call team now uses.",
                    "Shipped PII redaction with Microsoft Presidio before any text leaves our "
                    "VPC, plus per-tenant data isolation, which passed our SOC 2 Type II and "
                    "GDPR reviews.",
                ],
            },
            {
                "title": "LLM Engineer",
                "company": "Quillpoint Software",
                "place": "Porto, Portugal",
                "dates": "Jan 2021 – Feb 2023",
                "bullets": [
                    "Launched an in-app writing copilot for 300k users with LlamaIndex and the "
                    "OpenAI API, served by a FastAPI service in Docker on AWS ECS.",
                    "Built semantic search over 2M help-center articles with sentence-transformers "
                    "embeddings and FAISS, later moved to pgvector to simplify operations; search "
                    "click-through rose 22%.",
                    "Instrumented every LLM call with Prometheus and Grafana (latency, token "
                    "cost, error rate) and cut monthly API spend 38% with prompt compression and "
                    "routing simple requests to a smaller model.",
                    "Wrote prompt templates and function-calling tools that reduced incorrect "
                    "refund answers to under 1% in weekly human review.",
                ],
            },
            {
                "title": "Backend Engineer",
                "company": "Ribeira Payments",
                "place": "Lisbon, Portugal",
                "dates": "Sep 2017 – Dec 2020",
                "bullets": [
                    "Built Python and Django REST services for merchant onboarding, handling "
                    "15k requests per minute on PostgreSQL.",
                    "Introduced Docker and GitHub Actions CI, cutting release time from two "
                    "days to 40 minutes.",
                    "Led the move from Celery cron jobs to an event-driven design on RabbitMQ, "
                    "removing a nightly batch window of three hours.",
                ],
            },
        ],
        "skills": [
            (
                "LLM & retrieval",
                [
                    "LangChain",
                    "LlamaIndex",
                    "OpenAI API",
                    "Anthropic API",
                    "prompt engineering",
                    "function calling",
                    "embeddings",
                    "reranking",
                    "RAGAS",
                ],
            ),
            ("Vector databases", ["pgvector", "Pinecone", "FAISS", "Redis"]),
            (
                "Backend & deployment",
                [
                    "Python",
                    "FastAPI",
                    "Django",
                    "PostgreSQL",
                    "Docker",
                    "AWS ECS",
                    "GitHub Actions",
                ],
            ),
            ("Observability", ["Langfuse", "Prometheus", "Grafana", "OpenTelemetry"]),
            ("Privacy & security", ["PII redaction (Presidio)", "SOC 2", "GDPR"]),
        ],
        "education": [
            (
                "MSc Computer Science and Engineering",
                "Instituto Superior Técnico, University of Lisbon",
                "2017",
            ),
            ("BSc Computer Science", "University of Lagos", "2015"),
        ],
        "extra": [
            ("Languages", ["English (native), Portuguese (C1), Yoruba (native)"]),
        ],
    }
)

# --------------------------------------------------------------------------------------------- 2
RESUMES.append(
    {
        "file": "lucas_moreau.txt",
        "profile": "llm_integration_engineer",
        "name": "Lucas Moreau",
        "headline": "AI/ML Engineer",
        "email": "lucas.moreau@example.com",
        "phone": "+1-555-0102",
        "location": "Montréal, QC, Canada",
        "summary": (
            "AI/ML Engineer with machine learning expertise and four years of building "
            "generative AI products. I turn large language models into chatbots, assistants and "
            "automations with prompt engineering, the OpenAI API and LangChain, and I move fast "
            "from idea to working demo. Comfortable talking to clients and translating business "
            "needs into conversational experiences."
        ),
        "experience": [
            {
                "title": "AI/ML Engineer",
                "company": "Brightloop Digital",
                "place": "Montréal, Canada",
                "dates": "Jan 2023 - Present",
                "bullets": [
                    "Built a customer-support chatbot for an e-commerce client with LangChain "
                    "and the OpenAI API (GPT-4o) that answers about 8,000 questions a week and "
                    "deflects 35% of support tickets.",
                    "Indexed 12,000 product and policy pages with OpenAI embeddings into Chroma "
                    "so the chatbot answers from the client's own documents and cites them.",
                    "Designed prompt templates, few-shot examples and guardrail prompts that "
                    "raised answer acceptance in client review from 62% to 84%.",
                    "Wrapped the chatbot in a Flask API and a web chat widget, hosted on Render.",
                    "Delivered 14 LangChain proof-of-concept demos for the sales team (document "
                    "Q&A, meeting summarizer, SQL agent), each in a one- or two-week sprint.",
                    "Automated a lead-qualification e-mail assistant with OpenAI function "
                    "calling and Zapier, saving the sales team about 10 hours a week.",
                ],
            },
            {
                "title": "Conversational AI Developer",
                "company": "Vocalis Agency",
                "place": "Montréal, Canada",
                "dates": "Jun 2021 - Dec 2022",
                "bullets": [
                    "Built chatbots for 9 clients on Dialogflow CX and, from 2022, on the "
                    "OpenAI Completions API (GPT-3).",
                    "Rewrote intents and conversation flows for a telecom client, reducing the "
                    "fallback rate from 28% to 11%.",
                    "Built a Slack bot that summarizes long support threads with GPT-3.5, used "
                    "daily by 120 agents.",
                    "Compared prompt variants against client CSAT scores and documented the "
                    "winning patterns in an internal prompt library.",
                ],
            },
            {
                "title": "Web Developer",
                "company": "Studio Nordet",
                "place": "Montréal, Canada",
                "dates": "2019 - 2021",
                "bullets": [
                    "Built WordPress and React websites for more than 25 small businesses.",
                    "Integrated payment and booking APIs (Stripe, Calendly) into client sites.",
                    "Raised average Lighthouse performance scores from 54 to 92.",
                ],
            },
        ],
        "skills": [
            (
                "Generative AI",
                [
                    "Prompt engineering",
                    "OpenAI API",
                    "ChatGPT",
                    "GPT-4o",
                    "LangChain",
                    "Chroma",
                    "embeddings",
                    "function calling",
                    "Dialogflow CX",
                ],
            ),
            ("AI/ML", ["Machine Learning", "Artificial Intelligence", "NLP", "Generative AI"]),
            ("Programming", ["Python", "JavaScript", "Flask", "React", "SQL (basic)"]),
            ("Tools", ["Git", "Zapier", "Render", "Notion", "Figma"]),
        ],
        "education": [
            (
                "Bachelor of Multimedia Creation (web development)",
                "Université du Québec à Montréal (UQAM)",
                "2019",
            ),
        ],
        "extra": [
            (
                "Certifications",
                [
                    "ChatGPT Prompt Engineering for Developers, DeepLearning.AI (2023)",
                    "LangChain for LLM Application Development, DeepLearning.AI (2023)",
                ],
            ),
            ("Languages", ["French (native), English (fluent)"]),
        ],
    }
)

# --------------------------------------------------------------------------------------------- 3
RESUMES.append(
    {
        "file": "priya_raman.pdf",
        "profile": "ml_engineer",
        "name": "Priya Raman",
        "headline": "Senior Machine Learning Engineer",
        "email": "priya.raman@example.com",
        "phone": "+1-555-0103",
        "location": "Bangalore, India",
        "summary": (
            "Senior machine learning engineer with nine years of experience building "
            "recommendation and forecasting systems that serve tens of millions of users. I own "
            "models end to end: feature pipelines, training in PyTorch, automated evaluation, "
            "deployment on Kubernetes with canary rollout and rollback, and monitoring for data "
            "and concept drift. I measure success with online A/B tests, not offline metrics "
            "alone, and I treat datasets as versioned, owned products."
        ),
        "experience": [
            {
                "title": "Senior Machine Learning Engineer",
                "company": "Kirana Commerce",
                "place": "Bangalore, India",
                "dates": "Apr 2021 – Present",
                "bullets": [
                    "Led the homepage recommendation engine (two-tower candidate retrieval and "
                    "a deep ranking model in PyTorch) serving 18M monthly users at 45 ms p99; "
                    "lifted add-to-cart rate 9.4% in an A/B test over 2M users.",
                    "Built demand forecasting for 40k SKUs across 300 dark stores with a PyTorch "
                    "temporal fusion transformer and LightGBM baselines; forecast WAPE fell from "
                    "31% to 22% and fresh-produce waste fell 14%.",
                    "Designed feature pipelines on Spark and Feast (offline store on S3, online "
                    "store on Redis) with 600 features shared by 11 models; training-serving "
                    "skew incidents went from monthly to zero in 2024.",
                    "Orchestrated daily retraining with Airflow and tracked every run in MLflow; "
                    "automated evaluation gates (NDCG@10, recall@50, calibration, per-city "
                    "slices) block any model that regresses on a slice.",
                    "Deployed models to Kubernetes with KServe and Argo Rollouts: canary at 5% "
                    "of traffic, automatic rollback on guardrail metrics; rolled back three bad "
                    "releases in 2024, each within 15 minutes.",
                    "Set up monitoring and drift detection with Evidently and Prometheus alerts, "
                    "and versioned training datasets with DVC so every production model can be "
                    "rebuilt from its exact data snapshot.",
                ],
            },
            {
                "title": "Machine Learning Engineer",
                "company": "Tarang Media",
                "place": "Bangalore, India",
                "dates": "Jul 2018 – Mar 2021",
                "bullets": [
                    'Built the "Because you watched" recommender, first with implicit ALS on '
                    "Spark MLlib and then with a PyTorch sequence model; watch time per user "
                    "rose 11% in a four-week A/B test.",
                    "Wrote PySpark feature engineering jobs over 4 TB a day of playback events "
                    "and added data quality checks that stopped three corrupted loads from "
                    "reaching training.",
                    "Built the team's A/B testing framework with sequential testing and guardrail "
                    "metrics; ran more than 60 experiments on it.",
                    "Served ranking models as Docker images behind FastAPI with p95 latency "
                    "under 30 ms at 4k requests per second.",
                    "Ran the labeling programme for content tags: wrote guidelines, audited "
                    "agreement between annotators and cut tag error rate from 12% to 4%.",
                ],
            },
            {
                "title": "Data Scientist",
                "company": "Finvolve Analytics",
                "place": "Chennai, India",
                "dates": "Jun 2016 – Jun 2018",
                "bullets": [
                    "Built churn classification models with scikit-learn and XGBoost for three "
                    "retail banks; the best model flagged 68% of churners in the top decile.",
                    "Forecast weekly cash demand for 1,200 ATMs with Prophet and SARIMA, "
                    "reducing cash-outs 23%.",
                    "Moved notebook analyses into scheduled Python jobs with SQL extracts and "
                    "unit tests, the team's first production pipelines.",
                ],
            },
        ],
        "skills": [
            ("Languages", ["Python", "SQL", "Scala (basic)"]),
            (
                "Modelling",
                [
                    "PyTorch",
                    "scikit-learn",
                    "LightGBM",
                    "XGBoost",
                    "Prophet",
                    "TensorFlow (earlier projects)",
                ],
            ),
            ("Data", ["Spark", "PySpark", "Feast", "Airflow", "DVC", "Kafka", "pandas"]),
            (
                "Deployment & MLOps",
                [
                    "MLflow",
                    "Docker",
                    "Kubernetes",
                    "KServe",
                    "Argo Rollouts",
                    "FastAPI",
                    "Evidently",
                    "Prometheus",
                    "Grafana",
                ],
            ),
            (
                "Methods",
                [
                    "recommender systems",
                    "time-series forecasting",
                    "A/B testing",
                    "ranking metrics",
                    "causal inference (basics)",
                ],
            ),
        ],
        "education": [
            (
                "M.Tech Computer Science and Engineering",
                "Indian Institute of Technology Madras",
                "2016",
            ),
            ("B.E. Computer Science and Engineering", "Anna University", "2014"),
        ],
        "extra": [
            (
                "Talks and Open Source",
                [
                    '"Feature stores without training-serving skew", PyData Bangalore (2023).',
                    '"Forecasting for dark stores: what broke in production", Fifth Elephant '
                    "conference (2024).",
                    "Maintainer of an internal Feast plugin for Redis cluster mode, later released "
                    "under the Apache 2.0 licence.",
                ],
            ),
            (
                "Leadership",
                [
                    "Mentored four machine learning engineers; two were promoted to senior.",
                    "Run the monthly model review where every production model owner presents "
                    "drift, incidents and retraining results.",
                ],
            ),
        ],
    }
)

# --------------------------------------------------------------------------------------------- 4
RESUMES.append(
    {
        "file": "jonas_becker.docx",
        "profile": "ml_engineer",
        "name": "Jonas Becker",
        "headline": "Machine Learning Engineer",
        "email": "jonas.becker@example.com",
        "phone": "+1-555-0104",
        "location": "Berlin, Germany",
        "summary": (
            "Machine learning engineer with close to four years of experience in tabular machine "
            "learning: fraud, churn and demand forecasting. I build the whole pipeline, from "
            "SQL feature engineering through gradient-boosted models to a FastAPI service in "
            "Docker, and I track experiments so results can be reproduced."
        ),
        "experience": [
            {
                "title": "Machine Learning Engineer",
                "company": "Spreebank Digital",
                "place": "Berlin, Germany",
                "dates": "06/2023 - Present",
                "bullets": [
                    "Built a card-fraud classification pipeline with LightGBM on 120M "
                    "transactions; recall at 1% false-positive rate rose from 58% to 73%, "
                    "saving about €1.1M a year in chargebacks.",
                    "Engineered 180 features in SQL and pandas and moved the heavy "
                    "aggregations to PySpark on Databricks, cutting the feature build from three "
                    "hours to 25 minutes.",
                    "Tracked experiments and registered models in MLflow; wrote evaluation "
                    "scripts that compare every candidate with the production model on "
                    "precision-recall and cost curves before release.",
                    "Deployed the scoring model as a FastAPI service in Docker on AWS ECS and "
                    "scheduled weekly retraining with Airflow.",
                    "Added monitoring of feature and score distributions with PSI alerts to "
                    "the team's Slack channel, which caught a broken merchant-category feed in "
                    "2024.",
                    "Prototyped a PyTorch sequence model over transaction histories; it gained "
                    "two points of recall but doubled serving cost, so we kept LightGBM.",
                ],
            },
            {
                "title": "Junior Machine Learning Engineer",
                "company": "Kiezkauf GmbH",
                "place": "Berlin, Germany",
                "dates": "03/2022 - 05/2023",
                "bullets": [
                    "Built churn prediction with scikit-learn and XGBoost for 2.3M customers; "
                    "retention campaigns targeted with it reduced churn 6% in an A/B test.",
                    "Built daily demand forecasting for 8,000 products with LightGBM and "
                    "holiday features; WAPE improved from 34% to 26% and the purchasing team "
                    "uses it for weekly orders.",
                    "Wrapped both models in a FastAPI batch-scoring service, containerised "
                    "with Docker.",
                    "Wrote pytest unit tests and a GitLab CI job for the ML repository.",
                ],
            },
            {
                "title": "Working Student, Data Analytics",
                "company": "Stadtwerke Havelland",
                "place": "Potsdam, Germany",
                "dates": "10/2020 - 02/2022",
                "bullets": [
                    "Wrote SQL reports on energy consumption for the sales team.",
                    "Automated a monthly Excel report with Python and pandas, saving a day of "
                    "manual work each month.",
                    "Built a first scikit-learn model to predict late payments as my master's "
                    "project.",
                ],
            },
        ],
        "skills": [
            ("Languages", ["Python", "SQL"]),
            (
                "Machine learning",
                ["scikit-learn", "XGBoost", "LightGBM", "pandas", "NumPy", "PyTorch (prototypes)"],
            ),
            ("Data", ["PySpark", "Databricks", "Airflow", "PostgreSQL"]),
            ("Deployment", ["FastAPI", "Docker", "AWS ECS", "MLflow", "GitLab CI"]),
        ],
        "education": [
            ("M.Sc. Data Science", "Technische Universität Berlin", "2022"),
            ("B.Sc. Mathematics", "Universität Potsdam", "2019"),
        ],
        "extra": [
            ("Languages", ["German (native), English (C1)"]),
        ],
        "skills_table": True,
    }
)

# --------------------------------------------------------------------------------------------- 5
RESUMES.append(
    {
        "file": "mei_lin_chen.pdf",
        "profile": "ai_infrastructure_engineer",
        "name": "Mei Lin Chen",
        "headline": "Staff AI Infrastructure Engineer",
        "email": "meilin.chen@example.com",
        "phone": "+1-555-0105",
        "location": "Singapore, Singapore",
        "summary": (
            "Infrastructure engineer focused on high-scale inference: GPU serving, batching, "
            "scheduling and the observability that keeps p99 latency and cost under control. "
            "Ten years in distributed systems, the last six in ML infrastructure, from "
            "multi-node training clusters to LLM serving fleets and edge devices."
        ),
        "experience": [
            {
                "title": "Staff AI Infrastructure Engineer",
                "company": "Lumora AI",
                "place": "Singapore",
                "dates": "February 2022 – Present",
                "bullets": [
                    "Lead the LLM inference platform serving 2.5B tokens a day on 600 H100 and "
                    "A100 GPUs with vLLM and Triton Inference Server (TensorRT-LLM backend); cut "
                    "cost per million tokens 40% in 18 months.",
                    "Implemented continuous (in-flight) and dynamic batching with KV-cache-aware "
                    "request routing; p99 latency fell from 2.8 s to 1.1 s at three times the "
                    "throughput.",
                    "Built Kubernetes GPU scheduling with the NVIDIA GPU Operator, MIG "
                    "partitioning and a bin-packing scheduler extender; fleet GPU utilization "
                    "rose from 38% to 71%.",
                    "Tuned CUDA graphs, FlashAttention kernels and NCCL all-reduce settings for "
                    "tensor-parallel serving across 8-GPU nodes, adding 22% tokens per second.",
                    "Built observability with Prometheus, Grafana and OpenTelemetry traces "
                    "(time to first token, queue depth, GPU memory); SLO burn-rate alerts cut "
                    "paging incidents 60%.",
                    "Run blue/green rollouts of engine versions with automatic rollback on SLO "
                    "burn; provisioned the clusters with Terraform and Helm.",
                ],
            },
            {
                "title": "Senior ML Infrastructure Engineer",
                "company": "Kestrel Robotics",
                "place": "Singapore",
                "dates": "June 2019 – January 2022",
                "bullets": [
                    "Built distributed training for perception models with DeepSpeed ZeRO-3 and "
                    "PyTorch DDP on 128 GPUs; training time fell from 5.5 days to 30 hours.",
                    "Ran Ray clusters on Kubernetes for hyperparameter search and batch "
                    "inference, replacing a hand-managed fleet of 40 VMs.",
                    "Optimized detection models with TensorRT INT8 for NVIDIA Jetson Orin on "
                    "1,200 warehouse robots: 3.2 times faster with under 1% mAP loss.",
                    "Built over-the-air edge deployment with staged rollout and one-click "
                    "rollback to the previous engine.",
                ],
            },
            {
                "title": "Software Engineer, Distributed Systems",
                "company": "Straits Exchange Technology",
                "place": "Singapore",
                "dates": "2016 – 2019",
                "bullets": [
                    "Built low-latency order routing in C++ and Go with p99 under 200 µs.",
                    "Designed a Kafka-based market-data fan-out handling 1.5M messages a second.",
                    "Moved 30 gRPC services to Kubernetes with Helm charts and canary releases.",
                ],
            },
        ],
        "skills": [
            (
                "GPU & inference",
                [
                    "CUDA",
                    "NCCL",
                    "TensorRT",
                    "TensorRT-LLM",
                    "Triton Inference Server",
                    "vLLM",
                    "FlashAttention",
                    "dynamic batching",
                    "MIG",
                ],
            ),
            (
                "Distributed systems",
                ["Kubernetes", "Ray", "DeepSpeed", "PyTorch DDP", "Kafka", "gRPC"],
            ),
            ("Observability", ["Prometheus", "Grafana", "OpenTelemetry"]),
            ("Infrastructure as code", ["Terraform", "Helm"]),
            ("Edge", ["NVIDIA Jetson", "ONNX Runtime"]),
            ("Languages", ["Python", "C++", "Go"]),
        ],
        "education": [
            ("B.Comp. Computer Science", "National University of Singapore", "2016"),
        ],
        "extra": [
            (
                "Selected Projects",
                [
                    "Speculative decoding in production (2024): draft-model speculative decoding "
                    "for 8B to 70B models behind a per-tenant feature flag; decode throughput rose "
                    "1.8 times at identical output quality on our regression suite.",
                    "Multi-region failover for inference (2023): active-active serving in two "
                    "regions with request hedging; survived a full zone outage with no SLO breach.",
                    "GPU cost attribution (2023): per-customer GPU-second accounting from "
                    "OpenTelemetry spans, which finance now uses for pricing.",
                ],
            ),
            (
                "Talks",
                [
                    '"Serving LLMs at p99: lessons from 600 GPUs", KubeCon + CloudNativeCon Asia '
                    "(2024).",
                    '"INT8 on the warehouse floor: TensorRT on Jetson", NVIDIA GTC community '
                    "session (2021).",
                ],
            ),
            ("Certifications", ["Certified Kubernetes Administrator (CKA), 2021"]),
        ],
        "pagesize": "letter",
    }
)

# --------------------------------------------------------------------------------------------- 6
RESUMES.append(
    {
        "file": "diego_alvarez.html",
        "profile": "mlops_engineer",
        "name": "Diego Álvarez",
        "headline": "Senior MLOps Engineer",
        "email": "diego.alvarez@example.com",
        "phone": "+1-555-0106",
        "location": "Mexico City, Mexico",
        "summary": (
            "MLOps engineer who builds the platforms data scientists and ML engineers ship on: "
            "pipelines, model registry, CI/CD, infrastructure as code, monitoring and the "
            "rollback procedures that make releases boring. Ten years across DevOps and ML "
            "platforms on AWS."
        ),
        "experience": [
            {
                "title": "Senior MLOps Engineer",
                "company": "Pacífica Seguros Digital",
                "place": "Mexico City, Mexico",
                "dates": "Aug 2022 – Present",
                "bullets": [
                    "Built the ML platform on AWS: Kubeflow Pipelines on EKS for training, the "
                    "MLflow model registry, and AWS SageMaker endpoints for real-time inference; "
                    "14 teams and 60 production models onboarded.",
                    "Set up CI/CD for models with GitHub Actions and Argo CD: automated tests, "
                    "shadow deployment and canary release for every model; lead time from "
                    "merge to production fell from three weeks to two days.",
                    "Served GPU models through NVIDIA Triton Inference Server on SageMaker with "
                    "dynamic batching; p95 latency fell from 180 ms to 65 ms and endpoint cost "
                    "fell 35%.",
                    "Wrote all infrastructure as Terraform modules (EKS with GPU node groups, "
                    "SageMaker, IAM, networking), reviewed through pull requests.",
                    "Built monitoring and drift detection with SageMaker Model Monitor, "
                    "Evidently reports and Prometheus/Grafana dashboards; an alert caught "
                    "claims-model drift three weeks before it affected loss ratios.",
                    "Automated rollback to the previous registry version and wrote the runbooks; "
                    "mean time to recover from a bad model fell from four hours to 20 minutes.",
                ],
            },
            {
                "title": "MLOps Engineer",
                "company": "Rutas Logística",
                "place": "Guadalajara, Mexico",
                "dates": "Mar 2019 – Jul 2022",
                "bullets": [
                    "Moved ETA prediction models from cron jobs on VMs to Docker containers on "
                    "Kubernetes with health checks and autoscaling.",
                    "Introduced a Feast feature store shared by nine models, removing duplicate "
                    "feature code across three teams.",
                    "Added Great Expectations data validation to every training pipeline; it "
                    "blocked 27 broken upstream loads in its first year.",
                    "Ran the MLflow tracking server and Airflow for batch scoring, and migrated "
                    "CI from Jenkins to GitHub Actions.",
                ],
            },
            {
                "title": "DevOps Engineer",
                "company": "Nube Sistemas",
                "place": "Mexico City, Mexico",
                "dates": "2016 – 2019",
                "bullets": [
                    "Managed AWS infrastructure for 40 client applications with Terraform and "
                    "Ansible.",
                    "Built Jenkins release pipelines and blue/green deployments.",
                    "Set up centralized logging and alerting with the ELK stack and CloudWatch.",
                ],
            },
        ],
        "skills": [
            (
                "ML platform",
                [
                    "Kubeflow Pipelines",
                    "MLflow",
                    "AWS SageMaker",
                    "Feast",
                    "Great Expectations",
                    "Evidently",
                    "Triton Inference Server",
                ],
            ),
            (
                "CI/CD & IaC",
                ["GitHub Actions", "Argo CD", "Terraform", "Helm", "Jenkins", "Ansible"],
            ),
            ("Cloud & containers", ["AWS (EKS, S3, IAM)", "Docker", "Kubernetes"]),
            ("Observability", ["Prometheus", "Grafana", "CloudWatch", "ELK"]),
            ("Languages", ["Python", "Bash", "SQL", "Go (basic)"]),
        ],
        "education": [
            (
                "Ingeniería en Sistemas Computacionales (B.Eng. Computer Systems)",
                "Instituto Politécnico Nacional",
                "2016",
            ),
        ],
        "extra": [
            (
                "Certifications",
                [
                    "AWS Certified Machine Learning – Specialty (2021)",
                    "Certified Kubernetes Administrator (CKA), 2020",
                ],
            ),
            ("Languages", ["Spanish (native), English (fluent)"]),
        ],
    }
)

# --------------------------------------------------------------------------------------------- 7
RESUMES.append(
    {
        "file": "sofia_rossi.docx",
        "profile": "data_scientist",
        "name": "Sofia Rossi",
        "headline": "Senior Data Scientist",
        "email": "sofia.rossi@example.com",
        "phone": "+1-555-0107",
        "location": "São Paulo, Brazil",
        "summary": (
            "Data scientist with seven years of experience turning data into decisions: "
            "experiment design, statistical modelling and clear storytelling for business "
            "leaders. I work in Jupyter notebooks with pandas, scikit-learn and statsmodels, and "
            "I present results as reports and dashboards."
        ),
        "experience": [
            {
                "title": "Senior Data Scientist",
                "company": "Vitrine Marketplace",
                "place": "São Paulo, Brazil",
                "dates": "2022 – Present",
                "bullets": [
                    "Designed and analysed more than 70 A/B tests on checkout and pricing, "
                    "using hypothesis testing, CUPED variance reduction and sequential tests; "
                    "the recommendations led to a 4.2% conversion lift.",
                    "Built customer segmentation (k-means) and purchase propensity models with "
                    "scikit-learn in Jupyter notebooks; results went to the commercial "
                    "directors as quarterly reports.",
                    "Estimated price elasticity with statsmodels regressions for 300 product "
                    "categories, which shaped the 2024 pricing strategy.",
                    "Built Tableau dashboards for experiment results used by 40 product managers.",
                    "Presented insights to the executive team every month and ran the internal "
                    '"statistics for product managers" course.',
                ],
            },
            {
                "title": "Data Scientist",
                "company": "Banco Horizonte",
                "place": "São Paulo, Brazil",
                "dates": "2019 – 2022",
                "bullets": [
                    "Modelled credit default risk with logistic regression and random forests "
                    "in scikit-learn; handed the model specifications to the engineering team, "
                    "who implemented them in the credit system.",
                    "Ran survival analysis of customer churn with lifelines and explained the "
                    "drivers to the retention team.",
                    "Explored transaction data with pandas, matplotlib and seaborn and wrote "
                    "ad-hoc SQL queries for the risk committee.",
                    "Answered about 15 analysis requests a month from marketing and risk.",
                ],
            },
            {
                "title": "Research Assistant, Statistics",
                "company": "Universidade de São Paulo",
                "place": "São Paulo, Brazil",
                "dates": "2017 – 2019",
                "bullets": [
                    "Fitted Bayesian hierarchical models in R and Stan for dengue incidence data.",
                    "Co-authored two papers in applied statistics journals.",
                    "Taught the undergraduate lab course in regression analysis.",
                ],
            },
        ],
        "skills": [
            (
                "Statistics",
                [
                    "hypothesis testing",
                    "A/B testing",
                    "regression",
                    "Bayesian inference",
                    "survival analysis",
                    "experimental design",
                ],
            ),
            (
                "Python",
                [
                    "pandas",
                    "NumPy",
                    "SciPy",
                    "scikit-learn",
                    "statsmodels",
                    "matplotlib",
                    "seaborn",
                ],
            ),
            ("Tools", ["Jupyter", "SQL", "R", "Stan", "Tableau", "Excel", "Google Analytics"]),
        ],
        "education": [
            ("MSc Statistics", "Universidade de São Paulo (USP)", "2019"),
            ("BSc Statistics", "Universidade Estadual de Campinas (UNICAMP)", "2016"),
        ],
        "extra": [
            ("Languages", ["Portuguese (native), English (fluent), Italian (intermediate)"]),
        ],
    }
)

# --------------------------------------------------------------------------------------------- 8
RESUMES.append(
    {
        "file": "kwame_mensah.txt",
        "profile": "data_engineer",
        "name": "Kwame Mensah",
        "headline": "Senior Data Engineer",
        "email": "kwame.mensah@example.com",
        "phone": "+1-555-0108",
        "location": "Accra, Ghana",
        "summary": (
            "Data engineer with nine years of experience building batch and streaming data "
            "platforms for fintech and logistics. I own datasets through their whole lifecycle: "
            "ingestion, transformation, quality checks, documentation, retention and deletion. "
            "Analysts and data scientists build on the tables I deliver."
        ),
        "bullet": "•",
        "experience": [
            {
                "title": "Senior Data Engineer",
                "company": "Savanna Mobile Money",
                "place": "Accra, Ghana",
                "dates": "Jan 2022 – Present",
                "bullets": [
                    "Own the transaction lakehouse: PySpark jobs on Databricks write Delta Lake "
                    "tables covering 1.8B events a month for finance, risk and product teams.",
                    "Built streaming ingestion with Kafka and Spark Structured Streaming; data "
                    "freshness for the fraud-operations dashboards went from six hours to four "
                    "minutes.",
                    "Lead a dbt project of 140 models on Snowflake with tests and documentation; "
                    "finance closes the month two days faster.",
                    "Added Great Expectations suites to 90 critical tables; data incidents that "
                    "reached dashboards fell 80% year over year.",
                    "Defined dataset lifecycle rules: schema versioning, data contracts with "
                    "producing teams, retention policies and deletion workflows under Ghana's "
                    "Data Protection Act.",
                    "Orchestrate 300 Airflow DAGs with SLAs and on-call alerting.",
                ],
            },
            {
                "title": "Data Engineer",
                "company": "Volta Freight",
                "place": "Accra, Ghana",
                "dates": "Sep 2018 – Dec 2021",
                "bullets": [
                    "Built ETL from PostgreSQL and MySQL into BigQuery with Airflow, automating "
                    "45 manual Excel reports.",
                    "Cut BigQuery costs 52% with partitioning, clustering and incremental loads.",
                    "Migrated 60 cron scripts to Airflow with retries, backfills and lineage "
                    "documentation.",
                    "Built a shipment-events pipeline on Kafka feeding the customer tracking page.",
                ],
            },
            {
                "title": "BI Developer",
                "company": "Goldcoast Retail Group",
                "place": "Kumasi, Ghana",
                "dates": "2016 – 2018",
                "bullets": [
                    "Built SSIS packages loading point-of-sale data into SQL Server nightly.",
                    "Designed the star schema behind the sales reports for 80 stores.",
                    "Reduced the nightly load from five hours to 90 minutes by rewriting queries.",
                ],
            },
        ],
        "skills": [
            (
                None,
                [
                    "Spark",
                    "PySpark",
                    "Kafka",
                    "Airflow",
                    "dbt",
                    "Snowflake",
                    "BigQuery",
                    "Delta Lake",
                    "Databricks",
                    "Great Expectations",
                    "SQL",
                    "Python",
                    "Scala",
                    "PostgreSQL",
                    "SQL Server",
                    "Terraform",
                    "Docker",
                ],
            ),
        ],
        "education": [
            (
                "BSc Computer Science",
                "Kwame Nkrumah University of Science and Technology (KNUST)",
                "2016",
            ),
        ],
        "extra": [
            (
                "Certifications",
                [
                    "Databricks Certified Data Engineer Professional (2023)",
                    "Google Cloud Professional Data Engineer (2020)",
                ],
            ),
        ],
    }
)

# --------------------------------------------------------------------------------------------- 9
RESUMES.append(
    {
        "file": "hannah_schmidt.md",
        "profile": "data_analyst",
        "name": "Hannah Schmidt",
        "headline": "Senior Data Analyst",
        "email": "hannah.schmidt@example.com",
        "phone": "+1-555-0109",
        "location": "Vienna, Austria",
        "summary": (
            "Data analyst with ten years of experience in reporting and business intelligence. "
            "I build dashboards people actually open, write clean SQL, and turn messy "
            "spreadsheets into reliable monthly reporting. Some Python (pandas) for automation."
        ),
        "experience": [
            {
                "title": "Senior Data Analyst",
                "company": "Alpenstrom Energie",
                "place": "Vienna, Austria",
                "dates": "09/2021 – Present",
                "bullets": [
                    "Built and maintain 25 Power BI dashboards for sales and operations, used "
                    "by 300 employees every week.",
                    "Wrote the SQL layer (views on Snowflake) behind monthly KPI reporting for "
                    "the management board.",
                    "Automated a weekly Excel report with Python and pandas, saving six hours a "
                    "week.",
                    "Wrote DAX measures and trained 20 colleagues in self-service reporting.",
                    "Found €1.2M of under-billed business contracts with a tariff analysis in "
                    "SQL and Excel for the pricing team.",
                    "Wrote the company's KPI dictionary so that finance and sales report the "
                    "same numbers.",
                ],
            },
            {
                "title": "Data Analyst",
                "company": "Wiener Stadtreisen",
                "place": "Vienna, Austria",
                "dates": "04/2018 – 08/2021",
                "bullets": [
                    "Built Tableau dashboards for bookings and revenue across 12 markets.",
                    "Modelled Looker explores for the marketing team and retired 40 ad-hoc "
                    "spreadsheets.",
                    "Analysed campaign performance with SQL and Excel; reallocated 15% of the "
                    "budget to the best-performing channels.",
                ],
            },
            {
                "title": "Reporting Analyst",
                "company": "Donauhandel AG",
                "place": "Linz, Austria",
                "dates": "07/2016 – 03/2018",
                "bullets": [
                    "Produced monthly sales reports in Excel with pivot tables and VLOOKUP.",
                    "Cleaned customer master data and documented the reporting process.",
                    "Prepared board presentations on regional sales trends.",
                ],
            },
        ],
        "skills": [
            ("Reporting & BI", ["Power BI", "Tableau", "Looker", "Excel", "Google Sheets", "DAX"]),
            ("Data", ["SQL", "Snowflake", "Python (pandas, basic)"]),
        ],
        "education": [
            (
                "BSc Business, Economics and Social Sciences",
                "Vienna University of Economics and Business (WU Wien)",
                "2016",
            ),
        ],
        "extra": [
            ("Languages", ["German (native), English (C1)"]),
        ],
    }
)

# -------------------------------------------------------------------------------------------- 10
RESUMES.append(
    {
        "file": "arjun_nair.pdf",
        "profile": "research_engineer",
        "name": "Arjun Nair",
        "headline": "Research Engineer, Foundation Models",
        "email": "arjun.nair@example.com",
        "phone": "+1-555-0110",
        "location": "London, United Kingdom",
        "summary": (
            "Research engineer working on pretraining and fine-tuning foundation models and on "
            "new sequence architectures. I design experiments, write the training code, scale it "
            "across thousands of accelerators and publish the results. Most of my work ends in "
            "papers, open-source code and model checkpoints handed to product teams rather than "
            "in services I operate myself."
        ),
        "experience": [
            {
                "title": "Research Engineer",
                "company": "Meridian AI Lab",
                "place": "London, United Kingdom",
                "dates": "Oct 2022 – Present",
                "bullets": [
                    "Co-led pretraining of a 7B-parameter multilingual decoder language model on "
                    "1.4T tokens with JAX on TPU v5e pods (512 chips); reached 48% "
                    "model-FLOPs utilization.",
                    "Designed and implemented sparse routing adapters, a mixture-of-experts "
                    "variant of LoRA, for multilingual fine-tuning; +3.1 points average on 19 "
                    "low-resource languages (NeurIPS 2024).",
                    "Fine-tuned foundation models with instruction tuning and DPO using PyTorch, "
                    "Hugging Face Transformers and FSDP on 256 H100 GPUs.",
                    "Built the lab's evaluation harness for 30 benchmarks, now used by every "
                    "research team before releasing a checkpoint.",
                    "Profiled and fixed training instabilities (loss spikes from low-precision "
                    "optimizer states), saving an estimated 9% of compute per run.",
                ],
            },
            {
                "title": "Postdoctoral Research Engineer",
                "company": "Imperial College London, Machine Learning Group",
                "place": "London, United Kingdom",
                "dates": "Jan 2020 – Sep 2022",
                "bullets": [
                    "Implemented ladder attention, a hierarchical-memory transformer for long "
                    "contexts, in PyTorch with custom CUDA kernels; 2.3 times faster than dense "
                    "attention at 32k tokens (ICLR 2023).",
                    "Ran curriculum token-dropping experiments for compute-efficient pretraining "
                    "on a 64-GPU cluster (ICML 2023).",
                    "Released research code on GitHub (about 1,200 stars) and model checkpoints "
                    "on the Hugging Face Hub.",
                    "Supervised six MSc theses on efficient transformers.",
                ],
            },
            {
                "title": "Research Intern",
                "company": "Tensorfield Labs",
                "place": "Cambridge, United Kingdom",
                "dates": "Jun 2018 – Sep 2018",
                "bullets": [
                    "Studied optimizer stability for large-batch training of transformers in "
                    "TensorFlow.",
                    "Built a Gradio demo of the internship model for the lab's open day.",
                    "Wrote an internal report that became the ICML 2023 workshop paper below.",
                ],
            },
        ],
        "skills": [
            (
                "Frameworks",
                [
                    "PyTorch",
                    "JAX",
                    "Flax",
                    "Hugging Face Transformers",
                    "TensorFlow",
                    "DeepSpeed",
                    "FSDP",
                ],
            ),
            (
                "Methods",
                [
                    "transformers",
                    "pretraining",
                    "fine-tuning",
                    "LoRA",
                    "DPO",
                    "mixture of experts",
                    "long-context attention",
                ],
            ),
            (
                "Compute",
                [
                    "TPU pods",
                    "multi-node GPU training",
                    "CUDA (kernels)",
                    "Slurm",
                    "Weights & Biases",
                ],
            ),
            ("Languages", ["Python", "C++", "LaTeX"]),
        ],
        "education": [
            ("PhD Informatics (machine learning)", "University of Edinburgh", "2019"),
            ("B.Tech Electrical Engineering", "Indian Institute of Technology Bombay", "2014"),
        ],
        "extra": [
            (
                "Publications",
                [
                    "A. Nair, L. Okonkwo, M. Petrova, S. Haldar. Sparse Routing Adapters: "
                    "Parameter-Efficient Fine-Tuning for Multilingual Foundation Models. "
                    "NeurIPS 2024.",
                    "A. Nair, R. Castellanos, J. Whitfield. Curriculum Token Dropping for "
                    "Compute-Efficient Pretraining. ICML 2023.",
                    "A. Nair, J. Whitfield. Ladder Attention: Hierarchical Memory for Long-Context "
                    "Transformers. ICLR 2023.",
                    "A. Nair, T. Brennan. On the Stability of Low-Precision Optimizer States at "
                    "Scale. ICML 2023 Workshop on Efficient Systems for Foundation Models.",
                    "K. Sato, A. Nair, L. Okonkwo. Evaluating Multilingual Instruction Following "
                    "Beyond English. arXiv preprint, 2025.",
                ],
            ),
            (
                "Service",
                [
                    "Reviewer for NeurIPS (2021–2025), ICML (2022–2025) and ICLR (2023–2025).",
                    "Co-organiser of the London Efficient ML reading group.",
                ],
            ),
        ],
    }
)

# -------------------------------------------------------------------------------------------- 12
RESUMES.append(
    {
        "file": "grace_kim.txt",
        "profile": "other",
        "name": "Grace Kim",
        "headline": "Senior Project Manager, Operations",
        "email": "grace.kim@example.com",
        "phone": "+1-555-0112",
        "location": "Manila, Philippines",
        "summary": (
            "Project and operations manager with ten years of experience delivering "
            "cross-functional projects in hospitality and customer service. I plan, budget, "
            "manage vendors and keep stakeholders aligned, and I like turning chaotic "
            "processes into simple checklists."
        ),
        "bullet": "*",
        "experience": [
            {
                "title": "Operations Manager",
                "company": "Harbor & Pine Hospitality Group",
                "place": "Manila, Philippines",
                "dates": "Mar 2022 – Present",
                "bullets": [
                    "Managed the opening of three hotels with 420 rooms in total, delivered on "
                    "schedule and 4% under a budget of $3.1M.",
                    "Run weekly operations reviews with 9 department heads and track actions "
                    "in Asana.",
                    "Renegotiated 14 vendor contracts, saving $260k a year.",
                    "Introduced standard operating procedures that cut guest complaints 30%.",
                ],
            },
            {
                "title": "Project Manager",
                "company": "Bayview Customer Services",
                "place": "Manila, Philippines",
                "dates": "2018 – 2022",
                "bullets": [
                    "Ran 12 cross-functional projects with budgets up to $2M and a 92% on-time "
                    "delivery rate.",
                    "Coordinated the roll-out of a new ticketing tool to 600 agents, managing "
                    "the vendor, training schedule and go-live plan.",
                    "Planned sprints and tracked delivery in Jira with three software vendors.",
                    "Reported status and risks to the leadership team every two weeks.",
                    "Set up the project intake and prioritisation process in Confluence, "
                    "cutting the time from request to approved plan from six weeks to two.",
                ],
            },
            {
                "title": "Operations Coordinator",
                "company": "Luzon Events & Travel",
                "place": "Manila, Philippines",
                "dates": "2015 – 2018",
                "bullets": [
                    "Coordinated logistics for more than 150 corporate events a year.",
                    "Maintained budgets and supplier schedules in Excel.",
                    "Onboarded and scheduled a team of 25 event staff.",
                ],
            },
        ],
        "skills": [
            (
                "Management",
                [
                    "Project management",
                    "Agile",
                    "Scrum",
                    "PRINCE2",
                    "stakeholder management",
                    "budgeting",
                    "vendor management",
                ],
            ),
            ("Tools", ["Jira", "Asana", "Confluence", "Excel", "Google Workspace", "Smartsheet"]),
        ],
        "education": [
            ("BS Management", "Ateneo de Manila University", "2015"),
        ],
        "extra": [
            (
                "Certifications",
                [
                    "Project Management Professional (PMP), 2019",
                    "PRINCE2 Foundation, 2018",
                ],
            ),
        ],
    }
)

# -------------------------------------------------------------------------------------------- 13
NOAH_SKILLS = [
    "PyTorch",
    "TensorFlow",
    "Keras",
    "JAX",
    "scikit-learn",
    "XGBoost",
    "LightGBM",
    "Hugging Face Transformers",
    "LangChain",
    "LlamaIndex",
    "OpenAI API",
    "Anthropic API",
    "Pinecone",
    "Weaviate",
    "FAISS",
    "Chroma",
    "Milvus",
    "Qdrant",
    "Kubernetes",
    "Docker",
    "Kubeflow",
    "MLflow",
    "Weights & Biases",
    "Airflow",
    "Spark",
    "Kafka",
    "Ray",
    "DeepSpeed",
    "CUDA",
    "TensorRT",
    "Triton Inference Server",
    "vLLM",
    "ONNX",
    "FastAPI",
    "AWS SageMaker",
    "Vertex AI",
    "Azure ML",
    "Databricks",
    "Snowflake",
    "dbt",
    "Feast",
    "Great Expectations",
    "Evidently",
    "Prometheus",
    "Grafana",
    "Terraform",
    "RAG",
    "fine-tuning",
    "prompt engineering",
    "computer vision",
    "NLP",
    "reinforcement learning",
]
RESUMES.append(
    {
        "file": "noah_fischer.txt",
        "profile": "other",
        "name": "Noah Fischer",
        "headline": "AI Engineer | Machine Learning | Deep Learning | LLMs | MLOps",
        "email": "noah.fischer@example.com",
        "phone": "+1-555-0113",
        "location": "Denver, CO, USA",
        "summary": (
            "Results-driven professional passionate about artificial intelligence and ready to "
            "bring cutting-edge AI to your team. Detail-oriented, customer-focused and a fast "
            "learner with a strong track record of solving problems under pressure."
        ),
        "experience": [
            {
                "title": "Customer Support Specialist",
                "company": "Summit Home Appliances",
                "place": "Denver, CO",
                "dates": "04/2022 - Present",
                "bullets": [
                    "Resolve 60+ customer tickets a day by phone, chat and e-mail with a 94% "
                    "customer satisfaction score.",
                    "Wrote 35 help-center articles on installation and warranty questions.",
                    "Trained 8 new hires on the Zendesk ticket workflow and escalation rules.",
                    "Escalate recurring product defects to the quality team with photos and "
                    "step-by-step reproduction notes.",
                ],
            },
            {
                "title": "QA Tester (Manual)",
                "company": "Peakline Mobile Games",
                "place": "Boulder, CO",
                "dates": "2019 - 2022",
                "bullets": [
                    "Executed 400+ manual test cases per release on iOS and Android builds.",
                    "Logged, reproduced and triaged bugs in Jira and kept test plans current "
                    "in TestRail.",
                    "Ran regression passes before each of 30 releases and signed off release "
                    "checklists.",
                    "Reported player-facing issues from app-store reviews to the producers.",
                ],
            },
            {
                "title": "Sales Associate",
                "company": "Front Range Outdoor Supply",
                "place": "Denver, CO",
                "dates": "2016 - 2019",
                "bullets": [
                    "Helped customers choose camping and climbing gear; top seller in Q4 2018.",
                    "Managed weekly inventory counts for the footwear department.",
                    "Trained seasonal staff on the point-of-sale system.",
                ],
            },
        ],
        "skills": [("AI & ML", NOAH_SKILLS)],
        "education": [
            ("B.A. Communication Studies", "Metropolitan State University of Denver", "2016"),
        ],
        "extra": [
            ("Certifications", ["Google IT Support Professional Certificate (2021)"]),
        ],
    }
)

# -------------------------------------------------------------------------------------------- 14
RESUMES.append(
    {
        "file": "tomasz_nowak.md",
        "profile": "ml_engineer",
        "name": "Tomasz Nowak",
        "headline": "Senior Machine Learning Engineer, Computer Vision",
        "email": "tomasz.nowak@example.com",
        "phone": "+1-555-0114",
        "location": "Kraków, Poland",
        "summary": (
            "Machine learning engineer specialised in computer vision, with nine years of "
            "experience designing, training and optimising deep learning models and putting "
            "them behind production APIs. Strong in transfer learning, fine-tuning of vision "
            "backbones and model optimisation for fast inference."
        ),
        "experience": [
            {
                "title": "Senior Machine Learning Engineer, Computer Vision",
                "company": "Vistula Vision",
                "place": "Kraków, Poland",
                "dates": "Jan 2021 - Present",
                "bullets": [
                    "Designed defect-detection models for industrial visual inspection in "
                    "PyTorch with transfer learning from ImageNet backbones; mAP rose from 0.71 "
                    "to 0.88 across 14 production lines.",
                    "Fine-tuned Vision Transformer (ViT-B/16) and DINOv2 backbones for "
                    "few-shot onboarding of new products, cutting setup time per line from two "
                    "weeks to three days.",
                    "Optimised models for inference: exported to ONNX, applied INT8 "
                    "quantization with ONNX Runtime and structured pruning; 4.1 times faster on "
                    "CPU with a 0.6-point mAP loss.",
                    "Deployed models with TorchServe in Docker on k8s (Kubernetes), handling 120 "
                    "images a second per node at 35 ms p95.",
                    "Introduced focal loss and heavy augmentation with Albumentations for rare "
                    "defect classes, raising their recall from 52% to 81%.",
                    "Tracked training runs in Weights & Biases and mentored two junior engineers.",
                ],
            },
            {
                "title": "Machine Learning Engineer",
                "company": "Wawel Medical Imaging",
                "place": "Kraków, Poland",
                "dates": "2018 - 2020",
                "bullets": [
                    "Trained U-Net segmentation models in PyTorch for liver CT scans, reaching a "
                    "Dice score of 0.91.",
                    "Distilled a ResNet-50 classifier into a MobileNetV3 student three times "
                    "smaller with a 1-point accuracy loss.",
                    "Served the models with TorchServe behind the hospital viewer's REST API.",
                    "Wrote PyTorch training code with mixed precision and multi-GPU DDP, cutting "
                    "epoch time 45%.",
                ],
            },
            {
                "title": "Software Engineer, Image Processing",
                "company": "Optica Systems",
                "place": "Kraków, Poland",
                "dates": "2016 - 2018",
                "bullets": [
                    "Wrote C++ image-processing modules with OpenCV for barcode readers used in "
                    "parcel sorting.",
                    "Sped up the edge-detection stage 3 times with SIMD optimisations.",
                    "Maintained the Python test harness for the camera firmware.",
                ],
            },
        ],
        "skills": [
            (
                "Deep learning",
                [
                    "PyTorch",
                    "torchvision",
                    "TensorFlow (Keras)",
                    "transfer learning",
                    "fine-tuning",
                    "Vision Transformers",
                    "object detection",
                    "segmentation",
                ],
            ),
            (
                "Optimisation & serving",
                [
                    "ONNX",
                    "ONNX Runtime",
                    "quantization",
                    "pruning",
                    "TorchServe",
                    "Docker",
                    "Kubernetes",
                ],
            ),
            ("Other", ["Python", "C++", "OpenCV", "CUDA (basic)", "Weights & Biases"]),
        ],
        "education": [
            (
                "MSc Computer Science (Artificial Intelligence)",
                "AGH University of Science and Technology, Kraków",
                "2016",
            ),
        ],
        "extra": [
            ("Languages", ["Polish (native), English (C1), German (B1)"]),
        ],
    }
)

# -------------------------------------------------------------------------------------------- 15
RESUMES.append(
    {
        "file": "fatima_haddad.html",
        "profile": "ml_engineer",
        "name": "Fatima Haddad",
        "headline": "Senior Machine Learning Engineer, NLP",
        "email": "fatima.haddad@example.com",
        "phone": "+1-555-0115",
        "location": "Amman, Jordan",
        "summary": (
            "Machine learning engineer specialised in NLP, with nine years of experience "
            "taking language models from labelled data to production. I fine-tune and evaluate "
            "transformer models, curate the datasets they learn from, and deploy them on "
            "Kubernetes with the monitoring and rollback plans that production needs."
        ),
        "experience": [
            {
                "title": "Senior Machine Learning Engineer, NLP",
                "company": "Nabd Health Technologies",
                "place": "Amman, Jordan",
                "dates": "May 2022 – Present",
                "bullets": [
                    "Fine-tuned Llama 3 8B and Mistral 7B with LoRA and QLoRA (Hugging Face "
                    "Transformers, PEFT, TRL) for Arabic-English clinical note summarization; "
                    "ROUGE-L rose 9 points and clinicians preferred it in 71% of blind reviews.",
                    "Built the evaluation pipeline: automated benchmarks, LLM-as-judge scoring "
                    "calibrated against physician ratings, and CI regression gates on five "
                    "metrics that block a release.",
                    "Owned dataset curation: wrote labelling guidelines, ran six annotators in "
                    "Label Studio (Cohen's kappa 0.82), de-duplicated and PII-scrubbed 400k "
                    "notes, and versioned every dataset with DVC.",
                    "Deployed the models on Kubernetes with vLLM and AWQ 4-bit quantization, "
                    "autoscaling GPU pods on queue depth; p95 latency fell from 1.9 s to 0.8 s "
                    "and serving cost fell 45%.",
                    "Built retrieval-augmented question answering over 12k clinical guidelines "
                    "with multilingual embeddings, hybrid BM25 and vector search on Weaviate; "
                    "93% of answers were grounded in the cited source.",
                    "Release with canary rollouts and a documented rollback plan; Prometheus "
                    "and Grafana dashboards track latency, drift in input language mix and "
                    "answer quality.",
                ],
            },
            {
                "title": "Machine Learning Engineer, NLP",
                "company": "Rawabi Commerce",
                "place": "Amman, Jordan",
                "dates": "Sep 2019 – Apr 2022",
                "bullets": [
                    "Trained AraBERT and XLM-R classifiers in PyTorch for product "
                    "categorization across 1,200 classes; macro-F1 rose from 0.81 to 0.90.",
                    "Built named-entity recognition for free-text delivery addresses, cutting "
                    "failed deliveries 17%.",
                    "Built a Spark preprocessing pipeline for 50M reviews and monthly retraining "
                    "in Airflow, with experiments tracked in MLflow.",
                    "Served models with FastAPI and Docker on Kubernetes at 1,500 requests a "
                    "second.",
                    "Added semantic product search with sentence embeddings and FAISS; search "
                    "conversion rose 8% in an A/B test.",
                ],
            },
            {
                "title": "Junior Data Scientist",
                "company": "Levant Telecom",
                "place": "Amman, Jordan",
                "dates": "2017 – 2019",
                "bullets": [
                    "Built Arabic sentiment analysis of customer feedback with scikit-learn.",
                    "Wrote SQL pipelines feeding the weekly customer-experience report.",
                    "Labelled and cleaned the first 20k-message training set with the support "
                    "team.",
                ],
            },
        ],
        "skills": [
            (
                "Modelling",
                [
                    "PyTorch",
                    "Hugging Face Transformers",
                    "PEFT (LoRA, QLoRA)",
                    "TRL",
                    "scikit-learn",
                    "spaCy",
                    "transformers",
                    "fine-tuning",
                ],
            ),
            (
                "Data",
                [
                    "Python",
                    "SQL",
                    "Spark",
                    "Airflow",
                    "DVC",
                    "Label Studio",
                    "data labelling",
                    "dataset curation",
                ],
            ),
            (
                "Deployment",
                ["Kubernetes", "vLLM", "Docker", "FastAPI", "MLflow", "Prometheus", "Grafana"],
            ),
            ("Retrieval", ["embeddings", "FAISS", "Weaviate", "Elasticsearch", "RAG"]),
        ],
        "education": [
            ("MSc Computer Science", "University of Jordan", "2017"),
            ("BSc Computer Engineering", "Jordan University of Science and Technology", "2015"),
        ],
        "extra": [
            ("Languages", ["Arabic (native), English (fluent), French (basic)"]),
        ],
    }
)

# -------------------------------------------------------------------------------------------- 11
# ethan_walker.json: JSON Resume (https://jsonresume.org/schema). Dates are ISO "YYYY-MM-DD";
# the current job has no endDate, as the schema intends.
ETHAN_JSON_RESUME: dict[str, Any] = {
    "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    "basics": {
        "name": "Ethan Walker",
        "label": "Senior Python Developer",
        "email": "ethan.walker@example.com",
        "phone": "+1-555-0111",
        "location": {"city": "Austin", "region": "Texas", "countryCode": "US"},
        "summary": (
            "Backend-leaning full-stack developer with ten years of Python experience. I build "
            "reliable web applications and REST APIs with Django and Flask, PostgreSQL and "
            "React, and I like clean code, good tests and calm on-call rotations."
        ),
    },
    "work": [
        {
            "name": "Lonestar Ticketing",
            "position": "Senior Backend Engineer",
            "startDate": "2021-06-01",
            "summary": "Ticketing and event-management platform for 4,000 venues.",
            "highlights": [
                "Designed and built the REST API with Django REST Framework that serves 30M "
                "requests a day from web and mobile clients.",
                "Reduced p95 API response time from 900 ms to 180 ms with PostgreSQL query "
                "tuning, select_related/prefetch_related and Redis caching.",
                "Moved e-mail, PDF ticket and payout jobs to Celery workers with retries, "
                "ending the nightly backlog during big on-sales.",
                "Containerised the monolith with Docker and set up GitHub Actions CI/CD to AWS, "
                "going from weekly to daily releases.",
                "Led a team of four engineers and ran the backend on-call rotation.",
            ],
        },
        {
            "name": "Pecan Health",
            "position": "Software Engineer",
            "startDate": "2018-03-01",
            "endDate": "2021-05-31",
            "summary": "Patient scheduling software for clinics.",
            "highlights": [
                "Built Flask microservices for appointment booking and reminders used by 600 "
                "clinics.",
                "Built the React front end for the clinic dashboard with TypeScript.",
                "Integrated Twilio SMS reminders, reducing missed appointments 18%.",
                "Wrote database migrations and raised test coverage from 45% to 85% with pytest.",
            ],
        },
        {
            "name": "Bluebonnet Web Studio",
            "position": "Junior Web Developer",
            "startDate": "2016-07-01",
            "endDate": "2018-02-28",
            "summary": "Agency building websites and web shops for local businesses.",
            "highlights": [
                "Built Django and WordPress sites for 30 local businesses.",
                "Integrated Stripe payments and Mailchimp newsletters.",
                "Set up Nginx and Gunicorn deployments on Linux servers.",
            ],
        },
    ],
    "skills": [
        {
            "name": "Backend",
            "keywords": [
                "Python",
                "Django",
                "Django REST Framework",
                "Flask",
                "Celery",
                "REST APIs",
                "GraphQL",
            ],
        },
        {"name": "Data stores", "keywords": ["PostgreSQL", "Redis", "SQL"]},
        {"name": "Frontend", "keywords": ["React", "TypeScript", "HTML", "CSS"]},
        {"name": "DevOps", "keywords": ["Docker", "GitHub Actions", "AWS", "Nginx", "Linux"]},
        {"name": "Testing", "keywords": ["pytest", "Cypress"]},
    ],
    "education": [
        {
            "institution": "The University of Texas at Austin",
            "area": "Computer Science",
            "studyType": "Bachelor of Science",
            "endDate": "2016-05-15",
        }
    ],
    "languages": [
        {"language": "English", "fluency": "Native speaker"},
        {"language": "Spanish", "fluency": "Conversational"},
    ],
}

# =============================================================================================
# Roles
# =============================================================================================

SYSTEMS_COMMENT = (
    "# systems from: chatbot, copilot, semantic_search, rag, forecasting, classification,\n"
    "#   recommendation, anomaly_detection, high_scale_inference, edge_deployment, ml_platform,\n"
    "#   computer_vision, nlp\n"
)

RAG_BRIEF = (
    "# Project brief: answers to the hiring guide's Step 1 questions (synthetic sample).\n"
    + SYSTEMS_COMMENT
    + """\
title: "LLM engineer for a customer-support RAG assistant"
systems: [chatbot, rag]
models: integrate                  # integrate | train | both
deployment: cloud                  # cloud | edge | hybrid
real_time: true
privacy_sensitive: true
stage: production                  # prototype | production | scaling
must_have: []                      # optional extra skill names
nice_to_have: []
notes: >-
  A support assistant that answers customers in chat from our help center and past
  tickets, citing its sources, and hands over to a human agent when unsure. It uses
  hosted LLM APIs; we do not train models. Ticket text contains customer personal data,
  which must be redacted before it reaches any model provider. Answers must start
  streaming within two seconds.
"""
)

RECSYS_BRIEF = (
    "# Project brief: the brief form of ml_engineer_recsys.jd.md (synthetic sample).\n"
    + SYSTEMS_COMMENT
    + """\
title: "Machine Learning Engineer, recommendations and demand forecasting"
systems: [recommendation, forecasting]
models: train                      # integrate | train | both
deployment: cloud                  # cloud | edge | hybrid
real_time: true
privacy_sensitive: false
stage: production                  # prototype | production | scaling
must_have: [PyTorch, SQL]          # optional extra skill names
nice_to_have: [Feast, Airflow, Ray]
notes: >-
  Personalised product recommendations for the app home screen and daily demand
  forecasts per store and product for replenishment. Models are trained in-house on our
  own order and browsing data and served in production with A/B tests.
"""
)

RECSYS_JD = """\
# Machine Learning Engineer: Recommendations & Forecasting

**Cestino** · Lisbon, Portugal (hybrid) or remote within UTC−1 to UTC+3 · Full-time

Cestino delivers groceries in under 30 minutes in 14 cities across Portugal, Spain and
Italy. Two machine learning systems drive our business: the recommendations that fill the
home screen of our app, and the demand forecasts that decide what every dark store orders
each morning.

## About the role

You will join a team of five ML engineers who own both systems end to end. The
recommendation engine serves 2 million weekly users in real time; the forecasting service
produces daily forecasts for 25,000 products in 180 stores. Both are in production today,
and both need to get better: we want personalised ranking that reacts within a session,
and forecasts that cut fresh-food waste without causing stock-outs. You will train models
yourself, get them into production safely, and measure them with A/B tests.

## What you'll do

- Design, train and evaluate recommendation models (candidate retrieval and ranking) and
  demand forecasting models in PyTorch.
- Build and maintain feature pipelines on Spark and our feature store, shared between
  training and real-time serving.
- Automate evaluation so every new model is compared with production on offline metrics and
  business slices before it ships.
- Deploy models as containers on Kubernetes, with canary releases and a rollback plan.
- Monitor models in production (data drift, prediction quality, latency) and own the
  retraining schedule.
- Run A/B tests together with product managers and analysts, and explain the results.

## Requirements

- 3+ years building machine learning systems that run in production.
- Strong Python and SQL.
- Hands-on experience training models with PyTorch (or TensorFlow with willingness to switch).
- Experience with Spark or other feature pipelines at scale.
- Docker and Kubernetes for deploying models.
- Experiment tracking and model versioning with MLflow or a similar tool.
- Model monitoring in production: drift, performance and alerting.
- Experience with recommendation systems or time-series forecasting.

## Nice to have

- Feast or another feature store.
- Airflow for orchestration.
- A/B testing and experiment design.
- Ray for distributed training or batch inference.
- Experience in e-commerce, retail or delivery businesses.

## What we offer

- Competitive salary and stock options.
- Remote-friendly team with two on-site weeks a year in Lisbon.
- A yearly learning budget of €2,000.

*This is a synthetic job description shipped as sample data with stackfit.*
"""

INFERENCE_JD = """\
APPLIED AI INFRASTRUCTURE ENGINEER, INFERENCE PLATFORM
Orbital Compute · Remote (Europe or Asia, overlap with UTC+1 to UTC+8) · Full-time

ABOUT THE ROLE
Orbital Compute runs a large language model inference platform for enterprise customers:
4 billion tokens a day today, ten times that by the end of next year. We are in the scaling
stage: the product works and customers love it, and now every millisecond of latency and
every GPU hour matter. You will join the inference platform team that owns the serving
stack from the CUDA kernels up to the Kubernetes scheduler.

WHAT YOU'LL DO
- Run and improve our high-scale LLM serving on GPU clusters (H100 and L40S).
- Tune batching, KV-cache management and parallelism to cut p99 latency and cost per token.
- Orchestrate GPUs on Kubernetes: scheduling, autoscaling, partitioning and capacity planning.
- Build and operate Triton Inference Server and vLLM deployments, and compile models with
  TensorRT and TensorRT-LLM.
- Own observability: Prometheus metrics, Grafana dashboards, tracing and SLO alerts.
- Design safe rollouts and rollbacks of serving engines and model versions.

REQUIREMENTS
- 4+ years building distributed systems in production.
- Hands-on CUDA and GPU performance work, including GPU orchestration at cluster scale.
- Kubernetes in production, including GPU workloads.
- Triton Inference Server or vLLM in production.
- TensorRT or TensorRT-LLM model optimization.
- Observability with Prometheus and Grafana.
- A track record of latency optimization with measured results.
- Python, plus C++ or Go.

NICE TO HAVE
- Ray for distributed inference or training.
- Terraform for infrastructure as code.
- Edge deployment (NVIDIA Jetson or similar).
- Contributions to open-source inference projects.

HOW WE HIRE
A 30-minute intro call, a system design interview on an inference service, a practical
session on a latency problem, and a conversation with the team.

This is a synthetic job description shipped as sample data with stackfit.
"""

# =============================================================================================
# Intended outcomes
# =============================================================================================

ROLE_FILES = [
    "rag_assistant.brief.yaml",
    "ml_engineer_recsys.jd.md",
    "ml_engineer_recsys.brief.yaml",
    "inference_platform.jd.txt",
]

ROLE_PROFILES = {
    "rag_assistant.brief.yaml": "llm_integration_engineer",
    "ml_engineer_recsys.jd.md": "ml_engineer",
    "ml_engineer_recsys.brief.yaml": "ml_engineer",
    "inference_platform.jd.txt": "ai_infrastructure_engineer",
}

_RECSYS_OUTCOME = {
    "first": "priya_raman.pdf",
    "top3": ["priya_raman.pdf", "fatima_haddad.html", "jonas_becker.docx"],
    "below_top3": [
        "sofia_rossi.docx",
        "lucas_moreau.txt",
        "ethan_walker.json",
        "amara_okafor.md",
        "arjun_nair.pdf",
        "kwame_mensah.txt",
        "hannah_schmidt.md",
        "grace_kim.txt",
        "noah_fischer.txt",
    ],
    "unflagged": ["priya_raman.pdf", "fatima_haddad.html"],
}
OUTCOMES: dict[str, dict[str, Any]] = {
    "rag_assistant.brief.yaml": {
        "first": "amara_okafor.md",
        "top3": ["amara_okafor.md", "fatima_haddad.html", "lucas_moreau.txt"],
        "below_top3": [
            "sofia_rossi.docx",
            "ethan_walker.json",
            "jonas_becker.docx",
            "tomasz_nowak.md",
            "kwame_mensah.txt",
            "hannah_schmidt.md",
            "grace_kim.txt",
            "noah_fischer.txt",
        ],
        "unflagged": ["amara_okafor.md", "fatima_haddad.html"],
    },
    "ml_engineer_recsys.jd.md": _RECSYS_OUTCOME,
    "ml_engineer_recsys.brief.yaml": _RECSYS_OUTCOME,
    "inference_platform.jd.txt": {
        "first": "mei_lin_chen.pdf",
        "top3": ["mei_lin_chen.pdf", "diego_alvarez.html", "fatima_haddad.html"],
        "below_top3": [
            "jonas_becker.docx",
            "sofia_rossi.docx",
            "lucas_moreau.txt",
            "ethan_walker.json",
            "kwame_mensah.txt",
            "hannah_schmidt.md",
            "grace_kim.txt",
            "noah_fischer.txt",
        ],
        "unflagged": ["mei_lin_chen.pdf", "diego_alvarez.html"],
    },
}

_RECSYS_FLAGS = {
    "sofia_rossi.docx": ["data_scientist_for_ml_role"],
    "lucas_moreau.txt": ["llm_not_ml"],
    "amara_okafor.md": ["llm_not_ml"],
    "ethan_walker.json": ["python_dev_without_ml"],
    "tomasz_nowak.md": ["dataset_lifecycle_overlooked"],
}
FLAGS: dict[str, dict[str, list[str]]] = {
    "rag_assistant.brief.yaml": {
        "ethan_walker.json": ["python_dev_without_ml"],
    },
    "ml_engineer_recsys.jd.md": _RECSYS_FLAGS,
    "ml_engineer_recsys.brief.yaml": _RECSYS_FLAGS,
    "inference_platform.jd.txt": {
        "ethan_walker.json": ["python_dev_without_ml"],
        "jonas_becker.docx": ["no_infrastructure_experience"],
        "sofia_rossi.docx": ["no_infrastructure_experience"],
    },
}

FLAG_IDS = (
    "data_scientist_for_ml_role",
    "python_dev_without_ml",
    "no_infrastructure_experience",
    "dataset_lifecycle_overlooked",
    "llm_not_ml",
)

# One line per file for the README: what it is meant to show.
NOTES = {
    "amara_okafor.md": "Strong LLM integration engineer: production RAG chatbot and copilot, "
    "vector DBs, reranking, RAGAS evaluation, latency work, prompt rollback, PII redaction. "
    "Integrates hosted models, trains none.",
    "lucas_moreau.txt": "LLM-only: prompt engineering, OpenAI API, LangChain chatbots and "
    'demos, no model training or PyTorch, yet titled "AI/ML Engineer" and claims machine '
    "learning expertise (guide Step 6: LLM experience taken for ML expertise).",
    "priya_raman.pdf": "Strong ML engineer (2 pages): recommendation and forecasting in "
    "PyTorch, Spark/Feast feature pipelines, Airflow, MLflow, evaluation gates, Kubernetes "
    "canary and rollback, Evidently drift monitoring, DVC, A/B tests.",
    "jonas_becker.docx": "Mid-level ML engineer: LightGBM/XGBoost/scikit-learn fraud, churn "
    "and demand forecasting, SQL and PySpark features, MLflow, FastAPI in Docker on ECS. No "
    "Kubernetes, GPUs or other infrastructure work. Skills in a Word table.",
    "mei_lin_chen.pdf": "AI infrastructure engineer: high-scale LLM inference on GPUs (CUDA, "
    "NCCL, Triton, TensorRT, vLLM, batching), Kubernetes GPU scheduling, Ray, DeepSpeed, "
    "Prometheus/Grafana/OpenTelemetry, 40% cost cut; Jetson edge work.",
    "diego_alvarez.html": "MLOps engineer: Kubeflow Pipelines, MLflow registry, GitHub Actions "
    "and Argo CD, Terraform, SageMaker with Triton, drift monitoring, automated rollback, "
    "Feast, Great Expectations.",
    "sofia_rossi.docx": "Data scientist: notebooks, statistics, A/B tests, scikit-learn, "
    "Tableau, stakeholder reports; nothing deployed (guide Step 6: data scientist hired for "
    "an ML-engineer role).",
    "kwame_mensah.txt": "Data engineer: Spark, Kafka, Airflow, dbt, Snowflake, BigQuery, Delta "
    "Lake, Great Expectations, dataset lifecycle ownership; no ML modelling.",
    "hannah_schmidt.md": "Data analyst: SQL, Excel, Power BI, Tableau, Looker dashboards and "
    "reporting; light pandas.",
    "arjun_nair.pdf": "Research engineer (2 pages): foundation-model pretraining and fine-tuning "
    "in JAX and PyTorch on TPUs/GPUs, new architectures, a Publications section; little "
    "production experience.",
    "ethan_walker.json": "Python developer without ML (JSON Resume): Django, Flask, PostgreSQL, "
    "React, Celery, Docker; no ML at all (guide Step 6).",
    "grace_kim.txt": "Non-technical project/operations manager: Jira, Asana, Excel; no "
    "technical stack.",
    "noah_fischer.txt": "Keyword stuffer: 50+ AI tools listed under Skills, but the experience "
    "is customer support, manual QA and retail; no listed skill appears in any experience "
    "bullet, so every one of them is listed-only evidence.",
    "tomasz_nowak.md": "ML engineer (computer vision) who overlooks the dataset lifecycle: "
    "strong PyTorch, transfer learning, fine-tuning, ONNX optimisation, TorchServe on k8s, but "
    "nothing on data pipelines, labelling, dataset versioning or data quality (guide Step 6).",
    "fatima_haddad.html": "Strong, balanced ML engineer (NLP): LoRA/PEFT fine-tuning, evaluation "
    "pipelines, labelling and dataset curation with DVC, RAG, Kubernetes + vLLM serving, "
    "monitoring and rollback.",
}

# =============================================================================================
# Honesty checks: the data must justify the intended outcomes by its text alone.
# =============================================================================================


def _words_present(text: str, terms: list[str]) -> list[str]:
    found = []
    for term in terms:
        if re.search(r"(?<![A-Za-z0-9])" + re.escape(term) + r"(?![A-Za-z0-9])", text, re.I):
            found.append(term)
    return found


def _experience_text(r: dict[str, Any]) -> str:
    parts = []
    for job in r["experience"]:
        parts.append(f"{job['title']} {job['company']}")
        parts.extend(job["bullets"])
    return "\n".join(parts)


def _full_text(r: dict[str, Any]) -> str:
    parts = [r["headline"], r["summary"], _experience_text(r)]
    for _, items in r["skills"]:
        parts.extend(items)
    for title, lines in r.get("extra", []):
        parts.append(title)
        parts.extend(lines)
    return "\n".join(parts)


def check_content() -> None:
    by_file = {r["file"]: r for r in RESUMES}
    problems: list[str] = []

    def forbid(file: str, terms: list[str], where: str = "full") -> None:
        r = by_file[file]
        text = _full_text(r) if where == "full" else _experience_text(r)
        hits = _words_present(text, terms)
        if hits:
            problems.append(f"{file}: must not mention {hits} ({where})")

    # Noah: no listed skill may appear in experience, summary or headline-adjacent text.
    noah = by_file["noah_fischer.txt"]
    hits = _words_present(_experience_text(noah) + "\n" + noah["summary"], NOAH_SKILLS)
    if hits:
        problems.append(f"noah_fischer.txt: listed skills used in experience: {hits}")
    if len(NOAH_SKILLS) < 40:
        problems.append("noah_fischer.txt: fewer than 40 listed skills")
    # Lucas: LLM only, no training stack.
    forbid(
        "lucas_moreau.txt",
        [
            "PyTorch",
            "TensorFlow",
            "scikit-learn",
            "Keras",
            "trained",
            "training",
            "fine-tuned",
            "fine-tuning",
            "XGBoost",
            "Spark",
        ],
    )
    # Amara: integrates models, never trains them.
    forbid(
        "amara_okafor.md",
        [
            "PyTorch",
            "TensorFlow",
            "scikit-learn",
            "trained",
            "fine-tuned",
            "fine-tuning",
            "Spark",
            "MLflow",
            "Kubernetes",
        ],
    )
    # Sofia: nothing deployed.
    forbid(
        "sofia_rossi.docx",
        [
            "Docker",
            "Kubernetes",
            "FastAPI",
            "deployed",
            "deployment",
            "production",
            "MLflow",
            "Airflow",
            "CI/CD",
            "API",
        ],
    )
    # Tomasz: no dataset lifecycle.
    forbid(
        "tomasz_nowak.md",
        [
            "dataset",
            "datasets",
            "DVC",
            "labeling",
            "labelling",
            "label",
            "annotation",
            "annotators",
            "data quality",
            "data pipeline",
            "data pipelines",
            "Spark",
            "Airflow",
            "SQL",
            "Great Expectations",
            "feature store",
            "ETL",
            "data versioning",
        ],
    )
    # Ethan is JSON: check separately.
    ethan_text = json.dumps(ETHAN_JSON_RESUME)
    hits = _words_present(
        ethan_text,
        [
            "machine learning",
            "ML",
            "model",
            "models",
            "PyTorch",
            "TensorFlow",
            "scikit-learn",
            "pandas",
            "LLM",
            "AI",
            "prediction",
            "recommendation",
            "pipeline",
        ],
    )
    if hits:
        problems.append(f"ethan_walker.json: must not mention {hits}")
    # Kwame: no ML modelling.
    forbid(
        "kwame_mensah.txt",
        [
            "PyTorch",
            "TensorFlow",
            "scikit-learn",
            "XGBoost",
            "MLflow",
            "trained",
            "machine learning",
            "fine-tuning",
        ],
    )
    # Hannah and Grace: no ML.
    forbid(
        "hannah_schmidt.md",
        ["PyTorch", "scikit-learn", "machine learning", "Docker", "Kubernetes", "Spark", "Airflow"],
    )
    forbid("grace_kim.txt", ["Python", "SQL", "PyTorch", "machine learning", "Docker", "API"])
    # Jonas: no infrastructure layer work.
    forbid(
        "jonas_becker.docx",
        [
            "Kubernetes",
            "GPU",
            "CUDA",
            "vector",
            "FAISS",
            "Pinecone",
            "latency",
            "Triton",
            "Ray",
            "Terraform",
            "Prometheus",
            "Grafana",
        ],
    )

    # Structure: 2–3 jobs, 3–6 bullets each, dates within 2014–2026.
    for r in RESUMES:
        if not 2 <= len(r["experience"]) <= 3:
            problems.append(f"{r['file']}: {len(r['experience'])} jobs")
        for job in r["experience"]:
            if not 3 <= len(job["bullets"]) <= 6:
                problems.append(f"{r['file']}: {job['company']} has {len(job['bullets'])} bullets")
        years = [
            int(y)
            for y in re.findall(
                r"(?<!\d)(20\d\d)(?!\d)",
                _full_text(r) + " ".join(j["dates"] for j in r["experience"]),
            )
        ]
        years += [int(e[2]) for e in r["education"]]
        bad = [y for y in years if not 2014 <= y <= 2026]
        if bad:
            problems.append(f"{r['file']}: years outside 2014–2026: {bad}")
        if not r["email"].endswith("@example.com") or not r["phone"].startswith("+1-555-01"):
            problems.append(f"{r['file']}: contact details not fictional")

    if problems:
        raise SystemExit("sample data check failed:\n  " + "\n  ".join(problems))


# =============================================================================================
# Renderers
# =============================================================================================


def contact_line(r: dict[str, Any], sep: str) -> str:
    return sep.join([r["email"], r["phone"], r["location"]])


def edu_line(e: tuple[str, str, str]) -> str:
    return f"{e[0]}, {e[1]}, {e[2]}"


def write_text(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


# ------------------------------------------------------------------------------- Markdown


def render_md(r: dict[str, Any]) -> str:
    out = [
        f"# {r['name']}",
        "",
        f"**{r['headline']}**",
        "",
        contact_line(r, " · "),
        "",
        "## Summary",
        "",
        r["summary"],
        "",
        "## Experience",
        "",
    ]
    for job in r["experience"]:
        out += [
            f"### {job['title']} — {job['company']}",
            "",
            f"{job['dates']} · {job['place']}",
            "",
        ]
        out += [f"- {b}" for b in job["bullets"]]
        out.append("")
    out += ["## Skills", ""]
    for group, items in r["skills"]:
        line = ", ".join(items)
        out.append(f"- **{group}:** {line}" if group else f"- {line}")
    out += ["", "## Education", ""]
    for deg, school, year in r["education"]:
        out.append(f"- **{deg}** — {school}, {year}")
    for title, lines in r.get("extra", []):
        out += ["", f"## {title}", ""]
        out += [f"- {line}" for line in lines]
    out.append("")
    return "\n".join(out)


# ------------------------------------------------------------------------------- plain text


def render_txt(r: dict[str, Any]) -> str:
    bullet = r.get("bullet", "-")
    out = [
        r["name"],
        r["headline"],
        contact_line(r, " | "),
        "",
        "SUMMARY",
        r["summary"],
        "",
        "EXPERIENCE",
        "",
    ]
    for job in r["experience"]:
        out += [f"{job['title']} — {job['company']}", f"{job['dates']} | {job['place']}"]
        out += [f"{bullet} {b}" for b in job["bullets"]]
        out.append("")
    out.append("SKILLS")
    for group, items in r["skills"]:
        line = ", ".join(items)
        out.append(f"{group}: {line}" if group else line)
    out += ["", "EDUCATION"]
    out += [edu_line(e) for e in r["education"]]
    for title, lines in r.get("extra", []):
        out += ["", title.upper()]
        out += [f"{bullet} {line}" for line in lines]
    out.append("")
    return "\n".join(out)


# ------------------------------------------------------------------------------- HTML


def render_html(r: dict[str, Any]) -> str:
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(r['name'])}: Résumé</title>",
        "<style>body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.45}"
        "h1{margin-bottom:0}.headline{font-size:1.15em;margin-top:.2em}"
        ".dates{font-style:italic;color:#555;margin:.1em 0 .4em}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"  <h1>{e(r['name'])}</h1>",
        f'  <p class="headline">{e(r["headline"])}</p>',
        "  <address>",
        f'    <a href="mailto:{e(r["email"])}">{e(r["email"])}</a> · '
        f'<a href="tel:{e(r["phone"])}">{e(r["phone"])}</a> · {e(r["location"])}',
        "  </address>",
        "</header>",
        "<main>",
        '<section id="summary">',
        "  <h2>Summary</h2>",
        f"  <p>{e(r['summary'])}</p>",
        "</section>",
        '<section id="experience">',
        "  <h2>Experience</h2>",
    ]
    for job in r["experience"]:
        out += [
            "  <article>",
            f"    <h3>{e(job['title'])} — {e(job['company'])}</h3>",
            f'    <p class="dates">{e(job["dates"])} · {e(job["place"])}</p>',
            "    <ul>",
        ]
        out += [f"      <li>{e(b)}</li>" for b in job["bullets"]]
        out += ["    </ul>", "  </article>"]
    out += ["</section>", '<section id="skills">', "  <h2>Skills</h2>", "  <ul>"]
    for group, items in r["skills"]:
        line = e(", ".join(items))
        out.append(
            f"    <li><strong>{e(group)}:</strong> {line}</li>" if group else f"    <li>{line}</li>"
        )
    out += ["  </ul>", "</section>", '<section id="education">', "  <h2>Education</h2>", "  <ul>"]
    for deg, school, year in r["education"]:
        out.append(f"    <li><strong>{e(deg)}</strong>, {e(school)}, {e(year)}</li>")
    out += ["  </ul>", "</section>"]
    for title, lines in r.get("extra", []):
        sid = re.sub(r"[^a-z]+", "-", title.lower()).strip("-")
        out += [f'<section id="{sid}">', f"  <h2>{e(title)}</h2>", "  <ul>"]
        out += [f"    <li>{e(line)}</li>" for line in lines]
        out += ["  </ul>", "</section>"]
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


# ------------------------------------------------------------------------------- PDF


def _winansi_bullet_0x95() -> None:
    """Encode U+2022 BULLET as 0x95 in WinAnsiEncoding instead of reportlab's 0x7F.

    Both codes mean "bullet" in the PDF specification, but text extractors such as
    pdfminer.six only decode 0x95 and turn 0x7F into "(cid:127)". The sample PDFs should
    extract cleanly with any library, so the encoder's choice is switched to 0x95.
    """
    from reportlab.pdfbase.rl_codecs import RL_Codecs

    data = getattr(RL_Codecs, "_RL_Codecs__rl_codecs_data", {}).get("winansi")
    if data is None:  # another reportlab layout: keep its default, extraction still works
        return
    if data.rexceptions.get(0x2022) != 0x95:
        data.rexceptions[0x2022] = 0x95
        getattr(RL_Codecs, "_RL_Codecs__rl_codecs_cache", {}).clear()


def render_pdf(r: dict[str, Any], path: Path) -> int:
    """Write a single-column Helvetica PDF with a real text layer; return its page count."""
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import HRFlowable, KeepTogether, Paragraph, SimpleDocTemplate

    rl_config.invariant = 1
    _winansi_bullet_0x95()
    pagesize = letter if r.get("pagesize") == "letter" else A4
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"{r['name']}: Resume",
        author=r["name"],
        subject=r["headline"],
        creator="stackfit scripts/make_samples.py (synthetic sample)",
        invariant=1,
    )
    s_name = ParagraphStyle("name", fontName="Helvetica-Bold", fontSize=19, leading=23)
    s_head = ParagraphStyle(
        "headline",
        fontName="Helvetica",
        fontSize=11.5,
        leading=15,
        textColor=colors.HexColor("#333333"),
    )
    s_contact = ParagraphStyle("contact", fontName="Helvetica", fontSize=9.5, leading=13)
    s_section = ParagraphStyle(
        "section",
        fontName="Helvetica-Bold",
        fontSize=11.5,
        leading=15,
        spaceBefore=9,
        spaceAfter=1,
        textColor=colors.HexColor("#1f3a5f"),
        keepWithNext=1,
    )
    s_job = ParagraphStyle(
        "job", fontName="Helvetica-Bold", fontSize=10.5, leading=13.5, spaceBefore=6
    )
    s_dates = ParagraphStyle(
        "dates",
        fontName="Helvetica-Oblique",
        fontSize=9.5,
        leading=12.5,
        textColor=colors.HexColor("#444444"),
        spaceAfter=2,
    )
    s_body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13.5)
    s_bullet = ParagraphStyle(
        "bullet", parent=s_body, leftIndent=13, bulletIndent=3, spaceAfter=1.5
    )

    def p(text: str, style: ParagraphStyle, **kw: Any) -> Paragraph:
        return Paragraph(xml_escape(text), style, **kw)

    def section(title: str) -> list[Any]:
        rule = HRFlowable(
            width="100%",
            thickness=0.6,
            color=colors.HexColor("#1f3a5f"),
            spaceBefore=0,
            spaceAfter=4,
        )
        rule.keepWithNext = 1  # never leave a heading alone at the bottom of a page
        return [p(title.upper(), s_section), rule]

    story: list[Any] = [
        p(r["name"], s_name),
        p(r["headline"], s_head),
        p(contact_line(r, "  ·  "), s_contact),
    ]
    story += section("Summary") + [p(r["summary"], s_body)]
    story += section("Experience")
    for job in r["experience"]:
        head = [
            p(f"{job['title']} — {job['company']}", s_job),
            p(f"{job['dates']}  ·  {job['place']}", s_dates),
            p(job["bullets"][0], s_bullet, bulletText="•"),
        ]
        story.append(KeepTogether(head))
        story += [p(b, s_bullet, bulletText="•") for b in job["bullets"][1:]]
    story += section("Skills")
    for group, items in r["skills"]:
        text = xml_escape(", ".join(items))
        story.append(
            Paragraph(
                f"<b>{xml_escape(group)}:</b> {text}" if group else text, s_bullet, bulletText="•"
            )
        )
    story += section("Education")
    for deg, school, year in r["education"]:
        story.append(
            Paragraph(
                f"<b>{xml_escape(deg)}</b>, {xml_escape(school)}, {year}", s_bullet, bulletText="•"
            )
        )
    for title, lines in r.get("extra", []):
        story += section(title)
        story += [p(line, s_bullet, bulletText="•") for line in lines]
    doc.build(story)
    path.write_bytes(buf.getvalue())
    return int(doc.page)


# ------------------------------------------------------------------------------- DOCX


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry timestamps so the bytes do not depend on the clock."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def render_docx(r: dict[str, Any], path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)

    d.add_heading(r["name"], level=0)
    p = d.add_paragraph()
    p.add_run(r["headline"]).bold = True
    d.add_paragraph(contact_line(r, " | "))

    d.add_heading("Summary", level=1)
    d.add_paragraph(r["summary"])

    d.add_heading("Experience", level=1)
    for job in r["experience"]:
        d.add_heading(f"{job['title']} — {job['company']}", level=2)
        dp = d.add_paragraph()
        dp.add_run(f"{job['dates']} | {job['place']}").italic = True
        for b in job["bullets"]:
            d.add_paragraph(b, style="List Bullet")

    d.add_heading("Skills", level=1)
    if r.get("skills_table"):
        table = d.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for group, items in r["skills"]:
            cells = table.add_row().cells
            cells[0].text = group or ""
            cells[1].text = ", ".join(items)
            for run in cells[0].paragraphs[0].runs:
                run.bold = True
    else:
        for group, items in r["skills"]:
            sp = d.add_paragraph(style="List Bullet")
            if group:
                sp.add_run(f"{group}: ").bold = True
            sp.add_run(", ".join(items))

    d.add_heading("Education", level=1)
    for deg, school, year in r["education"]:
        ep = d.add_paragraph(style="List Bullet")
        ep.add_run(deg).bold = True
        ep.add_run(f", {school}, {year}")

    for title, lines in r.get("extra", []):
        d.add_heading(title, level=1)
        for line in lines:
            d.add_paragraph(line, style="List Bullet")

    cp = d.core_properties
    cp.author = r["name"]
    cp.title = f"{r['name']}: Resume"
    cp.subject = r["headline"]
    cp.comments = "Synthetic sample resume generated by stackfit scripts/make_samples.py"
    cp.keywords = "synthetic, sample"
    cp.last_modified_by = "stackfit make_samples.py"
    cp.created = FIXED_DATETIME
    cp.modified = FIXED_DATETIME
    cp.last_printed = FIXED_DATETIME
    cp.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(_normalise_zip(buf.getvalue()))


# ------------------------------------------------------------------------------- YAML out


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def render_expected() -> str:
    out = [
        "# Intended outcomes for the bundled sample data (synthetic). Generated by",
        "# scripts/make_samples.py; edit the script, not this file.",
        "#",
        "# roles.<role file>:",
        "#   profile     the RoleProfile.profile the role should resolve to",
        "#   first       the candidate that should rank first",
        "#   top3        the candidates that should make up the top 3 (as a set, any order)",
        "#   below_top3  candidates that must rank below every member of top3",
        "#   unflagged   candidates that must raise none of the five Step 6 flags",
        "# flags.<role file>.<resume file>: Step 6 flags that must be raised (others may be too)",
        "# profiles.<resume file>: the intended candidate profile",
        "version: 1",
        "flag_ids: " + _yaml_list(list(FLAG_IDS)),
        "roles:",
    ]
    for role in ROLE_FILES:
        o = OUTCOMES[role]
        out += [
            f"  {role}:",
            f"    profile: {ROLE_PROFILES[role]}",
            f"    first: {o['first']}",
            f"    top3: {_yaml_list(o['top3'])}",
            f"    below_top3: {_yaml_list(o['below_top3'])}",
            f"    unflagged: {_yaml_list(o['unflagged'])}",
        ]
    out.append("flags:")
    for role in ROLE_FILES:
        out.append(f"  {role}:")
        for cand, flags in FLAGS[role].items():
            out.append(f"    {cand}: {_yaml_list(flags)}")
    out.append("profiles:")
    for f in RESUME_FILES:
        out.append(f"  {f}: {PROFILES[f]}")
    out.append("")
    return "\n".join(out)


# ------------------------------------------------------------------------------- README


def render_readme(sizes: dict[str, int], pages: dict[str, int]) -> str:
    by_file = {r["file"]: r for r in RESUMES}
    out = [
        "# stackfit sample data",
        "",
        "Everything in this folder is **synthetic**. The people, their employers (apart from "
        "real universities and real technologies), their careers and their contact details "
        "are invented: e-mail addresses use `example.com` and phone numbers use "
        "`+1-555-01xx`, the range reserved for fiction. No real person's data is included. "
        "The files power `make demo` and the tests.",
        "",
        "## Regenerating",
        "",
        "All content is held as plain Python data in `scripts/make_samples.py`, which renders "
        "it into several formats. From the repository root:",
        "",
        "```",
        ".venv/bin/python scripts/make_samples.py",
        "```",
        "",
        "The output is deterministic: a second run produces byte-identical files (reportlab "
        "with `invariant=1`; fixed DOCX core properties and zip timestamps; no clocks). The "
        "script also checks the content before writing (for example that none of "
        "`noah_fischer.txt`'s listed skills appears in his experience, that "
        "`sofia_rossi.docx` never mentions deployment, and that `tomasz_nowak.md` never "
        "mentions datasets, labelling or data pipelines). Edit the script, never the "
        "generated files; this README and `expected.yaml` are generated too.",
        "",
        "## Resumes (`resumes/`)",
        "",
        "| File | Person, location | Intended profile | What it shows |",
        "|---|---|---|---|",
    ]
    for f in RESUME_FILES:
        if f == "ethan_walker.json":
            who = "Ethan Walker, Austin TX, USA"
        else:
            who = f"{by_file[f]['name']}, {by_file[f]['location']}"
        fmt = f.rsplit(".", 1)[1]
        extra = f", {pages[f]} pages" if f in pages and pages[f] > 1 else ""
        out.append(
            f"| `{f}` ({fmt}{extra}, {sizes['resumes/' + f]:,} bytes) | {who} | "
            f"`{PROFILES[f]}` | {NOTES[f]} |"
        )
    out += [
        "",
        "Formats: `.md` (`#`/`##` headings, `-` bullets), `.txt` (headings in capitals on "
        "their own line), `.pdf` (reportlab, single column, Helvetica, real text layer), "
        "`.docx` (python-docx, Heading styles; `jonas_becker.docx` has its skills in a "
        "table), `.html` (semantic `h1`/`h2`/`h3`/`ul`/`li`), `.json` "
        "([JSON Resume](https://jsonresume.org/schema)). Every job has a "
        "`Title — Company` heading line and a date line; date formats vary between files "
        "(`Mar 2023 – Present`, `2019 - 2021`, `06/2023 - Present`, "
        "`February 2022 – Present`, ISO dates in JSON).",
        "",
        "## Roles (`roles/`)",
        "",
        "| File | Form | Intended role profile | Content |",
        "|---|---|---|---|",
        "| `rag_assistant.brief.yaml` | project brief | `llm_integration_engineer` | "
        "Customer-support RAG assistant: chatbot + rag, integrate hosted models, cloud, "
        "real-time, privacy-sensitive, production. |",
        "| `ml_engineer_recsys.jd.md` | job description (Markdown) | `ml_engineer` | "
        "Machine Learning Engineer for a recommendation engine and demand forecasting in "
        "production. Must: Python, PyTorch, SQL, Spark or feature pipelines, Docker, "
        "Kubernetes, MLflow/experiment tracking, model monitoring. Nice: Feast, Airflow, A/B "
        "testing, Ray. |",
        "| `ml_engineer_recsys.brief.yaml` | project brief | `ml_engineer` | The brief form of "
        "the role above: recommendation + forecasting, train, production. |",
        "| `inference_platform.jd.txt` | job description (plain text) | "
        "`ai_infrastructure_engineer` | Applied AI Infrastructure Engineer for a high-scale "
        "LLM inference platform in the scaling stage. Must: CUDA/GPU orchestration, "
        "Kubernetes, Triton or vLLM, TensorRT, distributed systems, Prometheus/Grafana, "
        "latency optimization. Nice: Ray, Terraform, edge deployment. |",
        "",
        "## Intended outcomes",
        "",
        "Machine-readable in `expected.yaml`. *Top 3* is a set (order free); *below* "
        "candidates must rank under every top-3 member; *flags* must be raised (others may "
        "be too); *unflagged* candidates must raise none of the five Step 6 flags.",
        "",
        "| Role | First | Top 3 (set) | Must rank below the top 3 | Flags that must be raised "
        "| No flags |",
        "|---|---|---|---|---|---|",
    ]
    for role in ROLE_FILES:
        o = OUTCOMES[role]
        flags = "; ".join(f"`{c}`: {', '.join(fl)}" for c, fl in FLAGS[role].items())
        out.append(
            f"| `{role}` | `{o['first']}` | {', '.join(f'`{c}`' for c in o['top3'])} | "
            f"{', '.join(f'`{c}`' for c in o['below_top3'])} | {flags} | "
            f"{', '.join(f'`{c}`' for c in o['unflagged'])} |"
        )
    out += [
        "",
        "Why these outcomes follow from the text:",
        "",
        "- **RAG assistant.** Amara built exactly this system in production (retrieval, "
        "reranking, RAGAS gates, streaming latency work, prompt rollback, PII redaction). "
        "Fatima built retrieval-augmented QA with embeddings and Weaviate, PII-scrubbed "
        "data and serves LLMs with monitoring. Lucas is a genuine, if lighter, LLM "
        "integrator (LangChain + OpenAI chatbot over Chroma in use by a client); for a role "
        "that integrates hosted models his lack of model training is no gap. Ethan is a "
        "Python developer with no ML.",
        "- **ML engineer, recommendations and forecasting** (both forms). Priya has built "
        "both systems end to end. Fatima trains and ships PyTorch models with Spark, Airflow, "
        "MLflow, Kubernetes and monitoring. Jonas is mid-level but trains and ships "
        "forecasting and classification models with SQL/PySpark features, MLflow, Docker and "
        "drift monitoring. Sofia never deploys (data scientist for an ML-engineer role), "
        "Lucas and Amara integrate LLM APIs and train nothing (LLM experience is not ML "
        "expertise), Ethan has no ML, Tomasz is a strong modeller who never mentions data "
        "pipelines, labelling, dataset versioning or data quality, and Arjun's work is "
        "research with little production.",
        "- **Inference platform.** Mei Lin runs exactly this platform (CUDA, NCCL, Triton, "
        "TensorRT, vLLM, Kubernetes GPU scheduling, Prometheus/Grafana, p99 and cost "
        "results). Diego serves GPU models through Triton on Kubernetes/SageMaker with "
        "Terraform and Prometheus/Grafana. Fatima self-hosts LLMs with vLLM on Kubernetes GPU "
        "pods with measured latency and cost gains. Jonas and Sofia have no infrastructure "
        "experience.",
        '- Priya and Fatima both began their careers with a "Data Scientist" title; their '
        "recent, dated work is ML engineering in production, so neither may be flagged "
        "`data_scientist_for_ml_role`. The flag is about what a candidate does, not an old "
        "job title.",
        "- `noah_fischer.txt` lists more than 50 AI tools but uses none of them in his "
        "experience: every one is listed-only, weak evidence, and he ranks below the top 3 "
        "everywhere.",
        "",
    ]
    return "\n".join(out)


# =============================================================================================
# Main
# =============================================================================================

# README/expected.yaml order: the numbering of the brief that specified the samples.
RESUME_FILES = [
    "amara_okafor.md",
    "lucas_moreau.txt",
    "priya_raman.pdf",
    "jonas_becker.docx",
    "mei_lin_chen.pdf",
    "diego_alvarez.html",
    "sofia_rossi.docx",
    "kwame_mensah.txt",
    "hannah_schmidt.md",
    "arjun_nair.pdf",
    "ethan_walker.json",
    "grace_kim.txt",
    "noah_fischer.txt",
    "tomasz_nowak.md",
    "fatima_haddad.html",
]
assert sorted(RESUME_FILES) == sorted([r["file"] for r in RESUMES] + ["ethan_walker.json"])
PROFILES = {r["file"]: r["profile"] for r in RESUMES}
PROFILES["ethan_walker.json"] = "software_engineer"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = ap.parse_args(argv)

    check_content()
    out: Path = args.out
    (out / "resumes").mkdir(parents=True, exist_ok=True)
    (out / "roles").mkdir(parents=True, exist_ok=True)

    pages: dict[str, int] = {}
    for r in RESUMES:
        path = out / "resumes" / r["file"]
        ext = path.suffix
        if ext == ".md":
            write_text(path, render_md(r))
        elif ext == ".txt":
            write_text(path, render_txt(r))
        elif ext == ".html":
            write_text(path, render_html(r))
        elif ext == ".pdf":
            pages[r["file"]] = render_pdf(r, path)
        elif ext == ".docx":
            render_docx(r, path)
        else:  # pragma: no cover
            raise SystemExit(f"unknown format: {r['file']}")
    write_text(
        out / "resumes" / "ethan_walker.json",
        json.dumps(ETHAN_JSON_RESUME, indent=2, ensure_ascii=False) + "\n",
    )

    write_text(out / "roles" / "rag_assistant.brief.yaml", RAG_BRIEF)
    write_text(out / "roles" / "ml_engineer_recsys.brief.yaml", RECSYS_BRIEF)
    write_text(out / "roles" / "ml_engineer_recsys.jd.md", RECSYS_JD)
    write_text(out / "roles" / "inference_platform.jd.txt", INFERENCE_JD)
    write_text(out / "expected.yaml", render_expected())

    sizes = {f"resumes/{f}": (out / "resumes" / f).stat().st_size for f in RESUME_FILES}
    write_text(out / "README.md", render_readme(sizes, pages))

    for f in RESUME_FILES:
        extra = f" ({pages[f]} pages)" if f in pages else ""
        print(f"resumes/{f:24s} {sizes['resumes/' + f]:>7,} bytes{extra}")
    for f in ROLE_FILES:
        print(f"roles/{f:26s} {(out / 'roles' / f).stat().st_size:>7,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
