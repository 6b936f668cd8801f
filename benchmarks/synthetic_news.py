"""A synthetic news feed with gold stories and copies, written from our own templates.

`generate_corpus(n, seed)` returns `n` articles about fictional events in
English, Spanish and German, with what makes story clustering hard:

- many similar-but-distinct events: six kinds (earthquake, factory fire,
  summit, office opening, flood, strike) happening in different towns of the
  same fictional countries within days of each other, quoting the same
  ministers, so reports of two events read much alike;
- one event reported by several outlets with different wordings, and in
  several languages (the same names and numbers, written in local style:
  6.1 / 6,1 and 1,200 / 1.200);
- copies: syndicated texts under another outlet and headline, copies with an
  added paragraph, and partial copies that keep most of the original.

Reports have the length of real news (300-600 words, ~400 on average; some
outlets write longer than others), because a benchmark on 45-word texts
makes full-text methods look cheap and clustering look easy. Each report is
its lead (what happened, where, when, how many) followed by paragraphs drawn
from four pools per kind and language:

- event sentences: the event's place, people, numbers, organisations and day,
  so reports of one event paraphrase each other but share names and numbers;
- quotes of officials and witnesses, in the language's quoting style;
- background: how such events usually go, what governments promised before,
  weather, economy, politics. It is deliberately shared by all events of a
  kind (two quakes in one week read alike to a bag of words), but kept below
  ~35% of a report's sentences so independent reports never look like copies;
- outlet boilerplate: a short closing line some outlets add.

Event sentences come in two phrasings of the same facts, and a report tells a
fact in a phrasing earlier reports of the event did not use where it can.
Templates mark wording variants as `[a|b]` (one is drawn per use) and
grammatical gender as `<masculine|feminine>`, resolved by the person named
next in the sentence (or, with none after it, the last one named before).

Gold: `gold["story"][article_id]` is the event id, `gold["copy_group"][article_id]`
is the id of the original for articles in a copy group (originals included),
`gold["copy_kind"][copy_id]` says how a copy was made.
Every name, place and sentence is invented here.
"""

from __future__ import annotations

import random
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from storylens.model import Article, article_id_for

LANGUAGE_SHARE = {"en": 0.6, "es": 0.2, "de": 0.2}
OUTLETS = {
    "en": ["Harbor Times", "Northern Ledger", "Valley Courier", "Coastline Post", "Meridian Wire", "Daily Lantern"],
    "es": ["Diario del Sur", "La Voz Costera", "El Observador Norte", "Crónica Meridiana"],
    "de": ["Nordkurier Abend", "Tagesblick", "Küstenbote", "Allgemeine Rundschau"],
}
COUNTRIES = ["Norland", "Estavia", "Qarun", "Belmarre", "Tavoria"]
MINISTERS = {"Falk Renner": "m", "Odile Sarrazet": "f", "Amir Qadouri": "m", "Lena Vossberg": "f", "Tomas Ilvane": "m"}
SYLLABLES_START = [
    "Vel",
    "Tar",
    "Kes",
    "Mor",
    "Bran",
    "Lud",
    "Ost",
    "Hal",
    "Sel",
    "Dun",
    "Riv",
    "Alt",
    "Gor",
    "Fen",
    "Mar",
    "Cal",
    "Wen",
    "Tor",
    "Ilm",
    "Zar",
    "Pell",
    "Quen",
    "Ros",
    "Bel",
]
SYLLABLES_MIDDLE = ["mo", "ra", "ve", "li", "da", "sto", "ne", "ka", "ru", "be", "ta", "lo", "mi", "so", "ga", "pe"]
SYLLABLES_END = ["ra", "sk", "port", "wick", "dal", "heim", "ona", "by", "stad", "mouth"]
FIRST_NAMES = {
    "f": [
        "Ilse",
        "Marta",
        "Senna",
        "Petra",
        "Lucia",
        "Yara",
        "Greta",
        "Nadia",
        "Rosa",
        "Liv",
        "Alma",
        "Ines",
        "Edda",
        "Mirela",
        "Tove",
        "Carla",
        "Jana",
        "Noor",
        "Sabine",
        "Vera",
        "Helka",
        "Paula",
    ],
    "m": [
        "Oskar",
        "Joren",
        "Aurel",
        "Davor",
        "Henrik",
        "Milan",
        "Teodor",
        "Emil",
        "Kasimir",
        "Bruno",
        "Viktor",
        "Ivo",
        "Anselm",
        "Rafael",
        "Goran",
        "Lukas",
        "Matteo",
        "Sven",
        "Tarik",
        "Jonas",
        "Casper",
        "Elias",
    ],
}
# Family names: a few common ones plus made-up ones from syllables, so that unrelated events rarely name the
# same person (in real news two different full names seldom collide; a small name pool would merge events).
COMMON_LAST_NAMES = [
    "Brandtveit",
    "Lindqvist",
    "Morandi",
    "Kessling",
    "Oyelaran",
    "Varga",
    "Haldane",
    "Solberg",
    "Castellanos",
    "Drummond",
    "Petrakis",
    "Nyberg",
    "Albrecht",
    "Ferreira",
    "Kowalczyk",
    "Tamura",
    "Ekwueme",
    "Larsen",
    "Quiroga",
    "Wendt",
    "Abernathy",
    "Szabo",
    "Iversen",
    "Marchetti",
]
LAST_NAME_ENDINGS = ["sen", "berg", "ini", "ov", "ez", "ard", "is", "ley", "mann", "ano", "ski", "ton"]
LAST_NAMES = COMMON_LAST_NAMES + [
    start + middle + ending for start in SYLLABLES_START for middle in SYLLABLES_MIDDLE for ending in LAST_NAME_ENDINGS
]
ORG_SUFFIXES = ["Works", "Group", "Industries", "Logistics", "Textiles", "Foods", "Chemicals", "Systems"]
RIVERS = ["Aldra", "Venn", "Sorrel", "Maru", "Ketta", "Istra", "Lomme"]
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "es": ["el lunes", "el martes", "el miércoles", "el jueves", "el viernes", "el sábado", "el domingo"],
    "de": ["am Montag", "am Dienstag", "am Mittwoch", "am Donnerstag", "am Freitag", "am Samstag", "am Sonntag"],
}
KINDS = ("quake", "fire", "summit", "office", "flood", "strike")
TEMPLATE_CATEGORIES = ("head", "lead", "event", "quote", "background")  # every kind has these in every language
ADDED_PARAGRAPH = {
    "en": "This report was updated with additional details from the {outlet} newsroom.",
    "es": "Esta información fue ampliada por la redacción de {outlet}.",
    "de": "Dieser Bericht wurde von der Redaktion von {outlet} ergänzt.",
}
START = datetime(2031, 3, 1, 6, 0)

# How a report is put together. Words: each outlet has its own usual length in this range (some write
# short reports, others long ones), and each report varies around it.
REPORT_WORDS = (300, 600)
OUTLET_USUAL_WORDS = (300, 470)
CATEGORY_WEIGHTS = {"event": 5, "quote": 1.5, "background": 3}
MAX_BACKGROUND_SHARE = 0.35  # of a report's sentences: shared text must not make two reports look like copies
BOILERPLATE_SHARE = {"often": 0.6, "rarely": 0.1}  # outlets that usually / rarely close with a boilerplate line
PEOPLE_SLOTS = ("person", "official", "expert", "witness", "minister", "bg_minister")

