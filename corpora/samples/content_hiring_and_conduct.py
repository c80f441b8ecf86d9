"""Fernleigh Home & Garden's Recruitment, Dress and Conduct Standards
(``hiring-and-conduct.docx``, ``hiring-and-conduct.pdf``).

A UK-style standards document of a fictional retail chain, friendlier in
tone, with two job descriptions as tables, a dress code, background checks,
social events and a grievance section. The findings it should give (and the
sentences it must not be flagged for) are in ``expected.yaml``. The content
format is described in ``make_samples.py``.
"""

NAME = "hiring-and-conduct"
AUTHOR = "Fernleigh Home & Garden People & Culture"
TITLE = "Recruitment, Dress and Conduct Standards"
SUBTITLE = ("Fernleigh Home & Garden Ltd \u00b7 Issue 2, April 2025 \u00b7 For colleagues in our stores, "
            "our distribution centre and our support centre")
HEADER_TEXT = "Fernleigh Home & Garden \u00b7 Recruitment, Dress and Conduct Standards"
HEADER_ALIGN = 1  # centre
FOOTER_TEXT = "Issue 2, April 2025 \u00b7 Owner: People & Culture"
FONT = "Liberation Sans"
COVER_PAGE_BREAK = False

CONTENT: list[tuple] = [
    ("h1", "1 Welcome"),
    ("p", "Hello, and thank you for taking the time to read this. These standards explain how we find "
          "and welcome new colleagues, what we wear at work and how we look after each other. They "
          "apply to everyone at Fernleigh: our 64 garden centres and home stores, the distribution "
          "centre in Kettering and the support centre in Leeds."),
    ("p", "We have tried to keep things short and in plain English. If something here doesn't make "
          "sense, or doesn't fit the way your store works, please tell us: these standards are reviewed "
          "every year with the colleague forum, and many of this year's changes came from your "
          "suggestions."),
    ("h2", "1.1 Who looks after these standards"),
    ("p", "Priya Shah, our Head of Recruitment, looks after the recruitment sections, and the People & "
          "Culture team looks after the rest. Priya will present her findings from this year's "
          "colleague survey at the spring managers' conference, including what you told us about the "
          "dress code."),
    ("p", "Three things sum up how we want Fernleigh to feel, for customers and colleagues alike:"),
    ("bullets", [
        "Growing together: we share what we know, and we help new colleagues find their feet.",
        "Straight talking: we say what we mean, kindly, and we own up when we get it wrong.",
        "Looking after the place: our stores, our plants and our neighbourhoods.",
    ]),

    ("h1", "2 Recruitment"),
    ("h2", "2.1 How we find people"),
    ("p", "Most of our vacancies are advertised on our careers site, on the noticeboard in every store "
          "and on local job boards, and we are always happy to hear from people returning to work after "
          "a break. Store supervisor and assistant manager vacancies are different: we hire through "
          "employee referrals only, because our colleagues know best who will fit in.{fn:Colleagues "
          "who refer a friend receive a \u00a3250 thank-you once the new colleague has completed their "
          "probation.}"),
    ("p", "Each summer the support centre offers a ten-week marketing internship, which is unpaid; "
          "interns have their travel costs covered and receive a reference at the end."),
    ("p", "Our Saturday and holiday jobs are a great first step into work, and many of our store "
          "managers started on the tills. Every store colleague, whatever their contract, can apply for "
          "the Fernleigh Skills programme, which covers customer service, plant care and first aid."),

    ("h2", "2.2 Job descriptions"),
    ("p", "Every vacancy has a job description that says what the role involves, what we need from "
          "you and what we pay. Here are two recent examples."),
    ("h3", "2.2.1 Stockroom Team Leader"),
    ("table", [
        ["Role", "Stockroom Team Leader"],
        ["Location", "Kettering Distribution Centre"],
        ["Reports to", "Warehouse Foreman"],
        ["Hours", "Full-time, 39 hours a week on a rotating pattern of early and late shifts"],
        ["What you'll do", "Lead a team of eight stockroom colleagues, plan the daily pick, keep the "
                           "loading bays and the baler safe, and train new starters."],
        ["Requirements", "At least one year's experience in a warehouse or stockroom. Maximum 3 years' "
                         "supervisory experience. Must be able to lift 25 kg repeatedly throughout a "
                         "shift."],
        ["Salary", "\u00a327,500 to \u00a330,000 a year, plus a shift allowance and a 15% colleague "
                   "discount"],
    ], [1.5, 4.7], {"style": "Table Grid", "bold_first_column": True, "fill": "E6F0DC"}),
    ("h3", "2.2.2 Customer Service Adviser"),
    ("table", [
        ["Role", "Customer Service Adviser"],
        ["Location", "Leeds Support Centre (office-based, answering phone, email and web chat)"],
        ["Reports to", "Customer Service Manager"],
        ["Hours", "37.5 hours a week, Monday to Friday"],
        ["What you'll do", "Help customers with orders, deliveries and returns, and put things right "
                           "when they go wrong."],
        ["Qualifications", "A degree is required, and Russell Group graduates are preferred."],
        ["Skills", "Native English speaker with a neutral accent. Confident using a computer and typing "
                   "quickly and accurately."],
        ["Other", "Full UK driving licence essential."],
        ["Salary", "Competitive salary, depending on experience"],
    ], [1.5, 4.7], {"style": "Table Grid", "bold_first_column": True, "fill": "E6F0DC"}),

    ("h2", "2.3 Interviews"),
    ("p", "For store roles, the interview is an informal chat with the store manager over a coffee, so "
          "there are no set questions and no scoring sheet. For support centre roles, two interviewers "
          "ask every candidate the same questions and score the answers separately."),
    ("p", "Whatever the role, we tell every candidate who they will meet, how long the interview will "
          "take and when they will hear from us. Everyone we interview gets feedback, whether or not "
          "they get the job, and we are happy to talk it through on the phone."),
    ("p", "We are unlikely to shortlist applicants who are overqualified for a role, as they tend to "
          "move on quickly."),
    ("p", "For our buying team we ask for a degree or equivalent experience in retail buying or "
          "merchandising. Candidates for buying roles give a short presentation on a product range of "
          "their choice, and we send the brief a week before the interview."),

    ("h2", "2.4 Right to work"),
    ("p", "Every new colleague must show that they have the right to work in the UK before they "
          "start, as the law requires, and we accept any of the documents on the Home Office "
          "list.{fn:The Home Office list of acceptable documents is published on GOV.UK. Our "
          "recruitment team can help if you are not sure which documents to bring.}"),
    ("p", "Because of the security terms in our supplier contracts, roles in the buying team are open "
          "to UK nationals only."),

    ("h2", "2.5 Your first weeks"),
    ("p", "Your first day starts with a tour of the store, a safety briefing and lunch with your team. "
          "Every new colleague has a buddy for their first month: someone from another department who "
          "can show you where things are and answer the questions you might not want to ask your "
          "manager. Probation lasts three months, and your manager meets you at the end of each month "
          "to talk about how things are going, so there are never any surprises."),

    ("h1", "3 Background checks"),
    ("p", "Before we confirm a job offer, we take up two references, one of which can be a personal "
          "reference if you have not worked before."),
    ("p", "Checks are carried out by a specialist provider after we have made a conditional offer, "
          "never before. The results are kept securely for six months and then deleted."),
    ("p", "Any criminal conviction, spent or unspent, disqualifies an applicant from working at "
          "Fernleigh. We also run a credit check on every successful applicant, whatever the role."),
    ("p", "A clean driving licence is required for the Area Manager role because the role drives "
          "between stores, and we check the licence with the DVLA once a year."),

    ("h1", "4 Dress code"),
    ("p", "We want customers to be able to spot a Fernleigh colleague straight away, and we want you to "
          "be comfortable and safe at work. When you start, we give you two polo shirts, a fleece, a "
          "waterproof jacket and a name badge, and we replace them free of charge when they wear out."),
    ("p", "On the shop floor, wear comfortable closed-toe shoes in a dark colour. Every store colleague "
          "gets a \u00a340 footwear voucher each spring."),
    ("textbox", [
        "Dress code at a glance",
        "Wear your Fernleigh polo or fleece and your name badge whenever you are on the shop floor.",
        "Safety boots are a must in the yard, the stockroom and the distribution centre.",
    ]),
    ("h2", "4.1 Store and support centre colleagues"),
    ("p", "Female colleagues working on the tills or in the home department must wear a black skirt and "
          "heels, and male colleagues wear dark trousers and a tie."),
    ("p", "Hair should be clean, tidy and of a natural colour; dreadlocks and braids are not permitted. "
          "Caps, hats and other head coverings may not be worn on the shop floor."),
    ("p", "Visible tattoos must be covered at all times, using long sleeves or the plasters we provide. "
          "Small stud earrings and a wedding ring are fine."),
    ("h2", "4.2 Safety in the yard and the distribution centre"),
    ("p", "In the yard, the stockroom and the distribution centre, safety boots and high-visibility "
          "vests are compulsory, and we stock them in a full range of sizes. Long hair must be tied back "
          "when operating the baler, for safety, and loose jewellery must be removed."),

    ("h1", "5 Conduct"),
    ("h2", "5.1 Working with customers and with each other"),
    ("p", "Be friendly, be honest and treat every customer and colleague with respect. If a customer "
          "is rude or aggressive, you don't have to put up with it: walk away and call a supervisor."),
    ("p", "English must be spoken at all times while at work, including between colleagues on their "
          "breaks."),
    ("p", "Colleagues are free to discuss their pay with anyone they choose, and nobody will ever be "
          "asked to keep their pay confidential. Our pay rates for every store role are on the "
          "colleague app."),
    ("p", "Keep your phone in your locker or your pocket on the shop floor, except when you are using "
          "the colleague app. Think before you post about work on social media: don't share photos of "
          "customers or colleagues without asking them, and never share anything about our suppliers "
          "or prices before they are public."),
    ("p", "Suppliers sometimes offer gifts. You can accept small things such as a calendar or a box of "
          "biscuits for the team, but tell your manager about anything worth more than \u00a325 and "
          "never accept cash or vouchers."),
    ("h2", "5.2 Opening hours and rotas"),
    ("p", "Our stores open from 8am to 6pm, Monday to Saturday, and from 10am to 4pm on Sundays. The "
          "store is closed on Christmas Day, Boxing Day and Easter Sunday."),
    ("p", "Rotas are published three weeks in advance, and you can swap shifts with a colleague through "
          "the colleague app. Our online shop must be available 24/7, so the web team runs a paid, "
          "voluntary on-call rota."),
    ("p", "If you would like to change your hours or your days, talk to your store manager. We agree "
          "most requests, and if we can't, we explain why in writing and look at what else might work."),
    ("h2", "5.3 Social events"),
    ("p", "We love a get-together. Every store has a social budget, and we try to hold events at "
          "different times of day so that everyone can join in, with alcohol-free drinks always on "
          "offer."),
    ("bullets", [
        "At the support centre, attendance at Friday drinks is mandatory, as it's where the week's "
        "wins are shared and a lot of decisions get made.",
        "The highlight of the year is our Christmas party in December, with dinner, a disco and the "
        "colleague awards.",
        "Our summer family day is open to every colleague's spouse or civil partner, their children and "
        "anyone else they would like to bring.",
    ]),

    ("h1", "6 Grievances and complaints"),
    ("p", "Most problems are best sorted out by talking. If something at work is bothering you, raise "
          "it with your line manager, who will decide how to deal with it and whether it needs to go "
          "any further."),
    ("p", "Complaints about harassment must be kept strictly confidential: the person making the "
          "complaint must not discuss it with colleagues or with anyone outside the company."),
    ("p", "We never retaliate against anyone who raises a concern, and anyone who treats a colleague "
          "badly for speaking up will face disciplinary action."),
    ("p", "Your line manager will reply in writing within ten working days and will keep a note of "
          "what was agreed."),

    ("h1", "7 Questions and feedback"),
    ("p", "If you have a question about these standards, ask your store manager or email the People & "
          "Culture team at people@fernleigh.example. We read every message, and we reply within a "
          "week."),
    ("p", "Changes to these standards are announced in the weekly store briefing and on the colleague "
          "app, and the latest issue is always on the noticeboard in the staff room."),
]
