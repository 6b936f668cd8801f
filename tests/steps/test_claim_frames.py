"""Event frames and units on news of every kind, not only fires, inspections and talks.

`resources/claims/frames.yaml` and `units.yaml` hold general classes of news events (casualties, evacuations,
disasters, crime and courts, elections, offices, money, gatherings). These tests write claims about events of
those classes, in English, Spanish, German and French, and check that each claim is typed (its frame, what its
figure counts); how two accounts of such events relate (agree, conflict) is in the pair table of
`test_claim_pairs.py` ("News of other kinds"). No sentence here comes from the demo corpus or from any data set.
"""

from __future__ import annotations

from importlib import resources

import pytest

from storylens.checking import parse_claim
from storylens.resources import read_yaml
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
    ("es", "El tribunal condenó al exalcalde a cinco años de prisión.", "verdict", "years"),
    ("de", "Die Behörden evakuierten 3.000 Anwohner vor dem Hochwasser.", "evacuate", "evacuated"),
    ("de", "Nach dem Lawinenunglück werden noch fünf Menschen vermisst.", "missing", "missing"),
    # German capitalizes nouns: a noun inside the sentence names the event, a run of capitalized words does not.
    ("de", "Bei dem Erdbeben im Bergland starben 40 Menschen.", "quake", "dead"),
    ("de", "Die Polizei meldete am Abend die Festnahme von 61 Personen.", "arrest", "arrested"),
    ("de", "Das Rote Kreuz zählte nach dem Unglück 40 Verletzte.", "injure", "injured"),
    ("fr", "Le séisme a fait 40 morts dans les villages de montagne.", "quake", "dead"),
    ("fr", "Les autorités ont évacué 3 000 habitants avant la crue.", "evacuate", "evacuated"),
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


@pytest.mark.parametrize(("language", "sentence", "frame", "unit"), TYPED, ids=[t[2] for t in TYPED])
def test_news_claims_of_every_kind_are_typed(language: str, sentence: str, frame: str, unit: str | None) -> None:
    claim = parse_claim(sentence, language, published=PUBLISHED)
    assert claim.predicate == frame
    assert [number["unit"] for number in claim.slots.get("number", [])][:1] == ([unit] if unit else [])


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