# Template pools, one section per (kind or "any", language, category). A line starting with spaces continues the
# line above it; a line starting with "| " is another phrasing of the template above it (the same facts in other
# words, as another outlet would write them). Slots: place, country, other (second country), person, official (a
# spokesperson or officer), expert (a scientist, economist or opponent), witness, minister, org, river, day,
# hour, n1, n2, n3 (integers), big (integer with thousands separator), dec (decimal); for background and
# boilerplate also bg_country, bg_other, bg_minister, bg_river, year, updated, outlet.
TEMPLATE_SOURCES = {
    "en": """
[quake en head]
Magnitude {dec} earthquake shakes {place}
Quake damages {n1} homes in {place}
{place} residents sleep outdoors after {dec} tremor
Rescuers search rubble in {place} after [strong|powerful] quake
Aftershocks rattle {place} as damage count rises to {n1} homes

[quake en lead]
An earthquake of magnitude {dec} struck {place} in {country} on {day}, damaging {n1} homes and injuring {n2} people,
  local authorities said.
A {dec}-magnitude quake hit the town of {place} on {day}, leaving {n2} people injured and {n1} houses [damaged|in
  need of repair].
Residents of {place} fled into the streets on {day} when a magnitude {dec} earthquake hit the town shortly after
  {hour}, officials in {country} said.

[quake en event]
Mayor {person} said {n2} people were treated for injuries, most of them for cuts and bruises, and {n1} houses
  [need|will need] inspection before families can return.
| According to Mayor {person}, {n2} people needed medical treatment and {n1} homes must be checked by engineers
  before anyone can move back in.
The tremor was felt at {hour} local time and lasted about {n3} seconds, according to the national seismological
  service of {country}.
| Residents felt the ground shake at {hour} for roughly {n3} seconds, the seismological service of {country}
  reported.
Engineers [marked|flagged] {n1} buildings in the old quarter of {place} as unsafe and [cordoned off|closed] the
  streets around them.
| A total of {n1} buildings in the historic centre of {place} were declared unsafe, and police sealed off the
  surrounding streets.
{big} residents spent the night in tents and sports halls set up by the town council of {place}.
| Some {big} people had to spend the night away from home, in emergency tents or in sports halls run by the council.
Rescue teams with sniffer dogs searched the collapsed houses near the market [square|hall] of {place} throughout the
  night.
| Throughout the night, rescuers and their dogs combed the ruins of the houses around the market of {place}.
The epicentre was located some {n3} kilometres north of {place} at a shallow depth, which explains the
  [heavy|severe] damage, the seismological service said.
| Experts located the epicentre about {n3} kilometres from {place}, close to the surface, which made the shaking
  especially destructive.
Interior Minister {minister} arrived in {place} on {day} evening and promised emergency funds for the families who
  lost their homes.
| On {day} evening Interior Minister {minister} travelled to {place}, pledging emergency money for families left
  homeless.
Power was cut in large parts of {place} for several hours, and the water supply was [interrupted|disrupted] in {n3}
  districts.
| Large parts of {place} were without electricity for hours, and {n3} districts had no running water.
At least {n3} aftershocks were recorded in the hours after the main quake, the strongest of them near the outskirts
  of {place}.
| The seismological service counted no fewer than {n3} aftershocks after the main tremor, one of them felt clearly
  across {place}.
Schools in {place} will stay closed [until further notice|for the rest of the week] while engineers check the
  buildings.
| Classes in {place} have been cancelled while the school buildings are inspected, the council said.
The regional hospital in {place} said it had admitted {n2} patients and that several of them were still under
  observation.
| {n2} patients were admitted to the hospital in {place}, according to its director, and some remain under
  observation.
Officials in {country} said the quake of magnitude {dec} was the strongest to hit the area around {place} in
  decades.
| It was the most powerful quake recorded near {place} for decades, according to authorities in {country}.
The road into {place} was blocked for hours by fallen rocks, and the first aid convoys only reached the town late on
  {day}.
| Falling rocks blocked the only main road to {place} for hours, delaying the arrival of the first aid trucks.

[quake en quote]
"We heard a deep roar and then the walls started to move," said {witness}, who lives near the church in {place}.
"Our priority tonight is to make sure that nobody in {place} sleeps without a roof," Mayor {person} told reporters
  on {day}.
"The ground kept shaking, and the children were screaming," said {witness}, a shop owner in {place}. "We ran out
  with nothing."
"The state will not leave {place} alone," Interior Minister {minister} said. "Every damaged home will be inspected
  and repaired."
"Aftershocks of this size are normal after a quake of magnitude {dec}, but people should stay out of damaged
  buildings," said seismologist {official}.
"I have lived here all my life and never felt anything like it," {witness} said outside a sports hall in {place}.
Seismologist {official} told {country} radio: "We cannot rule out a stronger quake in the coming days, so caution is
  needed."

[quake en background]
The region sits on a fault line that has produced several [strong|damaging] earthquakes over the past century, and
  experts have long warned that many older houses are not built to withstand them.
After a similar quake in {year}, the government promised a programme to reinforce schools and hospitals, but critics
  say only a fraction of the work has been done.
Building codes were tightened in {year}, yet most houses in small towns were built long before the new rules came
  into force.
Seismologists say it is impossible to predict earthquakes, but that the risk in the border area between {bg_country}
  and its neighbours remains high.
Aid organisations say the first days after a quake are decisive, when families need shelter, clean water and
  blankets.
Insurance experts estimate that fewer than one in five households in rural areas is insured against earthquake
  damage.
In {bg_country}, a quake of similar strength in {year} left thousands without homes for months, and the
  reconstruction is still not finished.
The opposition has accused the government of cutting the budget of the civil protection agency, a claim that
  Minister {bg_minister} has rejected.

[fire en head]
Fire destroys {org} plant in {place}
{n2} workers evacuated as blaze hits {place} factory
[Huge|Massive] fire at {org} site in {place}
Firefighters battle blaze at {org} factory for hours
Smoke over {place} as fire guts {org} warehouse

[fire en lead]
A fire broke out at the {org} plant in {place} on {day}, and {n1} firefighters fought the flames for hours before
  bringing them under control.
{n2} workers were evacuated on {day} when a blaze tore through the {org} factory in {place}, the fire service said.
A [large|major] fire destroyed much of the {org} factory in {place}, {country}, on {day}, sending thick black smoke
  over the town.

[fire en event]
Plant manager {person} said nobody was seriously hurt and that all {n2} workers on the morning shift had left the
  building in time.
| Nobody suffered serious injuries, according to plant manager {person}, and the {n2} employees of the early shift
  got out in time.
The fire started shortly after {hour} in a storage hall where chemicals and packaging material were kept, according
  to the fire brigade.
| Firefighters said the blaze began just after {hour} in a hall used to store chemicals and packaging.
{n1} firefighters and {n3} engines from {place} and neighbouring towns were [deployed|sent to the scene], the fire
  service said.
| Crews from {place} and several nearby towns, {n1} firefighters with {n3} engines in all, were called to the site.
Residents of {place} were told to keep their windows closed because of the smoke, which could be seen until the
  evening.
| Because of the smoke, people in {place} were advised to stay indoors and keep their windows shut until the
  evening.
The company estimated the damage at {dec} million and said production would be halted for several weeks.
| {org} put the damage at {dec} million and warned that the plant would not produce anything for weeks.
Police closed the main road past the {org} site and diverted traffic through the centre of {place}.
| The main road next to the {org} plant was closed by police, and traffic was sent through the centre of {place}.
Interior Minister {minister} ordered an inquiry into the cause of the fire and asked for a report within {n3} weeks.
| An investigation into what caused the blaze was ordered by Interior Minister {minister}, who wants results within
  {n3} weeks.
{n3} firefighters were treated for smoke inhalation at the hospital in {place} and released later on {day}.
| Hospital staff in {place} treated {n3} firefighters for breathing in smoke before sending them home on {day}.
Investigators from the state prosecutor's office in {country} [visited|inspected] the site on {day} and took samples
  from the burnt hall.
| On {day}, investigators sent by prosecutors in {country} examined the burnt-out hall and collected samples.
The {org} plant employs about {big} people and is one of the largest employers in the district around {place}.
| With some {big} employees, the {org} plant is among the biggest employers around {place}.
Environmental officials measured the air quality in {place} and said the values were within the legal limits by the
  evening.
| Air measurements taken in {place} showed no values above the legal limits by evening, environmental officials
  said.
The roof of the main hall collapsed [a few hours later|later in the day], and firefighters [pulled back|withdrew]
  to fight the flames from
  outside.
| Some hours after the fire started, the roof of the main hall caved in, forcing the crews to fight the fire from
  outside.

[fire en quote]
"We saw flames coming out of the roof and everyone ran to the gates," said {witness}, who works in the packing hall
  of {org}.
"Our first thought is with our employees, and I am relieved that everyone is safe," plant manager {person} said.
"The smoke was so thick that we could not see the other side of the street," said {witness}, who lives near the
  plant in {place}.
"We will find out what happened and who is responsible," Interior Minister {minister} told reporters in {place}.
Fire chief {expert} said: "The chemicals stored in the hall made this a very difficult operation for our crews."
"Many families in {place} depend on this plant, so people are worried about their jobs," said {witness}, a local
  shopkeeper.
"It will take weeks before we know how much of the equipment can be saved," a company spokesperson, {official},
  said.

[fire en background]
Industrial fires have become more frequent in the region in recent years, and unions have repeatedly called for more
  safety inspections.
After a series of warehouse fires in {year}, the government promised stricter rules for the storage of chemicals,
  but the law has not yet been passed.
Fire services in small towns often rely on volunteers, and officials say many of them struggle to find enough new
  members.
Inspections of industrial sites were cut back during the budget crisis of {year}, according to a report by the
  national audit office.
In {bg_country}, a fire at a chemicals plant in {year} led to the evacuation of several villages and a long court
  case.
Insurers say damage from industrial fires has risen sharply over the past decade, partly because of larger storage
  halls.
Minister {bg_minister} has said that a new register of dangerous sites will be ready next year.
Experts say older factory buildings often lack modern sprinkler systems, which makes fires spread faster.

[summit en head]
{country} and {other} sign trade pact in {place}
Leaders meet in {place} for talks
{country} and {other} agree to [boost|expand] trade at {place} summit
Summit in {place} ends with {n1} agreements
Deal in {place}: {country} and {other} cut tariffs

[summit en lead]
Leaders of {country} and {other} met in {place} on {day} and agreed trade worth {big} million, officials from both
  sides said.
A summit in {place} ended on {day} with a deal between {country} and {other} that covers trade, energy and
  transport.
The governments of {country} and {other} signed {n1} agreements at a summit in {place} on {day}, ending months of
  [difficult|tense] negotiations.

[summit en event]
Foreign Minister {minister} called the meeting a turning point in relations between {country} and {other}.
| For Foreign Minister {minister}, the meeting marked a turning point between {country} and {other}.
Negotiator {person} said {n1} separate agreements were signed, covering customs, railways and the exchange of
  students.
| According to negotiator {person}, {n1} separate deals were signed, on customs, rail links and student exchanges.
The two sides agreed to cut tariffs on farm products by {dec} percent over the next [three|five] years.
| Tariffs on farm goods will fall by {dec} percent over several years under the deal, officials said.
The next round of talks is planned in {n2} weeks, when ministers will discuss energy prices and gas pipelines.
| Ministers are due to meet again in {n2} weeks to discuss energy prices and the planned gas pipelines.
The delegations met for more than {n3} hours behind closed doors in the old town hall of {place}.
| Behind closed doors in the old town hall of {place}, the two delegations talked for more than {n3} hours.
Under the deal, trade between {country} and {other} is expected to reach {big} million a year by the end of the
  decade.
| Officials expect annual trade between {country} and {other} to reach {big} million by the end of the decade.
Police closed the centre of {place} for the summit, and several hundred protesters gathered near the conference
  hall.
| Several hundred demonstrators gathered near the conference hall while police sealed off the centre of {place}.
Officials said a joint commission would meet every {n3} months to check that the agreements are put into practice.
| A joint commission will meet every {n3} months to monitor whether the agreements are being put into practice.
Business groups in {country} welcomed the deal, saying it would open new markets for small and medium-sized firms.
| Business associations in {country} praised the agreement as a chance for small firms to reach new markets.
A planned agreement on fishing rights was [postponed|left out] after the two sides failed to agree on quotas.
| No agreement was reached on fishing rights, as the two sides remained divided over quotas.
The leaders also agreed to open a new border crossing between {country} and {other} within {n2} months.
| A new border crossing between {country} and {other} is to open within {n2} months, the leaders said.
The summit was the first meeting of the two governments in {place} since relations cooled {n3} years ago.
| The meeting in {place} was the first between the two governments since relations cooled {n3} years ago.

[summit en quote]
"Today we have shown that dialogue works better than walls," Foreign Minister {minister} told reporters in {place}.
"This is not the end of the work but the beginning," said negotiator {person}. "The details will take months."
"Farmers in {other} have waited years for this," said {witness}, who heads a farmers' association near the border.
"We are cautiously optimistic, but we want to see the text before we celebrate," said {expert}, an economist in
  {country}.
"The people of {place} are proud to host this meeting," said {witness}, a local councillor, on {day}.
"Trade is only one part of it; what matters is trust between our two countries," {minister} said after the signing.
A diplomat who took part in the talks, {official}, said: "There were moments when we thought it would fail."

[summit en background]
Relations between the neighbouring countries have gone through ups and downs since a border dispute in {year}.
Trade in the region has grown slowly over the past decade, held back by high tariffs and poor road and rail links.
Previous summits, including one in {year}, ended with promises that were only partly kept, critics say.
{bg_country} has been watching the talks closely, as it fears losing market share to its neighbours.
Diplomats say such summits are usually prepared for months, with most of the texts agreed before the leaders arrive.
Minister {bg_minister} has repeatedly said that regional trade is key to bringing down food prices.
Economists warn that trade agreements take years to show an effect on jobs and wages.
Opposition parties have criticised the government for negotiating behind closed doors and not informing parliament.

[office en head]
{org} opens office in {place}
{org} to create {big} jobs in {place}
{org} invests {dec} million in {place}
New {org} site brings jobs to {place}
{place} wins {org} investment

[office en lead]
{org} opened a new office in {place} on {day}, promising {big} jobs over the next {n3} years.
The company {org} said on {day} it will invest {dec} million in a new site in {place}, one of the largest
  investments in the region this year.
{place} in {country} will get a new regional headquarters of {org}, the company announced on {day}, with up to {big}
  jobs.

[office en event]
Chief executive {person} said {place} was chosen for its port, its rail links and the skills of its workforce.
| According to chief executive {person}, the company picked {place} because of its port, rail connections and
  skilled workers.
Economy Minister {minister} attended the opening and praised the company for investing outside the capital.
| Among the guests at the opening was Economy Minister {minister}, who praised the company for investing in the
  regions.
Local officials expect {n1} suppliers to follow and open their own premises in the area around {place}.
| Officials in {place} believe {n1} suppliers will follow {org} and set up in the area.
The new building has {n3} floors and room for about {big} employees, according to the company.
| According to {org}, the building has {n3} floors and space for around {big} staff.
The first {n2} employees started work on {day}, most of them hired from the region around {place}.
| On {day}, the first {n2} staff members started work, most of them recruited locally.
{org} said it would invest {dec} million in the site over the next {n3} years, including a training centre.
| Over the next {n3} years, {org} plans to spend {dec} million on the site, including a training centre.
The town council of {place} sold the land to the company at a reduced price, a decision that was
  [criticised|questioned] by some councillors.
| Some councillors questioned the council's decision to sell the land to {org} below market price.
The company plans to offer {n1} apprenticeships a year in cooperation with the technical college in {place}.
| Together with the technical college in {place}, the company will train {n1} apprentices a year.
Unemployment in the district around {place} is well above the national average of {country}, officials said.
| In the district around {place}, unemployment is well above the average for {country}, officials said.
The opening ceremony on {day} was attended by about {n3} hundred guests, including business leaders from {other}.
| About {n3} hundred guests, among them business leaders from {other}, attended the opening on {day}.
The office will handle logistics and customer service for the company's operations in {country} and {other}.
| From {place}, the company will run logistics and customer service for {country} and {other}.
Construction of a second building is planned to start in {n3} years if demand grows as expected, {org} said.
| If demand grows as expected, {org} could build a second office in {place} within {n3} years.

[office en quote]
"{place} has everything we need: good people, a port and a council that listens," chief executive {person} said.
"This is a good day for {place} and for the whole region," Economy Minister {minister} told guests at the opening.
"My son studied here and had to move away for work. Maybe now young people will stay," said {witness}, a resident.
"We hope the jobs will go to local people and not only to managers from the capital," said {witness}, a union
  representative.
"We have been talking to {org} for two years, and I am glad it worked out," said {official}, who heads the town's
  business office.
"Investment like this shows that the region is open for business," {minister} said on {day}.
"We will watch closely whether the promises on jobs are kept," opposition councillor {expert} said.

[office en background]
The region has struggled to attract investment since several large factories closed in {year}.
The government has offered tax breaks to companies that set up outside the capital, a policy introduced in {year}.
Many young people leave small towns for the capital, and local councils are competing hard for new employers.
Economists say new offices bring fewer jobs than factories did, but the jobs tend to be better paid.
Minister {bg_minister} has promised to improve rail links to the coast, which business groups say is key for
  investors.
Companies from {bg_country} have also been expanding in the region, drawn by lower rents and wages.
Critics say tax incentives mainly benefit large companies, while small local firms receive little support.
Office rents in provincial towns are still less than half of those in the capital, according to estate agents.

[flood en head]
River {river} floods {place}
{big} evacuated as {place} floods
Floods hit {place} after heavy rain
{river} bursts its banks in {place}
Water rises in {place}, {n1} roads closed

[flood en lead]
The river {river} burst its banks in {place} on {day}, forcing {big} people from their homes, officials said.
Floods hit {place} on {day} after {n2} millimetres of rain fell in one night, cutting off roads and flooding
  cellars.
Rescue workers evacuated {big} residents of {place} in {country} on {day} as the {river} rose to its highest level
  in years.

[flood en event]
Regional official {person} said {n1} roads were closed and several villages near {place} could only be reached by
  boat.
| According to regional official {person}, {n1} roads were impassable and several villages near {place} could only
  be reached by boat.
Interior Minister {minister} visited the shelters in {place} on {day} and promised quick help for those affected.
| On {day}, Interior Minister {minister} toured shelters in {place} and pledged rapid aid.
Forecasters expect the water to fall within {n3} hours, but more rain is expected later in the week.
| The water should recede within {n3} hours, forecasters said, though more rain is forecast for later in the week.
The water level of the {river} was {dec} metres above normal at the gauge in {place} on {day} morning.
| At the gauge in {place}, the {river} stood {dec} metres above its normal level on {day} morning.
Soldiers and volunteers filled sandbags through the night to protect the hospital and the old town of {place}.
| Volunteers and soldiers worked through the night filling sandbags to protect the hospital and the historic centre.
{n3} schools in {place} were turned into shelters, where families received food and dry clothes.
| Families received food and dry clothes in {n3} schools in {place} that were turned into emergency shelters.
The railway line through {place} was closed after water [washed away|damaged] part of the track.
| Trains are not running through {place} because floodwater damaged part of the line.
Farmers near {place} said large parts of their fields were under water, only weeks before the harvest.
| Much of the farmland around {place} was flooded, farmers said, just weeks before the harvest.
Firefighters pumped water out of hundreds of cellars in {place}, and electricity was cut in {n3} districts as a
  precaution.
| Hundreds of cellars in {place} were pumped out by firefighters, and power was switched off in {n3} districts.
The regional government of {country} declared a state of emergency for {place} and {n3} neighbouring communities.
| A state of emergency was declared by the regional government for {place} and {n3} nearby communities.
Police said {n3} people had to be rescued from the roofs of their cars on a flooded road south of {place}.
| {n3} people were rescued by police from the roofs of their cars south of {place}.
Drinking water in {place} should be boiled until further notice, the health authority said on {day}.
| Residents of {place} have been told to boil their tap water until further notice.

[flood en quote]
"The water came so fast that we only had time to grab the children and the dog," said {witness}, a resident of
  {place}.
"We are doing everything we can, but the river is stronger than us tonight," regional official {person} said.
"Nobody will be left alone with the damage," Interior Minister {minister} said during a visit to a shelter in
  {place}.
"My shop is under a metre of water. Everything is gone," said {witness}, who runs a bakery near the {river}.
Hydrologist {expert} said: "The ground was already saturated, so the rain had nowhere to go."
"We have sandbags and volunteers, but we need more pumps," the head of the fire service in {place}, {official},
  said.
"I remember the last flood, but this one is worse," {witness} said while watching the water from a bridge.

[flood en background]
The {bg_river} valley has flooded several times in recent decades, and experts say heavy rainfall is becoming more
  frequent.
After floods in {year}, the government promised new dams and overflow areas, but many of the projects are still on
  paper.
Environmental groups say that building on flood plains has made the damage worse, as water can no longer spread.
Insurance against flood damage is expensive in high-risk areas, and many households cannot afford it.
In {bg_country}, floods in {year} caused damage worth billions and led to a national debate on climate adaptation.
Minister {bg_minister} has announced a review of flood protection along all major rivers, due next spring.
Experts say early warning systems have improved, but that many small towns still lack detailed flood maps.
Farmers' groups have called for compensation funds that pay out faster after floods.

[strike en head]
Workers at {org} strike in {place}
Strike halts {org} in {place}
{big} workers walk out at {org}
Unions call strike at {org} plant in {place}
Production stops at {org} as pay talks fail

[strike en lead]
{big} workers at {org} in {place} walked out on {day}, demanding a {n2} percent raise, the union said.
A strike stopped production at {org} in {place} on {day} after pay talks between the union and management failed.
Workers at the {org} site in {place}, {country}, downed tools on {day} in a dispute over wages and working hours.

[strike en event]
Union leader {person} said the strike would last {n1} days unless the company made a better offer.
| Unless the company improves its offer, the strike will go on for {n1} days, union leader {person} said.
Labour Minister {minister} called both sides to talks and urged them to find a solution quickly.
| Labour Minister {minister} urged the union and the company to sit down for talks as soon as possible.
Management said it had offered a raise of {dec} percent, which it called fair given the state of the market.
| The company said its offer of a {dec} percent raise was fair in the current market.
Picket lines formed at the gates of the {org} plant in {place} from {hour} on {day}.
| From {hour} on {day}, striking workers stood at the gates of the {org} plant in {place}.
About {big} workers took part in the strike, according to the union; the company gave a lower figure.
| The union put the number of strikers at about {big}, while management spoke of fewer.
The strike also affected {n3} suppliers in the region around {place}, which had to send workers home.
| {n3} suppliers in the area around {place} also had to send their staff home because of the strike.
The union is demanding a raise of {n2} percent and a shorter working week for shift workers.
| Shift workers are demanding {n2} percent more pay and a shorter working week, the union said.
Talks between {org} and the union broke down on {day} after {n3} rounds of negotiations.
| After {n3} rounds of negotiations, talks between {org} and the union collapsed on {day}.
Workers marched through the centre of {place} on {day} with banners and whistles, and police said the protest was
  peaceful.
| Carrying banners and blowing whistles, strikers marched through {place} on {day}; police reported no incidents.
The company said the strike was costing it about {dec} million a day in lost production.
| Lost production is costing {org} some {dec} million a day, according to the company.
The last strike at {org} in {place} ended {n3} years ago with a compromise after two weeks.
| The previous strike at the {org} plant in {place}, {n3} years ago, ended in a compromise after two weeks.
A mediator appointed by the labour ministry of {country} is expected to meet both sides within {n3} days.
| Within {n3} days, a mediator from the labour ministry of {country} is due to meet both sides.

[strike en quote]
"We are not asking for luxury, we are asking for wages we can live on," union leader {person} told the crowd in
  {place}.
"Our offer of {dec} percent is fair, and the door remains open for talks," a spokesperson for {org}, {official},
  said.
"I have worked here for twenty years and my pay has not kept up with rents," said {witness}, a machine operator.
"Both sides must return to the table; a long strike helps nobody," Labour Minister {minister} said on {day}.
"My husband works at the plant, and we support the strike even if it hurts," said {witness}, who joined the march.
"Prices have gone up everywhere, but our wages have stayed the same," said {witness}, standing at the picket line.
Labour economist {expert} said: "Strikes like this one are a sign that inflation has eaten into real wages."

[strike en background]
Strikes have become more common in the region as prices for food, energy and rent have risen faster than wages.
Unions and employers in the sector last signed a wage agreement in {year}, which expired at the end of last year.
Labour disputes in the country are usually settled after a few days, often with the help of a state mediator.
In {bg_country}, a long strike in the metal industry in {year} ended with a raise well below the unions' demands.
Minister {bg_minister} has proposed a law on minimum wages, which employers say would cost jobs.
Union membership has fallen over the past two decades, but it remains high in large industrial plants.
Economists say wage increases are needed to support spending, but warn that they could push up inflation.
Employers argue that high energy costs leave little room for raises, especially for export-oriented firms.

[any en background]
The weather service expects [dry and mild|cold and windy|wet and cloudy] weather for the rest of the week, with
  temperatures [slightly below|slightly above] the seasonal average.
The government is under pressure ahead of regional elections, and opposition parties accuse it of neglecting the
  provinces.
Inflation has slowed in recent months, but food and energy prices remain well above their level of two years ago.
Economists expect growth of less than two percent this year, as exports to {bg_country} have weakened.
A government spokesperson said a cabinet meeting on the budget had been [moved|brought forward] to next week.
Minister {bg_minister} is due to present a report on public investment in the regions to parliament this month.
Local councils have complained for years that the central government leaves them with more tasks but less money.
Many rural areas have lost shops, bank branches and bus lines over the past decade, fuelling frustration with
  politics.
Relations between the neighbouring governments of {bg_country} and {bg_other} have improved since last year's
  elections.
The national statistics office said unemployment stood at just under seven percent in the last quarter.

[any en boilerplate]
This report was updated at {updated}.
Additional reporting by the {outlet} regional desk.
Follow {outlet} for more news from the region.
Correction: an earlier version of this article gave a wrong time for the first reports.
This article is part of our regional coverage. Tips can be sent to the {outlet} newsroom.
""",
    "es": """
[quake es head]
Un sismo de magnitud {dec} sacude {place}
El terremoto daña {n1} viviendas en {place}
Los vecinos de {place} duermen en la calle tras el sismo
Los rescatistas buscan entre los escombros de {place}
Las réplicas sacuden {place} tras el terremoto de {dec}

[quake es lead]
Un terremoto de magnitud {dec} sacudió {day} la localidad de {place}, en {country}, dañó {n1} viviendas y dejó {n2}
  heridos, según las autoridades locales.
Un sismo de {dec} grados golpeó {day} {place} y dejó {n2} heridos y {n1} casas [dañadas|afectadas].
Los vecinos de {place} salieron a la calle {day} cuando un terremoto de magnitud {dec} sacudió la ciudad poco
  después de las {hour}.

[quake es event]
<El alcalde|La alcaldesa> {person} afirmó que {n2} personas recibieron atención médica, la mayoría por cortes y
  contusiones.
| Según <el alcalde|la alcaldesa> {person}, {n2} personas necesitaron atención médica y {n1} casas deberán ser
  revisadas antes de que vuelvan sus vecinos.
El temblor se sintió a las {hour} hora local y duró unos {n3} segundos, según el servicio sismológico de {country}.
| Los vecinos notaron el temblor a las {hour} durante unos {n3} segundos, informó el servicio sismológico de
  {country}.
Los técnicos declararon inhabitables {n1} edificios del casco antiguo de {place} y [acordonaron|cerraron] las calles
  cercanas.
| Un total de {n1} edificios del centro histórico de {place} fueron declarados inhabitables y la policía cerró las
  calles de alrededor.
Unos {big} vecinos pasaron la noche en tiendas de campaña y polideportivos habilitados por el ayuntamiento de
  {place}.
| Unas {big} personas tuvieron que dormir fuera de casa, en tiendas de emergencia o en polideportivos municipales.
Los equipos de rescate, con perros adiestrados, revisaron durante toda la noche las casas derrumbadas junto al
  mercado de {place}.
| Durante toda la noche, los rescatistas y sus perros buscaron entre las ruinas de las casas del mercado de {place}.
El epicentro se situó a unos {n3} kilómetros al norte de {place}, a poca profundidad, lo que explica los [graves|
  importantes] daños.
| Los expertos situaron el epicentro a unos {n3} kilómetros de {place}, cerca de la superficie, lo que hizo el
  temblor especialmente destructivo.
<El ministro|La ministra> del Interior, {minister}, llegó a {place} {day} por la tarde y prometió fondos de
  emergencia para las familias afectadas.
| {day} por la tarde <el ministro|la ministra> del Interior, {minister}, viajó a {place} y prometió ayudas para las
  familias sin hogar.
El suministro eléctrico se cortó durante varias horas en buena parte de {place}, y el agua falló en {n3} barrios.
| Gran parte de {place} se quedó sin luz durante horas, y {n3} barrios no tenían agua corriente.
Se registraron al menos {n3} réplicas en las horas posteriores al sismo principal, la más fuerte cerca de las
  afueras de {place}.
| El servicio sismológico contabilizó al menos {n3} réplicas tras el temblor principal, una de ellas muy perceptible
  en {place}.
Las escuelas de {place} permanecerán cerradas [hasta nuevo aviso|el resto de la semana] mientras se revisan los
  edificios.
| Se han suspendido las clases en {place} mientras se inspeccionan los colegios, según el ayuntamiento.
El hospital comarcal de {place} informó de que había ingresado a {n2} pacientes, varios de ellos en observación.
| El hospital de {place} ingresó a {n2} pacientes, según su dirección, y algunos siguen en observación.
Las autoridades de {country} señalaron que se trata del terremoto más fuerte en la zona de {place} en décadas.
| Según las autoridades de {country}, es el sismo más potente registrado cerca de {place} en décadas.
La carretera de acceso a {place} quedó bloqueada durante horas por desprendimientos de rocas.
| Los desprendimientos bloquearon durante horas la única carretera principal hacia {place} y retrasaron la llegada
  de la ayuda.

[quake es quote]
«Oímos un ruido sordo y de repente las paredes empezaron a moverse», relató {witness}, que vive junto a la iglesia
  de {place}.
«Nuestra prioridad esta noche es que nadie en {place} duerma sin techo», declaró <el alcalde|la alcaldesa> {person}
  {day}.
«El suelo no dejaba de temblar y los niños gritaban. Salimos sin nada», contó {witness}, comerciante de {place}.
«El Estado no dejará sola a {place}; cada vivienda dañada será revisada y reparada», aseguró <el ministro|la
  ministra> {minister}.
«Las réplicas de este tamaño son normales tras un sismo de magnitud {dec}, pero hay que evitar los edificios
  dañados», explicó <el sismólogo|la sismóloga> {official}.
«He vivido aquí toda la vida y nunca había sentido algo así», dijo {witness} a las puertas de un polideportivo.
«No podemos descartar un sismo más fuerte en los próximos días», advirtió {official} en declaraciones a la radio.

[quake es background]
La región se asienta sobre una falla que ha provocado varios terremotos [fuertes|destructivos] en el último siglo, y
  los expertos advierten desde hace años de que muchas casas antiguas no están preparadas.
Tras un sismo similar en {year}, el Gobierno prometió un plan para reforzar escuelas y hospitales, pero los críticos
  denuncian que apenas se ha ejecutado una parte.
Las normas de construcción se endurecieron en {year}, pero la mayoría de las casas de los pueblos son anteriores.
Los sismólogos recuerdan que los terremotos no se pueden predecir, aunque el riesgo en la frontera con {bg_country}
  sigue siendo alto.
Las organizaciones de ayuda señalan que los primeros días son decisivos: las familias necesitan refugio, agua
  potable y mantas.
Según las aseguradoras, menos de uno de cada cinco hogares rurales tiene un seguro contra terremotos.
En {bg_country}, un sismo de intensidad parecida dejó en {year} a miles de personas sin hogar durante meses.
La oposición acusa al Gobierno de haber recortado el presupuesto de protección civil, algo que <el ministro|la
  ministra> {bg_minister} niega.

[fire es head]
Un incendio destruye la planta de {org} en {place}
Evacuados {n2} trabajadores por un incendio en {place}
Gran incendio en la fábrica de {org} en {place}
Los bomberos luchan durante horas contra el fuego en {place}
Una columna de humo cubre {place} tras el incendio en {org}

[fire es lead]
Un incendio se declaró {day} en la planta de {org} en {place} y {n1} bomberos lucharon durante horas contra las
  llamas.
{n2} trabajadores fueron evacuados {day} cuando el fuego arrasó la fábrica de {org} en {place}, según los bomberos.
Un [gran|grave] incendio destruyó {day} buena parte de la fábrica de {org} en {place}, en {country}, y cubrió la
  ciudad de humo negro.

[fire es event]
<El director|La directora> de la planta, {person}, dijo que nadie resultó herido de gravedad y que los {n2}
  empleados del turno de mañana salieron a tiempo.
| Nadie sufrió heridas graves, según <el director|la directora> de la planta, {person}, y los {n2} empleados del
  primer turno salieron a tiempo.
El fuego comenzó poco después de las {hour} en una nave donde se almacenaban productos químicos y embalajes.
| Según los bomberos, el fuego empezó poco después de las {hour} en una nave de productos químicos y embalajes.
En la extinción participaron {n1} bomberos y {n3} camiones de {place} y de municipios vecinos.
| Equipos de {place} y de varios pueblos cercanos, {n1} bomberos con {n3} camiones en total, acudieron al lugar.
Las autoridades pidieron a los vecinos de {place} que mantuvieran las ventanas cerradas por el humo.
| Por el humo, se recomendó a los vecinos de {place} no salir de casa y cerrar las ventanas hasta la noche.
La empresa calculó los daños en {dec} millones y anunció que la producción quedará parada varias semanas.
| {org} cifró los daños en {dec} millones y advirtió de que la planta no producirá nada durante semanas.
La policía cortó la carretera principal junto a la planta de {org} y desvió el tráfico por el centro de {place}.
| La policía cerró la carretera principal junto a la fábrica de {org} y desvió el tráfico por {place}.
<El ministro|La ministra> del Interior, {minister}, ordenó una investigación y pidió un informe en un plazo de {n3}
  semanas.
| <El ministro|La ministra> del Interior, {minister}, ordenó investigar las causas del incendio y quiere resultados
  en {n3} semanas.
{n3} bomberos fueron atendidos por inhalación de humo en el hospital de {place} y recibieron el alta {day}.
| El personal del hospital de {place} atendió a {n3} bomberos por inhalar humo antes de mandarlos a casa {day}.
Técnicos de la fiscalía de {country} [visitaron|inspeccionaron] la nave calcinada {day} y tomaron muestras.
| {day}, investigadores enviados por la fiscalía de {country} examinaron la nave calcinada y recogieron muestras.
La planta de {org} da empleo a unas {big} personas y es una de las mayores empresas de la comarca de {place}.
| Con unos {big} empleados, la planta de {org} es una de las mayores empresas de los alrededores de {place}.
Los técnicos de medio ambiente midieron la calidad del aire en {place} y aseguraron que estaba dentro de los
  límites.
| Las mediciones del aire en {place} no superaron los límites legales por la noche, según los técnicos de medio
  ambiente.
El techo de la nave principal se derrumbó [unas horas después|más tarde], y los bomberos [se retiraron|tuvieron que
  retirarse] al
  exterior.
| Horas más tarde se hundió el techo de la nave principal, y los equipos tuvieron que combatir el fuego
  desde fuera.

[fire es quote]
«Vimos llamas saliendo del techo y todos corrimos hacia la puerta», contó {witness}, que trabaja en la nave de
  embalaje de {org}.
«Lo primero es nuestra gente, y me alivia que todos estén a salvo», afirmó <el director|la directora> de la planta,
  {person}.
«El humo era tan espeso que no se veía el otro lado de la calle», relató {witness}, <vecino|vecina> de la zona.
«Vamos a averiguar qué ha pasado y quién es el responsable», declaró <el ministro|la ministra> {minister} en
  {place}.
«Los productos químicos de la nave complicaron mucho el trabajo de los equipos», explicó <el jefe|la jefa> de
  bomberos {expert}.
«Muchas familias de {place} dependen de esta fábrica y la gente teme por su empleo», dijo {witness}, comerciante.
«Pasarán semanas hasta que sepamos cuánta maquinaria se puede salvar», señaló {official}, portavoz de la empresa.

[fire es background]
Los incendios industriales se han vuelto más frecuentes en la región, y los sindicatos reclaman desde hace años más
  inspecciones.
Tras varios incendios en almacenes en {year}, el Gobierno prometió normas más estrictas para los productos químicos,
  pero la ley sigue sin aprobarse.
Los servicios de bomberos de los pueblos dependen a menudo de voluntarios, y cada vez cuesta más encontrarlos.
Las inspecciones de instalaciones industriales se redujeron durante la crisis presupuestaria de {year}, según el
  tribunal de cuentas.
En {bg_country}, el incendio de una planta química en {year} obligó a evacuar varios pueblos y acabó en los
  tribunales.
Las aseguradoras señalan que los daños por incendios industriales han aumentado mucho en la última década.
<El ministro|La ministra> {bg_minister} ha asegurado que el nuevo registro de instalaciones peligrosas estará listo
  el próximo año.
Los expertos advierten de que muchas naves antiguas carecen de sistemas modernos de rociadores.

[summit es head]
{country} y {other} firman un pacto comercial en {place}
Cumbre en {place}
{country} y {other} acuerdan ampliar el comercio en {place}
La cumbre de {place} termina con {n1} acuerdos
Acuerdo en {place}: {country} y {other} rebajan aranceles

[summit es lead]
Los líderes de {country} y {other} se reunieron {day} en {place} y acordaron un comercio de {big} millones.
Una cumbre en {place} terminó {day} con un acuerdo entre {country} y {other} sobre comercio, energía y transporte.
Los gobiernos de {country} y {other} firmaron {day} {n1} acuerdos en una cumbre celebrada en {place}, tras meses de
  negociaciones [difíciles|tensas].

[summit es event]
<El ministro|La ministra> de Exteriores, {minister}, calificó la reunión de histórica para las relaciones entre
  ambos países.
| Para <el ministro|la ministra> de Exteriores, {minister}, la reunión marca un punto de inflexión entre {country} y
  {other}.
<El negociador|La negociadora> {person} dijo que se firmaron {n1} acuerdos sobre aduanas, ferrocarriles e
  intercambio de estudiantes.
| Según <el negociador|la negociadora> {person}, se firmaron {n1} acuerdos distintos sobre aduanas, trenes e
  intercambios de estudiantes.
Las dos partes acordaron rebajar un {dec} por ciento los aranceles agrícolas en los próximos [tres|cinco] años.
| Los aranceles sobre los productos agrícolas bajarán un {dec} por ciento en varios años, según fuentes oficiales.
La próxima ronda está prevista dentro de {n2} semanas, cuando los ministros abordarán el precio de la energía.
| Los ministros volverán a reunirse dentro de {n2} semanas para hablar del precio de la energía y de los gasoductos.
Las delegaciones se reunieron durante más de {n3} horas a puerta cerrada en el antiguo ayuntamiento de {place}.
| A puerta cerrada, en el antiguo ayuntamiento de {place}, las dos delegaciones hablaron durante más de {n3} horas.
Con el acuerdo, el comercio entre {country} y {other} podría alcanzar los {big} millones anuales a final de la
  década.
| Se espera que el comercio anual entre {country} y {other} alcance los {big} millones a final de la década.
La policía cerró el centro de {place} durante la cumbre, y varios cientos de manifestantes se concentraron cerca.
| Varios cientos de manifestantes se reunieron cerca del palacio de congresos mientras la policía cerraba el centro
  de {place}.
Una comisión conjunta se reunirá cada {n3} meses para vigilar que los acuerdos se cumplan, según fuentes oficiales.
| Una comisión mixta se reunirá cada {n3} meses para comprobar que los acuerdos se aplican.
Las patronales de {country} celebraron el acuerdo porque abrirá nuevos mercados a las pequeñas y medianas empresas.
| Las asociaciones empresariales de {country} ven en el acuerdo una oportunidad para que las pymes lleguen a nuevos
  mercados.
Un acuerdo sobre derechos de pesca [se aplazó|quedó fuera] porque las partes no lograron pactar las cuotas.
| No hubo acuerdo sobre los derechos de pesca, ya que las dos partes siguen divididas sobre las cuotas.
Los líderes acordaron además abrir un nuevo paso fronterizo entre {country} y {other} en un plazo de {n2} meses.
| Un nuevo paso fronterizo entre {country} y {other} abrirá en un plazo de {n2} meses, anunciaron los líderes.
Fue la primera reunión de ambos gobiernos en {place} desde que las relaciones se enfriaron hace {n3} años.
| El encuentro de {place} fue el primero entre ambos gobiernos desde que las relaciones se enfriaron hace {n3} años.

[summit es quote]
«Hoy hemos demostrado que el diálogo funciona mejor que los muros», dijo <el ministro|la ministra> {minister} en
  {place}.
«Esto no es el final del trabajo, sino el principio; los detalles llevarán meses», explicó <el negociador|la
  negociadora> {person}.
«Los agricultores de {other} llevaban años esperando esto», afirmó {witness}, que preside una asociación agraria.
«Somos prudentemente optimistas, pero queremos ver el texto antes de celebrarlo», señaló <el|la> economista
  {expert}.
«Para {place} es un orgullo acoger esta reunión», dijo {day} {witness}, <concejal|concejala> de la ciudad.
«El comercio es solo una parte; lo importante es la confianza entre nuestros países», afirmó {minister}.
«Hubo momentos en que pensamos que fracasaría», reconoció {official}, <diplomático|diplomática> que participó en las
  conversaciones.

[summit es background]
Las relaciones entre los países vecinos han pasado por altibajos desde la disputa fronteriza de {year}.
El comercio regional ha crecido lentamente en la última década, frenado por los aranceles y las malas conexiones.
Según los críticos, cumbres anteriores, como la de {year}, terminaron con promesas que solo se cumplieron en parte.
{bg_country} sigue de cerca las conversaciones, ya que teme perder cuota de mercado frente a sus vecinos.
Los diplomáticos explican que estas cumbres se preparan durante meses y que los textos suelen estar cerrados antes.
<El ministro|La ministra> {bg_minister} ha repetido que el comercio regional es clave para bajar el precio de los
  alimentos.
Los economistas advierten de que los acuerdos comerciales tardan años en notarse en el empleo y los salarios.
La oposición critica que el Gobierno negocie a puerta cerrada sin informar al Parlamento.

[office es head]
{org} abre una oficina en {place}
{org} creará {big} empleos en {place}
{org} invierte {dec} millones en {place}
La nueva sede de {org} lleva empleo a {place}
{place} logra la inversión de {org}

[office es lead]
{org} inauguró {day} una nueva oficina en {place} y prometió {big} empleos en {n3} años.
La empresa {org} anunció {day} una inversión de {dec} millones en {place}, una de las mayores de la región este año.
{place}, en {country}, tendrá una nueva sede regional de {org}, con hasta {big} puestos de trabajo, anunció {day} la
  empresa.

[office es event]
<El consejero delegado|La consejera delegada>, {person}, dijo que eligieron {place} por su puerto, sus conexiones
  ferroviarias y su mano de obra.
| Según <el consejero delegado|la consejera delegada>, {person}, la empresa eligió {place} por su puerto, sus trenes
  y sus trabajadores cualificados.
<El ministro|La ministra> de Economía, {minister}, asistió a la inauguración y elogió que la empresa invierta fuera
  de la capital.
| Entre los invitados estuvo <el ministro|la ministra> de Economía, {minister}, que elogió la apuesta de la empresa
  por las regiones.
Las autoridades locales esperan que lleguen {n1} proveedores y abran sus propias instalaciones en la zona.
| Las autoridades de {place} creen que {n1} proveedores seguirán a {org} y se instalarán en la zona.
El nuevo edificio tiene {n3} plantas y espacio para unos {big} empleados, según la compañía.
| Según {org}, el edificio tiene {n3} plantas y capacidad para unos {big} trabajadores.
Los primeros {n2} empleados empezaron a trabajar {day}, la mayoría contratados en la comarca de {place}.
| {day} empezaron a trabajar los primeros {n2} empleados, casi todos contratados en la zona.
{org} invertirá {dec} millones en la sede durante los próximos {n3} años, incluido un centro de formación.
| En los próximos {n3} años, {org} gastará {dec} millones en la sede, incluido un centro de formación.
El ayuntamiento de {place} vendió el terreno a precio reducido, una decisión [criticada|cuestionada] por algunos
  concejales.
| Algunos concejales cuestionaron que el ayuntamiento vendiera el terreno a {org} por debajo de su valor.
La empresa ofrecerá {n1} plazas de aprendiz al año en colaboración con el instituto técnico de {place}.
| Junto al instituto técnico de {place}, la empresa formará a {n1} aprendices cada año.
El paro en la comarca de {place} está muy por encima de la media nacional de {country}, según las autoridades.
| En la comarca de {place}, el desempleo supera con creces la media de {country}, según las autoridades.
Unos {n3} cientos de invitados asistieron {day} a la inauguración, entre ellos empresarios de {other}.
| Unos {n3} cientos de invitados, entre ellos empresarios de {other}, asistieron {day} a la inauguración.
La oficina gestionará la logística y la atención al cliente de la empresa en {country} y {other}.
| Desde {place}, la empresa dirigirá la logística y la atención al cliente para {country} y {other}.
{org} prevé empezar un segundo edificio dentro de {n3} años si la demanda crece como se espera.
| Si la demanda crece como se espera, {org} podría construir una segunda oficina en {place} dentro de {n3} años.

[office es quote]
«{place} tiene todo lo que necesitamos: buena gente, un puerto y un ayuntamiento que escucha», dijo {person}.
«Es un buen día para {place} y para toda la región», afirmó <el ministro|la ministra> {minister} durante la
  inauguración.
«Mi hijo estudió aquí y tuvo que irse para trabajar; quizá ahora los jóvenes se queden», comentó {witness},
  <vecino|vecina>.
«Esperamos que los empleos sean para la gente de aquí y no solo para directivos de la capital», dijo {witness},
  representante sindical.
«Llevamos dos años hablando con {org} y me alegra que haya salido bien», señaló {official}, responsable de promoción
  económica.
«Inversiones como esta demuestran que la región está abierta a los negocios», declaró {minister} {day}.
«Vigilaremos si se cumplen las promesas de empleo», advirtió <el concejal|la concejala> de la oposición {expert}.

[office es background]
La región tiene dificultades para atraer inversiones desde que cerraron varias grandes fábricas en {year}.
El Gobierno ofrece ventajas fiscales a las empresas que se instalan fuera de la capital, una política aprobada en
  {year}.
Muchos jóvenes abandonan los pueblos para irse a la capital, y los ayuntamientos compiten por atraer nuevas
  empresas.
Los economistas señalan que las oficinas crean menos empleo que las fábricas, aunque mejor pagado.
<El ministro|La ministra> {bg_minister} ha prometido mejorar el tren hacia la costa, algo clave según los
  empresarios.
Empresas de {bg_country} también se han expandido en la región, atraídas por alquileres y salarios más bajos.
Los críticos sostienen que los incentivos fiscales benefician sobre todo a las grandes compañías.
Los alquileres de oficinas en las ciudades de provincia siguen siendo menos de la mitad que en la capital.

[flood es head]
El río {river} inunda {place}
{big} evacuados por las inundaciones en {place}
Las lluvias torrenciales anegan {place}
El {river} se desborda a su paso por {place}
Crece el agua en {place}: {n1} carreteras cortadas

[flood es lead]
El río {river} se desbordó {day} en {place} y obligó a {big} personas a dejar sus casas, según las autoridades.
Las inundaciones afectaron {day} a {place} tras caer {n2} litros de lluvia en una noche, con carreteras cortadas y
  sótanos anegados.
Los equipos de emergencia evacuaron {day} a {big} vecinos de {place}, en {country}, cuando el {river} alcanzó su
  nivel más alto en años.

[flood es event]
<El|La> responsable regional {person} dijo que {n1} carreteras estaban cortadas y que a varias aldeas solo se
  llegaba en barca.
| Según <el responsable regional|la responsable regional> {person}, {n1} carreteras eran intransitables y a varias
  aldeas de {place} solo se podía llegar en barca.
<El ministro|La ministra> del Interior, {minister}, visitó {day} los albergues de {place} y prometió ayudas rápidas.
| {day}, <el ministro|la ministra> del Interior, {minister}, recorrió los albergues de {place} y prometió ayuda
  inmediata.
Los meteorólogos esperan que el agua baje en {n3} horas, aunque se prevén más lluvias a finales de semana.
| El agua debería retirarse en {n3} horas, según los meteorólogos, aunque se esperan más lluvias a finales de
  semana.
El nivel del {river} superaba en {dec} metros el nivel normal en la estación de medición de {place}.
| En la estación de medición de {place}, el {river} estaba {dec} metros por encima de su nivel habitual.
Soldados y voluntarios llenaron sacos de arena durante toda la noche para proteger el hospital y el casco antiguo.
| Voluntarios y soldados trabajaron toda la noche llenando sacos de arena para proteger el hospital y el centro
  histórico.
{n3} colegios de {place} se convirtieron en albergues donde las familias recibieron comida y ropa seca.
| Las familias recibieron comida y ropa seca en {n3} colegios de {place} convertidos en albergues.
La línea de tren que pasa por {place} quedó cortada después de que el agua [arrastrara|dañara] parte de la vía.
| No circulan trenes por {place} porque el agua dañó parte de la vía.
Los agricultores de {place} denunciaron que gran parte de sus campos estaba bajo el agua a pocas semanas de la
  cosecha.
| Gran parte de los campos de cultivo de {place} quedó inundada, según los agricultores, pocas semanas antes de la
  cosecha.
Los bomberos achicaron agua de cientos de sótanos, y la electricidad se cortó por precaución en {n3} barrios.
| Los bomberos vaciaron cientos de sótanos en {place}, y la luz se cortó en {n3} barrios.
El gobierno regional de {country} declaró el estado de emergencia en {place} y en {n3} municipios vecinos.
| El gobierno regional declaró el estado de emergencia en {place} y en {n3} localidades cercanas.
La policía rescató a {n3} personas del techo de sus coches en una carretera inundada al sur de {place}.
| La policía rescató a {n3} personas atrapadas en el techo de sus coches al sur de {place}.
Las autoridades sanitarias pidieron hervir el agua del grifo en {place} hasta nuevo aviso.
| Se ha pedido a los vecinos de {place} que hiervan el agua del grifo hasta nuevo aviso.

[flood es quote]
«El agua subió tan rápido que solo nos dio tiempo a coger a los niños y al perro», relató {witness}, <vecino|vecina>
  de {place}.
«Estamos haciendo todo lo posible, pero esta noche el río es más fuerte que nosotros», admitió {person}.
«Nadie se quedará solo con los daños», prometió <el ministro|la ministra> {minister} durante su visita a un
  albergue.
«Mi tienda está bajo un metro de agua; lo he perdido todo», lamentó {witness}, que tiene una panadería junto al río.
«El suelo ya estaba saturado, así que la lluvia no tenía adónde ir», explicó <el hidrólogo|la hidróloga> {expert}.
«Tenemos sacos y voluntarios, pero necesitamos más bombas», pidió {official}, <jefe|jefa> de bomberos de {place}.
«Recuerdo la última inundación, pero esta es peor», dijo {witness} mientras miraba el agua desde un puente.

[flood es background]
El valle del {bg_river} se ha inundado varias veces en las últimas décadas, y los expertos alertan de que las
  lluvias intensas son cada vez más frecuentes.
Tras las inundaciones de {year}, el Gobierno prometió nuevas presas y zonas de desbordamiento, pero muchos proyectos
  siguen en el papel.
Los ecologistas sostienen que construir en zonas inundables ha agravado los daños, porque el agua ya no puede
  extenderse.
El seguro contra inundaciones es caro en las zonas de riesgo, y muchas familias no pueden pagarlo.
En {bg_country}, las inundaciones de {year} causaron daños millonarios y abrieron un debate sobre el cambio
  climático.
<El ministro|La ministra> {bg_minister} anunció una revisión de la protección contra crecidas en todos los grandes
  ríos.
Los expertos reconocen que los sistemas de alerta han mejorado, pero muchos pueblos carecen de mapas de riesgo.
Las organizaciones agrarias piden fondos de compensación que paguen más rápido tras las inundaciones.

[strike es head]
Huelga en {org} en {place}
Los trabajadores de {org} paran en {place}
{big} trabajadores secundan la huelga en {org}
Los sindicatos convocan huelga en la planta de {org}
Se detiene la producción en {org} tras el fracaso de las negociaciones

[strike es lead]
{big} trabajadores de {org} en {place} fueron a la huelga {day} para exigir una subida del {n2} por ciento.
Una huelga paralizó {day} la producción de {org} en {place} después de que fracasaran las negociaciones salariales.
Los trabajadores de la planta de {org} en {place}, en {country}, dejaron de trabajar {day} en protesta por los
  salarios y los horarios.

[strike es event]
<El|La> dirigente sindical {person} dijo que la huelga durará {n1} días si la empresa no mejora su oferta.
| Si la empresa no mejora su oferta, la huelga seguirá {n1} días, advirtió <el dirigente sindical|la dirigente
  sindical> {person}.
<El ministro|La ministra> de Trabajo, {minister}, convocó a ambas partes y les pidió una solución rápida.
| <El ministro|La ministra> de Trabajo, {minister}, instó al sindicato y a la empresa a sentarse a negociar cuanto
  antes.
La dirección aseguró que había ofrecido una subida del {dec} por ciento, que considera justa dada la situación.
| La empresa defendió que su oferta de una subida del {dec} por ciento es justa en el mercado actual.
Los piquetes se formaron a las puertas de la planta de {org} en {place} desde las {hour}.
| Desde las {hour}, los huelguistas se concentraron ante las puertas de la planta de {org} en {place}.
Unos {big} trabajadores secundaron la huelga, según el sindicato; la empresa dio una cifra menor.
| El sindicato cifró en unos {big} los huelguistas, mientras que la dirección habló de menos.
La huelga afectó también a {n3} proveedores de la comarca de {place}, que tuvieron que mandar a casa a su plantilla.
| Otros {n3} proveedores de la zona de {place} tuvieron que mandar a casa a sus trabajadores por la huelga.
El sindicato reclama una subida del {n2} por ciento y una semana laboral más corta para los turnos.
| Los trabajadores a turnos piden un {n2} por ciento más de sueldo y una semana laboral más corta, según el
  sindicato.
Las negociaciones entre {org} y el sindicato se rompieron {day} tras {n3} rondas de reuniones.
| Tras {n3} rondas de negociación, las conversaciones entre {org} y el sindicato se rompieron {day}.
Los trabajadores recorrieron el centro de {place} con pancartas y silbatos, en una protesta pacífica según la
  policía.
| Con pancartas y silbatos, los huelguistas recorrieron {place}; la policía no registró incidentes.
La empresa calcula que la huelga le cuesta unos {dec} millones diarios en producción perdida.
| La producción perdida cuesta a {org} unos {dec} millones al día, según la empresa.
La última huelga en {org} terminó hace {n3} años con un acuerdo tras dos semanas de paros.
| La anterior huelga en la planta de {org} en {place}, hace {n3} años, acabó con un compromiso tras dos semanas.
Un mediador del Ministerio de Trabajo de {country} se reunirá con ambas partes en un plazo de {n3} días.
| En un plazo de {n3} días, un mediador del Ministerio de Trabajo de {country} se reunirá con ambas partes.

[strike es quote]
«No pedimos lujos, pedimos salarios con los que se pueda vivir», dijo {person} ante los trabajadores en {place}.
«Nuestra oferta del {dec} por ciento es justa y la puerta sigue abierta», afirmó {official}, portavoz de {org}.
«Llevo veinte años aquí y mi sueldo no ha seguido el ritmo de los alquileres», contó {witness}, <operario|operaria>
  de la planta.
«Las dos partes deben volver a la mesa; una huelga larga no ayuda a nadie», declaró <el ministro|la ministra>
  {minister} {day}.
«Mi pareja trabaja en la planta y apoyamos la huelga aunque nos cueste», dijo {witness}, que se sumó a la marcha.
«Todo ha subido, pero nuestros salarios siguen igual», lamentó {witness} desde el piquete.
«Huelgas como esta muestran que la inflación se ha comido los salarios reales», explicó <el|la> economista {expert}.

[strike es background]
Las huelgas son cada vez más frecuentes en la región porque los alimentos, la energía y los alquileres suben más que
  los salarios.
Sindicatos y patronal del sector firmaron su último convenio en {year}, que expiró a finales del año pasado.
Los conflictos laborales en el país suelen resolverse en pocos días, a menudo con ayuda de un mediador público.
En {bg_country}, una larga huelga del metal en {year} terminó con una subida muy inferior a la reclamada.
<El ministro|La ministra> {bg_minister} ha propuesto una ley de salario mínimo que, según la patronal, destruiría
  empleo.
La afiliación sindical ha caído en las últimas dos décadas, aunque sigue siendo alta en las grandes fábricas.
Los economistas creen que hacen falta subidas salariales para sostener el consumo, pero temen más inflación.
La patronal argumenta que los altos costes de la energía dejan poco margen para subir sueldos.

[any es background]
Los meteorólogos prevén un tiempo [seco y templado|frío y ventoso|lluvioso y nublado] para el resto de la semana,
  con temperaturas [algo inferiores|algo superiores] a las habituales.
El Gobierno está bajo presión ante las elecciones regionales, y la oposición lo acusa de olvidar a las provincias.
La inflación se ha moderado en los últimos meses, pero los alimentos y la energía siguen mucho más caros que hace
  dos años.
Los economistas prevén un crecimiento inferior al dos por ciento este año por la caída de las exportaciones a
  {bg_country}.
Un portavoz del Gobierno indicó que el consejo de ministros sobre el presupuesto se [aplazó|adelantó] a la próxima
  semana.
<El ministro|La ministra> {bg_minister} debe presentar este mes al Parlamento un informe sobre la inversión pública
  en las regiones.
Los ayuntamientos se quejan desde hace años de que el Gobierno central les da más tareas pero menos dinero.
Muchas zonas rurales han perdido tiendas, sucursales bancarias y líneas de autobús en la última década.
Las relaciones entre los gobiernos de {bg_country} y {bg_other} han mejorado desde las elecciones del año pasado.
La oficina nacional de estadística situó el paro en algo menos del siete por ciento en el último trimestre.

[any es boilerplate]
Noticia actualizada a las {updated}.
Con información de la delegación regional de {outlet}.
Siga a {outlet} para más noticias de la región.
Rectificación: una versión anterior de esta noticia indicaba una hora equivocada.
Esta información forma parte de la cobertura regional de {outlet}.
""",
    "de": """
[quake de head]
Erdbeben der Stärke {dec} erschüttert {place}
Beben beschädigt {n1} Häuser in {place}
Menschen in {place} schlafen nach Erdbeben im Freien
Retter suchen in den Trümmern von {place}
Nachbeben erschüttern {place}, {n1} Häuser beschädigt

[quake de lead]
Ein Erdbeben der Stärke {dec} hat {day} die Stadt {place} in {country} erschüttert, {n1} Häuser beschädigt und {n2}
  Menschen verletzt.
Ein Beben der Stärke {dec} hat {day} {place} getroffen, {n2} Menschen wurden verletzt und {n1} Häuser [beschädigt|
  in Mitleidenschaft gezogen].
Die Bewohner von {place} sind {day} auf die Straßen geflüchtet, als kurz nach {hour} Uhr ein Erdbeben der Stärke
  {dec} die Stadt erschütterte.

[quake de event]
<Bürgermeister|Bürgermeisterin> {person} sagte, {n2} Menschen seien behandelt worden, die meisten wegen
  Schnittwunden und Prellungen.
| Nach Angaben von <Bürgermeister|Bürgermeisterin> {person} mussten {n2} Menschen ärztlich versorgt werden, {n1}
  Häuser sollen vor der Rückkehr der Bewohner geprüft werden.
Das Beben war um {hour} Uhr Ortszeit zu spüren und dauerte nach Angaben des Erdbebendienstes von {country} etwa {n3}
  Sekunden.
| Die Erde bebte um {hour} Uhr rund {n3} Sekunden lang, teilte der Erdbebendienst von {country} mit.
Gutachter erklärten {n1} Gebäude in der Altstadt von {place} für unbewohnbar und [sperrten|riegelten] die Straßen
  ringsum ab.
| Insgesamt {n1} Gebäude im historischen Zentrum von {place} gelten als unbewohnbar, die Polizei sperrte die
  umliegenden Straßen.
Rund {big} Bewohner verbrachten die Nacht in Zelten und Turnhallen, die die Stadt {place} eingerichtet hatte.
| Etwa {big} Menschen mussten die Nacht außerhalb ihrer Wohnungen verbringen, in Notzelten oder städtischen
  Sporthallen.
Rettungsteams mit Suchhunden durchsuchten die ganze Nacht die eingestürzten Häuser am Marktplatz von {place}.
| Die ganze Nacht über suchten Retter mit Hunden in den Trümmern der Häuser rund um den Markt von {place}.
Das Epizentrum lag etwa {n3} Kilometer nördlich von {place} in geringer Tiefe, was die [schweren|großen] Schäden
  erklärt.
| Fachleute verorteten das Epizentrum etwa {n3} Kilometer von {place} entfernt nahe der Oberfläche, deshalb waren
  die Erschütterungen so zerstörerisch.
<Innenminister|Innenministerin> {minister} kam {day} am Abend nach {place} und versprach Nothilfe für die Familien,
  die ihr Zuhause verloren haben.
| {day} am Abend reiste <Innenminister|Innenministerin> {minister} nach {place} und sagte den obdachlosen Familien
  Geld zu.
In weiten Teilen von {place} fiel für mehrere Stunden der Strom aus, in {n3} Stadtteilen auch die Wasserversorgung.
| Große Teile von {place} waren stundenlang ohne Strom, in {n3} Vierteln gab es kein fließendes Wasser.
In den Stunden nach dem Hauptbeben wurden mindestens {n3} Nachbeben registriert, das stärkste am Stadtrand von
  {place}.
| Der Erdbebendienst zählte nach dem Hauptbeben mindestens {n3} Nachbeben, eines davon war in ganz {place} deutlich
  zu spüren.
Die Schulen in {place} bleiben [bis auf Weiteres|für den Rest der Woche] geschlossen, bis die Gebäude geprüft sind.
| Der Unterricht in {place} fällt aus, solange die Schulgebäude untersucht werden, teilte die Stadt mit.
Das Kreiskrankenhaus in {place} nahm nach eigenen Angaben {n2} Patienten auf, mehrere werden noch beobachtet.
| {n2} Patienten wurden laut Klinikleitung im Krankenhaus von {place} aufgenommen, einige werden weiter beobachtet.
Nach Angaben der Behörden in {country} war es das stärkste Beben in der Gegend um {place} seit Jahrzehnten.
| Nach Angaben der Behörden von {country} war es das stärkste Beben in der Nähe von {place} seit Jahrzehnten.
Die Zufahrtsstraße nach {place} war stundenlang durch Felsbrocken blockiert, erste Hilfskonvois kamen erst spät an.
| Steinschlag blockierte stundenlang die einzige Hauptstraße nach {place} und verzögerte die ersten
  Hilfslieferungen.

[quake de quote]
„Wir hörten ein tiefes Grollen, dann bewegten sich die Wände“, sagte {witness}, <der|die> neben der Kirche in
  {place} wohnt.
„Unser Ziel heute Nacht ist, dass niemand in {place} ohne Dach über dem Kopf schläft“, sagte
  <Bürgermeister|Bürgermeisterin> {person}.
„Der Boden hörte nicht auf zu wackeln, die Kinder schrien. Wir sind mit nichts hinausgerannt“, erzählte {witness},
  <der|die> ein Geschäft in {place} betreibt.
„Der Staat lässt {place} nicht allein, jedes beschädigte Haus wird geprüft und repariert“, versprach
  <Innenminister|Innenministerin> {minister}.
„Nachbeben dieser Größe sind nach einem Beben der Stärke {dec} normal, beschädigte Gebäude sollte man aber meiden“,
  sagte <der Seismologe|die Seismologin> {official}.
„Ich lebe mein ganzes Leben hier und habe so etwas noch nie erlebt“, sagte {witness} vor einer Turnhalle.
„Ein stärkeres Beben in den nächsten Tagen können wir nicht ausschließen“, warnte {official} im Rundfunk.

[quake de background]
Die Region liegt auf einer Verwerfung, die im vergangenen Jahrhundert mehrere [schwere|zerstörerische] Erdbeben
  ausgelöst hat, und Fachleute warnen seit Langem, dass viele alte Häuser dafür nicht gebaut sind.
Nach einem ähnlichen Beben {year} versprach die Regierung ein Programm zur Verstärkung von Schulen und
  Krankenhäusern, doch Kritiker sagen, nur ein Bruchteil sei umgesetzt.
Die Bauvorschriften wurden {year} verschärft, doch die meisten Häuser in Kleinstädten sind deutlich älter.
Erdbeben lassen sich nicht vorhersagen, sagen Seismologen, das Risiko im Grenzgebiet zu {bg_country} bleibe aber
  hoch.
Hilfsorganisationen betonen, dass die ersten Tage entscheidend sind: Familien brauchen Unterkunft, sauberes Wasser
  und Decken.
Versicherern zufolge ist auf dem Land nicht einmal jeder fünfte Haushalt gegen Erdbebenschäden versichert.
In {bg_country} machte ein ähnlich starkes Beben {year} Tausende für Monate obdachlos, der Wiederaufbau dauert an.
Die Opposition wirft der Regierung vor, beim Katastrophenschutz gespart zu haben, was <Minister|Ministerin>
  {bg_minister} zurückweist.

[fire de head]
Brand zerstört Werk von {org} in {place}
{n2} Beschäftigte nach Feuer in {place} evakuiert
Großbrand bei {org} in {place}
Feuerwehr kämpft stundenlang gegen Brand in {place}
Rauchwolke über {place} nach Feuer bei {org}

[fire de lead]
Im Werk von {org} in {place} ist {day} ein Feuer ausgebrochen, {n1} Feuerwehrleute kämpften stundenlang gegen die
  Flammen.
{n2} Beschäftigte mussten {day} das Werk von {org} in {place} wegen eines Brandes verlassen, teilte die Feuerwehr
  mit.
Ein [Großbrand|schweres Feuer] hat {day} große Teile der Fabrik von {org} in {place} in {country} zerstört, dichter
  schwarzer Rauch zog über die Stadt.

[fire de event]
<Werksleiter|Werksleiterin> {person} sagte, niemand sei schwer verletzt worden, alle {n2} Beschäftigten der
  Frühschicht seien rechtzeitig ins Freie gekommen.
| Schwer verletzt wurde nach Angaben von <Werksleiter|Werksleiterin> {person} niemand, die {n2} Beschäftigten der
  Frühschicht kamen rechtzeitig heraus.
Das Feuer brach nach Angaben der Feuerwehr kurz nach {hour} Uhr in einer Lagerhalle mit Chemikalien und
  Verpackungsmaterial aus.
| Laut Feuerwehr begann der Brand kurz nach {hour} Uhr in einer Halle für Chemikalien und Verpackungen.
{n1} Feuerwehrleute und {n3} Löschfahrzeuge aus {place} und Nachbargemeinden waren im Einsatz.
| Einsatzkräfte aus {place} und mehreren Nachbarorten, insgesamt {n1} Feuerwehrleute mit {n3} Fahrzeugen, rückten
  aus.
Die Bewohner von {place} wurden aufgefordert, wegen des Rauchs die Fenster geschlossen zu halten.
| Wegen des Rauchs sollten die Menschen in {place} bis zum Abend in ihren Häusern bleiben und die Fenster schließen.
Das Unternehmen schätzt den Schaden auf {dec} Millionen, die Produktion steht für mehrere Wochen still.
| {org} beziffert den Schaden auf {dec} Millionen und warnt, dass das Werk wochenlang nichts produzieren wird.
Die Polizei sperrte die Hauptstraße am Werk von {org} und leitete den Verkehr durch die Innenstadt von {place} um.
| Die Hauptstraße neben dem Werk von {org} wurde gesperrt, der Verkehr lief durch {place}.
<Innenminister|Innenministerin> {minister} ordnete eine Untersuchung an und verlangte binnen {n3} Wochen einen
  Bericht.
| <Innenminister|Innenministerin> {minister} ließ die Brandursache untersuchen und will binnen {n3} Wochen
  Ergebnisse sehen.
{n3} Feuerwehrleute wurden wegen Rauchvergiftung im Krankenhaus von {place} behandelt und {day} entlassen.
| Im Krankenhaus von {place} wurden {n3} Feuerwehrleute wegen eingeatmeten Rauchs versorgt und {day} nach Hause
  geschickt.
Ermittler der Staatsanwaltschaft von {country} [besichtigten|untersuchten] {day} die ausgebrannte Halle und nahmen
  Proben.
| {day} untersuchten Ermittler der Staatsanwaltschaft von {country} die ausgebrannte Halle und sicherten Proben.
Das Werk von {org} beschäftigt rund {big} Menschen und ist einer der größten Arbeitgeber im Kreis {place}.
| Mit rund {big} Beschäftigten gehört das Werk von {org} zu den größten Arbeitgebern rund um {place}.
Die Umweltbehörde maß die Luftqualität in {place} und erklärte am Abend, die Werte lägen im zulässigen Bereich.
| Die Luftmessungen in {place} lagen am Abend unter den gesetzlichen Grenzwerten, so die Umweltbehörde.
[Einige Stunden später|Später am Tag] stürzte das Dach der Haupthalle ein, die Einsatzkräfte [zogen sich
  zurück|mussten sich
  zurückziehen] und löschten von außen.
| Stunden später brach das Dach der Haupthalle ein, die Feuerwehr musste von außen löschen.

[fire de quote]
„Wir sahen Flammen aus dem Dach schlagen und sind alle zum Tor gerannt“, sagte {witness}, <der|die> in der
  Verpackungshalle von {org} arbeitet.
„Unsere ersten Gedanken gelten den Beschäftigten, ich bin erleichtert, dass alle in Sicherheit sind“, sagte
  <Werksleiter|Werksleiterin> {person}.
„Der Rauch war so dicht, dass man die andere Straßenseite nicht mehr sah“, berichtete {witness} aus der
  Nachbarschaft.
„Wir werden herausfinden, was passiert ist und wer verantwortlich ist“, sagte <Innenminister|Innenministerin>
  {minister} in {place}.
„Die gelagerten Chemikalien haben den Einsatz für unsere Leute sehr schwierig gemacht“, sagte
  <Feuerwehrchef|Feuerwehrchefin> {expert}.
„Viele Familien in {place} hängen an diesem Werk, die Leute sorgen sich um ihre Arbeit“, sagte {witness},
  <Inhaber|Inhaberin> eines Ladens.
„Es wird Wochen dauern, bis wir wissen, wie viele Maschinen zu retten sind“, sagte
  <Unternehmenssprecher|Unternehmenssprecherin> {official}.

[fire de background]
Industriebrände sind in der Region in den vergangenen Jahren häufiger geworden, Gewerkschaften fordern seit Langem
  mehr Kontrollen.
Nach einer Serie von Lagerbränden {year} versprach die Regierung strengere Regeln für Chemikalien, das Gesetz ist
  aber noch nicht verabschiedet.
Die Feuerwehren in Kleinstädten sind oft auf Freiwillige angewiesen, und vielerorts fehlt der Nachwuchs.
Kontrollen von Industrieanlagen wurden in der Haushaltskrise {year} zurückgefahren, wie der Rechnungshof
  feststellte.
In {bg_country} führte der Brand in einem Chemiewerk {year} zur Evakuierung mehrerer Dörfer und zu einem langen
  Prozess.
Versicherer berichten, dass die Schäden durch Industriebrände im vergangenen Jahrzehnt stark gestiegen sind.
<Minister|Ministerin> {bg_minister} hat angekündigt, dass ein Register gefährlicher Anlagen im kommenden Jahr fertig
  sein soll.
Fachleute sagen, dass älteren Fabrikgebäuden oft moderne Sprinkleranlagen fehlen.

[summit de head]
{country} und {other} unterzeichnen Handelsabkommen in {place}
Gipfel in {place}
{country} und {other} wollen in {place} mehr Handel vereinbaren
Gipfel in {place} endet mit {n1} Abkommen
Einigung in {place}: {country} und {other} senken Zölle

[summit de lead]
Die Regierungschefs von {country} und {other} haben sich {day} in {place} getroffen und Handel im Wert von {big}
  Millionen vereinbart.
Ein Gipfel in {place} endete {day} mit einer Einigung zwischen {country} und {other} über Handel, Energie und
  Verkehr.
Die Regierungen von {country} und {other} haben {day} bei einem Gipfel in {place} {n1} Abkommen unterzeichnet, nach
  monatelangen [schwierigen|zähen] Verhandlungen.

[summit de event]
<Außenminister|Außenministerin> {minister} sprach von einem Wendepunkt in den Beziehungen beider Länder.
| Für <Außenminister|Außenministerin> {minister} markiert das Treffen eine Wende im Verhältnis zwischen {country}
  und {other}.
<Unterhändler|Unterhändlerin> {person} sagte, es seien {n1} Abkommen zu Zoll, Eisenbahn und Studentenaustausch
  unterzeichnet worden.
| Nach Angaben von <Unterhändler|Unterhändlerin> {person} wurden {n1} einzelne Abkommen zu Zoll, Bahn und
  Studentenaustausch unterzeichnet.
Beide Seiten vereinbarten, die Zölle auf Agrarprodukte in den nächsten [drei|fünf] Jahren um {dec} Prozent zu
  senken.
| Die Zölle auf Agrargüter sollen über mehrere Jahre um {dec} Prozent sinken, hieß es aus Regierungskreisen.
Die nächste Runde ist in {n2} Wochen geplant, dann soll es um Energiepreise und Gasleitungen gehen.
| In {n2} Wochen wollen die Minister erneut zusammenkommen, um über Energiepreise und Gasleitungen zu sprechen.
Die Delegationen berieten mehr als {n3} Stunden hinter verschlossenen Türen im alten Rathaus von {place}.
| Hinter verschlossenen Türen im alten Rathaus von {place} sprachen die Delegationen mehr als {n3} Stunden.
Durch das Abkommen soll der Handel zwischen {country} und {other} bis Ende des Jahrzehnts {big} Millionen im Jahr
  erreichen.
| Der jährliche Handel zwischen {country} und {other} soll bis Ende des Jahrzehnts {big} Millionen erreichen.
Die Polizei sperrte für den Gipfel die Innenstadt von {place}, mehrere Hundert Menschen demonstrierten in der Nähe.
| Mehrere Hundert Demonstranten versammelten sich am Tagungsort, die Polizei riegelte die Innenstadt von {place} ab.
Eine gemeinsame Kommission soll alle {n3} Monate prüfen, ob die Vereinbarungen umgesetzt werden.
| Alle {n3} Monate soll eine gemeinsame Kommission prüfen, ob die Abkommen umgesetzt werden.
Wirtschaftsverbände in {country} begrüßten die Einigung, sie öffne kleinen und mittleren Firmen neue Märkte.
| Unternehmerverbände in {country} sehen in der Einigung eine Chance für kleine Firmen, neue Märkte zu erschließen.
Ein Abkommen über Fischereirechte wurde [vertagt|ausgeklammert], weil man sich nicht auf Fangquoten einigen konnte.
| Bei den Fischereirechten gab es keine Einigung, beide Seiten bleiben bei den Quoten uneins.
Zudem soll binnen {n2} Monaten ein neuer Grenzübergang zwischen {country} und {other} öffnen.
| Binnen {n2} Monaten soll ein neuer Grenzübergang zwischen {country} und {other} öffnen, kündigten die
  Regierungschefs an.
Es war das erste Treffen beider Regierungen in {place}, seit sich die Beziehungen vor {n3} Jahren abgekühlt hatten.
| Das Treffen in {place} war das erste der beiden Regierungen, seit die Beziehungen vor {n3} Jahren abkühlten.

[summit de quote]
„Heute haben wir gezeigt, dass Dialog besser funktioniert als Mauern“, sagte <Außenminister|Außenministerin>
  {minister} in {place}.
„Das ist nicht das Ende der Arbeit, sondern der Anfang, die Einzelheiten werden Monate dauern“, sagte {person}.
„Die Landwirte in {other} haben jahrelang darauf gewartet“, sagte {witness}, <Vorsitzender|Vorsitzende> eines
  Bauernverbands.
„Wir sind vorsichtig optimistisch, wollen aber erst den Text sehen“, sagte <der Ökonom|die Ökonomin> {expert}.
„{place} ist stolz, dieses Treffen auszurichten“, sagte {witness} aus dem Stadtrat {day}.
„Handel ist nur ein Teil, entscheidend ist das Vertrauen zwischen unseren Ländern“, sagte {minister}.
„Es gab Momente, in denen wir dachten, es scheitert“, räumte <der Diplomat|die Diplomatin> {official} ein.

[summit de background]
Die Beziehungen zwischen den Nachbarländern haben seit einem Grenzstreit {year} Höhen und Tiefen erlebt.
Der Handel in der Region ist im vergangenen Jahrzehnt nur langsam gewachsen, gebremst durch Zölle und schlechte
  Verkehrswege.
Frühere Gipfel, etwa {year}, endeten nach Ansicht von Kritikern mit Versprechen, die nur teilweise eingelöst wurden.
{bg_country} verfolgt die Gespräche genau, weil es fürchtet, Marktanteile an die Nachbarn zu verlieren.
Diplomaten zufolge werden solche Gipfel monatelang vorbereitet, die Texte stehen meist schon vor der Ankunft fest.
<Minister|Ministerin> {bg_minister} betont immer wieder, regionaler Handel sei der Schlüssel zu niedrigeren
  Lebensmittelpreisen.
Ökonomen warnen, dass Handelsabkommen erst nach Jahren auf Arbeitsplätze und Löhne wirken.
Die Opposition kritisiert, dass die Regierung hinter verschlossenen Türen verhandelt und das Parlament nicht
  informiert.

[office de head]
{org} eröffnet Büro in {place}
{org} schafft {big} Arbeitsplätze in {place}
{org} investiert {dec} Millionen in {place}
Neuer Standort von {org} bringt Jobs nach {place}
{place} holt Investition von {org}

[office de lead]
{org} hat {day} ein neues Büro in {place} eröffnet und {big} Arbeitsplätze in {n3} Jahren versprochen.
Das Unternehmen {org} will {dec} Millionen in einen neuen Standort in {place} investieren, wie es {day} mitteilte.
{place} in {country} bekommt eine neue Regionalzentrale von {org} mit bis zu {big} Arbeitsplätzen, teilte das
  Unternehmen {day} mit.

[office de event]
<Vorstandschef|Vorstandschefin> {person} sagte, {place} sei wegen seines Hafens, der Bahnanbindung und der
  Fachkräfte gewählt worden.
| Nach Angaben von <Vorstandschef|Vorstandschefin> {person} fiel die Wahl auf {place} wegen des Hafens, der Bahn und
  der qualifizierten Arbeitskräfte.
<Wirtschaftsminister|Wirtschaftsministerin> {minister} nahm an der Eröffnung teil und lobte, dass das Unternehmen
  abseits der Hauptstadt investiert.
| Unter den Gästen war <Wirtschaftsminister|Wirtschaftsministerin> {minister}, die Investition in den Regionen wurde
  ausdrücklich gelobt.
Die Stadt rechnet damit, dass {n1} Zulieferer folgen und sich in der Gegend um {place} ansiedeln.
| Die Stadt {place} geht davon aus, dass {n1} Zulieferer {org} folgen und sich in der Gegend niederlassen.
Das neue Gebäude hat {n3} Stockwerke und Platz für rund {big} Beschäftigte, teilte das Unternehmen mit.
| Laut {org} hat das Gebäude {n3} Etagen und Platz für etwa {big} Mitarbeiter.
Die ersten {n2} Beschäftigten haben {day} angefangen, die meisten stammen aus der Region um {place}.
| {day} nahmen die ersten {n2} Mitarbeiter ihre Arbeit auf, fast alle wurden vor Ort eingestellt.
{org} will in den kommenden {n3} Jahren {dec} Millionen in den Standort investieren, darunter ein
  Ausbildungszentrum.
| In den nächsten {n3} Jahren will {org} {dec} Millionen in den Standort stecken, einschließlich eines
  Schulungszentrums.
Die Stadt {place} verkaufte das Grundstück zu einem ermäßigten Preis, was einige Stadträte [kritisierten| infrage
  stellten].
| Einige Stadträte stellten infrage, dass die Stadt das Grundstück unter Wert an {org} verkauft hat.
Das Unternehmen will jedes Jahr {n1} Ausbildungsplätze anbieten, gemeinsam mit der Fachschule in {place}.
| Zusammen mit der Fachschule in {place} will das Unternehmen jährlich {n1} Lehrlinge ausbilden.
Die Arbeitslosigkeit im Kreis {place} liegt deutlich über dem Landesschnitt von {country}, hieß es.
| Im Kreis {place} liegt die Arbeitslosigkeit weit über dem Durchschnitt von {country}, hieß es von der Stadt.
An der Eröffnungsfeier {day} nahmen rund {n3} hundert Gäste teil, darunter Unternehmer aus {other}.
| Rund {n3} hundert Gäste, unter ihnen Unternehmer aus {other}, kamen {day} zur Eröffnung.
Das Büro soll Logistik und Kundendienst für die Geschäfte des Konzerns in {country} und {other} übernehmen.
| Von {place} aus will der Konzern Logistik und Kundendienst für {country} und {other} steuern.
Ein zweites Gebäude könnte in {n3} Jahren folgen, wenn die Nachfrage wie erwartet wächst, erklärte {org}.
| Wächst die Nachfrage wie erwartet, könnte {org} in {n3} Jahren ein zweites Büro in {place} bauen.

[office de quote]
„{place} hat alles, was wir brauchen: gute Leute, einen Hafen und eine Stadt, die zuhört“, sagte
  <Vorstandschef|Vorstandschefin> {person}.
„Das ist ein guter Tag für {place} und die ganze Region“, sagte <Wirtschaftsminister|Wirtschaftsministerin>
  {minister} bei der Eröffnung.
„Mein Sohn hat hier studiert und musste für die Arbeit wegziehen, vielleicht bleiben die Jungen jetzt“, sagte
  {witness}, <ein Anwohner|eine Anwohnerin>.
„Wir hoffen, dass die Stellen an Leute von hier gehen und nicht nur an Manager aus der Hauptstadt“, sagte {witness}
  von der Gewerkschaft.
„Wir haben zwei Jahre mit {org} gesprochen, ich freue mich, dass es geklappt hat“, sagte {official} von der
  Wirtschaftsförderung.
„Solche Investitionen zeigen, dass die Region offen für Unternehmen ist“, sagte {minister} {day}.
„Wir werden genau hinsehen, ob die Zusagen bei den Arbeitsplätzen eingehalten werden“, sagte
  <Oppositionsstadtrat|Oppositionsstadträtin> {expert}.

[office de background]
Die Region tut sich schwer, Investoren anzuziehen, seit {year} mehrere große Fabriken geschlossen wurden.
Die Regierung bietet Steuervorteile für Firmen, die sich außerhalb der Hauptstadt ansiedeln, eine Regel aus dem Jahr
  {year}.
Viele junge Menschen ziehen aus den Kleinstädten in die Hauptstadt, die Kommunen werben hart um neue Arbeitgeber.
Ökonomen sagen, Büros schaffen weniger Stellen als Fabriken, die Arbeitsplätze seien aber meist besser bezahlt.
<Minister|Ministerin> {bg_minister} hat eine bessere Bahnverbindung zur Küste versprochen, die für Investoren
  entscheidend sei.
Auch Unternehmen aus {bg_country} haben in der Region expandiert, angelockt von niedrigen Mieten und Löhnen.
Kritiker sagen, Steueranreize nützten vor allem großen Konzernen, kleine Betriebe bekämen kaum Unterstützung.
Büromieten in der Provinz liegen nach Angaben von Maklern noch bei weniger als der Hälfte der Hauptstadtpreise.

[flood de head]
Fluss {river} überflutet {place}
{big} Menschen in {place} evakuiert
Starkregen setzt {place} unter Wasser
{river} tritt in {place} über die Ufer
Hochwasser in {place}: {n1} Straßen gesperrt

[flood de lead]
Der Fluss {river} ist {day} in {place} über die Ufer getreten, {big} Menschen mussten ihre Häuser verlassen.
Hochwasser hat {day} {place} getroffen, nachdem {n2} Millimeter Regen in einer Nacht fielen, Straßen und Keller
  wurden überflutet.
Rettungskräfte haben {day} {big} Bewohner von {place} in {country} in Sicherheit gebracht, als die {river} den
  höchsten Stand seit Jahren erreichte.

[flood de event]
<Der Regionalbeamte|Die Regionalbeamtin> {person} sagte, {n1} Straßen seien gesperrt, mehrere Dörfer seien nur noch
  per Boot erreichbar.
| Nach Angaben <des Regionalbeamten|der Regionalbeamtin> {person} waren {n1} Straßen unpassierbar, einige Dörfer bei
  {place} nur per Boot zu erreichen.
<Innenminister|Innenministerin> {minister} besuchte {day} die Notunterkünfte in {place} und versprach schnelle
  Hilfe.
| {day} besuchte <Innenminister|Innenministerin> {minister} Notunterkünfte in {place} und sagte rasche Hilfe zu.
Die Meteorologen erwarten, dass das Wasser binnen {n3} Stunden sinkt, später in der Woche soll es aber wieder
  regnen.
| Das Wasser dürfte binnen {n3} Stunden zurückgehen, sagten Meteorologen, für Ende der Woche ist aber neuer Regen
  angesagt.
Der Pegel der {river} lag an der Messstelle {place} {dec} Meter über dem Normalstand.
| An der Messstelle in {place} stand die {river} {dec} Meter über dem üblichen Pegel.
Soldaten und Freiwillige füllten die ganze Nacht Sandsäcke, um das Krankenhaus und die Altstadt zu schützen.
| Freiwillige und Soldaten füllten die ganze Nacht Sandsäcke, um Klinik und Altstadt zu schützen.
{n3} Schulen in {place} wurden zu Notunterkünften, dort bekamen Familien Essen und trockene Kleidung.
| In {n3} zu Notunterkünften umgebauten Schulen in {place} bekamen Familien Essen und trockene Kleidung.
Die Bahnstrecke durch {place} ist gesperrt, nachdem das Wasser einen Teil der Gleise [weggespült|beschädigt] hat.
| Durch {place} fahren keine Züge, weil das Hochwasser einen Teil der Strecke beschädigt hat.
Landwirte rund um {place} berichteten, große Teile ihrer Felder stünden wenige Wochen vor der Ernte unter Wasser.
| Ein Großteil der Äcker um {place} steht nach Angaben der Bauern unter Wasser, wenige Wochen vor der Ernte.
Die Feuerwehr pumpte Hunderte Keller leer, in {n3} Stadtteilen wurde vorsorglich der Strom abgeschaltet.
| Hunderte Keller in {place} wurden von der Feuerwehr leergepumpt, in {n3} Vierteln wurde der Strom abgestellt.
Die Regionalregierung von {country} rief für {place} und {n3} Nachbargemeinden den Notstand aus.
| Die Regionalregierung verhängte den Notstand für {place} und {n3} umliegende Gemeinden.
Die Polizei rettete {n3} Menschen von den Dächern ihrer Autos auf einer überfluteten Straße südlich von {place}.
| {n3} Menschen holte die Polizei südlich von {place} von den Dächern ihrer Autos.
Das Gesundheitsamt rät, das Leitungswasser in {place} bis auf Weiteres abzukochen.
| Die Bewohner von {place} sollen ihr Leitungswasser bis auf Weiteres abkochen.

[flood de quote]
„Das Wasser kam so schnell, wir konnten nur noch die Kinder und den Hund nehmen“, sagte {witness} aus {place}.
„Wir tun alles, was wir können, aber heute Nacht ist der Fluss stärker als wir“, sagte <der Regionalbeamte|die
  Regionalbeamtin> {person}.
„Niemand wird mit den Schäden alleingelassen“, sagte <Innenminister|Innenministerin> {minister} bei einem Besuch in
  einer Notunterkunft.
„Mein Laden steht einen Meter unter Wasser, alles ist weg“, sagte {witness}, <der|die> eine Bäckerei an der {river}
  betreibt.
„Der Boden war schon gesättigt, der Regen konnte nirgendwo hin“, erklärte <der Hydrologe|die Hydrologin> {expert}.
„Wir haben Sandsäcke und Freiwillige, aber wir brauchen mehr Pumpen“, sagte <Feuerwehrchef|Feuerwehrchefin>
  {official}.
„Ich erinnere mich an das letzte Hochwasser, aber dieses ist schlimmer“, sagte {witness} auf einer Brücke.

[flood de background]
Das Tal der {bg_river} ist in den vergangenen Jahrzehnten mehrmals überflutet worden, Fachleute sagen, Starkregen
  werde häufiger.
Nach dem Hochwasser {year} versprach die Regierung neue Dämme und Rückhalteflächen, viele Projekte existieren aber
  nur auf dem Papier.
Umweltverbände sagen, die Bebauung von Überschwemmungsgebieten habe die Schäden verschlimmert.
Eine Versicherung gegen Hochwasser ist in Risikogebieten teuer, viele Haushalte können sie sich nicht leisten.
In {bg_country} richtete ein Hochwasser {year} Schäden in Milliardenhöhe an und löste eine Debatte über
  Klimaanpassung aus.
<Minister|Ministerin> {bg_minister} hat eine Überprüfung des Hochwasserschutzes an allen großen Flüssen angekündigt.
Fachleute sagen, die Frühwarnsysteme seien besser geworden, doch vielen Kleinstädten fehlten genaue
  Hochwasserkarten.
Bauernverbände fordern Hilfsfonds, die nach Überschwemmungen schneller auszahlen.

[strike de head]
Streik bei {org} in {place}
Beschäftigte von {org} legen Arbeit nieder
{big} Beschäftigte streiken bei {org}
Gewerkschaft ruft zum Streik bei {org} in {place} auf
Produktion bei {org} steht still, Tarifgespräche gescheitert

[strike de lead]
{big} Beschäftigte von {org} in {place} haben {day} die Arbeit niedergelegt und {n2} Prozent mehr Lohn gefordert.
Ein Streik hat {day} die Produktion bei {org} in {place} gestoppt, nachdem die Tarifgespräche gescheitert waren.
Die Beschäftigten des Werks von {org} in {place} in {country} haben {day} im Streit um Löhne und Arbeitszeiten die
  Arbeit niedergelegt.

[strike de event]
<Gewerkschaftschef|Gewerkschaftschefin> {person} sagte, der Streik dauere {n1} Tage, wenn das Unternehmen kein
  besseres Angebot vorlege.
| Legt das Unternehmen kein besseres Angebot vor, geht der Streik {n1} Tage weiter, sagte
  <Gewerkschaftschef|Gewerkschaftschefin> {person}.
<Arbeitsminister|Arbeitsministerin> {minister} rief beide Seiten zu Gesprächen und mahnte eine schnelle Lösung an.
| <Arbeitsminister|Arbeitsministerin> {minister} forderte Gewerkschaft und Unternehmen auf, so bald wie möglich zu
  verhandeln.
Die Geschäftsleitung erklärte, sie habe {dec} Prozent mehr Lohn angeboten, was angesichts der Marktlage fair sei.
| Das Unternehmen verteidigte sein Angebot von {dec} Prozent mehr Lohn als angemessen.
Vor den Toren des Werks von {org} in {place} standen seit {hour} Uhr Streikposten.
| Ab {hour} Uhr standen Streikende vor den Toren des Werks von {org} in {place}.
Nach Angaben der Gewerkschaft beteiligten sich rund {big} Beschäftigte, das Unternehmen nannte eine niedrigere Zahl.
| Die Gewerkschaft sprach von etwa {big} Streikenden, die Geschäftsführung von weniger.
Der Streik traf auch {n3} Zulieferer in der Region um {place}, die ihre Beschäftigten nach Hause schicken mussten.
| Wegen des Streiks mussten auch {n3} Zulieferer rund um {place} ihre Leute heimschicken.
Die Gewerkschaft fordert {n2} Prozent mehr Lohn und eine kürzere Arbeitswoche für Schichtarbeiter.
| Schichtarbeiter verlangen {n2} Prozent mehr Geld und eine kürzere Arbeitswoche, so die Gewerkschaft.
Die Gespräche zwischen {org} und der Gewerkschaft waren {day} nach {n3} Verhandlungsrunden abgebrochen worden.
| Nach {n3} Verhandlungsrunden scheiterten {day} die Gespräche zwischen {org} und der Gewerkschaft.
Die Streikenden zogen mit Transparenten und Trillerpfeifen durch die Innenstadt von {place}, die Polizei sprach von
  einem friedlichen Protest.
| Mit Transparenten und Pfeifen zogen die Streikenden durch {place}, Zwischenfälle meldete die Polizei nicht.
Nach Angaben des Unternehmens kostet der Streik täglich etwa {dec} Millionen an entgangener Produktion.
| Der Produktionsausfall kostet {org} nach eigenen Angaben rund {dec} Millionen am Tag.
Der letzte Streik bei {org} in {place} endete vor {n3} Jahren nach zwei Wochen mit einem Kompromiss.
| Der vorige Streik im Werk von {org} in {place} vor {n3} Jahren endete nach zwei Wochen mit einem Kompromiss.
Ein Schlichter des Arbeitsministeriums von {country} soll sich binnen {n3} Tagen mit beiden Seiten treffen.
| Binnen {n3} Tagen soll ein Schlichter des Arbeitsministeriums von {country} beide Seiten treffen.

[strike de quote]
„Wir verlangen keinen Luxus, sondern Löhne, von denen man leben kann“, rief {person} den Streikenden in {place} zu.
„Unser Angebot von {dec} Prozent ist fair, die Tür für Gespräche bleibt offen“, sagte {org}-<Sprecher|Sprecherin>
  {official}.
„Ich arbeite seit zwanzig Jahren hier, und mein Lohn hat mit den Mieten nicht mitgehalten“, sagte {witness},
  <Maschinenführer|Maschinenführerin> im Werk.
„Beide Seiten müssen an den Tisch zurück, ein langer Streik hilft niemandem“, sagte
  <Arbeitsminister|Arbeitsministerin> {minister} {day}.
„Mein Partner arbeitet im Werk, wir unterstützen den Streik, auch wenn es wehtut“, sagte {witness} beim Protestzug.
„Alles ist teurer geworden, nur unsere Löhne sind gleich geblieben“, sagte {witness} am Streikposten.
„Streiks wie dieser zeigen, dass die Inflation die Reallöhne aufgefressen hat“, sagte <der Arbeitsökonom|die
  Arbeitsökonomin> {expert}.

[strike de background]
Streiks sind in der Region häufiger geworden, weil Lebensmittel, Energie und Mieten schneller teurer werden als die
  Löhne.
Gewerkschaften und Arbeitgeber der Branche schlossen ihren letzten Tarifvertrag {year}, er lief Ende vergangenen
  Jahres aus.
Arbeitskämpfe im Land werden meist nach wenigen Tagen beigelegt, oft mithilfe eines staatlichen Schlichters.
In {bg_country} endete ein langer Streik in der Metallindustrie {year} mit einem Abschluss weit unter den
  Forderungen.
<Minister|Ministerin> {bg_minister} hat ein Mindestlohngesetz vorgeschlagen, das nach Ansicht der Arbeitgeber
  Stellen kostet.
Die Zahl der Gewerkschaftsmitglieder ist in den vergangenen zwei Jahrzehnten gesunken, in großen Werken aber hoch
  geblieben.
Ökonomen halten höhere Löhne für nötig, um den Konsum zu stützen, warnen aber vor mehr Inflation.
Die Arbeitgeber argumentieren, hohe Energiekosten ließen wenig Spielraum für Lohnerhöhungen.

[any de background]
Der Wetterdienst erwartet für den Rest der Woche [trockenes und mildes|kaltes und windiges|nasses und trübes]
  Wetter, mit Temperaturen [leicht unter|leicht über] dem jahreszeitlichen Mittel.
Die Regierung steht vor den Regionalwahlen unter Druck, die Opposition wirft ihr vor, die Provinzen zu
  vernachlässigen.
Die Inflation hat sich in den vergangenen Monaten abgeschwächt, doch Lebensmittel und Energie sind deutlich teurer
  als vor zwei Jahren.
Ökonomen rechnen in diesem Jahr mit weniger als zwei Prozent Wachstum, weil die Exporte nach {bg_country}
  schwächeln.
Ein Regierungssprecher sagte, die Kabinettssitzung zum Haushalt sei auf kommende Woche [verschoben|vorgezogen]
  worden.
<Minister|Ministerin> {bg_minister} soll dem Parlament in diesem Monat einen Bericht über öffentliche Investitionen
  in den Regionen vorlegen.
Die Kommunen klagen seit Jahren, dass die Zentralregierung ihnen mehr Aufgaben, aber weniger Geld gibt.
Viele ländliche Gegenden haben im vergangenen Jahrzehnt Geschäfte, Bankfilialen und Buslinien verloren.
Die Beziehungen zwischen den Regierungen von {bg_country} und {bg_other} haben sich seit den Wahlen im vergangenen
  Jahr verbessert.
Das nationale Statistikamt bezifferte die Arbeitslosenquote im letzten Quartal auf knapp sieben Prozent.

[any de boilerplate]
Dieser Artikel wurde um {updated} Uhr aktualisiert.
Mit Material der Regionalredaktion von {outlet}.
Weitere Nachrichten aus der Region lesen Sie bei {outlet}.
Korrektur: In einer früheren Fassung dieses Artikels war eine falsche Uhrzeit angegeben.
Dieser Bericht ist Teil der Regionalberichterstattung von {outlet}.
""",
}


