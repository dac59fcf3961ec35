"""The demo content: the partnership's news as published on its site, facts kept exact.

Ten news items: eight events and two assessments, with the countries, organisations,
people and topics they refer to, and one photo gallery. The texts are summaries in our
own words; dates, places, names, roles and figures are the published ones.
"""

from datetime import date

PROJECT = "THB/IFS/2"

# ISO code, role in the partnership
COUNTRIES = [
    ("AL", "participating"),
    ("AZ", "participating"),
    ("BA", "participating"),
    ("MD", "participating"),
    ("PK", "participating"),
    ("TR", "participating"),
    ("GB", "partner"),
    ("NL", "partner"),
    ("PT", "partner"),
]
PARTICIPATING = ["AL", "AZ", "BA", "MD", "PK", "TR"]

TOPICS = [
    ("victim-identification", "Victim identification"),
    ("victim-protection", "Victim protection and assistance"),
    ("national-referral-mechanism", "National referral mechanism"),
    ("law-enforcement", "Law enforcement"),
    ("prosecution", "Investigation and prosecution"),
    ("media-reporting", "Media reporting"),
    ("child-victims", "Child victims"),
    ("mixed-migration", "Mixed migration"),
    ("transnational-cooperation", "Transnational cooperation"),
]

# key: name, acronym, country, website
ORGANISATIONS = {
    "icmpd": (
        "International Centre for Migration Policy Development",
        "ICMPD",
        None,
        "https://www.icmpd.org",
    ),
    "dgmm": ("Directorate General for Migration Management", "DGMM", "TR", ""),
    "cassation": ("Court of Cassation", "", "TR", ""),
    "hrdf": ("Human Resource Development Foundation", "", "TR", ""),
    "osth": ("Observatory on Trafficking in Human Beings", "OSTH", "PT", ""),
    "border-migration-pt": ("Border and Migration Service", "", "PT", ""),
    "eurojust": (
        "European Union Agency for Criminal Justice Cooperation",
        "EUROJUST",
        None,
        "https://www.eurojust.europa.eu",
    ),
    "europol": (
        "European Union Agency for Law Enforcement Cooperation",
        "EUROPOL",
        None,
        "https://www.europol.europa.eu",
    ),
    "szw": ("Inspectorate SZW", "SZW", "NL", ""),
    "nl-rapporteur": ("Office of the Dutch National Rapporteur on Trafficking in Human Beings", "", "NL", ""),
    "mos-ba": ("Ministry of Security", "", "BA", ""),
    "fas-ba": ("Service for Foreigners' Affairs", "", "BA", ""),
    "sipa": ("State Investigation and Protection Agency", "SIPA", "BA", ""),
    "prosecutor-ba": ("Prosecutor's Office of Bosnia and Herzegovina", "", "BA", ""),
    "border-police-ba": ("Border Police of Bosnia and Herzegovina", "", "BA", ""),
    "ifs-emmaus": ("IFS Emmaus", "", "BA", ""),
    "met-police": ("Metropolitan Police", "", "GB", ""),
}

# key: honorific, name, role, organisation
PEOPLE = {
    "harvey": ("mr", "Steve Harvey", f"{PROJECT} Lead Expert and Project Coordinator", None),
    "newton": ("mr", "Dave Newton", "Law Enforcement Expert", None),
    "yildiz": (
        "mr",
        "Abdullah Semih Yildiz",
        "Migration Expert, Protection of the Victims of Human Trafficking Department",
        "dgmm",
    ),
    "sagut": ("mr", "Rifat Sagut", "Prosecutor", "cassation"),
    "vainomaa": ("mr", "Madis Vainomaa", f"{PROJECT} Key Expert", None),
    "georgieva": ("ms", "Ivanka Georgieva", "Project Officer", "icmpd"),
    "miller": ("ms", "Helene Miller", "Police Officer working on trafficking in human beings", "met-police"),
    "smith": ("mr", "Paul Smith", "Police Officer working on trafficking in human beings", "met-police"),
    "gjebrea": ("ms", "Gjebrea", "National Anti-Trafficking Coordinator of Albania", None),
    "rizvo": ("mr", "Samir Rizvo", "Anti-Trafficking Coordinator, Deputy Minister", "mos-ba"),
    "selimovic": ("mr", "Muris Selimović", "Chief of Department for Re-Admission", "fas-ba"),
    "rakovic": ("mr", "Elvir Rakovic", "Chief Investigator", "sipa"),
    "kajmakovic": ("ms", "Diana Kajmaković", "Prosecutor", "prosecutor-ba"),
    "coric": (
        "mr",
        "Drago Čorić",
        "Member of the Strike Force for Combating Trafficking in Human Beings",
        "border-police-ba",
    ),
    "efendic": ("ms", "Amela Efendić", "Director", "ifs-emmaus"),
    "pavicic": ("ms", "Svjetlana Pavičić", "Interpreter", None),
}

