#!/usr/bin/env python
"""Generate the invented sample resumes in ``sample_resumes/`` and their ground truth.

Every candidate, employer and school below is invented. The output is
deterministic: each candidate has its own seeded RNG, reportlab documents are
built with ``invariant=1`` and DOCX packages are re-zipped with fixed
timestamps, so two runs produce byte-identical files.

    .venv/bin/python scripts/generate_samples.py [--out DIR]

Ground-truth conventions (``ground_truth.json``):

* dates are ``YYYY-MM``; when the resume prints only years (``2019 – 2021``)
  the ground truth holds ``YYYY`` because the month cannot be recovered;
* ``end`` is ``null`` and ``current`` true for a job printed as "Present";
* ``phone_raw`` and ``links`` are exactly as printed; ``skills`` are the names
  written in the skills section, in printed order.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import phonenumbers
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    HRFlowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

def _bullet_as_0x95() -> None:
    """Make reportlab encode U+2022 BULLET as WinAnsi 0x95 rather than 0x7F.

    ReportLab writes bullets as byte 0x7F, which viewers draw as a bullet but
    text extractors (pdfminer) report as ``(cid:127)``. Word-processor PDFs use
    0x95, so do the same. Must run before reportlab first encodes any text; if
    reportlab's internals change the patch is skipped (PDFs stay valid).
    """
    from reportlab.pdfbase.rl_codecs import RL_Codecs
    data = getattr(RL_Codecs, "_RL_Codecs__rl_codecs_data", None)
    cache = getattr(RL_Codecs, "_RL_Codecs__rl_codecs_cache", None)
    if not data or "winansi" not in data or cache is None or "winansi" in cache:
        return
    winansi = data["winansi"]
    data["winansi"] = winansi._replace(rexceptions={**winansi.rexceptions, 0x2022: 0x95})


_bullet_as_0x95()

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "sample_resumes"
SEED = 20240611
AS_OF = (2025, 5)  # "today" for the invented careers: current jobs run up to here
FIXED_TIME = dt.datetime(2024, 6, 1, 9, 0, 0, tzinfo=dt.timezone.utc)
ZIP_TIME = (2024, 6, 1, 9, 0, 0)
OUTPUT_NAME = re.compile(r"^\d{2}_[a-z_]+\.(pdf|docx)$")

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]


# --------------------------------------------------------------------------
# Profession data: skill pools, bullets, summaries, employers, education.
# Bullets may only mention skills from their own profession's pool; a bullet is
# used for a candidate only if every pool skill it mentions (plus any explicit
# tags) is in the candidate's skill list.
# --------------------------------------------------------------------------

TECH_EMPLOYERS = [
    "Copperline Payments", "Bluegill Software", "Parcelwise", "Tessellate Labs",
    "Harborview Analytics", "Kestrel Cloud Systems", "Quillfeather Media",
    "Ridgeback Logistics", "Lumenfield Health Tech", "Brightwater Credit Union",
    "Fernhill Retail Group", "Orbital Oak Games", "Saltmarsh Data Co.",
    "Tinderbox Security", "Gantry Robotics", "Mossgrove Insurance",
    "Pennant Travel", "Cobalt Sparrow Inc.", "Vantage Loop", "Driftwood Commerce",
]

TECH_DEGREES = [
    ("Bachelor of Science", "B.S.", "Computer Science"),
    ("Bachelor of Science", "B.S.", "Software Engineering"),
    ("Bachelor of Engineering", "B.Eng.", "Computer Engineering"),
    ("Bachelor of Science", "B.S.", "Information Systems"),
]
TECH_MASTERS = [
    ("Master of Science", "M.S.", "Computer Science"),
    ("Master of Science", "M.S.", "Data Science"),
]

PROFESSIONS: dict[str, dict] = {
    "backend": {
        "label": "Backend / Python engineer",
        "pool": ["Python", "Django", "Flask", "FastAPI", "PostgreSQL", "MySQL", "Redis",
                 "AWS", "Docker", "Kubernetes", "Kafka", "Celery", "REST APIs", "GraphQL",
                 "Git", "Linux", "Terraform", "SQL", "gRPC", "Go", "pytest",
                 "GitHub Actions", "Airflow"],
        "bullets": [
            "Designed and built REST APIs in Python and Django serving {n}k requests per minute",
            "Migrated a monolithic Flask service to FastAPI, cutting p95 latency by {pct}%",
            "Modeled billing data in PostgreSQL and tuned slow queries, reducing database load by {pct}%",
            "Built event-driven order processing on Kafka with idempotent consumers",
            "Containerized services with Docker and deployed them to Kubernetes on AWS",
            "Ran background jobs with Celery and Redis for email, exports and webhooks",
            "Wrote Terraform for AWS RDS, SQS and Lambda so environments could be rebuilt in minutes",
            "Introduced a GraphQL gateway over legacy REST APIs used by {k} client teams",
            "Built ETL pipelines in Python and Airflow on AWS for finance reporting",
            "Replaced a cron-based reporting script with an async Python worker, saving {n} hours a week",
            "Maintained MySQL schemas and wrote zero-downtime migrations for tables with {n}M rows",
            "Wrote gRPC services in Go for the internal pricing engine",
            "Raised unit test coverage from {lo}% to {hi}% with pytest and contract tests",
            "Automated deployments with GitHub Actions and Docker, shrinking release time from hours to minutes",
            "Built internal admin tools with Django and PostgreSQL for the support team",
            "Cached hot reads in Redis, cutting API response times by {pct}%",
            "Debugged production issues on Linux hosts using logs, strace and profilers",
            "Wrote reporting queries in SQL for the analytics team and documented the data model",
            "Mentored {k} junior engineers and led weekly code reviews",
            "Worked with product managers to scope features and estimate delivery",
            "Took part in the on-call rotation and wrote post-incident reviews",
            "Documented service contracts and onboarding guides for new hires",
        ],
        "summaries": [
            "{title} with {years} years of experience building reliable services in {s1}, {s2} and {s3}. Enjoys clean data models, boring deployments and mentoring.",
            "{years} years designing APIs and data-heavy backends. Most at home with {s1} and {s2}; comfortable owning services end to end, from schema to on-call.",
        ],
        "projects": [
            ("ledgerlite", "Open-source double-entry bookkeeping library in Python with a PostgreSQL backend"),
            ("queue-doctor", "CLI that inspects Celery and Redis queues and reports stuck tasks"),
            ("tinyshort", "URL shortener built with FastAPI and Docker, deployed on AWS"),
        ],
        "certs": [
            ("AWS Certified Developer – Associate", "AWS"),
            ("Certified Kubernetes Application Developer (CKAD)", "Kubernetes"),
        ],
        "employers": TECH_EMPLOYERS,
        "degrees": TECH_DEGREES,
        "masters": TECH_MASTERS,
    },
    "data": {
        "label": "Data scientist / analyst",
        "pool": ["Python", "SQL", "pandas", "scikit-learn", "TensorFlow", "PyTorch", "Spark",
                 "Airflow", "Tableau", "Power BI", "R", "Statistics", "A/B Testing",
                 "Machine Learning", "NLP", "AWS", "Snowflake", "dbt", "Excel", "Looker", "Git"],
        "bullets": [
            "Built churn prediction models in Python with scikit-learn, lifting retention campaign ROI by {pct}%",
            "Wrote SQL and dbt models on Snowflake feeding {k} executive dashboards",
            "Owned the A/B testing framework for pricing and onboarding experiments",
            "Trained demand forecasting models with PyTorch on {k} years of sales data",
            "Built NLP pipelines to classify {n}k support tickets a month by topic and urgency",
            "Scheduled feature pipelines in Airflow and Spark on AWS",
            "Created Tableau dashboards tracking funnel conversion for the sales team",
            "Built Power BI reports on top of the finance SQL warehouse",
            "Applied statistics and causal inference to measure the impact of marketing spend",
            "Put machine learning models into production with monitoring for data drift",
            "Cleaned and joined messy customer exports with pandas, saving analysts {n} hours a week",
            "Built image classifiers in TensorFlow reaching {hi}% accuracy on held-out data",
            "Automated weekly KPI reports in Excel and SQL, replacing manual copy-paste",
            "Analyzed survey data in R and presented findings to leadership",
            "Built Looker explores and trained {k} teams to self-serve reporting",
            "Presented model results and trade-offs to non-technical stakeholders",
            "Partnered with product and engineering to define metrics and success criteria",
            "Reviewed teammates' notebooks and set up shared analysis templates in Git",
            "Answered ad-hoc questions from operations with quick, well-documented analyses",
        ],
        "summaries": [
            "{title} with {years} years of experience turning messy data into decisions. Strong in {s1}, {s2} and {s3}.",
            "Analytical, curious and practical: {years} years working with {s1} and {s2} to answer business questions and ship models.",
        ],
        "projects": [
            ("transit-delays", "Predicted bus delays from open city data with Python, pandas and scikit-learn"),
            ("review-topics", "Topic modelling of product reviews with NLP techniques in Python"),
            ("kpi-kit", "Reusable SQL and dbt package for subscription metrics"),
        ],
        "certs": [
            ("TensorFlow Developer Certificate", "TensorFlow"),
            ("Tableau Desktop Specialist", "Tableau"),
            ("Microsoft Certified: Power BI Data Analyst Associate", "Power BI"),
        ],
        "employers": TECH_EMPLOYERS,
        "degrees": [
            ("Bachelor of Science", "B.S.", "Statistics"),
            ("Bachelor of Science", "B.S.", "Mathematics"),
            ("Bachelor of Arts", "B.A.", "Economics"),
            ("Bachelor of Science", "B.S.", "Computer Science"),
        ],
        "masters": [
            ("Master of Science", "M.S.", "Data Science"),
            ("Master of Science", "M.S.", "Applied Statistics"),
        ],
    },
    "devops": {
        "label": "DevOps / SRE",
        "pool": ["Kubernetes", "Docker", "Terraform", "AWS", "GCP", "Azure", "Ansible",
                 "Prometheus", "Grafana", "Jenkins", "GitHub Actions", "Linux", "Bash",
                 "Python", "Go", "Helm", "CI/CD", "ELK Stack", "PagerDuty"],
        "bullets": [
            "Ran {k} production Kubernetes clusters on AWS with Helm and GitOps",
            "Wrote Terraform modules for VPCs, IAM and databases used by {k} product teams",
            "Built Prometheus and Grafana monitoring with SLO-based alerting, cutting pager noise by {pct}%",
            "Moved CI/CD from Jenkins to GitHub Actions, halving average build time",
            "Automated server configuration with Ansible across {hosts} Linux hosts",
            "Wrote Python and Bash tooling for backups, certificate rotation and cost reports",
            "Built a Go service that reconciles cloud inventory against the asset database",
            "Migrated workloads from on-prem VMware to Azure with no customer downtime",
            "Managed GCP projects and clusters for the data platform",
            "Containerized legacy applications with Docker and wrote health checks for each",
            "Centralized logging with the ELK Stack, processing {n} GB of logs a day",
            "Led incident response as primary on-call and ran blameless postmortems using PagerDuty data",
            "Hardened Linux images and automated patching, closing {n} audit findings",
            "Built Jenkins pipelines for {n} services with automated rollback",
            "Wrote runbooks and trained developers on deployment practices",
            "Reduced monthly cloud spend by {pct}% through rightsizing and reserved capacity",
            "Partnered with security to roll out secrets management and least-privilege access",
        ],
        "summaries": [
            "{title} with {years} years of experience keeping production calm. Hands-on with {s1}, {s2} and {s3}.",
            "{title} ({years} years) who automates the boring parts: infrastructure as code, CI/CD and monitoring with {s1} and {s2}.",
        ],
        "projects": [
            ("kube-budget", "Small Go tool that reports Kubernetes cost per namespace"),
            ("tf-lint-pack", "Shared Terraform lint rules and CI/CD checks for module authors"),
        ],
        "certs": [
            ("AWS Certified Solutions Architect – Associate", "AWS"),
            ("Certified Kubernetes Administrator (CKA)", "Kubernetes"),
            ("HashiCorp Certified: Terraform Associate", "Terraform"),
            ("Microsoft Certified: Azure Administrator Associate", "Azure"),
        ],
        "employers": TECH_EMPLOYERS,
        "degrees": TECH_DEGREES + [("Associate of Applied Science", "A.A.S.", "Network Administration")],
        "masters": TECH_MASTERS,
    },
    "frontend": {
        "label": "Frontend / JavaScript engineer",
        "pool": ["JavaScript", "TypeScript", "React", "Redux", "Next.js", "Vue.js", "HTML",
                 "CSS", "Sass", "Jest", "Cypress", "Webpack", "Node.js", "GraphQL",
                 "Accessibility", "Figma", "Tailwind CSS", "jQuery"],
        "bullets": [
            "Built a customer dashboard in React and TypeScript used by {n}k people daily",
            "Migrated a large JavaScript codebase to TypeScript with strict mode enabled",
            "Introduced Next.js server-side rendering, improving Largest Contentful Paint by {pct}%",
            "Wrote unit tests with Jest and end-to-end tests with Cypress, cutting regressions",
            "Built a design system of {n} reusable React components from Figma specs",
            "Managed client state with Redux and fetched data through GraphQL",
            "Rebuilt the marketing site in Vue.js with Sass and a custom grid",
            "Fixed accessibility issues across checkout to meet WCAG 2.1 AA",
            "Styled responsive layouts with HTML, CSS and Tailwind CSS",
            "Tuned Webpack bundles and code splitting, shrinking the JavaScript payload by {pct}%",
            "Built a small Node.js backend-for-frontend to aggregate API calls",
            "Replaced legacy jQuery widgets with accessible, tested components",
            "Converted design mockups into pixel-perfect HTML and CSS templates",
            "Worked closely with designers to prototype and test new flows",
            "Reviewed pull requests and wrote frontend coding guidelines",
            "Tracked Core Web Vitals and fixed performance regressions before release",
        ],
        "summaries": [
            "{title} with {years} years of experience building fast, accessible interfaces with {s1}, {s2} and {s3}.",
            "I build web apps people enjoy using. {years} years with {s1} and {s2}, and a soft spot for design systems.",
        ],
        "projects": [
            ("palette-party", "Colour-contrast checker built with React and TypeScript"),
            ("vue-recipes", "Recipe box single-page app built with Vue.js and Sass"),
        ],
        "certs": [],
        "employers": TECH_EMPLOYERS,
        "degrees": TECH_DEGREES + [("Bachelor of Fine Arts", "B.F.A.", "Interaction Design")],
        "masters": TECH_MASTERS,
    },
    "java": {
        "label": "Java developer",
        "pool": ["Java", "Spring Boot", "Hibernate", "Maven", "Gradle", "Microservices",
                 "Oracle", "PostgreSQL", "Kafka", "JUnit", "Docker", "Kubernetes", "AWS",
                 "REST APIs", "Jenkins", "SQL", "Python"],
        "bullets": [
            "Developed microservices in Java and Spring Boot for the payments platform",
            "Mapped domain models with Hibernate on PostgreSQL",
            "Maintained stored procedures and Hibernate mappings on Oracle",
            "Published and consumed Kafka events for order status updates",
            "Built REST APIs consumed by mobile and web clients, handling {n}k calls per hour",
            "Wrote JUnit tests, raising coverage from {lo}% to {hi}%",
            "Migrated builds from Maven to Gradle and cut build times by {pct}%",
            "Deployed services with Docker and Jenkins pipelines to AWS",
            "Tuned JVM garbage collection and SQL queries for a batch system processing {n}M records nightly",
            "Ran Spring Boot services on Kubernetes with health checks and autoscaling",
            "Wrote Python scripts to automate test data setup and release notes",
            "Maintained Maven multi-module builds and internal libraries",
            "Worked with QA and product to triage defects and plan releases",
            "Mentored {k} developers new to the codebase",
            "Documented service interfaces and upgrade guides",
            "Wrote Gradle build plugins shared across {k} repositories",
            "Built data migration jobs in Java reading from PostgreSQL",
            "Reviewed designs and code for a team of {k} engineers",
            "Paid down technical debt in legacy modules every sprint",
        ],
        "summaries": [
            "{title} with {years} years of experience in {s1}, {s2} and {s3}, mostly in finance and logistics.",
            "Backend developer focused on the JVM: {years} years of {s1} and {s2} in production.",
        ],
        "projects": [],
        "certs": [
            ("Oracle Certified Professional, Java SE 11 Developer", "Java"),
            ("AWS Certified Cloud Practitioner", "AWS"),
        ],
        "employers": TECH_EMPLOYERS,
        "degrees": TECH_DEGREES,
        "masters": TECH_MASTERS,
    },
    "nurse": {
        "label": "Registered nurse",
        "pool": ["Patient Care", "BLS Certification", "ACLS Certification", "PALS Certification",
                 "Critical Care", "Epic EHR", "Cerner", "Medication Administration",
                 "IV Therapy", "Ventilator Management", "Triage", "Telemetry", "Wound Care",
                 "Patient Education", "Infection Control", "Care Planning"],
        "tags": {"ACLS": "ACLS Certification", "BLS": "BLS Certification", "Epic": "Epic EHR",
                 "ICU": "Critical Care"},
        "bullets": [
            "Provided patient care for {k} critically ill adults per shift in a {beds}-bed medical ICU",
            "Handled ventilator management and weaning protocols alongside respiratory therapists",
            "Titrated vasoactive drips and sedation under critical care protocols",
            "Responded to rapid response and code blue calls as an ACLS provider",
            "Documented assessments and care plans in Epic",
            "Administered IV therapy, blood products and TPN through central and peripheral lines",
            "Delivered patient education on discharge, medications and wound care",
            "Performed triage for up to {n} patients per shift in a Level II emergency department",
            "Monitored telemetry for {k} cardiac patients and escalated arrhythmias",
            "Served as charge nurse {k} nights a month, making assignments for up to {n} nurses",
            "Precepted {k} new graduate nurses through orientation",
            "Followed infection control bundles that cut central-line infections on the unit by {pct}%",
            "Handled medication administration with barcode scanning and double checks",
            "Charted in Cerner and coordinated care with physicians, pharmacy and case management",
            "Cared for post-surgical patients on a {beds}-bed med-surg unit",
            "Led care planning conferences with families and the interdisciplinary team",
            "Participated in the unit practice council and quality improvement projects",
            "Kept patient satisfaction scores above {sat}% on quarterly surveys",
            "Completed head-to-toe assessments and hand-offs using SBAR",
            "Supported families through end-of-life conversations with the palliative team",
        ],
        "summaries": [
            "{title} with {years} years of bedside experience. Calm under pressure; skilled in {s1}, {s2} and {s3}.",
            "Compassionate RN ({years} years) focused on safe, family-centred care. Strengths: {s1}, {s2} and {s3}.",
        ],
        "projects": [],
        "certs": [
            ("Basic Life Support (BLS), American Heart Association", "BLS Certification"),
            ("Advanced Cardiovascular Life Support (ACLS), American Heart Association", "ACLS Certification"),
            ("Pediatric Advanced Life Support (PALS)", "PALS Certification"),
            ("CCRN – Critical Care Registered Nurse", "Critical Care"),
        ],
        "employers": [
            "St. Brendan's Medical Center", "Lakeview Regional Hospital", "Cedar Valley Health",
            "Mercy Ridge Hospital", "Northgate Children's Hospital", "Bellhaven Community Hospital",
            "Granite Peak Medical Center", "Harlow Memorial Hospital",
        ],
        "degrees": [
            ("Bachelor of Science", "BSN", "Nursing"),
            ("Associate of Science", "ASN", "Nursing"),
        ],
        "masters": [],
    },
    "accountant": {
        "label": "Accountant",
        "pool": ["GAAP", "CPA", "Excel", "QuickBooks", "SAP", "Oracle NetSuite",
                 "Financial Reporting", "Account Reconciliation", "Month-End Close", "Audit",
                 "Tax Preparation", "Budgeting", "Forecasting", "SOX Compliance",
                 "Accounts Payable", "Accounts Receivable", "IFRS"],
        "tags": {"NetSuite": "Oracle NetSuite", "SOX": "SOX Compliance"},
        "bullets": [
            "Led the month-end close for {k} entities, shortening it from {d1} to {d2} days",
            "Prepared GAAP financial statements and footnotes for quarterly financial reporting",
            "Performed account reconciliation for cash, prepaid and accrual accounts",
            "Built Excel models with pivot tables and lookups to explain variance to budget",
            "Moved the general ledger to NetSuite and rebuilt the chart of accounts",
            "Documented and tested SOX controls over revenue and procurement",
            "Coordinated external audit fieldwork and prepared client schedules",
            "Managed accounts payable and accounts receivable for about {hosts} vendors and customers",
            "Handled tax preparation for partnerships and small corporations",
            "Built the annual budgeting and forecasting model for a ${n}M business",
            "Converted subsidiary books from IFRS to US GAAP",
            "Recorded journal entries and fixed-asset additions in SAP",
            "Kept the books in QuickBooks for {n} small-business clients",
            "Trained {k} staff accountants on close procedures and checklists",
            "Answered auditor and controller questions with clear, documented support",
            "Prepared accruals, prepaid schedules and intercompany entries",
            "Reviewed expense reports and corporate card activity for policy compliance",
            "Put together monthly board reporting packages with the controller",
            "Rewrote close checklists and process notes for {k} recurring tasks",
        ],
        "summaries": [
            "{title} with {years} years of experience in {s1}, {s2} and {s3}. Detail-oriented and deadline-driven.",
            "{years} years in public and corporate accounting; known for clean closes and well-documented {s1}.",
        ],
        "projects": [],
        "certs": [
            ("Certified Public Accountant (CPA), active license", "CPA"),
        ],
        "employers": [
            "Hollis & Crane LLP", "Marston Veldt CPAs", "Alder Street Manufacturing",
            "Greyfield Property Group", "Summit Harbor Foods", "Pike & Lowell Advisory",
            "Cascade Outfitters", "Wexford Dental Partners",
        ],
        "degrees": [
            ("Bachelor of Science", "B.S.", "Accounting"),
            ("Bachelor of Business Administration", "BBA", "Accounting"),
        ],
        "masters": [("Master of Accountancy", "MAcc", "Accounting")],
    },
    "sales": {
        "label": "Sales / account manager",
        "pool": ["Salesforce", "CRM", "Account Management", "Negotiation", "Lead Generation",
                 "Cold Calling", "B2B Sales", "Pipeline Management", "HubSpot",
                 "Contract Negotiation", "Customer Retention", "Forecasting", "SaaS Sales", "Excel"],
        "bullets": [
            "Managed a book of {n} mid-market accounts worth ${m}M in annual recurring revenue",
            "Exceeded quota {k} quarters in a row, finishing the last year at {quota}% of target",
            "Kept Salesforce pipeline and forecasting accurate to within {small}%",
            "Booked {n} meetings a month through cold calling and email outreach",
            "Ran full-cycle B2B sales for software products, from discovery to close",
            "Led contract negotiation for multi-year renewals and upsells",
            "Raised customer retention to {sat}% through quarterly business reviews",
            "Built email sequences in HubSpot that lifted reply rates by {pct}%",
            "Owned pipeline management and weekly forecasting for a team of {n} reps",
            "Built territory plans and account maps in Excel",
            "Worked with marketing on lead generation campaigns for trade shows",
            "Onboarded and coached {k} new sales hires",
            "Partnered with customer success to expand usage in key accounts",
            "Presented product demos to buying committees and answered security questionnaires",
            "Shared win-loss notes with product and marketing every quarter",
        ],
        "summaries": [
            "Results-driven sales professional with {years} years of experience in {s1} and {s2}.",
            "{title} ({years} years) who builds long customer relationships and a clean pipeline.",
        ],
        "projects": [],
        "certs": [("Salesforce Certified Associate", "Salesforce")],
        "employers": [
            "Brightline Telecom", "Ardent Office Supply", "Cloudharbor CRM", "Northpoint Logistics",
            "Sterling Kite Software", "Meridian Packaging Co.", "Halcyon Medical Devices",
        ],
        "degrees": [
            ("Bachelor of Business Administration", "BBA", "Marketing"),
            ("Bachelor of Arts", "B.A.", "Communications"),
            ("Bachelor of Arts", "B.A.", "Business Management"),
        ],
        "masters": [],
    },
    "pm": {
        "label": "Project manager",
        "pool": ["Project Management", "Agile", "Scrum", "Jira", "Confluence",
                 "Stakeholder Management", "Risk Management", "Budgeting", "MS Project",
                 "PMP", "PRINCE2", "Kanban", "Vendor Management", "Smartsheet"],
        "bullets": [
            "Managed {k} concurrent projects with budgets up to ${m}M, delivering {sat}% on time",
            "Ran Scrum ceremonies for two Agile teams and tracked work in Jira and Confluence",
            "Built integrated schedules in MS Project and tracked the critical path weekly",
            "Led stakeholder management across finance, IT and operations for an ERP rollout",
            "Maintained RAID logs and ran risk management reviews with the steering committee",
            "Introduced Kanban boards for the support team, cutting cycle time by {pct}%",
            "Handled vendor management for {k} implementation partners, including contracts and invoices",
            "Tracked portfolio status in Smartsheet and reported to the PMO weekly",
            "Owned project budgeting and monthly forecasts for a ${m}M programme",
            "Ran projects using PRINCE2 stage gates for public-sector clients",
            "Wrote project charters, status reports and lessons-learned reviews",
            "Facilitated workshops to agree scope and acceptance criteria",
            "Coached team leads on estimation and dependency planning",
            "Ran weekly status meetings and kept decision logs up to date",
            "Coordinated user acceptance testing with {k} business teams",
            "Prepared steering committee packs and monthly executive summaries",
            "Set up a benefits-tracking process so sponsors could see value after go-live",
            "Planned cut-over weekends and go/no-go checkpoints for {k} releases",
            "Onboarded new project coordinators and wrote the team's templates",
        ],
        "summaries": [
            "{title} with {years} years of experience delivering programmes on time and on budget using {s1} and {s2}.",
            "Organised, plain-spoken PM ({years} years). I keep stakeholders aligned and projects moving.",
        ],
        "projects": [],
        "certs": [
            ("Project Management Professional (PMP)", "PMP"),
            ("PRINCE2 Practitioner", "PRINCE2"),
            ("Certified ScrumMaster (CSM)", "Scrum"),
        ],
        "employers": [
            "Atlas Civic Consulting", "Brampton Rail Partners", "Corvid Systems Integration",
            "Hearthstone Utilities", "Lantern Point Bank", "Quayside Construction Group",
            "Tamsin Health Network",
        ],
        "degrees": [
            ("Bachelor of Science", "B.S.", "Business Administration"),
            ("Bachelor of Arts", "B.A.", "Economics"),
            ("Bachelor of Engineering", "B.Eng.", "Civil Engineering"),
        ],
        "masters": [("Master of Business Administration", "MBA", "Operations")],
    },
    "marketing": {
        "label": "Marketing",
        "pool": ["SEO", "SEM", "Google Analytics", "Content Marketing", "Social Media Marketing",
                 "Email Marketing", "HubSpot", "Google Ads", "Copywriting", "Marketing Automation",
                 "A/B Testing", "Brand Strategy", "Adobe Creative Suite", "Mailchimp", "WordPress"],
        "bullets": [
            "Grew organic traffic {pct}% in a year through technical SEO and content refreshes",
            "Managed a ${k}0k monthly Google Ads budget and lowered cost per lead by {small}%",
            "Built email marketing nurture programmes in HubSpot and Mailchimp",
            "Planned and published social media marketing calendars across four channels",
            "Reported campaign performance in Google Analytics to the leadership team",
            "Led copywriting for product launches, landing pages and sales decks",
            "Ran A/B testing on landing pages and subject lines, lifting conversion {small}%",
            "Set up marketing automation workflows for lead scoring and handoff to sales",
            "Refreshed brand strategy and messaging with an outside agency",
            "Produced ad creative and event graphics in Adobe Creative Suite",
            "Ran SEM campaigns for {k} product lines with weekly bid and keyword reviews",
            "Rebuilt the company blog on WordPress and wrote the content marketing plan",
            "Coordinated trade-show logistics and post-event follow-up",
            "Managed two freelance writers and an editorial calendar",
            "Wrote monthly performance recaps with clear next steps for the sales team",
        ],
        "summaries": [
            "Marketer with {years} years of experience in {s1}, {s2} and {s3}. Data-informed, deadline-friendly.",
            "Digital marketing specialist ({years} years) who likes measurable campaigns and clear writing.",
        ],
        "projects": [],
        "certs": [
            ("Google Ads Search Certification", "Google Ads"),
            ("HubSpot Inbound Marketing Certification", "HubSpot"),
        ],
        "employers": [
            "Juniper & Gold Agency", "Foxglove Cosmetics", "Trailhead Coffee Roasters",
            "Paper Lantern Studio", "Wrenfield Home Goods", "Bluebird Fitness",
        ],
        "degrees": [
            ("Bachelor of Arts", "B.A.", "Marketing"),
            ("Bachelor of Arts", "B.A.", "English"),
            ("Bachelor of Science", "B.S.", "Communications"),
        ],
        "masters": [],
    },
}

SCHOOLS_US = [
    "Westbrook State University", "University of North Calder", "Lakeshore Institute of Technology",
    "Brennan College", "Eastfield University", "Pinecrest State University", "Marlow University",
    "Halvorsen Institute of Technology", "Southgate College", "Redwater University",
]
SCHOOLS_CA = ["Northshore University", "Collège Saint-Aubin", "Fraser Valley Polytechnic"]
SCHOOLS_UK = ["University of Ashworth", "Kingsbridge University", "Northam College London"]

HEADINGS = {
    "summary": ["Summary", "Professional Summary", "Profile", "About Me"],
    "experience": ["Experience", "Work History", "Professional Experience", "Employment",
                   "Work Experience", "Employment History"],
    "education": ["Education", "Academic Background", "Education & Training"],
    "skills": ["Skills", "Core Competencies", "Key Skills"],
    "tech_skills": ["Technical Skills", "Skills", "Tech Stack"],
    "certifications": ["Certifications", "Licenses & Certifications", "Certificates"],
    "projects": ["Projects", "Selected Projects", "Side Projects"],
    "contact": ["Contact", "Contact Details", "Get in Touch"],
}

TECHNICAL = {"backend", "data", "devops", "frontend", "java"}


# --------------------------------------------------------------------------
# The invented candidates. Titles are listed most recent first; ``years`` is
# the total span of the career; ``ended`` (YYYY, M) marks a candidate who is
# not currently employed.
# --------------------------------------------------------------------------

CANDIDATES = [
    dict(name="Maya Okafor", prof="backend", fmt="pdf", layout="single", font="Helvetica", pages=2,
         dates="mon", phone="(512) 555-0132", email="maya.okafor@example.com", location="Austin, TX",
         links=["linkedin.com/in/maya-okafor", "github.com/mokafor"], years=8.5,
         titles=["Senior Backend Engineer", "Backend Engineer", "Software Engineer", "Junior Python Developer"],
         skills=["Python", "Django", "FastAPI", "PostgreSQL", "Redis", "AWS", "Docker", "Kubernetes",
                 "Kafka", "Celery", "Terraform", "REST APIs", "pytest", "Git", "Linux"]),
    dict(name="Daniel Reyes", prof="backend", fmt="pdf", layout="left", font="Times", pages=1,
         dates="num", phone="210.555.0178", email="dreyes@example.net", location="San Antonio, TX",
         links=["github.com/danreyes-dev"], years=4,
         titles=["Python Developer", "Junior Web Developer"],
         skills=["Python", "Django", "MySQL", "Celery", "Redis", "Docker", "REST APIs", "Git", "Linux"]),
    dict(name="Priya Natarajan", prof="data", fmt="pdf", layout="left", font="Helvetica", pages=2,
         dates="long", phone="+1 646 555 0119", email="priya.n@example.org", location="New York, NY",
         links=["linkedin.com/in/priyanatarajan"], years=6.5,
         titles=["Senior Data Scientist", "Data Scientist", "Data Analyst"],
         skills=["Python", "SQL", "pandas", "scikit-learn", "Machine Learning", "Statistics",
                 "A/B Testing", "Spark", "Airflow", "TensorFlow", "Tableau", "Snowflake", "dbt", "AWS", "Git"]),
    dict(name="Tomasz Wójcik", prof="devops", fmt="pdf", layout="single", font="Courier", pages=1,
         dates="year", phone="720-555-0143", email="tomasz.wojcik@example.com", location="Denver, CO",
         links=["github.com/twojcik"], years=9,
         titles=["Senior Site Reliability Engineer", "DevOps Engineer", "Systems Administrator"],
         skills=["Kubernetes", "Terraform", "AWS", "Linux", "Docker", "Helm", "Prometheus", "Grafana",
                 "Ansible", "Python", "Go", "Bash", "GitHub Actions", "CI/CD", "ELK Stack"]),
    dict(name="Grace Liu", prof="frontend", fmt="pdf", layout="right", font="Helvetica", pages=1,
         dates="mon", phone="(415) 555-0187", email="grace.liu@example.com", location="San Francisco, CA",
         links=["linkedin.com/in/graceliu-fe", "github.com/gliu"], years=6,
         titles=["Senior Frontend Engineer", "Frontend Engineer", "Web Developer"],
         skills=["JavaScript", "TypeScript", "React", "Redux", "Next.js", "HTML", "CSS", "Jest",
                 "Cypress", "GraphQL", "Webpack", "Accessibility", "Figma"]),
    dict(name="Samuel Adeyemi", prof="java", fmt="pdf", layout="single", font="Times", pages=1,
         dates="num", phone="(312) 555-0164", email="samuel.adeyemi@example.net", location="Chicago, IL",
         links=["linkedin.com/in/samadeyemi"], years=7,
         titles=["Senior Java Developer", "Java Developer", "Software Engineer"],
         skills=["Java", "Spring Boot", "Hibernate", "PostgreSQL", "Kafka", "AWS", "Docker", "JUnit",
                 "Maven", "Microservices", "REST APIs", "SQL"]),
    dict(name="Hannah Whitfield", prof="nurse", fmt="pdf", layout="single", font="Times", pages=2,
         dates="mon", phone="773.555.0121", email="hannah.whitfield@example.com", location="Chicago, IL",
         links=[], years=6,
         titles=["ICU Registered Nurse", "Registered Nurse – Step-Down Unit", "Registered Nurse"],
         skills=["Patient Care", "Critical Care", "BLS Certification", "ACLS Certification",
                 "Ventilator Management", "IV Therapy", "Medication Administration", "Epic EHR",
                 "Infection Control", "Patient Education", "Care Planning"]),
    dict(name="Marcus Bellamy", prof="accountant", fmt="pdf", layout="right", font="Times", pages=1,
         dates="year", phone="+1 206 555 0158", email="m.bellamy@example.org", location="Seattle, WA",
         links=["linkedin.com/in/marcusbellamy-cpa"], years=8,
         titles=["Senior Accountant", "Staff Accountant", "Audit Associate"],
         skills=["GAAP", "CPA", "Excel", "Month-End Close", "Account Reconciliation",
                 "Financial Reporting", "Oracle NetSuite", "SOX Compliance", "Audit", "Budgeting"]),
    dict(name="Elena Marchetti", prof="sales", fmt="docx", layout="docx_classic", font="Calibri", pages=1,
         dates="mon", phone="(617) 555-0103", email="elena.marchetti@example.com", location="Boston, MA",
         links=["linkedin.com/in/elenamarchetti"], years=7,
         titles=["Senior Account Manager", "Account Manager", "Sales Development Representative"],
         skills=["Salesforce", "Account Management", "B2B Sales", "Contract Negotiation",
                 "Customer Retention", "Pipeline Management", "Forecasting", "SaaS Sales"]),
    dict(name="Oliver Grant", prof="pm", fmt="pdf", layout="single", font="Helvetica", pages=2,
         dates="long", phone="+44 20 7946 0321", email="oliver.grant@example.org", location="London, UK",
         links=["linkedin.com/in/olivergrantpm"], years=11,
         titles=["Senior Project Manager", "Project Manager", "Project Manager", "Project Coordinator"],
         skills=["Project Management", "PRINCE2", "Stakeholder Management", "Risk Management", "Agile",
                 "Scrum", "Jira", "Confluence", "MS Project", "Budgeting", "Vendor Management"]),
    dict(name="Aisha Rahman", prof="data", fmt="pdf", layout="right", font="Helvetica", pages=1,
         dates="num", phone="(416) 555-0187", email="aisha.rahman@example.net", location="Toronto, ON",
         links=["linkedin.com/in/aisha-rahman-data"], years=3,
         titles=["Data Analyst", "Junior Business Intelligence Analyst"],
         skills=["SQL", "Excel", "Tableau", "Power BI", "Python", "pandas", "Statistics", "Looker"]),
    dict(name="Lucas Ferreira", prof="devops", fmt="pdf", layout="left", font="Courier", pages=1,
         dates="mon", phone="602-555-0136", email="lucas.ferreira@example.com", location="Phoenix, AZ",
         links=[], years=5,
         titles=["DevOps Engineer", "Build and Release Engineer", "IT Support Specialist"],
         skills=["Docker", "Jenkins", "Ansible", "Azure", "Linux", "Bash", "CI/CD", "Python"]),
    dict(name="Chloe Bennett", prof="marketing", fmt="pdf", layout="single", font="Helvetica", pages=1,
         dates="year", phone="503.555.0149", email="chloe.bennett@example.org", location="Portland, OR",
         links=["linkedin.com/in/chloebennettmktg"], years=4,
         titles=["Content Marketing Specialist", "Marketing Coordinator"],
         skills=["SEO", "Content Marketing", "Google Analytics", "Social Media Marketing",
                 "Copywriting", "HubSpot", "WordPress", "Email Marketing"]),
    dict(name="Ravi Shankar", prof="backend", fmt="pdf", layout="right", font="Times", pages=1,
         dates="mon", phone="+1 919 555 0172", email="ravi.shankar@example.com", location="Raleigh, NC",
         links=["github.com/ravishankar-py", "linkedin.com/in/ravi-shankar-eng"], years=5.5,
         titles=["Backend Engineer", "Software Engineer", "Associate Software Engineer"],
         skills=["Python", "FastAPI", "Flask", "PostgreSQL", "AWS", "Docker", "Redis", "GraphQL",
                 "REST APIs", "pytest", "GitHub Actions", "Git"]),
    dict(name="Natalie Brooks", prof="nurse", fmt="pdf", layout="left", font="Helvetica", pages=1,
         dates="long", phone="(614) 555-0115", email="natalie.brooks@example.com", location="Columbus, OH",
         links=[], years=3,
         titles=["Registered Nurse – Medical-Surgical", "Registered Nurse"],
         skills=["Patient Care", "BLS Certification", "Medication Administration", "Wound Care",
                 "Telemetry", "Patient Education", "Epic EHR", "Care Planning"]),
    dict(name="Kwame Mensah", prof="accountant", fmt="docx", layout="docx_table", font="Calibri", pages=1,
         dates="num", phone="404-555-0190", email="kwame.mensah@example.net", location="Atlanta, GA",
         links=[], years=3,
         titles=["Staff Accountant", "Accounts Payable Clerk"],
         skills=["GAAP", "Excel", "QuickBooks", "Accounts Payable", "Accounts Receivable",
                 "Account Reconciliation", "Month-End Close"]),
    dict(name="Sofia Alvarez", prof="frontend", fmt="pdf", layout="single", font="Courier", pages=1,
         dates="mon", phone="305.555.0127", email="sofia.alvarez@example.com", location="Miami, FL",
         links=["github.com/sofia-alvarez"], years=3,
         titles=["Frontend Developer", "Junior Web Designer"],
         skills=["JavaScript", "Vue.js", "HTML", "CSS", "Sass", "jQuery", "Webpack", "Figma"]),
    dict(name="Benjamin Cho", prof="java", fmt="pdf", layout="right", font="Helvetica", pages=1,
         dates="year", phone="604-555-0119", email="ben.cho@example.org", location="Vancouver, BC",
         links=["github.com/bcho-java"], years=4,
         titles=["Java Developer", "Junior Developer"],
         skills=["Java", "Spring Boot", "Oracle", "Hibernate", "Maven", "Jenkins", "JUnit", "SQL",
                 "REST APIs"]),
    dict(name="Isabelle Dubois", prof="pm", fmt="pdf", layout="left", font="Times", pages=1,
         dates="mon", phone="+1 514 555 0162", email="isabelle.dubois@example.com", location="Montreal, QC",
         links=["linkedin.com/in/isabelledubois"], years=5,
         titles=["Project Manager", "Scrum Master"],
         skills=["Project Management", "Agile", "Scrum", "Jira", "Kanban", "Confluence",
                 "Stakeholder Management", "Smartsheet"]),
    dict(name="Ethan Parker", prof="sales", fmt="pdf", layout="single", font="Helvetica", pages=1,
         dates="num", phone="(214) 555-0183", email="ethan.parker@example.net", location="Dallas, TX",
         links=[], years=3,
         titles=["Account Executive", "Business Development Representative"],
         skills=["Cold Calling", "Lead Generation", "HubSpot", "Salesforce", "B2B Sales",
                 "Negotiation", "CRM"]),
    dict(name="Mei Tanaka", prof="data", fmt="pdf", layout="single", font="Times", pages=2,
         dates="mon", phone="206.555.0111", email="mei.tanaka@example.com", location="Seattle, WA",
         links=["github.com/meitanaka-ml", "linkedin.com/in/mei-tanaka"], years=7,
         titles=["Machine Learning Engineer", "Data Scientist", "Research Assistant"],
         skills=["Python", "SQL", "PyTorch", "TensorFlow", "Machine Learning", "NLP", "Statistics",
                 "Spark", "Airflow", "AWS", "pandas", "scikit-learn", "Git"]),
    dict(name="Jordan Hayes", prof="devops", fmt="docx", layout="docx_plain", font="Times New Roman", pages=1,
         dates="year", phone="+1 512 555 0106", email="jordan.hayes@example.org", location="Austin, TX",
         links=["github.com/jhayes-sre"], years=6,
         titles=["Site Reliability Engineer", "Cloud Engineer", "Linux Administrator"],
         skills=["Kubernetes", "Terraform", "AWS", "GCP", "Linux", "Prometheus", "Grafana", "Python",
                 "Go", "Helm", "PagerDuty", "CI/CD", "Docker"]),
    dict(name="Fatima Idrissi", prof="nurse", fmt="pdf", layout="right", font="Courier", pages=1,
         dates="num", phone="713-555-0152", email="fatima.idrissi@example.com", location="Houston, TX",
         links=[], years=4,
         titles=["Critical Care Nurse", "Registered Nurse – Telemetry"],
         skills=["Patient Care", "Critical Care", "BLS Certification", "ACLS Certification",
                 "IV Therapy", "Telemetry", "Cerner", "Medication Administration", "Ventilator Management"]),
    dict(name="Connor Walsh", prof="accountant", fmt="pdf", layout="single", font="Helvetica", pages=2,
         dates="long", phone="(612) 555-0174", email="connor.walsh@example.com", location="Minneapolis, MN",
         links=["linkedin.com/in/connorwalshcpa"], years=6,
         titles=["Senior Accountant", "Senior Audit Associate", "Audit Associate"],
         skills=["CPA", "GAAP", "Excel", "Month-End Close", "Financial Reporting", "SAP", "Audit",
                 "Account Reconciliation", "Forecasting", "Tax Preparation"]),
    dict(name="Leah Goldstein", prof="marketing", fmt="docx", layout="docx_grid", font="Arial", pages=1,
         dates="mon", phone="917.555.0139", email="leah.goldstein@example.net", location="New York, NY",
         links=["linkedin.com/in/leahgoldstein"], years=8,
         titles=["Marketing Manager", "Digital Marketing Specialist", "Marketing Assistant"],
         skills=["Marketing Automation", "HubSpot", "Email Marketing", "Google Ads", "SEM",
                 "A/B Testing", "Google Analytics", "Brand Strategy", "Adobe Creative Suite", "Mailchimp"]),
    dict(name="Diego Morales", prof="java", fmt="pdf", layout="left", font="Helvetica", pages=1,
         dates="mon", phone="(213) 555-0128", email="diego.morales@example.com", location="Los Angeles, CA",
         links=["linkedin.com/in/diegomorales-dev"], years=10,
         titles=["Lead Software Engineer", "Senior Java Developer", "Java Developer", "Junior Developer"],
         skills=["Java", "Spring Boot", "Microservices", "Kubernetes", "Docker", "Kafka", "Gradle",
                 "PostgreSQL", "Python", "AWS", "Jenkins"]),
    dict(name="Amara Nwosu", prof="sales", fmt="pdf", layout="right", font="Times", pages=1,
         dates="long", phone="+44 161 496 0752", email="amara.nwosu@example.net", location="Manchester, UK",
         links=["linkedin.com/in/amaranwosu"], years=5,
         titles=["Key Account Manager", "Sales Executive"],
         skills=["Account Management", "Salesforce", "Negotiation", "Customer Retention", "B2B Sales",
                 "Pipeline Management", "Excel"]),
    dict(name="Henry Lindqvist", prof="backend", fmt="pdf", layout="single", font="Helvetica", pages=1,
         dates="num", phone="608-555-0145", email="henry.lindqvist@example.com", location="Madison, WI",
         links=["github.com/hlindqvist"], years=1.5,
         titles=["Software Engineer", "Software Engineering Intern"],
         skills=["Python", "Flask", "PostgreSQL", "SQL", "Docker", "Git", "Linux", "REST APIs"]),
    dict(name="Zoe Carter", prof="frontend", fmt="pdf", layout="left", font="Times", pages=1,
         dates="mon", phone="(718) 555-0166", email="zoe.carter@example.org", location="Brooklyn, NY",
         links=["github.com/zoecarter", "linkedin.com/in/zoe-carter-ui"], years=4.5,
         titles=["Frontend Engineer", "UI Developer"],
         skills=["React", "TypeScript", "JavaScript", "Next.js", "CSS", "Tailwind CSS", "HTML", "Jest",
                 "Node.js", "Accessibility"]),
    dict(name="Arjun Mehta", prof="pm", fmt="pdf", layout="single", font="Courier", pages=1,
         dates="year", phone="+1 312 555 0198", email="arjun.mehta@example.com", location="Chicago, IL",
         links=[], years=8, ended=(2024, 11),
         titles=["Technical Project Manager", "Project Manager", "Business Analyst"],
         skills=["Project Management", "PMP", "Agile", "Jira", "Risk Management", "Budgeting",
                 "Vendor Management", "MS Project", "Stakeholder Management"]),
]


# --------------------------------------------------------------------------
# Building the resume content (format-independent)
# --------------------------------------------------------------------------

@dataclass
class Job:
    title: str
    employer: str
    start: tuple[int, int]
    end: tuple[int, int] | None
    bullets: list[str]
    city: str | None = None


@dataclass
class Resume:
    index: int
    file: str
    spec: dict
    jobs: list[Job]
    education: list[dict]
    summary: str | None
    certifications: list[str]
    projects: list[tuple[str, str]]
    headings: dict[str, str]
    extras: dict = field(default_factory=dict)


def _mentions(text: str, skill: str) -> bool:
    """True if ``skill`` is written in ``text`` (case-sensitive for short names like Go, R, SQL)."""
    flags = 0 if len(skill) <= 3 else re.IGNORECASE
    return re.search(r"(?<![\w./+-])" + re.escape(skill) + r"(?![\w+#-])", text, flags) is not None


def _bullet_tags(text: str, prof: dict) -> set[str]:
    tags = {s for s in prof["pool"] if _mentions(text, s)}
    for alias, skill in prof.get("tags", {}).items():
        if _mentions(text, alias):
            tags.add(skill)
    return tags


def _fill(rng: random.Random, template: str) -> str:
    lo = rng.randint(35, 58)
    return template.format(
        n=rng.randint(4, 40), pct=rng.randint(18, 62), k=rng.randint(2, 6), lo=lo,
        hi=rng.randint(80, 93), beds=rng.choice([12, 16, 20, 24, 28, 32]), m=rng.randint(2, 18),
        hosts=rng.choice([60, 120, 200, 350, 400]), d1=rng.randint(8, 12), d2=rng.randint(4, 6),
        sat=rng.randint(88, 97), quota=rng.randint(104, 141), small=rng.randint(5, 12),
    )


def _month_index(ym: tuple[int, int]) -> int:
    return ym[0] * 12 + ym[1] - 1


def _from_index(i: int) -> tuple[int, int]:
    return (i // 12, i % 12 + 1)


def build_jobs(rng: random.Random, spec: dict, prof: dict) -> list[Job]:
    titles = spec["titles"]
    n = len(titles)
    end = _month_index(spec.get("ended", AS_OF))
    total = round(spec["years"] * 12)
    weights = [rng.uniform(0.7, 1.4) for _ in range(n)]
    spans = [max(5, round(total * w / sum(weights))) for w in weights]
    employers = rng.sample(prof["employers"], n)
    eligible = [b for b in prof["bullets"] if _bullet_tags(b, prof) <= set(spec["skills"])]
    rng.shuffle(eligible)
    skill_rich = [b for b in eligible if _bullet_tags(b, prof)]
    generic = [b for b in eligible if not _bullet_tags(b, prof)]
    pool = skill_rich + generic  # skill bullets first, generic ones to top up
    if spec["pages"] == 2:
        wants = [5, 4, 4, 3]
    else:
        wants = {1: [4], 2: [4, 4], 3: [4, 3, 2]}.get(n, [3, 3, 2, 2])
    jobs: list[Job] = []
    cursor = end
    for i, title in enumerate(titles):
        start = cursor - spans[i]
        count = wants[i]
        bullets = [_fill(rng, pool.pop(0)) for _ in range(min(count, len(pool)))]
        jobs.append(Job(
            title=title, employer=employers[i], start=_from_index(start),
            end=None if (i == 0 and "ended" not in spec) else _from_index(cursor),
            bullets=bullets, city=spec["location"] if i == 0 else None,
        ))
        cursor = start - rng.choice([0, 0, 1, 1, 2, 3])
    return jobs


def build_education(rng: random.Random, spec: dict, prof: dict, career_start: int) -> list[dict]:
    country = _country(spec)
    schools = {"UK": SCHOOLS_UK, "CA": SCHOOLS_CA}.get(country, SCHOOLS_US)
    long_form = rng.random() < 0.5
    degree = rng.choice(prof["degrees"])
    if country == "UK" and degree[1] in ("B.S.", "B.A."):
        degree = (degree[0], "BSc" if degree[1] == "B.S." else "BA", degree[2])
    grad = career_start - rng.choice([0, 0, 1])
    entries = []
    if prof["masters"] and spec["years"] >= 5 and rng.random() < 0.45:
        m = rng.choice(prof["masters"])
        entries.append({"degree": m[0] if long_form else m[1], "field": m[2],
                        "school": rng.choice(schools), "year": grad + rng.randint(2, 4)})
    school = rng.choice([s for s in schools if all(e["school"] != s for e in entries)])
    entries.append({"degree": degree[0] if long_form else degree[1], "field": degree[2],
                    "school": school, "year": grad})
    return entries


def _country(spec: dict) -> str:
    if spec["location"].endswith("UK"):
        return "UK"
    if spec["location"][-2:] in ("ON", "BC", "QC"):
        return "CA"
    return "US"


def build_resume(index: int, spec: dict) -> Resume:
    rng = random.Random(SEED * 100 + index)
    prof = PROFESSIONS[spec["prof"]]
    slug = re.sub(r"[^a-z]+", "_", spec["name"].lower().replace("ó", "o")).strip("_")
    ext = "pdf" if spec["fmt"] == "pdf" else "docx"
    jobs = build_jobs(rng, spec, prof)
    education = build_education(rng, spec, prof, jobs[-1].start[0])
    two_pages = spec["pages"] == 2
    skills = spec["skills"]
    summary = None
    if two_pages or rng.random() < 0.6:
        summary = rng.choice(prof["summaries"]).format(
            years=int(spec["years"]) if spec["years"] >= 2 else "1+", title=jobs[0].title,
            s1=skills[0], s2=skills[1], s3=skills[2])
        summary = summary[0].upper() + summary[1:]
    certs = [c for c, need in prof["certs"] if need in skills]
    if not two_pages and len(certs) > 2:
        certs = certs[:2]
    projects = [p for p in prof["projects"] if _bullet_tags(p[1], prof) <= set(skills)]
    if not (two_pages or rng.random() < 0.4):
        projects = []
    projects = projects[:3 if two_pages else 2]
    skills_key = "tech_skills" if spec["prof"] in TECHNICAL else "skills"
    headings = {
        "summary": rng.choice(HEADINGS["summary"]),
        "experience": rng.choice(HEADINGS["experience"]),
        "education": rng.choice(HEADINGS["education"]),
        "skills": rng.choice(HEADINGS[skills_key]) if spec["prof"] != "nurse"
        else rng.choice(["Clinical Skills", "Skills", "Core Competencies"]),
        "certifications": rng.choice(HEADINGS["certifications"]),
        "projects": rng.choice(HEADINGS["projects"]),
        "contact": rng.choice(HEADINGS["contact"]),
    }
    extras = {
        "upper_headings": rng.random() < 0.45,
        "rule": rng.choice(["below", "above", "none"]),
        "accent": rng.choice(["#1f3a5f", "#0f5e5a", "#333333", "#000000", "#6b2d2d"]),
        "name_size": rng.choice([18, 20, 22, 24, 26]),
        "contact_style": rng.choice(["centered", "left", "stacked"]),
        "skills_style": rng.choice(["comma", "bullets", "pipes", "table"]),
        "job_style": rng.choice(["table", "inline", "employer_first"]),
        "bullet_char": rng.choice(["•", "–", "•", "-"]),
        "edu_style": rng.choice(["two_line", "school_first", "inline"]),
        "name_place": rng.choice(["main", "banner", "sidebar"]),
        "sidebar_bg": rng.random() < 0.5,
        "headline": rng.random() < 0.6,
        "sep": rng.choice([" | ", "  ·  ", "  •  ", "   "]),
        # full https:// links do not fit a narrow sidebar, so only single-column layouts use them
        "link_prefix": rng.random() < 0.45 and spec["layout"] not in ("left", "right"),
    }
    return Resume(index=index, file=f"{index:02d}_{slug}.{ext}", spec=spec, jobs=jobs,
                  education=education, summary=summary, certifications=certs,
                  projects=projects, headings=headings, extras=extras)


# ---- formatting helpers ---------------------------------------------------

def fmt_date(ym: tuple[int, int] | None, style: str) -> str:
    if ym is None:
        return {"mon": "Present", "num": "Present", "year": "Present", "long": "Present"}[style]
    y, m = ym
    if style == "mon":
        return f"{MONTHS[m - 1][:3]} {y}"
    if style == "num":
        return f"{m:02d}/{y}"
    if style == "year":
        return str(y)
    return f"{MONTHS[m - 1]} {y}"


def fmt_range(job: Job, style: str) -> str:
    sep = {"mon": " – ", "num": " - ", "year": " – ", "long": " to "}[style]
    return fmt_date(job.start, style) + sep + fmt_date(job.end, style)


def gt_date(ym: tuple[int, int] | None, style: str) -> str | None:
    if ym is None:
        return None
    return str(ym[0]) if style == "year" else f"{ym[0]:04d}-{ym[1]:02d}"


def printed_links(r: Resume) -> list[str]:
    return [("https://" + link) if r.extras["link_prefix"] else link for link in r.spec["links"]]


def heading_text(r: Resume, key: str) -> str:
    text = r.headings[key]
    return text.upper() if r.extras["upper_headings"] else text


def edu_line(e: dict, style: str) -> list[str]:
    if style == "two_line":
        return [f"{e['degree']} in {e['field']}", f"{e['school']}, {e['year']}"]
    if style == "school_first":
        return [f"{e['school']} — {e['degree']}, {e['field']} ({e['year']})"]
    return [f"{e['degree']}, {e['field']} | {e['school']} | {e['year']}"]


def ground_truth(r: Resume) -> dict:
    spec = r.spec
    number = phonenumbers.parse(spec["phone"], "US")
    style = spec["dates"]
    return {
        "file": r.file,
        "name": spec["name"],
        "email": spec["email"],
        "phone_raw": spec["phone"],
        "phone_e164": phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        "links": printed_links(r),
        "location": spec["location"],
        "experience": [
            {"title": j.title, "employer": j.employer, "start": gt_date(j.start, style),
             "end": gt_date(j.end, style), "current": j.end is None}
            for j in r.jobs
        ],
        "education": [dict(e) for e in r.education],
        "skills": list(spec["skills"]),
        "profession": spec["prof"],
    }


# --------------------------------------------------------------------------
# PDF rendering (reportlab platypus)
# --------------------------------------------------------------------------

FONTS = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique"),
}


class Styles:
    def __init__(self, r: Resume, compact: bool):
        regular, bold, italic = FONTS[r.spec["font"]]
        self.regular, self.bold, self.italic = regular, bold, italic
        base = 10.2 if r.spec["font"] != "Courier" else 9.0
        if compact:
            base -= 0.6
        if r.spec["pages"] == 2:
            base += 0.6
        self.base = base
        accent = colors.HexColor(r.extras["accent"])
        self.accent = accent
        spacing = 1.42 if r.spec["pages"] == 2 else 1.3
        common = dict(fontName=regular, fontSize=base, leading=base * spacing, splitLongWords=0)
        self.body = ParagraphStyle("body", **common)
        self.small = ParagraphStyle("small", **{**common, "fontSize": base - 0.5,
                                                "leading": (base - 0.5) * 1.35})
        self.right = ParagraphStyle("right", **{**common, "alignment": TA_RIGHT})
        self.bullet = ParagraphStyle("bullet", **common, leftIndent=11, bulletIndent=2,
                                     spaceAfter=1)
        name_size = r.extras["name_size"] - (2 if r.spec["font"] == "Courier" else 0)
        align = TA_CENTER if r.extras["contact_style"] == "centered" else TA_LEFT
        self.name = ParagraphStyle("name", fontName=bold, fontSize=name_size,
                                   leading=name_size * 1.15, textColor=accent, alignment=align,
                                   spaceAfter=2, splitLongWords=0)
        self.headline = ParagraphStyle("headline", **{**common, "fontName": italic,
                                                      "fontSize": base + 1.5, "alignment": align})
        self.contact = ParagraphStyle("contact", **{**common, "alignment": align})
        self.heading = ParagraphStyle("heading", fontName=bold, fontSize=base + 2.5,
                                      leading=(base + 2.5) * 1.2, textColor=accent,
                                      spaceBefore=9, spaceAfter=3, splitLongWords=0)
        self.side_heading = ParagraphStyle("side_heading", parent=self.heading,
                                           fontSize=base + 1.5, spaceBefore=8)


def _p(text: str, style: ParagraphStyle, markup: bool = False) -> Paragraph:
    return Paragraph(text if markup else escape(text), style)


def pdf_heading(r: Resume, st: Styles, key: str, width: float, side: bool = False) -> list:
    style = st.side_heading if side else st.heading
    items = []
    rule = r.extras["rule"]
    if rule == "above":
        items.append(HRFlowable(width="100%", thickness=0.8, color=st.accent, spaceBefore=6,
                                spaceAfter=0))
    items.append(_p(heading_text(r, key), style))
    if rule == "below":
        items.append(HRFlowable(width="100%", thickness=0.6, color=st.accent, spaceBefore=0,
                                spaceAfter=3))
    for item in items:  # never leave a heading alone at the bottom of a page
        item.keepWithNext = 1
    return items


def pdf_contact(r: Resume, st: Styles, stacked: bool) -> list:
    spec = r.spec
    links = printed_links(r)
    if stacked:
        lines = [spec["location"], spec["phone"], spec["email"], *links]
        return [_p(line, st.small) for line in lines]
    sep = escape(r.extras["sep"]).replace("  ", "&nbsp; ")
    first = sep.join(escape(x) for x in [spec["email"], spec["phone"], spec["location"]])
    out = [_p(first, st.contact, markup=True)]
    if links:
        out.append(_p(sep.join(escape(x) for x in links), st.contact, markup=True))
    return out


def pdf_name_block(r: Resume, st: Styles, with_contact: bool, width: float) -> list:
    items = [_p(r.spec["name"], st.name)]
    if r.extras["headline"]:
        items.append(_p(r.jobs[0].title, st.headline))
    if with_contact:
        stacked = r.extras["contact_style"] == "stacked"
        items.append(Spacer(1, 3))
        items += pdf_contact(r, st, stacked)
    items.append(Spacer(1, 4))
    return items


def pdf_skills(r: Resume, st: Styles, width: float, side: bool) -> list:
    skills = r.spec["skills"]
    style = r.extras["skills_style"]
    if side:  # one skill per line: a narrow column would otherwise break names in two
        ch = r.extras["bullet_char"] if style == "bullets" else None
        return [Paragraph(escape(s), st.small, bulletText=ch) if ch else _p(s, st.small)
                for s in skills]
    if style == "comma":
        return [_p(", ".join(skills), st.body)]
    if style == "pipes":
        return [_p("  |  ".join(skills), st.body)]
    if style == "bullets":
        ch = r.extras["bullet_char"]
        if side:
            return [Paragraph(escape(s), st.small, bulletText=ch) for s in skills]
        cols = 3
        rows = [skills[i:i + cols] for i in range(0, len(skills), cols)]
        data = [[Paragraph(escape(s), st.body, bulletText=ch) for s in row] +
                [""] * (cols - len(row)) for row in rows]
        table = Table(data, colWidths=[width / cols] * cols)
        table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 10),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        return [table]
    cols = 4
    rows = [skills[i:i + cols] for i in range(0, len(skills), cols)]
    data = [[_p(s, st.body) for s in row] + [""] * (cols - len(row)) for row in rows]
    table = Table(data, colWidths=[width / cols] * cols)
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return [table]


def pdf_job(r: Resume, st: Styles, job: Job, width: float) -> list:
    dates = fmt_range(job, r.spec["dates"])
    style = r.extras["job_style"]
    b, i = st.bold, st.italic
    head: list = []
    if style == "table":
        left = _p(f'<font name="{b}">{escape(job.title)}</font>, {escape(job.employer)}', st.body, True)
        date_w = stringWidth(dates, st.regular, st.base) + 8
        table = Table([[left, _p(dates, st.right)]], colWidths=[width - date_w, date_w])
        table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        head.append(table)
    elif style == "inline":
        head.append(_p(f'<font name="{b}">{escape(job.title)}</font> | {escape(job.employer)} | '
                       f'{escape(dates)}', st.body, True))
    else:
        where = f" — {escape(job.city)}" if job.city else ""
        head.append(_p(f'<font name="{b}">{escape(job.employer)}</font>{where}', st.body, True))
        head.append(_p(f'<font name="{i}">{escape(job.title)}</font>, {escape(dates)}', st.body, True))
    bullets = [Paragraph(escape(t), st.bullet, bulletText=r.extras["bullet_char"]) for t in job.bullets]
    return [KeepTogether(head + bullets[:1]), *bullets[1:], Spacer(1, 5)]


def pdf_main_sections(r: Resume, st: Styles, width: float, include: set[str]) -> list:
    story: list = []
    if r.summary and "summary" in include:
        story += pdf_heading(r, st, "summary", width)
        story.append(_p(r.summary, st.body))
    story += pdf_heading(r, st, "experience", width)
    for job in r.jobs:
        story += pdf_job(r, st, job, width)
    if r.projects and "projects" in include:
        story += pdf_heading(r, st, "projects", width)
        for name, desc in r.projects:
            story.append(Paragraph(f'<font name="{st.bold}">{escape(name)}</font> — {escape(desc)}',
                                   st.bullet, bulletText=r.extras["bullet_char"]))
    if "education" in include:
        story += pdf_heading(r, st, "education", width)
        for e in r.education:
            for k, line in enumerate(edu_line(e, r.extras["edu_style"])):
                story.append(_p(line, st.body if k == 0 else st.small))
            story.append(Spacer(1, 3))
    if "skills" in include:
        story += pdf_heading(r, st, "skills", width)
        story += pdf_skills(r, st, width, side=False)
    if r.certifications and "certifications" in include:
        story += pdf_heading(r, st, "certifications", width)
        for c in r.certifications:
            story.append(Paragraph(escape(c), st.bullet, bulletText=r.extras["bullet_char"]))
    return story


def _page_count(doc: BaseDocTemplate) -> int:
    return doc.page


def render_pdf(r: Resume, path: Path) -> int:
    """Write ``r`` as a PDF and return its page count."""
    pagesize = A4 if _country(r.spec) == "UK" else LETTER
    page_w, page_h = pagesize
    margin = 0.7 * inch
    two_pages = r.spec["pages"] == 2
    force_break = False
    while True:
        st = Styles(r, compact=not two_pages and len(r.jobs) >= 3)
        buf = io.BytesIO()
        doc = BaseDocTemplate(
            buf, pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=margin,
            bottomMargin=margin, invariant=1, title=f"Resume – {r.spec['name']}",
            author=r.spec["name"], creator="Hotlist sample generator", subject="Sample resume",
        )
        full_w = page_w - 2 * margin
        full = Frame(margin, margin, full_w, page_h - 2 * margin, id="full",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        if r.spec["layout"] == "single":
            story = pdf_name_block(r, st, with_contact=True, width=full_w)
            story += pdf_main_sections(r, st, full_w, {"summary", "projects", "education",
                                                       "skills", "certifications"})
            doc.addPageTemplates([PageTemplate(id="page", frames=[full])])
        else:
            story = _sidebar_story(r, st, doc, pagesize, margin, full)
        if force_break:
            idx = _tail_index(story, r, st)
            story.insert(idx, PageBreak())
        doc.build(story)
        pages = _page_count(doc)
        if two_pages and pages < 2 and not force_break:
            r.extras["forced_break"] = True
            force_break = True
            continue
        break
    if pages != r.spec["pages"]:
        raise RuntimeError(f"{r.file}: {pages} pages, expected {r.spec['pages']}")
    path.write_bytes(buf.getvalue())
    return pages


def _tail_index(story: list, r: Resume, st: Styles) -> int:
    """Index of the last 'projects' or 'education' heading, where a forced page break goes."""
    wanted = {heading_text(r, "projects"), heading_text(r, "education")}
    found = [i for i, f in enumerate(story)
             if isinstance(f, Paragraph) and f.style.name == "heading" and f.getPlainText() in wanted]
    idx = found[0]
    if idx > 0 and isinstance(story[idx - 1], HRFlowable):
        idx -= 1
    return idx


def _sidebar_story(r: Resume, st: Styles, doc: BaseDocTemplate, pagesize, margin: float,
                   full: Frame) -> list:
    page_w, page_h = pagesize
    side_w = 2.15 * inch
    gap = 0.35 * inch
    main_w = page_w - 2 * margin - side_w - gap
    left = r.spec["layout"] == "left"
    side_x = margin if left else margin + main_w + gap
    main_x = margin + side_w + gap if left else margin
    place = r.extras["name_place"]
    banner_h = 0.95 * inch if place == "banner" else 0
    body_h = page_h - 2 * margin - banner_h
    pad = 6 if r.extras["sidebar_bg"] else 0
    frames = []
    if banner_h:
        frames.append(Frame(margin, page_h - margin - banner_h, page_w - 2 * margin, banner_h,
                            id="banner", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0))
    side = Frame(side_x, margin, side_w, body_h, id="side", leftPadding=pad, rightPadding=pad,
                 topPadding=pad, bottomPadding=0)
    main = Frame(main_x, margin, main_w, body_h, id="main", leftPadding=0, rightPadding=0,
                 topPadding=0, bottomPadding=0)
    frames += [side, main]

    def paint_sidebar(canvas, _doc):
        if r.extras["sidebar_bg"]:
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef1f4"))
            canvas.rect(side_x - 2, margin - 6, side_w + 4, body_h + 6, stroke=0, fill=1)
            canvas.restoreState()

    doc.addPageTemplates([
        PageTemplate(id="first", frames=frames, onPage=paint_sidebar),
        PageTemplate(id="later", frames=[full]),
    ])
    inner = side_w - 2 * pad
    story: list = [NextPageTemplate("later")]
    if place == "banner":
        story += pdf_name_block(r, st, with_contact=False, width=page_w - 2 * margin)
        story.append(FrameBreak())
    elif place == "sidebar":
        size = st.name.fontSize - 4  # shrink the name until it fits the sidebar on one line
        while stringWidth(r.spec["name"], st.bold, size) > side_w - 2 * pad:
            size -= 1
        story.append(_p(r.spec["name"], ParagraphStyle("side_name", parent=st.name,
                                                       fontSize=size, leading=size * 1.15,
                                                       alignment=TA_LEFT)))
        if r.extras["headline"]:
            story.append(_p(r.jobs[0].title, ParagraphStyle("side_hl", parent=st.headline,
                                                            alignment=TA_LEFT, fontSize=st.base)))
    for text in [r.spec["email"], *printed_links(r)]:
        if stringWidth(text, st.regular, st.small.fontSize) > inner:
            raise RuntimeError(f"{r.file}: {text!r} does not fit in the sidebar")
    story += pdf_heading(r, st, "contact", inner, side=True)
    story += pdf_contact(r, st, stacked=True)
    story += pdf_heading(r, st, "skills", inner, side=True)
    story += pdf_skills(r, st, inner, side=True)
    if r.certifications:
        story += pdf_heading(r, st, "certifications", inner, side=True)
        story += [_p(c, st.small) for c in r.certifications]
    story.append(FrameBreak())
    if place == "main":
        story += pdf_name_block(r, st, with_contact=False, width=main_w)
    story += pdf_main_sections(r, st, main_w, {"summary", "projects", "education"})
    return story


# --------------------------------------------------------------------------
# DOCX rendering (python-docx), re-zipped with fixed timestamps
# --------------------------------------------------------------------------

def _docx_setup(r: Resume) -> Document:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = r.spec["font"]
    normal.font.size = Pt(10.5)
    cp = doc.core_properties
    cp.author = r.spec["name"]
    cp.title = f"Resume – {r.spec['name']}"
    cp.last_modified_by = r.spec["name"]
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1
    cp.comments = "Invented sample resume for Hotlist"
    for section in doc.sections:
        section.left_margin = section.right_margin = Pt(54)
        section.top_margin = section.bottom_margin = Pt(48)
    return doc


def _docx_bullets(container, r: Resume, items: list[str], manual: bool) -> None:
    for text in items:
        if manual:
            container.add_paragraph(f"{r.extras['bullet_char']} {text}")
        else:
            container.add_paragraph(text, style="List Bullet")


def _docx_job(container, r: Resume, job: Job, manual: bool) -> None:
    dates = fmt_range(job, r.spec["dates"])
    p = container.add_paragraph()
    if r.extras["job_style"] == "employer_first":
        p.add_run(job.employer).bold = True
        q = container.add_paragraph()
        q.add_run(job.title).italic = True
        q.add_run(f"\t{dates}")
    else:
        p.add_run(job.title).bold = True
        p.add_run(f", {job.employer}\t{dates}")
    _docx_bullets(container, r, job.bullets, manual)


def _docx_heading(container, r: Resume, key: str, mode: str) -> None:
    text = heading_text(r, key)
    if mode == "style":
        container.add_heading(text, level=1)
    elif mode == "style2":
        container.add_heading(text, level=2)
    else:
        p = container.add_paragraph()
        run = p.add_run(text.upper())
        run.bold = True
        run.font.size = Pt(12)


def render_docx(r: Resume, path: Path) -> None:
    doc = _docx_setup(r)
    layout = r.spec["layout"]
    spec = r.spec
    links = printed_links(r)
    manual = layout == "docx_plain"
    mode = {"docx_classic": "style", "docx_table": "style2", "docx_plain": "bold",
            "docx_grid": "style2"}[layout]

    if layout in ("docx_classic", "docx_grid", "docx_plain"):
        if layout == "docx_classic":
            doc.add_paragraph(spec["name"], style="Title")
        else:
            p = doc.add_paragraph()
            run = p.add_run(spec["name"])
            run.bold = True
            run.font.size = Pt(22 if layout == "docx_grid" else 18)
            if layout == "docx_grid":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        contact = r.extras["sep"].join([spec["location"], spec["phone"], spec["email"], *links])
        p = doc.add_paragraph(contact)
        if layout == "docx_grid":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if r.summary:
            _docx_heading(doc, r, "summary", mode)
            doc.add_paragraph(r.summary)
        if layout == "docx_grid":
            _docx_heading(doc, r, "skills", mode)
            cols = 3
            rows = [spec["skills"][i:i + cols] for i in range(0, len(spec["skills"]), cols)]
            table = doc.add_table(rows=len(rows), cols=cols)
            for row, names in zip(table.rows, rows):
                for cell, name in zip(row.cells, names):
                    cell.text = name
        _docx_heading(doc, r, "experience", mode)
        for job in r.jobs:
            _docx_job(doc, r, job, manual)
        _docx_heading(doc, r, "education", mode)
        for e in r.education:
            for line in edu_line(e, r.extras["edu_style"]):
                doc.add_paragraph(line)
        if layout != "docx_grid":
            _docx_heading(doc, r, "skills", mode)
            doc.add_paragraph(", ".join(spec["skills"]))
        if r.certifications:
            _docx_heading(doc, r, "certifications", mode)
            _docx_bullets(doc, r, r.certifications, manual)
    else:  # docx_table: name on top, then a two-column table (sidebar left)
        p = doc.add_paragraph()
        run = p.add_run(spec["name"])
        run.bold = True
        run.font.size = Pt(20)
        table = doc.add_table(rows=1, cols=2)
        side, main = table.rows[0].cells
        side.width, main.width = Pt(160), Pt(340)
        side.paragraphs[0].add_run(heading_text(r, "contact")).bold = True
        for line in [spec["location"], spec["phone"], spec["email"], *links]:
            side.add_paragraph(line)
        side.add_paragraph().add_run(heading_text(r, "skills")).bold = True
        for s in spec["skills"]:
            side.add_paragraph(s)
        main.paragraphs[0].add_run(heading_text(r, "experience")).bold = True
        for job in r.jobs:
            _docx_job(main, r, job, manual=False)
        main.add_paragraph().add_run(heading_text(r, "education")).bold = True
        for e in r.education:
            for line in edu_line(e, r.extras["edu_style"]):
                main.add_paragraph(line)
        if r.certifications:
            main.add_paragraph().add_run(heading_text(r, "certifications")).bold = True
            _docx_bullets(main, r, r.certifications, manual=False)

    raw = io.BytesIO()
    doc.save(raw)
    path.write_bytes(_normalise_zip(raw.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps so the bytes do not depend on the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------

def _check(r: Resume) -> None:
    number = phonenumbers.parse(r.spec["phone"], "US")
    if not phonenumbers.is_valid_number(number):
        raise RuntimeError(f"{r.file}: phone {r.spec['phone']!r} is not valid")
    domain = r.spec["email"].split("@")[1]
    if not re.fullmatch(r"example\.(com|org|net)", domain):
        raise RuntimeError(f"{r.file}: email must use an example domain")
    for job in r.jobs:
        if len(job.bullets) < 2:
            raise RuntimeError(f"{r.file}: too few bullets for {job.title}")


def generate(out: Path) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    resumes = [build_resume(i, spec) for i, spec in enumerate(CANDIDATES, start=1)]
    names = {r.file for r in resumes}
    for stale in out.iterdir():
        if OUTPUT_NAME.match(stale.name) and stale.name not in names:
            stale.unlink()
    truth = []
    for r in resumes:
        _check(r)
        if r.spec["fmt"] == "pdf":
            pages = render_pdf(r, out / r.file)
        else:
            render_docx(r, out / r.file)
            pages = None
        r.extras["pages"] = pages
        truth.append(ground_truth(r))
    (out / "ground_truth.json").write_text(
        json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    by_prof = Counter(r.spec["prof"] for r in resumes)
    by_layout = Counter(f"{r.spec['layout']}/{r.spec['font']}" for r in resumes)
    two = sum(1 for r in resumes if r.extras["pages"] == 2)
    forced = [r.file for r in resumes if r.extras.get("forced_break")]
    print(f"wrote {len(resumes)} resumes + ground_truth.json to {out}")
    print("  by profession: " + ", ".join(f"{k}={v}" for k, v in sorted(by_prof.items())))
    print("  by layout/font: " + ", ".join(f"{k}={v}" for k, v in sorted(by_layout.items())))
    print(f"  two-page PDFs: {two} (explicit page break in {len(forced)})")
    return truth


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"output directory (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    generate(args.out)


if __name__ == "__main__":
    main()
