"""The Northwind Logistics Employee Handbook (``handbook.docx``, ``handbook.pdf``).

A UK logistics company's general handbook, about 3,000 words. The sentences
that are exclusionary on purpose are listed in ``expected.yaml`` (and in
README.md); every other sentence should pass. The content format is described
in ``make_samples.py``.
"""

NAME = "handbook"
AUTHOR = "Northwind Logistics People Team"
TITLE = "Northwind Logistics Employee Handbook"
SUBTITLE = "Version 4.1, effective 1 March 2025. Owner: People Team."
HEADER_TEXT = "Northwind Logistics \u2014 Employee Handbook"
FOOTER_TEXT = "Northwind Logistics internal"

CONTENT: list[tuple] = [
    ("h1", "1 Welcome to Northwind Logistics"),
    ("p", "This handbook explains how we work together at Northwind Logistics: what you can "
          "expect from us, what we expect from you, and where to find help. It applies to "
          "everyone employed by Northwind Logistics Ltd in our head office, our three regional "
          "depots and our warehouse in Harlow. Contractors and agency staff follow the same "
          "standards of conduct, and their own agency explains their pay and leave."),
    ("p", "The handbook does not replace your contract of employment. Where the two differ, "
          "your contract applies. We review the handbook every year with the employee forum "
          "and publish the changes on the intranet, so you always know which version is current."),
    ("h2", "1.1 About Northwind Logistics"),
    ("p", "Northwind Logistics moves chilled and ambient goods for food producers and retailers "
          "across the country. We run a fleet of 140 vehicles, a 40,000 square metre warehouse "
          "and a planning team that schedules more than 2,000 deliveries a day. About 620 people "
          "work for us, in roles that range from warehouse operatives and drivers to route "
          "planners, software engineers, accountants and customer service advisers."),
    ("p", "Maria Okafor, our Head of People, owns this handbook. Maria will present her report "
          "on pay equity, staff turnover and the results of the annual engagement survey to the "
          "board each spring, and the summary is shared with all staff."),
    ("h2", "1.2 Our values"),
    ("p", "Our values describe how we want to treat our customers and each other. We use them "
          "in recruitment, in performance conversations and when we make difficult decisions."),
    ("bullets", [
        "Safety first: nobody is ever asked to take a risk to meet a delivery slot.",
        "Respect: we listen, we assume good intent and we disagree with ideas, not people.",
        "Ownership: we keep our promises to customers and tell them early when we cannot.",
        "Work hard, play hard: we celebrate our wins together.",
        "Learning: mistakes are reported, discussed openly and used to improve our processes.",
    ]),
    ("p", "If you are new, your manager and a buddy from another team will help you through "
          "your first weeks. The buddy is a volunteer who knows the site and can answer the "
          "questions you may not want to ask your manager."),

    ("h1", "2 Working hours"),
    ("h2", "2.1 Standard hours and flexitime"),
    ("p", "Full-time office employees work 37.5 hours a week, normally Monday to Friday. Core "
          "hours are 10:00 to 15:00; outside core hours you can choose when to start and finish, "
          "as long as your team can cover its service hours. Part-time work, compressed hours "
          "and job sharing are open to every role, and we consider every request on its merits."),
    ("p", "Shift patterns are set by the manpower planning team each quarter. Planners publish "
          "the rota at least four weeks in advance, and swaps between colleagues are allowed "
          "with the agreement of the shift supervisor."),
    ("h2", "2.2 Shift work and overtime"),
    ("p", "The warehouse and the transport office operate around the clock. Shift supervisors "
          "agree overtime in advance, and overtime is paid at time and a half, or double time "
          "on public holidays. Nobody may work more than 48 hours a week averaged over 17 weeks "
          "unless they have signed a written opt-out, which they may withdraw at any time."),
    ("p", "Warehouse employees must be available 24/7 during the peak season from November to "
          "January. Each foreman records the man-hours worked by the crew at the end of every "
          "shift."),
    ("p", "Our systems run continuously too. The payroll system must be available 24/7. The IT "
          "service desk is also available 24/7 for urgent security incidents, and routine IT "
          "requests are handled during office hours."),
    ("h2", "2.3 Breaks and rest periods"),
    ("p", "Everyone who works more than six hours in a day is entitled to an unpaid break of at "
          "least 30 minutes, and to 11 consecutive hours of rest between working days. Drivers "
          "also follow the statutory rules on driving time, which the transport office checks "
          "through the tachograph system."),
    ("p", "If an employee feels unwell during a shift, he or she must tell the shift supervisor "
          "before leaving the site. Quiet rooms are available at every site for prayer, "
          "breastfeeding, rest or taking medication in private."),
    ("p", "Night workers are offered a free health assessment before they start night work and "
          "every year after that. If the assessment shows that night work affects your health, "
          "we will try to find you a suitable day role."),
    ("h2", "2.4 Time recording"),
    ("p", "Warehouse and transport staff clock in and out on the terminals at the site "
          "entrance. Office staff record their hours only when they work overtime or use "
          "flexitime. If you forget to clock in, tell your supervisor on the same day so that "
          "your pay is not affected."),

    ("h1", "3 Remote work"),
    ("p", "Many of our roles can be done partly from home. You may work from home up to three "
          "days a week if your role does not need you on site, and you agree the pattern with "
          "your manager. The box next to this paragraph answers the questions we are asked "
          "most often."),
    ("textbox", [
        "Remote work at a glance",
        "Agree your pattern with your manager and record it in the HR system.",
        "The chairman holds an open video call for remote staff on the first Friday of every month.",
    ]),
    ("h2", "3.1 Eligibility"),
    ("p", "Remote work is available to employees who have completed their probation period. "
          "Before a remote-work request is approved, HR runs a quick sanity check on the "
          "proposed schedule. If a request is declined, your manager explains why in writing "
          "and tells you when you can ask again."),
    ("p", "Employees with caring responsibilities, a disability or a long-term health condition "
          "may ask for a different arrangement at any time, including during probation, and we "
          "treat these requests as requests for reasonable adjustments."),
    ("h2", "3.2 Equipment and security"),
    ("p", "We provide a laptop, a headset and, on request, a screen, a keyboard and an "
          "adjustable chair. Assistive technology such as screen readers, dictation software "
          "and ergonomic equipment is provided free of charge. Keep company data on company "
          "devices, lock your screen when you step away and use the VPN on public networks."),
    ("h2", "3.3 Working abroad"),
    ("p", "You may work from another country for up to 20 working days a year, subject to a "
          "short tax and data protection check by the People Team. Longer periods need a "
          "written agreement, because they can affect your tax, social security and right to "
          "work."),

    ("h1", "4 Promotion and pay"),
    ("p", "We want pay at Northwind Logistics to be fair, transparent and competitive. Every role "
          "sits in a published pay band, and the bands are benchmarked against the logistics "
          "sector every year."),
    ("h2", "4.1 Pay bands"),
    ("p", "The table below shows the current bands. Salaries are for full-time roles and are "
          "paid pro rata for part-time staff."),
    ("table", [
        ["Band", "Example roles", "Salary range (GBP)", "Review"],
        ["A", "Warehouse Operative, Customer Service Adviser", "24,000 to 28,500", "April"],
        ["B", "Shift Supervisor, Senior Salesman, Route Planner", "29,000 to 36,000", "April"],
        ["C", "Transport Manager, Software Engineer, Accountant", "37,000 to 52,000", "April"],
        ["D", "Head of Operations, Head of People", "55,000 to 78,000", "April"],
        ["Bands are benchmarked every year; the full role list is on the intranet.", "", "", ""],
    ], [0.6, 3.0, 1.6, 0.8], {"merge": [(5, 0, 5, 3)]}),
    ("h2", "4.2 Pay reviews"),
    ("p", "Pay is reviewed every April. Increases within a band depend on the market movement "
          "for the role and on your performance review, and your manager explains your result "
          "in a one-to-one meeting. We publish our gender and ethnicity pay gap figures every "
          "year, together with the actions we are taking to close them."),
    ("p", "Payslips are published in the HR portal on the last working day of each month. "
          "Employees must not discuss their salary with colleagues."),
    ("h2", "4.3 Promotion"),
    ("p", "Open roles are advertised internally for at least one week before we advertise "
          "externally, and anyone who meets the published criteria may apply. Promotions in the "
          "annual cycle are decided by a panel against the career framework, and every "
          "applicant receives written feedback."),
    ("p", "Promotions outside the annual cycle are made at the sole discretion of management."),
    ("p", "Sales representatives who exceed their annual target for two years in a row are "
          "invited to the account manager development programme."),
    ("h2", "4.4 Expenses"),
    ("p", "We reimburse reasonable business expenses within 30 days of a claim. Submit receipts "
          "through the expenses app; mileage in your own vehicle is paid at the HMRC approved "
          "rate. If paying up front would cause you hardship, ask the finance team for a "
          "company card or an advance."),

    ("h1", "5 Leave"),
    ("h2", "5.1 Annual leave and other entitlements"),
    ("p", "The leave year runs from January to December. Book leave through the HR system with "
          "as much notice as you can, and at least four weeks ahead for more than five days in "
          "a row. Up to five unused days can be carried over to the next year."),
    ("table", [
        ["Leave type", "Entitlement", "Notes"],
        ["Annual leave", "25 days plus public holidays", "Rising to 28 days after five years"],
        ["Sick leave", "Full pay for 8 weeks, then half pay for 8 weeks", "See section 5.4"],
        ["Compassionate leave", "5 days", "On the death of your husband or wife, child or parent"],
        ["Carer's leave", "5 days", "For anyone who depends on you for care"],
        ["Volunteering", "2 days", "For a registered charity of your choice"],
    ], [1.6, 2.0, 2.4]),
    ("h2", "5.2 Maternity leave"),
    ("p", "Female employees who are expecting a baby are entitled to 18 weeks of paid maternity "
          "leave. Let us know about your pregnancy at least 15 weeks before the expected week "
          "of childbirth, so that we can carry out a risk assessment and plan your cover."),
    ("h3", "5.2.1 Keeping in touch and returning to work"),
    ("p", "During leave you can work up to ten keeping-in-touch days without ending your leave. "
          "When you come back, you can ask for flexible working, a phased return or a change "
          "of hours, and your manager will meet you in your first week."),
    ("h2", "5.3 Adoption, surrogacy and shared leave"),
    ("p", "We offer parental leave for all parents: adoptive parents, parents through surrogacy "
          "and second parents receive 18 weeks of paid leave on the same terms, and they may "
          "share it or take it at the same time.{fn:The full parental leave policy, including "
          "the forms for shared leave, is on the intranet under People > Leave. The same terms "
          "apply to parents of every gender and family structure.}"),
    ("h2", "5.4 Sick leave"),
    ("p", "If you are ill, tell your manager as early as you can on the first day, by phone or "
          "message. For absences of more than seven calendar days we need a fit note. After a "
          "long absence, occupational health can recommend adjustments to your duties or hours."),
    ("p", "Absence related to a disability is recorded separately and is not counted towards "
          "absence management triggers."),

    ("h1", "6 Benefits"),
    ("h2", "6.1 Health and wellbeing"),
    ("p", "Private health insurance covers you and your spouse from your first day. Our "
          "employee assistance programme offers free, confidential counselling, legal advice "
          "and money guidance to you and anyone in your household, at any time of day."),
    ("p", "Every site has trained mental health first aiders, and the wellbeing budget pays for "
          "exercise classes, eye tests and flu vaccinations."),
    ("h2", "6.2 Pension, life assurance and savings"),
    ("p", "We pay 6% of your salary into the company pension when you pay at least 4%. Life "
          "assurance pays four times your salary to the beneficiaries you choose: you can name "
          "your spouse, a civil partner, a partner or any other person.{fn:Beneficiaries are "
          "named on the pension provider's website. You can change them at any time, and we "
          "recommend that you check them after any change in your family circumstances.}"),
    ("h2", "6.3 Social events and perks"),
    ("p", "Each site has a social budget that its staff committee spends as its members choose. "
          "Events are held during working hours wherever possible, and alcohol-free options "
          "are always available."),
    ("bullets", [
        "A summer picnic at each site, with activities for families.",
        "The annual Christmas party in December, with a meal and awards.",
        "Team lunches when a project goes live or a site passes an audit.",
        "Discounts on cinema tickets, bicycles and public transport season tickets.",
    ]),
    ("h2", "6.4 Learning and development"),
    ("p", "Every employee has a learning budget of 500 pounds a year and three learning days. "
          "Apprenticeships, professional qualifications and language courses are funded in full "
          "when they relate to your current or next role, and we pay for exam retakes once."),

    ("h1", "7 Dress code"),
    ("p", "Office staff dress in business casual clothing, and staff meeting customers dress in "
          "a way that suits the meeting. Guys, business casual means no flip-flops or beachwear "
          "in the office."),
    ("p", "In the warehouse and on the road, uniform and personal protective equipment are "
          "compulsory: safety boots, high-visibility clothing and, in the chilled areas, "
          "insulated jackets and gloves. We supply all of these free of charge in a full range "
          "of sizes, including maternity uniform, and you may wear religious dress and head "
          "coverings with your uniform. Staff who suffer from a skin condition may ask for an "
          "exemption from the uniform fabric."),

    ("h1", "8 Hiring"),
    ("h2", "8.1 How we recruit"),
    ("p", "Every vacancy has a job description and a person specification that list only what "
          "the role really needs. We advertise on at least two job boards, including one that "
          "reaches under-represented groups, and we make reasonable adjustments at every stage "
          "of the process: tell the recruiter what you need and we will arrange it."),
    ("p", "Shortlisting is done by two people using the person specification. Interviews are "
          "structured, and each interviewer uses the same questions and the same scoring guide. "
          "Interviewers score every candidate for culture fit."),
    ("h2", "8.2 Job requirements"),
    ("p", "For analyst roles we ask for a bachelor's degree or equivalent experience. For all "
          "head-office roles, a bachelor's degree is required. Applicants for customer service "
          "roles must be native English speakers."),
    ("p", "Some requirements apply to particular roles:"),
    ("numbers", [
        "A category C licence and a driver CPC card are required for delivery driver roles.",
        "A valid driver's license is required for the office receptionist position.",
        "Forklift operators need a recognised forklift certificate, or we train you to get one.",
        "Accountants need a recognised accounting qualification or equivalent experience.",
    ]),
    ("p", "Our marketing team is hiring a digital native who lives on social media."),
    ("h2", "8.3 Internships and the graduate scheme"),
    ("p", "Our summer programme is an unpaid internship of up to twelve weeks. The graduate "
          "scheme is aimed at recent graduates: we want young and energetic people who will "
          "grow with the company. Apprenticeships are open to applicants of any age and pay at "
          "least the real Living Wage."),
    ("h2", "8.4 Onboarding and probation"),
    ("p", "Your first day starts with a site induction, a safety briefing and lunch with your "
          "team. Probation lasts six months for all roles. Your manager meets you at the end "
          "of the first, third and fifth months, and you will always know where you stand: "
          "problems are raised early and in writing, with support to address them."),

    ("h1", "9 Complaints and harassment"),
    ("h2", "9.1 What counts as harassment"),
    ("p", "Harassment is unwanted behaviour that violates someone's dignity or creates an "
          "intimidating, hostile, degrading, humiliating or offensive environment. It includes "
          "sexual harassment, and harassment related to age, disability, gender reassignment, "
          "race, religion or belief, sex or sexual orientation. It can happen in person, in "
          "messages or on social media, and at work events outside the workplace."),
    ("h2", "9.2 How to raise a concern"),
    ("p", "You can raise a concern with your manager, with any member of the People Team, with "
          "a trained fair treatment adviser, or anonymously through the independent speak-up "
          "line, which is open at all hours. Please do not bring crazy rumours to HR; bring "
          "dates and facts."),
    ("p", "We will acknowledge your concern within two working days, agree next steps with you "
          "and protect you from retaliation for raising it in good faith."),
    ("h2", "9.3 Investigation and resolution"),
    ("p", "An investigator who has no connection to the people involved looks into the "
          "complaint and writes a report, and both parties may be accompanied at meetings by "
          "a colleague or trade union representative. All harassment claims are settled "
          "through mandatory arbitration, and employees waive the right to go to court."),
    ("h2", "9.4 Whistleblowing"),
    ("p", "If you believe that something illegal, unsafe or unethical is happening, you can "
          "report it under our whistleblowing policy: through your manager, the Head of People, "
          "the chair of the audit committee or the independent speak-up line. We will not "
          "tolerate any detriment to someone who raises a concern."),

    ("h1", "10 Conduct"),
    ("h2", "10.1 Everyday conduct"),
    ("p", "We expect everyone to be honest, to treat colleagues and customers with respect and "
          "to follow our policies on safety, data protection and anti-bribery. Report any gift "
          "or hospitality worth more than 50 pounds to your manager. Conflicts of interest, "
          "including relationships with a supplier, must be declared in the HR system."),
    ("h2", "10.2 Workplace safety and accessibility"),
    ("p", "Report every accident and near miss on the day it happens. Fire routes, exits and "
          "refuges must be kept clear at all times, and every site has personal emergency "
          "evacuation plans for colleagues who need them. Keep the ramp at the main entrance "
          "clear for wheelchair-bound visitors."),
    ("h2", "10.3 Data protection"),
    ("p", "You will handle personal data about customers and colleagues. Only access what you "
          "need for your work, never share passwords, and report a suspected data breach to the "
          "data protection officer within one hour of noticing it."),

    ("h1", "11 Background checks"),
    ("p", "Offers of employment are conditional on right-to-work checks and two references. "
          "Roles that involve driving, cash or secure customer sites also need a basic criminal "
          "record check; an unspent conviction does not automatically rule anyone out, and we "
          "discuss the circumstances with the candidate first.{fn:We follow the Ban the Box "
          "principles: we do not ask about criminal records on application forms.}"),
    ("p", "Each new hire must upload his/her identity documents before the first day. Checks "
          "are carried out by a licensed provider, and the results are kept for six months."),

    ("h1", "12 Where to get help"),
    ("p", "If anything in this handbook is unclear, ask your manager or the People Team. "
          "Suggestions for the next edition are welcome at any time through the employee forum."),
    ("p", "The People Team can be reached by phone, by email or through the HR portal, and in "
          "person at head office every weekday. This handbook is available in large print, in "
          "Polish, Romanian and Portuguese, and as an audio recording on request."),
]

