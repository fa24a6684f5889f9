"""Rules of the work-history reader that keep description, study and labels out of job entries.

Every resume text here is synthetic (made-up people and companies).
"""

from __future__ import annotations

from hotlist.pipeline.parse.experience import parse_experience
from hotlist.pipeline.parse.job_header import assign, classify, headerish, label_line, label_only
from hotlist.pipeline.types import Experience


def _jobs(text: str) -> list[tuple[str | None, str | None, str | None, str | None, bool]]:
    return [(e.title, e.employer, e.start, e.end, e.current) for e in parse_experience(text)]


# --- how far up a header reaches -------------------------------------------------------------------------


def test_title_line_above_two_names_is_read() -> None:
    """Two plain names ("Northwind, Blue Harbor Analytics") are not a header on their own when a
    job-title line sits just above them."""
    text = "Software Engineer\n\nNorthwind, Blue Harbor Analytics -\n\nJune 2015 to Present\n\nBuilt reports.\n"
    assert _jobs(text) == [("Software Engineer", "Northwind", "2015-06", None, True)]


def test_two_names_alone_still_make_a_header() -> None:
    text = "Built things.\n\nNorthwind, Blue Harbor Analytics\nJune 2015 to Present\n"
    jobs = _jobs(text)
    assert len(jobs) == 1 and jobs[0][2:] == ("2015-06", None, True)
    assert {jobs[0][0], jobs[0][1]} == {"Northwind", "Blue Harbor Analytics"}


def test_dash_only_line_between_header_and_dates() -> None:
    """A "-" left where an empty field was does not cut the title off from its dates."""
    text = (
        "Lead Engineer - Automation\n\nGranite Systems -\n\nJanuary 2014 to June 2015\n\n• Automated cases\n\n"
        "PROJECT Route Optimiser\nCLIENT Granite Systems\nORGANISATION Orchid Technologies Ltd\n\n"
        "Software Engineer - Automation\n\n-\n\nJune 2011 to December 2012\n\n• Automated cases\n"
    )
    jobs = _jobs(text)
    assert len(jobs) == 2
    assert jobs[1][0] == "Software Engineer" and jobs[1][2:] == ("2011-06", "2012-12", False)


def test_bottom_of_a_list_past_a_blank_line_is_not_a_header() -> None:
    text = (
        "Team Lead\n\nKestrel Freight Ltd -\n\nMarch 2016 to May 2018\n\n"
        "Key tasks: -\nBook the received orders\nPrepare the ageing report\nApply payments to accounts\n"
        "Reconcile ledger and customer accounts at month end\n\n"
        "Process Executive Kestrel\n\n-\n\nJuly 2013 to February 2016\n"
    )
    jobs = _jobs(text)
    assert jobs[1] == ("Process Executive Kestrel", None, "2013-07", "2016-02", False)


# --- dated lines that are description ------------------------------------------------------------------


def test_dated_line_finishing_a_bullet_is_not_a_job() -> None:
    text = (
        "Project Manager\n\nOrchid Systems -\n\nFebruary 2015 to Present\n\n"
        "- Led a team of twelve engineers and won the award for excellence in project\n"
        "delivery (2015 – 2016).\n"
    )
    assert _jobs(text) == [("Project Manager", "Orchid Systems", "2015-02", None, True)]


def test_dates_inside_a_wrapped_sentence_are_not_jobs() -> None:
    text = (
        "Software Engineer\n\nGranite Labs -  Austin, TX -\n\nAugust 2008 to January 2016\n\n"
        "Held three roles here, data developer (July 2013 – January, 2016), team lead and onsite\n"
        "coordinator (March, 2011 – June, 2013), report writer (January, 2010 – February, 2011),\n"
        "VBA developer (August, 2008 – December, 2009)\n"
    )
    assert _jobs(text) == [("Software Engineer", "Granite Labs", "2008-08", "2016-01", False)]


# --- labels, levels, study -----------------------------------------------------------------------------