Part = str | tuple[str, ...] | tuple[str, tuple[str, str]]
SECTION = re.compile(r"\[(\w+) (\w+) (\w+)\]")
TOKEN = re.compile(r"\[([^\[\]]*)\]|<([^<>]*)>|\{(\w+)\}")


class Template:
    """One sentence, parsed once, in one or more phrasings (variants) of the same facts.

    A phrasing is literal text, `[a|b]` wording choices, `<m|f>` gender forms and `{slot}`s. `words`
    estimates the rendered length (a slot counts as one word), so a report can be planned to a length
    before anything is rendered.
    """

    __slots__ = ("index", "variants", "words")

    def __init__(self, phrasings: list[str], index: int) -> None:
        self.index = index
        self.variants = tuple(_compile(phrasing) for phrasing in phrasings)
        self.words = round(sum(len(TOKEN.sub("x", p).split()) for p in phrasings) / len(phrasings))

    def render(self, rng: random.Random, slots: dict, genders: dict[str, str], variant: int = 0) -> str:
        pieces = []
        for part in self.variants[variant]:
            if isinstance(part, str):
                pieces.append(part)
            elif isinstance(part[1], tuple):
                pieces.append(part[1][genders[part[0]] == "f"])
            else:
                pieces.append(rng.choice(part))
        text = "".join(pieces).format(**slots)
        return text[0].upper() + text[1:]