EVENTS = [
    {
        "slug": "media-reporting-workshop-2017",
        # caption, alternative text (a gallery photo's: translated already), colour, focal point
        "lead_image": (
            "Participants from six countries around the workshop table",
            "Blue drawing of people seated on both sides of a long table below a screen",
            (38, 84, 124),
            (800, 720, 1100, 260),
        ),
        "title": "Transnational workshop on the role of the media in raising awareness of trafficking",
        "summary": (
            "Anti-trafficking stakeholders, editors and communication officers from the six "
            "participating countries discussed how the media report on trafficking in human beings "
            "and its victims."
        ),
        "kind": "workshop",
        "scope": "transnational",
        "start_date": date(2017, 5, 17),
        "end_date": None,
        "participating_countries": PARTICIPATING,
        "target_audience": [
            "Anti-trafficking stakeholders",
            "Editors from major media outlets",
            "Public relations managers of state anti-trafficking institutions",
            "Non-governmental organisations that train journalists and work with the media",
        ],
        "objectives": [
            "Improve the public's awareness of trafficking in human beings through the mass media",
        ],
        "body": [
            (
                "paragraph",
                "The workshop brought together the six participating countries of the Fight against "
                "Trafficking in Human Beings and Organised Crime – Phase 2 project to look at the part "
                "the mass media play in how the public understands trafficking in human beings.",
            ),
            (
                "paragraph",
                "Discussions covered the different aspects of reporting on trafficking crimes and on "
                "victims, current good and bad practice, and the impact that media reporting has on "
                "victims and on public perception of trafficking in general. International experts on "
                "trafficking, on working with the media and on reporting about trafficking supported "
                "the workshop.",
            ),
        ],
        "topics": ["media-reporting", "victim-protection"],
        "translated": True,
    },
    {
        "slug": "albania-wales-exchange-workshop-2017",
        "title": "Albanian and Welsh counterparts exchange practice against trafficking",
        "summary": (
            "A transnational workshop in Wales let an Albanian delegation and Welsh counterparts "
            "share best practice on protecting victims, investigating cases and working together."
        ),
        "kind": "workshop",
        "scope": "transnational",
        "start_date": date(2017, 2, 27),
        "end_date": date(2017, 3, 2),
        "country": "GB",
        "participating_countries": ["AL"],
        "objectives": ["Exchange and share best practice between Albanian and Welsh counterparts"],
        "programme": [
            (
                date(2017, 2, 27),
                "Victim protection",
                "Assistance provided by NGOs and service providers, and cooperation between "
                "authorities and civil society.",
            ),
            (
                date(2017, 2, 28),
                "Law enforcement",
                "Investigations, prosecution and partnerships with third-sector stakeholders.",
            ),
            (
                date(2017, 3, 2),
                "Strategic partnership",
                "Building strategic partnership, coordination and identifying next steps. The day "
                "closed with a session on what general information front-line stakeholders in the "
                "United Kingdom should receive to respond better to Albanian trafficking cases "
                "(country of origin information).",
            ),
        ],
        "body": [
            (
                "paragraph",
                "Albanian officials offered their UK counterparts support on victim protection as "
                "well as on investigation and prosecution. Albanian law enforcement can look into the "
                "origin and records of identified victims or perpetrators from Albania.",
            ),
            (
                "paragraph",
                "Knowing where in Albania perpetrators and victims come from, and the modus operandi "
                "and routes used for exploitation in the UK, will help the Albanian authorities in "
                "their prevention work. The exact procedure for sharing these data is still to be "
                "established, but the delegation clearly had the capacity and the will to pursue it.",
            ),
        ],
        "experts": [("gjebrea", "delegation_member")],
        "outcomes": [
            "Ms Gjebrea, the National Anti-Trafficking Coordinator, proposed a joint task force with "
            "law enforcement to analyse the trafficking situation between Albania and the UK, "
            "resolve uncertain cases and build understanding on both sides",
            "Develop common indicators of trafficking for Albania and the UK",
            "Carry out a comparative assessment of both countries' national referral mechanisms, "
            "institutional structures and processes",
            "Establish focal points and standard operating procedures for sharing information and "
            "intelligence, linking the national referral mechanisms of both countries, with the "
            "Albania–UK memorandum of understanding as their foundation",
        ],
        "feedback": [
            "The delegation members and the Welsh counterparts received the workshop well",
            "The Albanian delegation called it one of the best exchange visits they had seen in "
            "their working experience",
        ],
        "topics": ["victim-protection", "prosecution", "transnational-cooperation"],
    },
    {
        "slug": "dgmm-awareness-training-adana-2016",
        "title": "Anti-trafficking awareness training for DGMM personnel in Adana",
        "summary": (
            "Staff of the Directorate General for Migration Management in the Adana region trained "
            "to identify and combat trafficking in human beings."
        ),
        "kind": "training",
        "scope": "national",
        "start_date": date(2016, 12, 14),
        "end_date": date(2016, 12, 15),
        "city": "Adana",
        "country": "TR",
        "organisations": [("dgmm", "cooperation")],
        "participating_countries": ["TR"],
        "target_audience": ["DGMM personnel working in the Adana region"],
        "objectives": [
            "Increase the awareness and capacity of DGMM personnel to identify and combat "
            "trafficking in human beings",
        ],
        "body": [
            (
                "paragraph",
                "National experts covered Turkish criminal law, administrative regulations, and victim "
                "assistance, protection and return in Turkey, while Mr Harvey and Mr Newton brought "
                "law enforcement expertise.",
            ),
            (
                "paragraph",
                "The trainers used the methods of the THB/IFS/2 Law Enforcement Training Manual: "
                "practical exercises, case studies and role plays. Group work on case studies let the "
                "trainers check how well participants understood the key concepts, and role plays let "
                "them practise screening interviews following the PEACE model. The training ended "
                "with an interactive crime scene investigation exercise based on the manual's virtual "
                "reality crime scene.",
            ),
        ],
        "experts": [
            ("harvey", "trainer"),
            ("newton", "trainer"),
            ("yildiz", "national_expert"),
            ("sagut", "national_expert"),
        ],
        "participants": (23, 3, 19),
        "participant_groups": [
            (19, "Representatives of the DGMM", "dgmm"),
            (4, "Project staff and experts", None),
        ],
        "learning_points": [
            "What trafficking in human beings is",
            "Differences between trafficking in human beings and migrant smuggling",
            "The trafficking situation in Turkey",
            "Identifying a victim",
            "Interviewing victims of trafficking",
        ],
        "outcomes": [
            "This was the third and final training for DGMM personnel in the THB/IFS/2 project",
            "Combining Turkish and international experts, as earlier trainings recommended, proved "
            "highly effective and should be repeated in future where possible",
        ],
        "topics": ["victim-identification", "law-enforcement"],
        "translated": True,
    },
    {
        "slug": "training-seminar-tirana-2016",
        "assessment": "nrm-assessment-bosnia-and-herzegovina",
        "title": "Transnational training seminar in Tirana on referral and victim identification",
        "summary": (
            "Anti-trafficking stakeholders from Albania, Bosnia and Herzegovina and Moldova compared "
            "how their national referral mechanisms work."
        ),
        "kind": "seminar",
        "scope": "transnational",
        "start_date": date(2016, 12, 6),
        "end_date": date(2016, 12, 7),
        "city": "Tirana",
        "country": "AL",
        "participating_countries": ["AL", "BA", "MD"],
        "target_audience": ["Anti-trafficking stakeholders"],
        "objectives": [
            "Exchange good practice on how national referral mechanisms work in the three countries",
            "Raise awareness of each country's situation in identifying child victims who beg or "
            "live on the streets",
            "Highlight good practice in identifying trafficking in mixed migration flows",
            "Draw up recommendations to strengthen victim identification and referral in each "
            "of the three countries",
        ],
        "topics": [
            "national-referral-mechanism",
            "victim-identification",
            "child-victims",
            "mixed-migration",
        ],
        "translated": True,
    },
    {
        "slug": "turkish-delegation-lisbon-2016",
        "title": "Turkish stakeholders learn from Portuguese anti-trafficking practice in Lisbon",
        "summary": (
            "A Turkish delegation exchanged expertise and information with Portuguese experts and "
            "authorities on good anti-trafficking practice."
        ),
        "kind": "workshop",
        "scope": "transnational",
        "start_date": date(2016, 11, 28),
        "end_date": date(2016, 11, 30),
        "venue": "Border and Migration Service Headquarters",
        "city": "Lisbon",
        "country": "PT",
        "organisations": [("osth", "cooperation"), ("border-migration-pt", "host")],
        "participating_countries": ["TR"],
        "objectives": [
            "Exchange expertise and information with Portuguese experts and authorities on good "
            "practice against trafficking",
        ],
        "participants": (6, None, None),
        "participant_groups": [
            (1, "Labour inspector from Ankara", None),
            (
                1,
                "Head of the trafficking programme of the Human Resource Development Foundation, Istanbul",
                "hrdf",
            ),
            (4, "DGMM migration experts from Antalya, Van and Ankara", "dgmm"),
        ],
        "topics": ["transnational-cooperation"],
    },
    {
        "slug": "bosnian-delegation-netherlands-2016",
        "title": "Bosnian officials exchange anti-trafficking practice with Dutch counterparts",
        "summary": (
            "A delegation from Bosnia and Herzegovina met Dutch institutions and European agencies "
            "to share best practice against trafficking."
        ),
        "kind": "workshop",
        "scope": "transnational",
        "start_date": date(2016, 11, 21),
        "end_date": date(2016, 11, 25),
        "country": "NL",
        "organisations": [
            ("icmpd", "organiser"),
            ("eurojust", "host"),
            ("europol", "host"),
            ("szw", "host"),
            ("nl-rapporteur", "host"),
        ],
        "participating_countries": ["BA"],
        "objectives": [
            "Exchange and share best practice on anti-trafficking measures between Bosnian and "
            "Dutch counterparts",
        ],
        "experts": [
            ("rizvo", "delegation_member"),
            ("selimovic", "delegation_member"),
            ("rakovic", "delegation_member"),
            ("kajmakovic", "delegation_member"),
            ("coric", "delegation_member"),
            ("efendic", "delegation_member"),
            ("pavicic", "interpreter"),
        ],
        "participants": (7, 3, 4),
        "topics": ["transnational-cooperation", "law-enforcement"],
        "assessment": "nrm-assessment-bosnia-and-herzegovina",
        # every kind of body block; images and documents are made or looked up by the loader
        "body": [
            ("heading", "Five days with Dutch institutions and European agencies"),
            (
                "paragraph",
                "The delegation visited Eurojust, Europol, the Ministry of Social Affairs and "
                "Employment and the National Rapporteur on Trafficking in Human Beings.",
            ),
            (
                "bullet_list",
                ["Joint investigation teams", "Financial investigations", "Assistance to victims"],
            ),
            (
                "quote",
                {
                    "quote": "Cooperation across borders starts with knowing whom to call.",
                    "attribution": "A member of the delegation",
                },
            ),
            (
                "image",
                (
                    "The delegation at a meeting with Dutch counterparts",
                    "Purple drawing of people seated on both sides of a long table below a screen",
                    (90, 50, 120),
                ),
            ),
            ("document", "nrm-assessment-bosnia-and-herzegovina"),
        ],
    },
    {
        "slug": "multi-agency-training-izmir-2016",
        "title": "Multi-agency anti-trafficking awareness training in the Izmir region",
        "summary": (
            "Stakeholders from several agencies in the Izmir region were introduced to trafficking "
            "in human beings and the law and court practice that apply to it in Turkey."
        ),
        "kind": "training",
        "scope": "national",
        "start_date": date(2016, 11, 25),
        "end_date": None,
        "city": "Izmir",
        "country": "TR",
        "organisations": [("icmpd", "organiser"), ("dgmm", "cooperation")],
        "participating_countries": ["TR"],
        "target_audience": ["Anti-trafficking stakeholders of the Izmir region"],
        "programme": [
            (
                None,
                "Introduction to trafficking in human beings",
                "Its characteristics, including how to identify it, and the legal regulations and "
                "court practice on trafficking in Turkey.",
            ),
        ],
        "feedback": [
            "More time is needed for detailed discussion and for explanations by the experts",
            "The psychological aspects of processes involving victims should also be covered",
            "More of the relevant local agencies should take part",
            "Ways of cooperating between agencies, and how to improve them, deserve more attention",
            "Judicial aspects, both legislation and judicial practice, should be covered more fully",
            "More case studies should be included",
            "A separate training on interview techniques is needed",
        ],
        "topics": ["victim-identification"],
    },
    {
        "slug": "dgmm-awareness-training-izmir-2016",
        "title": "Anti-trafficking awareness training for DGMM personnel in Izmir",
        "summary": (
            "Personnel of the Directorate General for Migration Management in the Izmir region "
            "trained with international and Turkish experts."
        ),
        "kind": "training",
        "scope": "national",
        "start_date": date(2016, 11, 23),
        "end_date": date(2016, 11, 24),
        "city": "Izmir",
        "country": "TR",
        "organisations": [("icmpd", "organiser"), ("dgmm", "cooperation")],
        "participating_countries": ["TR"],
        "target_audience": ["DGMM personnel in the Izmir region"],
        "experts": [
            ("vainomaa", "trainer"),
            ("georgieva", "trainer"),
            ("newton", "trainer"),
            ("miller", "trainer"),
            ("smith", "trainer"),
            ("yildiz", "national_expert"),
            ("sagut", "national_expert"),
        ],
        "participants": (27, 7, 20),
        "participant_groups": [
            (20, "Personnel of the DGMM", "dgmm"),
            (1, "Prosecutor from the Court of Cassation", "cassation"),
            (6, "Project staff and experts", None),
        ],
        "topics": ["victim-identification", "law-enforcement"],
    },
]