def test_project_lead_is_a_title_not_the_label_project() -> None:
    assert not label_line("Project Lead")
    assert not label_line("Project Manager")
    assert label_line("Project Details")
    assert label_line("Project: Billing revamp")
    assert label_line("Role Developer")  # "Role" names what follows
    text = "Project Lead\n\nOrchid Systems -\n\nSeptember 1999 to August 2004\n"
    assert _jobs(text) == [("Project Lead", "Orchid Systems", "1999-09", "2004-08", False)]


def test_line_ending_with_colon_is_not_a_header() -> None:
    assert not headerish("Growth Path & Deputations:")
    text = (
        "Senior Manager\n\nOrchid Systems -\n\nMarch 2010 to May 2014\n\nGrowth Path & Deputations:\n\n"
        "Harbor County Records -  Salem, OR -\n\nFebruary 1996 to January 1997\n"
    )
    titles = [j[0] for j in _jobs(text)]
    assert "Growth Path & Deputations" not in titles


def test_line_closing_a_bracket_opened_above_is_not_a_header() -> None:
    assert not headerish("Switching Router)")
    assert headerish("1) Orchid Systems")
    assert headerish("Orchid Systems (Remote)")


def test_skill_levels_and_the_word_resume_are_not_titles() -> None:
    assert label_only("Expert") and label_only("Intermediate") and label_only("Resume")
    assert not label_only("Subject Matter Expert")
    assert classify(["Spreadsheet Suite - Expert"])[0] == ["Spreadsheet Suite"]


def test_trainer_is_a_job_title() -> None:
    assert assign(["Kestrel Learning", "Trainer - Core Banking"]) == ("Trainer - Core Banking", "Kestrel Learning")


def test_fragment_opening_with_a_preposition_is_prose() -> None:
    assert classify(["on network migration during intern"])[0] == []


def test_school_with_dates_but_no_role_is_study_not_a_job() -> None:
    text = (
        "Analyst\n\nOrchid Systems -\n\nAugust 2008 to April 2013\n\n• Tested portals\n\n"
        "Eastfield University\n\nSpringfield, Illinois -\n\nJuly 2004 to June 2008\n"
    )
    assert [j[1] for j in _jobs(text)] == ["Orchid Systems"]
    text = "Research Assistant\n\nEastfield University -\n\nJuly 2009 to June 2010\n"
    assert _jobs(text) == [("Research Assistant", "Eastfield University", "2009-07", "2010-06", False)]


# --- places and names ----------------------------------------------------------------------------------


def test_city_then_short_region_is_a_place() -> None:
    frags, location = classify(["Kestrel Logistics -  Pune, Western Zone -"])
    assert frags == ["Kestrel Logistics"] and location == "Pune, Western Zone"


def test_title_and_company_with_a_country_are_not_a_place() -> None:
    frags, location = classify(["System Engineer, Kestrel Technologies, India"])
    assert frags[0] == "System Engineer" and location != "System Engineer, Kestrel Technologies, India"


def test_a_name_is_preferred_to_a_lower_case_qualifier_as_employer() -> None:
    text = (
        "Team lead - supplier data management\n\nKestrel Freight -  Pune, Maharashtra -\n\n"
        "March 2014 to December 2016\n"
    )
    assert _jobs(text) == [("Team lead", "Kestrel Freight", "2014-03", "2016-12", False)]


def test_qualifier_is_joined_only_from_the_title_line() -> None:
    frags, _ = classify(["Analyst", "Harbor Trust, Orchid Services Ltd"])
    assert assign(frags) == ("Analyst", "Orchid Services Ltd")
    frags, _ = classify(["Registered Nurse – Step-Down Unit, Mercy Hospital"])
    assert assign(frags) == ("Registered Nurse – Step-Down Unit", "Mercy Hospital")
    frags, _ = classify(["Test Analyst at Harbor Trust, Orchid Services Ltd"])
    assert assign(frags)[0] == "Test Analyst"


# --- undated entries and repeats -----------------------------------------------------------------------