def _compile(source: str) -> tuple[Part, ...]:
    """A phrasing as parts: literal strings, tuples of wording choices, (person slot, (m, f)) gender forms."""
    people = [(match.start(), match[3]) for match in TOKEN.finditer(source) if match[3] in PEOPLE_SLOTS]
    parts: list[Part] = []
    position = 0
    for match in TOKEN.finditer(source):
        parts.append(source[position : match.start()])
        position = match.end()
        if match[1] is not None:
            parts.append(tuple(option.strip() for option in match[1].split("|")))
        elif match[2] is not None:
            masculine, feminine = (form.strip() for form in match[2].split("|"))
            after = [slot for start, slot in people if start > match.start()]
            before = [slot for start, slot in people if start < match.start()]
            if not after and not before:
                raise ValueError(f"gender form without a person to agree with: {source!r}")
            parts.append((after[0] if after else before[-1], (masculine, feminine)))
        else:
            parts.append(match[0])
    parts.append(source[position:])
    return tuple(part for part in parts if part)


def parse_templates(sources: dict[str, str]) -> dict[tuple[str, str, str], list[Template]]:
    """Template pools by (kind or "any", language, category) from the sections of each language's source."""
    pools: dict[tuple[str, str, str], list[list[str]]] = {}
    for language, source in sources.items():
        current: list[list[str]] = []
        for line in source.splitlines():
            header = SECTION.fullmatch(line)
            if header:
                kind, section_language, category = header.groups()
                if section_language != language:
                    raise ValueError(f"section {line} in the {language} templates")
                current = pools.setdefault((kind, language, category), [])
            elif line.startswith(" "):
                current[-1][-1] += " " + line.strip()
            elif line.startswith("| "):
                current[-1].append(line[2:].strip())
            elif line.strip():
                current.append([line.strip()])
    for language in sources:
        needed = [(kind, language, category) for kind in KINDS for category in TEMPLATE_CATEGORIES]
        needed += [("any", language, "background"), ("any", language, "boilerplate")]
        missing = [key for key in needed if not pools.get(key)]
        if missing:
            raise ValueError(f"no templates for {missing}")
    numbered = enumerate(phrasings for entries in pools.values() for phrasings in entries)
    templates = [Template(phrasings, index) for index, phrasings in numbered]
    by_key, position = {}, 0
    for key, entries in pools.items():
        by_key[key] = templates[position : position + len(entries)]
        position += len(entries)
    return by_key


