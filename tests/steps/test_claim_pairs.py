"""The claims-pair table: how two claims written by us relate once alignment and the slot rules have read them.

Each row is (language, claim, other claim, expected): "agree" (same values), "refine" (compatible, one more
precise: never a conflict), "conflict" (a different figure, date, list or source, or a denial/negation of what the
other asserts) or "unrelated" (alignment would not put them in one group). Rows cover numbers with units and
bounds, dates and ranges, negation, modality (planned, hedged), lists with and without "only", and attribution of
information, in English, Spanish, German and French, and news of other kinds (earthquakes, floods, elections,
fines, rallies, resignations). Dates resolve against a publication date of 25 November 2026.
"""

from __future__ import annotations

import pytest

from storylens.checking import parse_claim
from storylens.steps.claim_compare import RuleComparer
from storylens.steps.claim_groups import pair_relation

PUBLISHED = "2026-11-25"

PAIRS = [
    # English: numbers with units and bounds
    ("en", "The fire injured 15 workers at the port.", "Fifteen workers were injured in the port fire.", "agree"),
    ("en", "The fire injured 15 workers at the port.", "The fire injured 12 workers at the port.", "conflict"),
    ("en", "The fire injured at least 12 workers at the port.", "The fire injured 15 workers at the port.", "refine"),
    ("en", "The fire injured at least 20 workers at the port.", "The fire injured 15 workers at the port.", "conflict"),
    ("en", "About 60 people were arrested after the march.", "Police arrested 62 people after the march.", "refine"),
    ("en", "About 60 people were arrested after the march.", "Police arrested 95 people after the march.", "conflict"),
    ("en", "The bridge cost 2.5 million euros to build.", "The bridge cost 2.5 million euros.", "agree"),
    ("en", "The bridge cost 2.5 million euros to build.", "The bridge cost 4 million euros to build.", "conflict"),
    ("en", "Unemployment fell to 6 percent in October.", "Unemployment fell to 6.4 percent in October.", "conflict"),
    ("en", "The ferry carried 240 passengers.", "The ferry was carrying more than 200 passengers.", "refine"),
    # English: dates and ranges
    (
        "en",
        "The company will open a plant in Porto in 2027.",
        "The company will open a plant in Porto by the end of 2027.",
        "refine",
    ),
    (
        "en",
        "The company will open a plant in Porto in 2027.",
        "The company will open a plant in Porto in 2028.",
        "conflict",
    ),
    ("en", "The talks opened on 17 November in Arnhall.", "The talks opened on 18 November in Arnhall.", "conflict"),
    ("en", "The minister reportedly resigned on 3 November.", "The minister resigned on 5 November.", "conflict"),
    # English: lists
    (
        "en",
        "The firm already has plants in Lyon and Turin.",
        "The firm already has plants in Turin, Lyon and Graz.",
        "refine",
    ),
    ("en", "The firm has plants only in Lyon and Turin.", "The firm has plants in Turin, Lyon and Graz.", "conflict"),
    ("en", "The firm has plants in Lyon and Turin.", "The firm has plants in Madrid and Oslo.", "conflict"),
    # English: negation, denial, modality
    (
        "en",
        "The government will raise the fuel tax in January.",
        "The government has no plan to raise the fuel tax.",
        "conflict",
    ),
    ("en", "The minister denied that the port would close in March.", "The port will close in March.", "conflict"),
    (
        "en",
        "The bridge over the river was not damaged by the storm.",
        "The bridge over the river was damaged by the storm.",
        "conflict",
    ),
    (
        "en",
        "The company plans to open a plant in Porto in 2027.",
        "The company opened a plant in Porto in 2027.",
        "agree",
    ),
    ("en", "The minister reportedly resigned on 3 November.", "The minister resigned on 3 November.", "agree"),
    # English: attribution
    (
        "en",
        "The figure was first disclosed by Minister Anna Berg in a radio interview.",
        "The figure was first disclosed by Mayor Jon Vik at a press conference.",
        "conflict",
    ),
    (
        "en",
        "The figure was first disclosed by Minister Anna Berg.",
        "The figure was first disclosed by Minister Anna Berg in a radio interview.",
        "agree",
    ),
    (
        "en",
        "The ferry carried 240 passengers, according to the coast guard.",
        "The ferry carried 240 passengers, according to the operator.",
        "agree",
    ),
    (
        "en",
        "Prices rose by 3 percent in 2025, the statistics office said.",
        "Prices rose by 3 percent in 2025.",
        "agree",
    ),
    # English: unrelated
    (
        "en",
        "The fire injured 15 workers at the port.",
        "The central bank raised interest rates by 0.5 percent.",
        "unrelated",
    ),
    (
        "en",
        "The company will open a plant in Porto in 2027.",
        "The football club won the cup final on Sunday.",
        "unrelated",
    ),
    # Spanish
    ("es", "El incendio dejó 15 heridos en el puerto.", "El incendio dejó quince heridos en el puerto.", "agree"),
    ("es", "El incendio dejó 15 heridos en el puerto.", "El incendio dejó 12 heridos en el puerto.", "conflict"),
    ("es", "El incendio dejó al menos 12 heridos en el puerto.", "El incendio dejó 15 heridos en el puerto.", "refine"),
    (
        "es",
        "La policía detuvo a unas 60 personas tras la marcha.",
        "La policía detuvo a 62 personas tras la marcha.",
        "refine",
    ),
    (
        "es",
        "La empresa abrirá una planta en Oporto en 2027.",
        "La empresa abrirá una planta en Oporto a finales de 2027.",
        "refine",
    ),
    (
        "es",
        "La empresa abrirá una planta en Oporto en 2027.",
        "La empresa abrirá una planta en Oporto en 2029.",
        "conflict",
    ),
    (
        "es",
        "Las conversaciones comenzaron el 17 de noviembre en Arnhall.",
        "Las conversaciones comenzaron el 18 de noviembre en Arnhall.",
        "conflict",
    ),
    ("es", "La empresa tiene plantas en Lyon y Turín.", "La empresa tiene plantas en Turín, Lyon y Graz.", "refine"),
    (
        "es",
        "La empresa tiene plantas solo en Lyon y Turín.",
        "La empresa tiene plantas en Turín, Lyon y Graz.",
        "conflict",
    ),
    (
        "es",
        "El Gobierno subirá el impuesto sobre el combustible en enero.",
        "El Gobierno no tiene previsto subir el impuesto sobre el combustible.",
        "conflict",
    ),
    ("es", "El ministerio desmintió que el puerto vaya a cerrar en marzo.", "El puerto cerrará en marzo.", "conflict"),
    ("es", "El puente no sufrió daños durante la tormenta.", "El puente sufrió daños durante la tormenta.", "conflict"),
    ("es", "El ministro dimitió supuestamente el 3 de noviembre.", "El ministro dimitió el 3 de noviembre.", "agree"),
    (
        "es",
        "La cifra fue revelada por el ministro Pablo Ruiz en una entrevista de radio.",
        "La cifra fue revelada por la alcaldesa Ana Gil en rueda de prensa.",
        "conflict",
    ),
    ("es", "El puente costó 2,5 millones de euros.", "El puente costó 4 millones de euros.", "conflict"),
    (
        "es",
        "El paro bajó al 6 por ciento en octubre.",
        "El paro bajó al 6 por ciento en octubre, según el instituto.",
        "agree",
    ),
    (
        "es",
        "El incendio dejó 15 heridos en el puerto.",
        "El banco central subió los tipos de interés un 0,5 por ciento.",
        "unrelated",
    ),
    # German
    ("de", "Bei dem Brand wurden 15 Arbeiter verletzt.", "Bei dem Brand wurden fünfzehn Arbeiter verletzt.", "agree"),
    ("de", "Bei dem Brand wurden 15 Arbeiter verletzt.", "Bei dem Brand wurden 12 Arbeiter verletzt.", "conflict"),
    (
        "de",
        "Bei dem Brand wurden mindestens 12 Arbeiter verletzt.",
        "Bei dem Brand wurden 15 Arbeiter verletzt.",
        "refine",
    ),
    ("de", "Die Polizei nahm rund 60 Menschen fest.", "Die Polizei nahm 62 Menschen fest.", "refine"),
    (
        "de",
        "Das Unternehmen wird 2027 ein Werk in Porto eröffnen.",
        "Das Unternehmen wird bis Ende 2027 ein Werk in Porto eröffnen.",
        "refine",
    ),
    (
        "de",
        "Das Unternehmen wird 2027 ein Werk in Porto eröffnen.",
        "Das Unternehmen wird 2029 ein Werk in Porto eröffnen.",
        "conflict",
    ),
    (
        "de",
        "Die Gespräche begannen am 17. November in Arnhall.",
        "Die Gespräche begannen am 18. November in Arnhall.",
        "conflict",
    ),
    ("de", "Die Firma hat Werke in Lyon und Turin.", "Die Firma hat Werke in Turin, Lyon und Graz.", "refine"),
    ("de", "Die Firma hat Werke nur in Lyon und Turin.", "Die Firma hat Werke in Turin, Lyon und Graz.", "conflict"),
    (
        "de",
        "Die Regierung wird die Steuer auf Kraftstoff im Januar erhöhen.",
        "Die Regierung hat keine Pläne, die Steuer auf Kraftstoff zu erhöhen.",
        "conflict",
    ),
    ("de", "Das Ministerium dementierte, dass der Hafen im März schließt.", "Der Hafen schließt im März.", "conflict"),
    ("de", "Die Brücke kostete 2,5 Millionen Euro.", "Die Brücke kostete 4 Millionen Euro.", "conflict"),
    (
        "de",
        "Bei dem Brand wurden 15 Arbeiter verletzt.",
        "Die Zentralbank erhöhte den Leitzins um 0,5 Prozent.",
        "unrelated",
    ),
    # French
    ("fr", "L'incendie a fait 15 blessés dans le port.", "L'incendie a fait quinze blessés dans le port.", "agree"),
    ("fr", "L'incendie a fait 15 blessés dans le port.", "L'incendie a fait 12 blessés dans le port.", "conflict"),
    (
        "fr",
        "L'incendie a fait au moins 12 blessés dans le port.",
        "L'incendie a fait 15 blessés dans le port.",
        "refine",
    ),
    (
        "fr",
        "La police a interpellé environ 60 personnes après la marche.",
        "La police a interpellé 62 personnes après la marche.",
        "refine",
    ),
    (
        "fr",
        "L'entreprise ouvrira une usine à Porto en 2027.",
        "L'entreprise ouvrira une usine à Porto d'ici la fin de 2027.",
        "refine",
    ),
    (
        "fr",
        "L'entreprise ouvrira une usine à Porto en 2027.",
        "L'entreprise ouvrira une usine à Porto en 2029.",
        "conflict",
    ),
    (
        "fr",
        "Les pourparlers ont commencé le 17 novembre à Arnhall.",
        "Les pourparlers ont commencé le 18 novembre à Arnhall.",
        "conflict",
    ),
    ("fr", "L'entreprise a des usines à Lyon et Turin.", "L'entreprise a des usines à Turin, Lyon et Graz.", "refine"),
    (
        "fr",
        "L'entreprise a des usines uniquement à Lyon et Turin.",
        "L'entreprise a des usines à Turin, Lyon et Graz.",
        "conflict",
    ),
    ("fr", "Le pont a coûté 2,5 millions d'euros.", "Le pont a coûté 4 millions d'euros.", "conflict"),
    ("fr", "Le ministère a démenti que le port fermera en mars.", "Le port fermera en mars.", "conflict"),
    (
        "fr",
        "L'incendie a fait 15 blessés dans le port.",
        "La banque centrale a relevé ses taux de 0,5 pour cent.",
        "unrelated",
    ),
    # News of other kinds: casualties, evacuations, missing people, rescues, damage, courts, money, crowds,
    # elections, offices (frames and units of `test_claim_frames.py`)
    # casualties
    (
        "en",
        "The earthquake killed 40 people in the mountain villages.",
        "Forty people died in the earthquake.",
        "agree",
    ),
    (
        "en",
        "The earthquake killed 40 people in the mountain villages.",
        "The earthquake killed 52 people in the mountain villages.",
        "conflict",
    ),
    (
        "en",
        "The gunman shot dead four people at the shopping centre.",
        "Police say six people were killed in the shooting at the shopping centre.",
        "conflict",
    ),
    # evacuations, missing people, rescues
    (
        "en",
        "Authorities evacuated 3,000 residents before the flood reached the town.",
        "Authorities evacuated 5,000 residents before the flood reached the town.",
        "conflict",
    ),
    (
        "en",
        "Authorities evacuated 3,000 residents before the flood reached the town.",
        "Some 3,000 residents were evacuated before the flood reached the town.",
        "refine",
    ),
    (
        "en",
        "Three climbers are missing after the avalanche on the north face.",
        "Five climbers are missing after the avalanche on the north face.",
        "conflict",
    ),
    (
        "en",
        "The coast guard rescued 180 passengers from the sinking ferry.",
        "At least 150 passengers were rescued from the sinking ferry.",
        "refine",
    ),
    # damage, courts, money
    ("en", "The storm damaged 200 homes along the coast.", "The storm damaged 450 homes along the coast.", "conflict"),
    (
        "en",
        "Prosecutors charged nine people with fraud on Monday.",
        "Prosecutors charged 14 people with fraud on Monday.",
        "conflict",
    ),
    (
        "en",
        "The regulator fined the bank 20 million dollars for money laundering.",
        "The bank was fined 35 million dollars by the regulator for money laundering.",
        "conflict",
    ),
    (
        "en",
        "The city council approved a budget of 4 billion euros for next year.",
        "The city council approved a budget of 4.5 billion euros for next year.",
        "conflict",
    ),
    # prison terms: a court's sentence is a length of time, compared like a figure
    (
        "en",
        "A court in Arnhall sentenced the former mayor to five years in prison.",
        "A court in Arnhall sentenced the former mayor to seven years in prison.",
        "conflict",
    ),
    (
        "en",
        "A court in Arnhall sentenced the former mayor to five years in prison.",
        "The former mayor was sentenced to five years in prison by a court in Arnhall.",
        "agree",
    ),
    (
        "es",
        "El exalcalde fue condenado a cinco años de prisión.",
        "El exalcalde fue condenado a ocho años de prisión.",
        "conflict",
    ),
    (
        "es",
        "El tribunal condenó al exalcalde a cinco años de prisión.",
        "El tribunal condenó al exalcalde a ocho años de prisión.",
        "conflict",
    ),
    # crowds, elections, offices
    (
        "en",
        "About 50,000 people attended the rally in the capital.",
        "Police said 20,000 people attended the rally in the capital.",
        "conflict",
    ),
    (
        "en",
        "The opposition party won 112 seats in the election.",
        "The opposition party won 98 seats in the election.",
        "conflict",
    ),
    ("en", "Turnout in the election was 64 percent.", "Turnout in the election was 64 per cent.", "agree"),
    ("en", "Turnout in the election was 64 percent.", "Turnout in the election was 58 per cent.", "conflict"),
    ("en", "The health minister resigned on 4 March.", "The health minister resigned on 6 March.", "conflict"),
    # other languages
    (
        "es",
        "Las autoridades evacuaron a 3.000 vecinos antes de la inundación.",
        "Las autoridades evacuaron a 5.000 vecinos antes de la inundación.",
        "conflict",
    ),
    (
        "de",
        "Die Behörden evakuierten 3.000 Anwohner vor dem Hochwasser.",
        "Die Behörden evakuierten 5.000 Anwohner vor dem Hochwasser.",
        "conflict",
    ),
    (
        "fr",
        "Le séisme a fait 40 morts dans les villages de montagne.",
        "Le séisme a fait 52 morts dans les villages de montagne.",
        "conflict",
    ),
    # different counts of one event are not compared
    (
        "en",
        "Authorities evacuated 3,000 residents before the flood reached the town.",
        "The flood killed three people in the town.",
        "unrelated",
    ),
    (
        "en",
        "The health minister resigned on 4 March.",
        "The earthquake killed 40 people in the mountain villages.",
        "unrelated",
    ),
]


@pytest.fixture(scope="module")
def comparer() -> RuleComparer:
    return RuleComparer()


def test_the_table_has_sixty_pairs_in_four_languages_and_every_relation() -> None:
    assert len(PAIRS) >= 60
    assert {language for language, *_ in PAIRS} == {"en", "es", "de", "fr"}
    assert {expected for *_, expected in PAIRS} == {"agree", "refine", "conflict", "unrelated"}


@pytest.mark.parametrize(
    ("language", "left", "right", "expected"), PAIRS, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAIRS)]
)
def test_claim_pair_relation(comparer: RuleComparer, language: str, left: str, right: str, expected: str) -> None:
    first = parse_claim(left, language, published=PUBLISHED)
    second = parse_claim(right, language, published=PUBLISHED)
    assert pair_relation(first, second, comparer) == expected
    assert pair_relation(second, first, comparer) == expected  # the relation does not depend on the order