def test_label_heading_is_not_the_employer_of_an_undated_job() -> None:
    text = "• Tested builds\n\nROLES AND RESPONSIBILITIES\nLead Engineer - Automation\n• Wrote test plans\n"
    assert _jobs(text) == []


def test_lower_case_tail_of_a_sentence_is_not_an_undated_employer() -> None:
    text = (
        "Analyst\n\nOrchid Systems -\n\nJune 2009 to July 2012\n\n"
        "Worked with regional sales teams to review campaigns and\n"
        "optimize processes\n\nBusiness Analyst - Channel Support\n\n• Mapped the order flow\n"
    )
    assert [j[1] for j in _jobs(text)] == ["Orchid Systems"]


def test_same_title_same_start_written_twice_is_one_job() -> None:
    text = (
        "Backup Administrator\n\nGranite IT -\n\nMay 2015 to April 2018\n\n• Ran backups\n\n"
        "Backup Administrator\n\nGranite IT Services -\n\nMay 2015 to November 2017\n\n• Ran restores\n"
    )
    assert _jobs(text) == [("Backup Administrator", "Granite IT", "2015-05", "2018-04", False)]


def test_current_and_ended_versions_of_a_job_are_kept_apart() -> None:
    text = (
        "Consultant\n\nOrchid Systems -\n\nSeptember 2017 to Present\n\n• Did X\n\n"
        "Consultant\n\nOrchid Systems India -\n\nSeptember 2017 to April 2018\n\n• Did Y\n"
    )
    assert len(_jobs(text)) == 2


def test_entries_without_dates_are_never_merged() -> None:
    jobs = [Experience("Clerk", "Harbor Bank"), Experience("Cashier", "Orchid Mart")]
    from hotlist.pipeline.parse.experience import _merge_repeats

    assert len(_merge_repeats(jobs)) == 2


def test_job_line_that_opens_with_its_dates_is_kept_when_it_wraps() -> None:
    text = (
        "July 2013 – Present  Vice President Finance, Granite Communications Limited and its\n"
        "subsidiaries in three countries\n"
    )
    jobs = _jobs(text)
    assert len(jobs) == 1 and jobs[0][0] == "Vice President Finance" and jobs[0][2:] == ("2013-07", None, True)


def test_abbreviated_present_is_not_a_full_stop() -> None:
    """"2025.02–pres." ends in a dot, but the words before the dates do not end a sentence."""
    text = (
        "DATA SCIENCE INTERN at Granite Data Collective - (Leeds,\n"
        "England (Remote))   2025.02–pres.\n⋄ Built models\n"
    )
    jobs = _jobs(text)
    assert jobs == [("DATA SCIENCE INTERN", "Granite Data Collective", "2025-02", None, True)]


def test_header_wrapped_inside_brackets_is_one_line() -> None:
    text = (
        "Volunteer\nNSG (Network Safety Group)\n\n2016 – 2017\nHelped run events.\n\n"
        "Volunteer\nETSA (Electronics and Telecom\nAssociation)\n\n2014 – 2015\nRan a sports meet.\n"
    )
    jobs = _jobs(text)
    assert jobs[1] == ("Volunteer", "ETSA (Electronics and Telecom Association)", "2014", "2015", False)


def test_header_ending_in_an_abbreviation_after_unbulleted_lines_is_a_job() -> None:
    """"Granite Packaging Co." ends with a dot, but it names a company: the line is a header."""
    text = (
        "Account Manager, Orchid CRM\tJan 2021 – Apr 2023\n"
        "Presented product demos to buying committees and answered security questionnaires\n"
        "Sales Development Representative, Granite Packaging Co.\tApr 2018 – Dec 2020\n"
        "Coached new sales hires\n"
        "Cloud Engineer, Kestrel Sparrow Inc.\t2016 – 2018\n"
        "– Built monitoring with alerting\n"
    )
    jobs = _jobs(text)
    assert [j[1] for j in jobs] == ["Orchid CRM", "Granite Packaging Co.", "Kestrel Sparrow Inc."]