TEMPLATES = parse_templates(TEMPLATE_SOURCES)
TOWN_NAMES = len(SYLLABLES_START) * len(SYLLABLES_MIDDLE) * len(SYLLABLES_END)


def _town(rng: random.Random, used: set[str]) -> str:
    """A new town name: three syllables, or four once most three-syllable names are taken (large feeds)."""
    while True:
        start, middle = rng.choice(SYLLABLES_START), rng.choice(SYLLABLES_MIDDLE)
        if len(used) > TOWN_NAMES * 0.8:
            middle += rng.choice(SYLLABLES_MIDDLE)
        name = start + middle + rng.choice(SYLLABLES_END)
        if name not in used:
            used.add(name)
            return name


def _format_decimal(value: float, language: str) -> str:
    text = f"{value:.1f}"
    return text if language == "en" else text.replace(".", ",")


def _format_big(value: int, language: str) -> str:
    text = f"{value:,}"
    return text if language == "en" else text.replace(",", ".")


def _person(rng: random.Random) -> tuple[str, str]:
    """A fictional name and its grammatical gender ("m" or "f")."""
    gender = rng.choice("mf")
    return f"{rng.choice(FIRST_NAMES[gender])} {rng.choice(LAST_NAMES)}", gender


def _event(rng: random.Random, used_towns: set[str], day_span: int) -> dict:
    country, other = rng.sample(COUNTRIES, 2)
    people = {role: _person(rng) for role in ("person", "official", "expert")}
    minister = rng.choice(list(MINISTERS))
    return {
        "kind": rng.choice(KINDS),
        "place": _town(rng, used_towns),
        "country": country,
        "other": other,
        **{role: name for role, (name, _) in people.items()},
        "minister": minister,
        "genders": {role: gender for role, (_, gender) in people.items()} | {"minister": MINISTERS[minister]},
        "org": f"{rng.choice(SYLLABLES_START)}{rng.choice(SYLLABLES_END)} {rng.choice(ORG_SUFFIXES)}",
        "river": rng.choice(RIVERS),
        "hour": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        "n1": rng.randint(3, 95),
        "n2": rng.randint(2, 60),
        "seed": rng.getrandbits(32),
        "big": rng.choice([rng.randint(1000, 9000), rng.randint(120, 900)]),
        "dec": round(rng.uniform(3.0, 9.5), 1),
        "start": START + timedelta(days=rng.uniform(0, day_span)),
    }


