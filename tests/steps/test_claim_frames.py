"""Event frames and units on news of every kind, not only fires, inspections and talks.

`resources/claims/frames.yaml` and `units.yaml` hold general classes of news events (casualties, evacuations,
disasters, crime and courts, elections, offices, money, gatherings). These tests write claims about events of
those classes, in English, Spanish, German and French, and check that each claim is typed (its frame, what its
figure counts) and that two accounts of one event agree or conflict as they should. No sentence here comes from
the demo corpus or from any data set.
"""

from __future__ import annotations

from importlib import resources

import pytest

from storylens.checking import parse_claim
from storylens.resources import read_yaml
from storylens.steps.claim_compare import RuleComparer
from storylens.steps.claim_groups import pair_relation
from storylens.steps.claim_language import frame_lexicon

PUBLISHED = "2026-11-25"

TYPED = [
    ("en", "The earthquake killed 40 people in the mountain villages.", "quake", "dead"),
    ("en", "Authorities evacuated 3,000 residents before the flood reached the town.", "evacuate", "evacuated"),
    ("en", "Three climbers are missing after the avalanche on the north face.", "missing", "missing"),
    ("en", "The coast guard rescued 180 passengers from the sinking ferry.", "rescue", "rescued"),
    ("en", "The storm damaged 200 homes along the coast.", "storm", "homes"),
    ("en", "Prosecutors charged nine people with fraud on Monday.", "charge", "people"),
    ("en", "The regulator fined the bank 20 million dollars for money laundering.", "fine", "money"),
    ("en", "About 50,000 people attended the rally in the capital.", "attend", "people"),
    ("en", "The opposition party won 112 seats in the election.", "win", "seats"),
    ("en", "Inflation rose to 4.5 per cent in the year to October.", "raise", "percent"),
    ("en", "The health minister resigned on 4 March after the audit.", "resign", None),
    ("en", "The president appointed a new central bank governor on 2 June.", "appoint", None),
    ("es", "Las autoridades evacuaron a 3.000 vecinos antes de la inundación.", "evacuate", "evacuated"),
    ("es", "El paro bajó al 12 por ciento en el último trimestre.", "cut", "percent"),
    ("de", "Die Behörden evakuierten 3.000 Anwohner vor dem Hochwasser.", "evacuate", "evacuated"),
    ("de", "Nach dem Lawinenunglück werden noch fünf Menschen vermisst.", "missing", "missing"),
    ("fr", "Le séisme a fait 40 morts dans les villages de montagne.", "quake", "dead"),
    ("fr", "Les autorités ont évacué 3 000 habitants avant la crue.", "evacuate", "evacuated"),
]

PAIRS = [
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

# Words of one of the four languages that begin like a frame word of another and must evoke no frame.
FALSE_FRIENDS = [
    "according",  # "accord"
    "raison",  # "raise"
    "abril",  # "abrir"
    "ouvriers",  # "ouvrir"
    "kürzlich",  # "kürzen"
    "schließlich",  # "schließen"
    "relevant",  # "relever"
    "blessing",  # "blessé"
    "niedrig",  # "nie"
    "einige",  # "einigen"
    "electricity",  # "elect"
    "räumlich",  # "räumen"
    "brand",  # German "Brand"
    "chocolate",  # "choc"
    "estrella",  # "estrellarse"
]


@pytest.fixture(scope="module")
def comparer() -> RuleComparer:
    return RuleComparer()


@pytest.mark.parametrize(("language", "sentence", "frame", "unit"), TYPED, ids=[t[2] for t in TYPED])
def test_news_claims_of_every_kind_are_typed(language: str, sentence: str, frame: str, unit: str | None) -> None:
    claim = parse_claim(sentence, language, published=PUBLISHED)
    assert claim.predicate == frame
    assert [number["unit"] for number in claim.slots.get("number", [])][:1] == ([unit] if unit else [])


@pytest.mark.parametrize(
    ("language", "left", "right", "expected"), PAIRS, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAIRS)]
)
def test_news_claims_of_every_kind_agree_or_conflict(
    comparer: RuleComparer, language: str, left: str, right: str, expected: str
) -> None:
    first = parse_claim(left, language, published=PUBLISHED)
    second = parse_claim(right, language, published=PUBLISHED)
    assert pair_relation(first, second, comparer) == expected
    assert pair_relation(second, first, comparer) == expected


@pytest.mark.parametrize("word", FALSE_FRIENDS)
def test_common_words_that_begin_like_a_frame_word_evoke_no_frame(word: str) -> None:
    assert frame_lexicon().frame_of(word) is None


def test_no_frame_word_belongs_to_two_frames() -> None:
    owner: dict[str, str] = {}
    text = resources.files("storylens.resources").joinpath("claims/frames.yaml").read_text(encoding="utf-8")
    for frame, entries in read_yaml(text).items():
        for entry in entries:
            assert owner.setdefault(str(entry), frame) == frame, f"{entry!r} is in {owner[str(entry)]} and {frame}"


def test_an_area_is_not_a_distance() -> None:
    area = parse_claim("The park covers 2,300 square kilometres of forest.", "en", published=PUBLISHED)
    distance = parse_claim("The pipeline runs 2,300 kilometres through the forest.", "en", published=PUBLISHED)
    assert area.slots["number"][0]["unit"] == "square kilometres"
    assert distance.slots["number"][0]["unit"] == "kilometres"


def test_a_figure_does_not_take_its_unit_from_beyond_a_comma() -> None:
    claim = parse_claim(
        "The assembly passed the bill by 70 votes to 52, as hundreds of police officers guarded the building.",
        "en",
        published=PUBLISHED,
    )
    assert [(number["value"], number["unit"]) for number in claim.slots["number"]][:2] == [
        (70, "votes"),
        (200, "people"),
    ]
