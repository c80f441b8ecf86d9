"""Brightfield Software's Flexible Work, Leave and Benefits Policy
(``remote-and-leave-policy.docx``, ``remote-and-leave-policy.pdf``).

A US-style formal policy of a fictional mid-size software company, with
numbered clauses, a definitions table, a leave table with merged cells, a
policy-number header and a "Confidential" footer. The findings it should give
(and the sentences it must not be flagged for) are in ``expected.yaml``. The
content format is described in ``make_samples.py``.
"""

NAME = "remote-and-leave-policy"
AUTHOR = "Brightfield Software People Operations"
TITLE = "Flexible Work, Leave and Benefits Policy"
SUBTITLE = "Brightfield Software, Inc. \u00b7 Policy No. HR-207 \u00b7 Revision 3 \u00b7 Effective January 1, 2025"
HEADER_TEXT = "Brightfield Software, Inc.  |  Policy No. HR-207  |  Flexible Work, Leave and Benefits Policy"
HEADER_ALIGN = 2  # right
FOOTER_TEXT = "Confidential \u2013 Brightfield internal use only"
FONT = "Liberation Serif"
COVER_PAGE_BREAK = False

CONTENT: list[tuple] = [
    ("table", [
        ["Policy owner", "VP of People Operations"],
        ["Approved by", "Executive Leadership Team"],
        ["Applies to", "All employees of Brightfield Software, Inc. and its U.S. subsidiaries"],
        ["Effective date", "January 1, 2025 (replaces Revision 2 of March 1, 2023)"],
        ["Next review", "December 2025"],
    ], [1.6, 4.6], {"style": "Table Grid", "bold_first_column": True, "fill": "DCE6F1"}),

    ("h1", "1 Purpose and Scope"),
    ("clause", "1.1", "This Policy describes when and where Brightfield employees work, the paid and "
                      "unpaid leave available to them, and the benefits the Company provides. It applies "
                      "to all regular full-time and part-time employees in the United States. Temporary "
                      "workers and contractors are covered by the terms of their own agreements."),
    ("clause", "1.2", "Where federal, state or local law gives employees greater rights than this "
                      "Policy, the law applies. Nothing in this Policy creates a contract of employment "
                      "or changes the at-will nature of employment with the Company."),
    ("clause", "1.3", "Dana Ruiz, VP of People Operations, owns this Policy. Dana will present her "
                      "annual review of the Policy, including leave usage and the results of the "
                      "employee survey, to the Executive Leadership Team each March.{fn:This Policy was "
                      "approved by the Chairman of the Board on November 14, 2024, after review by "
                      "outside employment counsel.}"),

    ("h1", "2 Definitions"),
    ("p", "In this Policy, the following capitalized terms have the meanings set out below."),
    ("table", [
        ["Term", "Definition"],
        ["Company", "Brightfield Software, Inc. and its U.S. subsidiaries."],
        ["Employee", "A person on the Company's U.S. payroll, whether full-time or part-time. "
                     "Contractors and agency workers are not Employees."],
        ["Manager", "The person to whom an Employee reports directly, as shown in Workday."],
        ["Business Hours", "9:00 a.m. to 6:00 p.m. in the Employee's local time zone, Monday through "
                           "Friday, excluding Company holidays."],
        ["Hybrid Schedule", "A regular pattern of working partly from a Company office and partly from "
                            "home, agreed in writing under Section 3.2."],
        ["Immediate Family", "The Employee's legal spouse, children and parents only."],
        ["Primary Caregiver", "The parent with the main responsibility for a child's day-to-day care; a "
                              "birth mother is presumed to be the Primary Caregiver."],
        ["Secondary Caregiver", "Any other parent of the child."],
    ], [1.8, 4.4], {"style": "Table Grid", "bold_first_column": True, "bold_first_row": True, "fill": "DCE6F1"}),

    ("h1", "3 Working Hours and Flexible Work"),
    ("h2", "3.1 Working Hours"),
    ("clause", "3.1.1", "The standard workweek for full-time Employees is 40 hours. Non-exempt Employees "
                        "record all time worked in Workday and are paid overtime at one and a half times "
                        "their regular rate for hours over 40 in a workweek."),
    ("clause", "3.1.2", "All Employees must be at their desks from 9:00 a.m. to 6:00 p.m. in their local "
                        "time zone, Monday through Friday. Lunch is a paid 30-minute break taken at a time "
                        "agreed within the team."),
    ("clause", "3.1.3", "Managers are expected to remain reachable by phone and Slack after hours, on "
                        "weekends and while on vacation."),
    ("clause", "3.1.4", "Exempt Employees are expected to work evenings and weekends whenever a release "
                        "deadline requires it, and exempt salaries already reflect this."),
    ("clause", "3.1.5", "Our customers rely on us around the clock: the Brightfield Scheduler platform "
                        "must be available 24/7. Engineering therefore runs an on-call rotation for "
                        "production incidents. On-call shifts are voluntary and paid with a weekly "
                        "stipend, and no Employee is on call for more than one week in four."),
    ("clause", "3.1.6", "When an Employee needs to change his regular schedule, he should submit a "
                        "request in Workday at least two weeks in advance."),

    ("h2", "3.2 Remote and Hybrid Work"),
    ("clause", "3.2.1", "Brightfield supports hybrid work for roles that do not need to be performed on "
                        "site. If your role is eligible, you may work from home on up to two days each "
                        "week under a Hybrid Schedule agreed with your Manager."),
    ("clause", "3.2.2", "Remote work is not available to Engineering employees, who must work from the "
                        "Austin office five days a week."),
    ("clause", "3.2.3", "To be approved for a Hybrid Schedule, an Employee must:"),
    ("numbers", [
        "have completed the 90-day introductory period;",
        "have a private, quiet workspace and a reliable internet connection;",
        "follow the Information Security Policy, including the use of the VPN and a locked screen; and",
        "attend the office on the team's anchor day each week.",
    ]),
    ("clause", "3.2.4", "Employees with a disability, a health condition or caregiving responsibilities "
                        "may request remote work or a different schedule as a reasonable accommodation at "
                        "any time, including during the introductory period. These requests are decided "
                        "by People Operations, not by the Manager alone."),
    ("clause", "3.2.5", "The Company provides a laptop, a monitor, a headset and, on request, an "
                        "ergonomic chair for use at home. Home internet costs are reimbursed up to $50 a "
                        "month."),

    ("h2", "3.3 Working from Another Location"),
    ("clause", "3.3.1", "Employees may work from another U.S. state for up to 30 days a year with their "
                        "Manager's approval. Longer periods need People Operations approval because of "
                        "payroll tax and registration requirements."),
    ("clause", "3.3.2", "Working from outside the United States is available only to U.S. citizens, for "
                        "up to ten working days a year."),

    ("h1", "4 Leave"),
    ("h2", "4.1 Paid Time Off and Holidays"),
    ("clause", "4.1.1", "Full-time Employees accrue 20 days of paid time off (PTO) per year, rising to 25 "
                        "days after five years of service. Part-time Employees accrue PTO in proportion to "
                        "their scheduled hours. Up to five unused days carry over into the next year."),
    ("clause", "4.1.2", "The Company observes ten paid holidays each year. The office is closed on "
                        "Thanksgiving Day and Christmas Day, and every Employee also receives two floating "
                        "holidays to use for the religious or cultural days that matter to them."),

    ("h2", "4.2 Leave Entitlements"),
    ("p", "The table below summarizes the paid leave the Company provides. Leave runs concurrently with "
          "leave under the Family and Medical Leave Act and any state program where the law allows."),
    ("table", [
        ["Leave type", "Who is eligible", "Paid entitlement", "Notes"],
        ["Parental leave", "Primary Caregiver", "16 weeks at full pay",
         "Within 12 months of a birth, adoption or foster placement"],
        ["", "Secondary Caregiver", "2 weeks at full pay", "To be taken within 8 weeks of the birth or placement"],
        ["Pregnancy recovery leave", "Employees who give birth", "6 weeks (8 after a cesarean birth)",
         "Taken before parental leave; paid through short-term disability"],
        ["Bereavement leave", "All Employees", "5 days", "See Section 4.4"],
        ["Sick leave", "All Employees", "10 days a year",
         "For your own health or to care for anyone who depends on you"],
        ["Jury and witness duty", "All Employees", "Up to 10 days", "Show your summons to your Manager"],
        ["Leave that is not listed here may be requested under Section 4.5. Where state law provides "
         "more, the law applies.", "", "", ""],
    ], [1.5, 1.5, 1.5, 2.0], {"merge": [(1, 0, 2, 0), (7, 0, 7, 3)]}),

    ("h2", "4.3 Parental Leave"),
    ("clause", "4.3.1", "Parental leave is available to Employees who have completed six months of "
                        "service. The Primary Caregiver receives 16 weeks of paid parental leave and the "
                        "Secondary Caregiver receives two weeks."),
    ("clause", "4.3.2", "New mothers returning from maternity leave may work a reduced schedule of 30 "
                        "hours a week at full pay for their first four weeks back."),
    ("clause", "4.3.3", "Lactation rooms are available in both offices, and nursing Employees may take "
                        "the break time they need."),

    ("h2", "4.4 Bereavement Leave"),
    ("clause", "4.4.1", "Employees may take up to five days of paid bereavement leave on the death of a "
                        "member of their Immediate Family, and up to two days on the death of any other "
                        "relative."),
    ("clause", "4.4.2", "Managers may approve additional unpaid leave where travel or religious or "
                        "cultural practice requires it."),

    ("h2", "4.5 Other Leave"),
    ("clause", "4.5.1", "Employees may request unpaid leave of up to 12 weeks for reasons not covered "
                        "elsewhere, including study, volunteering or personal reasons. People Operations "
                        "reviews each request against published criteria and replies within ten business "
                        "days."),

    ("h1", "5 Benefits"),
    ("h2", "5.1 Health Insurance"),
    ("clause", "5.1.1", "Brightfield pays 90% of the premium for medical, dental and vision coverage. "
                        "Coverage is available to Employees, their spouses and their children up to age "
                        "26."),
    ("clause", "5.1.2", "Coverage starts on the first day of the month after your start date, and you "
                        "can change your elections within 30 days of a qualifying life event."),

    ("h2", "5.2 Retirement and Life Insurance"),
    ("clause", "5.2.1", "The Company matches 100% of 401(k) contributions up to 4% of eligible pay, and "
                        "the match vests immediately.{fn:Matching contributions are made each pay period. "
                        "The plan documents and fund information are available from the 401(k) provider's "
                        "website.}"),
    ("clause", "5.2.2", "Basic life insurance of two times annual salary is provided at no cost. You may "
                        "name your spouse or domestic partner, a relative, a friend or a trust as your "
                        "beneficiary."),

    ("h2", "5.3 Wellbeing"),
    ("clause", "5.3.1", "Our Employee Assistance Program offers free, confidential counseling and "
                        "financial and legal guidance to Employees and the members of their household."),
    ("clause", "5.3.2", "Each Employee receives a $600 annual wellbeing stipend for gym memberships, "
                        "fitness classes, therapy co-pays or mindfulness apps."),
    ("clause", "5.3.3", "Open enrollment each November is a good time for a quick sanity check of your "
                        "benefit elections."),

    ("h1", "6 Performance, Pay and Promotion"),
    ("h2", "6.1 Performance Reviews"),
    ("clause", "6.1.1", "Performance is reviewed twice a year against goals agreed at the start of each "
                        "half. Managers give written feedback and meet each Employee to discuss it."),
    ("clause", "6.1.2", "Ratings are then calibrated on a forced curve: in each department, 20% of "
                        "Employees are rated Exceeds, 70% Meets and 10% Below, and Employees rated Below "
                        "are placed on a performance improvement plan."),

    ("h2", "6.2 Compensation"),
    ("clause", "6.2.1", "Every role has a salary range, which is shown in internal job postings and in "
                        "Workday. Salaries are reviewed each April against market data."),
    ("clause", "6.2.2", "Compensation information is confidential. Employees may not discuss their "
                        "salary, bonus or equity with other Employees."),

    ("h2", "6.3 Promotion"),
    ("clause", "6.3.1", "Promotion cases are prepared by Managers each April and October and reviewed by "
                        "a calibration panel. Promotions are approved at the sole discretion of the "
                        "Executive Leadership Team."),
    ("clause", "6.3.2", "Candidates for promotion to Director and above are assessed on business "
                        "results, leadership potential and executive presence."),
    ("clause", "6.3.3", "Part-time Employees are not eligible for promotion to people-manager roles."),
    ("clause", "6.3.4", "The Company pays for job-related courses and certifications of up to $2,000 a "
                        "year, and every Employee has two learning days a year."),

    ("h1", "7 Raising Concerns and Disputes"),
    ("clause", "7.1", "Questions about this Policy should be directed to your Manager."),
    ("clause", "7.2", "If you believe that this Policy has been applied to you incorrectly, you must "
                      "submit a written request for review to your Manager within five business days of "
                      "the decision. Requests received after that will not be considered."),
    ("clause", "7.3", "Any dispute arising under this Policy, including a claim of discrimination or "
                      "harassment, will be resolved through confidential binding arbitration, and "
                      "Employees waive the right to bring such claims in court."),

    ("h1", "8 Policy Administration"),
    ("clause", "8.1", "People Operations reviews this Policy every year. Employees will receive at "
                      "least 30 days' notice of any material change, and the current version is always "
                      "available on the intranet."),
    ("clause", "8.2", "This Policy is available in English and Spanish, and in large print or as an "
                      "audio recording on request."),
    ("p", "The following documents are referenced in this Policy:"),
    ("bullets", [
        "Information Security Policy (IT-102)",
        "Reasonable Accommodation Procedure (HR-115)",
        "Family and Medical Leave Procedure (HR-208)",
        "Equal Employment Opportunity Statement (HR-101)",
    ]),
]