def _slots(event: dict, language: str) -> dict:
    slots = {k: v for k, v in event.items() if isinstance(v, str | int)}
    slots["dec"] = _format_decimal(event["dec"], language)
    slots["big"] = _format_big(event["big"], language)
    slots["day"] = WEEKDAYS[language][event["start"].weekday()]
    return slots


def _report_slots(rng: random.Random, event: dict, language: str, outlet: str) -> tuple[dict, dict[str, str]]:
    """The event's slots plus what one outlet's background and boilerplate mention; genders of the people."""
    bg_country, bg_other = rng.sample(COUNTRIES, 2)
    bg_minister = rng.choice(list(MINISTERS))
    slots = _slots(event, language) | {
        "bg_country": bg_country,
        "bg_other": bg_other,
        "bg_minister": bg_minister,
        "bg_river": rng.choice(RIVERS),
        "updated": f"{rng.randint(7, 23):02d}:{rng.choice([0, 15, 30, 45]):02d}",
        "outlet": outlet,
    }
    return slots, event["genders"] | {"bg_minister": MINISTERS[bg_minister]}  # a new dict: callers may update it


def _sentence_slots(event: dict, template: Template) -> tuple[dict, dict[str, str]]:
    """Slots that differ from one sentence to the next but not between reports of the event: a small number,
    a past year and a witness per template, so one report does not put "12" or one witness everywhere,
    while two outlets telling the same fact give the same number and name."""
    mixed = (event["seed"] * 0x9E3779B1 + template.index * 0x85EBCA6B) & 0xFFFFFFFF
    mixed = (mixed ^ (mixed >> 15)) * 0x2C1B3C6D & 0xFFFFFFFF
    gender = "mf"[mixed & 1]
    names = FIRST_NAMES[gender]
    witness = f"{names[(mixed >> 1) % len(names)]} {LAST_NAMES[(mixed >> 8) % len(LAST_NAMES)]}"
    slots = {"n3": 2 + (mixed >> 16) % 13, "year": 2009 + (mixed >> 20) % 21, "witness": witness}
    return slots, {"witness": gender}