ASSESSMENTS = [
    {
        "slug": "nrm-assessment-bosnia-and-herzegovina",
        # the report in a language of its own, replacing the English PDF there (an override)
        "report_translations": ["bs"],
        "title": "Assessment of the National Referral Mechanism in Bosnia and Herzegovina",
        "summary": (
            "How Bosnia and Herzegovina identifies victims and potential victims of trafficking and "
            "refers them to support while protecting their rights."
        ),
        "kind": "nrm_assessment",
        "country": "BA",
        "body": [
            (
                "paragraph",
                "The assessment was carried out within the Fight against Trafficking in Human Beings "
                "and Organised Crime (THB/IFS/2) project. It examines the referral and coordination "
                "mechanisms in place at national and transnational level.",
            ),
            (
                "paragraph",
                "The report first reviews national legislation and policy and the institutional "
                "framework for coordination and referral, then each part of the referral process.",
            ),
            (
                "bullet_list",
                [
                    "Identification",
                    "Reflection period and residence permits",
                    "Assistance",
                    "Social welfare and long-term assistance for reintegration",
                    "Access to justice",
                    "Return and repatriation",
                ],
            ),
            (
                "paragraph",
                "Its findings were presented to national stakeholders, who validated them and agreed "
                "on the next steps for the country's referral mechanism.",
            ),
        ],
        "recommendations": [
            "Policies and legislation",
            "Referral and coordination mechanisms",
            "Victim identification",
            "Victim assistance",
            "Access to justice",
            "Return and repatriation",
            "Transnational referral mechanism",
        ],
        "topics": ["national-referral-mechanism", "victim-identification", "victim-protection"],
        "translated": True,
    },
    {
        "slug": "nrm-overview-albania",
        "title": "Overview of the National Referral Mechanism in Albania",
        "summary": (
            "Albania's capacity to refer potential victims of trafficking at national and "
            "transnational level, the support services available and the rights of victims."
        ),
        "kind": "nrm_overview",
        "country": "AL",
        "body": [
            (
                "paragraph",
                "The overview was carried out within the THB/IFS/2 project. It assesses Albania's "
                "capacity to refer potential victims at national and transnational level, the victim "
                "support services available, and the rights of victims.",
            ),
            (
                "paragraph",
                "Its results and recommendations are meant to guide local stakeholders, and the "
                "experts who support them, in improving victim referral in Albania.",
            ),
        ],
        "topics": ["national-referral-mechanism", "victim-protection"],
    },
]

GALLERY = {
    "slug": "media-reporting-workshop-2017-photos",
    "title": "Photos of the workshop on the media and trafficking",
    "summary": "Moments from the transnational workshop of 17 May 2017.",
    "event": "media-reporting-workshop-2017",
    "date": date(2017, 5, 17),
    "credit": "Demo illustrations generated by thb-cms",
    "translated": True,
    # caption, alternative text, colour of the illustration
    "photos": [
        (
            "Participants from six countries around the workshop table",
            "Blue drawing of people seated on both sides of a long table below a screen",
            (38, 84, 124),
        ),
        (
            "An expert presents good and bad examples of reporting",
            "Red-brown drawing of people seated on both sides of a long table below a screen",
            (120, 60, 40),
        ),
        (
            "Editors and communication officers compare headlines",
            "Green drawing of people seated on both sides of a long table below a screen",
            (46, 110, 70),
        ),
        (
            "Group work on reporting that protects victims",
            "Ochre drawing of people seated on both sides of a long table below a screen",
            (110, 90, 30),
        ),
    ],
}