def _outlet_hash(outlet: str) -> int:
    return zlib.crc32(outlet.encode("utf-8"))


def _target_words(rng: random.Random, outlet: str) -> int:
    """A report's length: its outlet's usual length (fixed per outlet), give or take a fifth."""
    low, high = OUTLET_USUAL_WORDS
    usual = low + _outlet_hash(outlet) % (high - low)
    return max(REPORT_WORDS[0], min(REPORT_WORDS[1], round(usual * rng.uniform(0.85, 1.2))))


def _plan(
    rng: random.Random, kind: str, language: str, target: int, coverage: EventCoverage
) -> list[tuple[str, Template]]:
    """Which templates a report uses, in order: the lead, then event sentences, quotes and background
    interleaved until the report is `target` words long; background stays below MAX_BACKGROUND_SHARE.
    Templates earlier reports of the event used most (`coverage`) come last: outlets pick their own
    quotes and background, and tell the facts in their own order."""
    lead = coverage.least_used_first(rng, TEMPLATES[kind, language, "lead"])[-1]
    pools = {category: TEMPLATES[kind, language, category] for category in ("event", "quote")}
    pools["background"] = TEMPLATES[kind, language, "background"] + TEMPLATES["any", language, "background"]
    queues = {category: coverage.least_used_first(rng, pool) for category, pool in pools.items()}
    plan = [("lead", lead)]
    words, backgrounds = lead.words, 0
    while words < target:
        allowed = [
            category
            for category, queue in queues.items()
            if queue and (category != "background" or backgrounds + 1 <= MAX_BACKGROUND_SHARE * (len(plan) + 1))
        ]
        if not allowed:
            break
        draw = rng.random() * sum(CATEGORY_WEIGHTS[c] for c in allowed)
        for category in allowed:
            draw -= CATEGORY_WEIGHTS[category]
            if draw < 0:
                break
        template = queues[category].pop()
        if words + template.words > REPORT_WORDS[1]:
            break
        plan.append((category, template))
        words += template.words
        backgrounds += category == "background"
    return plan


@dataclass
class EventCoverage:
    """How often earlier reports of one event in one language used each template and each (template,
    phrasing). Independent outlets do not write the same text, so a new report takes the least used first."""

    templates: Counter[Template] = field(default_factory=Counter)
    phrasings: Counter[tuple[Template, int]] = field(default_factory=Counter)

    def least_used_first(self, rng: random.Random, pool: list[Template]) -> list[Template]:
        """`pool` in random order, the least used templates last (queues are popped from the end)."""
        keyed = [(self.templates[template], rng.random(), template) for template in pool]
        return [template for *_, template in sorted(keyed, key=lambda item: item[:2], reverse=True)]

    def fresh_phrasing(self, rng: random.Random, template: Template) -> int:
        """One of the least used phrasings of `template`."""
        if len(template.variants) == 1:
            return 0
        uses = [self.phrasings[template, index] for index in range(len(template.variants))]
        return rng.choice([index for index, count in enumerate(uses) if count == min(uses)])

    def record(self, template: Template, phrasing: int) -> None:
        self.templates[template] += 1
        self.phrasings[template, phrasing] += 1


def _layout(rng: random.Random, sentences: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The order a newspaper would print: the lead and the news, with the background in blocks of two or
    three sentences spread between 30% and 90% of the news, the boilerplate last."""
    news = [item for item in sentences if item[0] not in ("background", "boilerplate")]
    background = [item for item in sentences if item[0] == "background"]
    closing = [item for item in sentences if item[0] == "boilerplate"]
    count = max(1, -(-len(background) // 3))
    sizes = [len(background) // count + (block < len(background) % count) for block in range(count)]
    blocks, taken = [], 0
    for block, size in enumerate(sizes):
        share = 0.3 + 0.6 * (block + rng.random()) / count
        blocks.append((max(2, round(len(news) * share)), background[taken : taken + size]))
        taken += size
    for position, block_sentences in reversed(blocks):
        news[position:position] = block_sentences
    return news + closing


def _paragraphs(rng: random.Random, sentences: list[tuple[str, str]]) -> str:
    """Sentences grouped into paragraphs: quotes alone, one to three sentences of one kind otherwise."""
    paragraphs: list[list[str]] = []
    previous = ""
    for category, sentence in sentences:
        joins = (
            paragraphs
            and category not in ("quote", "boilerplate")
            and (category == previous or (previous == "lead" and category == "event"))
            and len(paragraphs[-1]) < 3
            and rng.random() < (0.7 if category == "background" else 0.5)
        )
        if joins:
            paragraphs[-1].append(sentence)
        else:
            paragraphs.append([sentence])
        previous = category
    return "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)


def _report(rng: random.Random, event: dict, language: str, outlet: str, coverage: EventCoverage) -> tuple[str, str]:
    """One outlet's write-up of an event: a headline and a 300-600 word text in `language`.

    Templates and phrasings that earlier reports of the event used (`coverage`) are used last, so
    independent reports share facts, names and numbers but rarely whole sentences.
    """
    kind = event["kind"]
    plan = _plan(rng, kind, language, _target_words(rng, outlet), coverage)
    slots, genders = _report_slots(rng, event, language, outlet)
    sentences = []
    for category, template in plan:
        phrasing = coverage.fresh_phrasing(rng, template)
        coverage.record(template, phrasing)
        own_slots, own_genders = _sentence_slots(event, template)
        slots.update(own_slots)
        genders.update(own_genders)
        sentences.append((category, template.render(rng, slots, genders, phrasing)))
    if rng.random() < BOILERPLATE_SHARE["often" if _outlet_hash(outlet) % 2 else "rarely"]:
        boilerplate = rng.choice(TEMPLATES["any", language, "boilerplate"])
        sentences.append(("boilerplate", boilerplate.render(rng, slots, genders)))
    headline = rng.choice(TEMPLATES[kind, language, "head"]).render(rng, slots, genders)
    return headline, _paragraphs(rng, _layout(rng, sentences))


def _copy_text(rng: random.Random, text: str, language: str, outlet: str) -> tuple[str, str]:
    """A copy of `text`: verbatim (syndicated), with an added paragraph, or partial (the first 60-85% of
    its paragraphs, as when an outlet cuts a long agency text to fit)."""
    kind = rng.choice(["syndicated", "added", "partial"])
    if kind == "added":
        return kind, text + "\n\n" + ADDED_PARAGRAPH[language].format(outlet=outlet)
    paragraphs = text.split("\n\n")
    if kind == "partial" and len(paragraphs) >= 4:
        keep = max(3, round(len(paragraphs) * rng.uniform(0.6, 0.85)))
        return kind, "\n\n".join(paragraphs[:keep])
    return "syndicated", text


def generate_corpus(n: int, seed: int = 0) -> tuple[list[Article], dict]:
    """Exactly `n` articles with gold stories and copy groups; see the module docstring."""
    rng = random.Random(seed)
    used_towns: set[str] = set()
    day_span = max(7, n // 60)  # ~60 articles a day: many same-kind events share a week
    articles: list[Article] = []
    gold: dict[str, dict[str, str]] = {"story": {}, "copy_group": {}, "copy_kind": {}}
    event_number = 0
    while len(articles) < n:
        event = _event(rng, used_towns, day_span)
        event_id = f"event-{event_number}"
        event_number += 1
        coverage = {language: EventCoverage() for language in LANGUAGE_SHARE}
        for _ in range(rng.choice([1, 1, 2, 3, 4, 5, 6, 8])):
            if len(articles) >= n:
                break
            language = rng.choices(list(LANGUAGE_SHARE), weights=list(LANGUAGE_SHARE.values()))[0]
            published = event["start"] + timedelta(hours=rng.uniform(0, 36))
            outlet = rng.choice(OUTLETS[language])
            title, text = _report(rng, event, language, outlet, coverage[language])
            original = _article(text, title, outlet, published, language)
            if original.id in gold["story"]:
                continue
            articles.append(original)
            gold["story"][original.id] = event_id
            if rng.random() < 0.15 and len(articles) < n:
                copy_outlet = rng.choice([o for o in OUTLETS[language] if o != original.outlet])
                kind, copy_text = _copy_text(rng, text, language, copy_outlet)
                slots, genders = _report_slots(rng, event, language, copy_outlet)
                headline = rng.choice(TEMPLATES[event["kind"], language, "head"]).render(rng, slots, genders)
                copy = _article(
                    copy_text,
                    title if rng.random() < 0.3 else headline,
                    copy_outlet,
                    published + timedelta(hours=rng.uniform(1, 30)),
                    language,
                    salt=copy_outlet,
                )
                articles.append(copy)
                gold["story"][copy.id] = event_id
                gold["copy_group"][original.id] = original.id
                gold["copy_group"][copy.id] = original.id
                gold["copy_kind"][copy.id] = kind
    return articles, gold


def _article(text: str, title: str, outlet: str, published: datetime, language: str, salt: str = "") -> Article:
    return Article(
        id=article_id_for(f"{salt}\n{title}\n{text}"),
        text=text,
        source=f"synthetic:{outlet}",
        title=title,
        outlet=outlet,
        published=published.isoformat(timespec="minutes"),
        language=language,
    )


def copy_scores(articles: list[Article], gold: dict) -> tuple[float, float, int, int]:
    """Pairwise precision/recall of the (copy, original) links set on `articles` against the planted copies in
    `gold`; planted copies found; false copy links."""
    planted = {(a, g) for a, g in gold["copy_group"].items() if a != g}
    found = {(a.id, a.duplicate_of) for a in articles if a.duplicate_of}
    true = found & planted
    precision = len(true) / len(found) if found else 1.0
    recall = len(true) / len(planted) if planted else 1.0
    return precision, recall, len(true), len(found - planted)
