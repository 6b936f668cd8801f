import pytest

from storylens.ingest.clean import CleanText
from storylens.ingest.language import (
    DetectLanguage,
    LanguageSettings,
    detect_language,
    foreign_script_evidence,
    translation_evidence,
)
from storylens.model import Article, Removal
from storylens.pipeline import Stats

SHORT_SENTENCES = {
    "en": "The harbour office closed the northern ferry on Monday.",
    "fr": "Le maire de Velmar a fermé le pont nord lundi matin.",
    "de": "Der Bürgermeister von Velmar hat die Brücke am Montag gesperrt.",
    "es": "El alcalde de Velmar cerró el puente norte el lunes por la mañana.",
    "it": "Il sindaco di Velmar ha chiuso il ponte nord lunedì mattina.",
    "pt": "O prefeito de Velmar fechou a ponte norte na segunda-feira de manhã.",
    "nl": "De burgemeester van Velmar heeft de noordelijke brug maandag gesloten.",
    "ru": "Мэр Велмара в понедельник утром закрыл северный мост.",
    "zh": "韦尔马尔市长周一上午关闭了北桥。",
    "ja": "ヴェルマール市長は月曜日の朝、北の橋を閉鎖した。",
    "ar": "أغلق رئيس بلدية فيلمار الجسر الشمالي صباح يوم الاثنين.",
    "tr": "Velmar belediye başkanı pazartesi sabahı kuzey köprüsünü kapattı.",
}

LONG_TEXTS = {
    "en": (
        "The council of Orvane voted on Tuesday to close the old tram depot by the end of the year. "
        "Transport officials said the building was no longer safe for workers, and that a new depot "
        "would be built on the eastern edge of the city. Residents near the site welcomed the decision, "
        "but the drivers' union asked for guarantees that no jobs would be lost during the move."
    ),
    "de": (
        "Der Stadtrat von Orvane hat am Dienstag beschlossen, das alte Straßenbahndepot bis Jahresende zu "
        "schließen. Nach Angaben der Verkehrsbetriebe ist das Gebäude für die Beschäftigten nicht mehr sicher. "
        "Ein neues Depot soll am östlichen Stadtrand entstehen. Anwohner begrüßten die Entscheidung, die "
        "Gewerkschaft der Fahrer forderte jedoch Garantien für alle Arbeitsplätze."
    ),
    "es": (
        "El concejo de Orvane votó el martes cerrar el antiguo depósito de tranvías antes de fin de año. "
        "Los responsables de transporte dijeron que el edificio ya no era seguro para los trabajadores y que "
        "se construiría un nuevo depósito en el borde oriental de la ciudad. Los vecinos celebraron la "
        "decisión, pero el sindicato de conductores pidió garantías de que no se perderán empleos."
    ),
    "fr": (
        "Le conseil d'Orvane a voté mardi la fermeture de l'ancien dépôt de tramways d'ici la fin de l'année. "
        "Les responsables des transports ont expliqué que le bâtiment n'était plus sûr pour les employés et "
        "qu'un nouveau dépôt serait construit à l'est de la ville. Les riverains ont salué la décision, mais "
        "le syndicat des conducteurs a demandé des garanties pour l'emploi."
    ),
    "ru": (
        "Городской совет Орвана во вторник проголосовал за закрытие старого трамвайного депо до конца года. "
        "Представители транспортной службы заявили, что здание больше небезопасно для работников, а новое "
        "депо построят на восточной окраине города. Жители района поддержали решение, однако профсоюз "
        "водителей потребовал гарантий сохранения рабочих мест."
    ),
    "pl": (
        "Rada miasta Orvane zagłosowała we wtorek za zamknięciem starej zajezdni tramwajowej do końca roku. "
        "Urzędnicy odpowiedzialni za transport powiedzieli, że budynek nie jest już bezpieczny dla pracowników, "
        "a nowa zajezdnia powstanie na wschodnim skraju miasta. Mieszkańcy przyjęli decyzję z zadowoleniem, "
        "ale związek kierowców zażądał gwarancji zatrudnienia."
    ),
    "it": (
        "Il consiglio comunale di Orvane ha votato martedì la chiusura del vecchio deposito dei tram entro la "
        "fine dell'anno. I responsabili dei trasporti hanno spiegato che l'edificio non è più sicuro per i "
        "lavoratori e che un nuovo deposito sarà costruito ai margini orientali della città. I residenti hanno "
        "accolto la decisione, ma il sindacato dei conducenti ha chiesto garanzie sui posti di lavoro."
    ),
    "zh": (
        "奥尔瓦内市议会周二投票决定在年底前关闭旧电车车库。交通部门官员表示，该建筑对工人已不再安全，"
        "新的车库将建在城市东部边缘。附近居民对这一决定表示欢迎，但司机工会要求保证在搬迁期间不会有人失业。"
    ),
}


@pytest.mark.parametrize(("language", "text"), sorted(SHORT_SENTENCES.items()))
def test_detects_short_sentences(language: str, text: str) -> None:
    detected, score = detect_language(text)
    assert detected == language
    assert 0.0 < score <= 1.0


@pytest.mark.parametrize(("language", "text"), sorted(LONG_TEXTS.items()))
def test_detects_long_texts_with_high_confidence(language: str, text: str) -> None:
    detected, score = detect_language(text * 3)
    assert detected == language
    assert score > 0.8


@pytest.mark.parametrize("text", ["", "   ", "12 34 56", "OK", "#1 !!"])
def test_too_little_text_is_not_classified(text: str) -> None:
    assert detect_language(text) == (None, 0.0)


def test_step_sets_language_only_when_missing() -> None:
    given = Article(id="a", text=LONG_TEXTS["de"], source="t", language="de")
    missing = Article(id="b", text=LONG_TEXTS["fr"], source="t")
    stats = Stats()
    out = list(DetectLanguage().run([given, missing], stats))
    assert [article.language for article in out] == ["de", "fr"]
    assert stats["given"] == 1
    assert stats["detected"] == 1
    assert stats["language:fr"] == 1
    assert out[1].metadata["language_confidence"] > 0.8


def test_step_leaves_language_unset_outside_the_allowed_list() -> None:
    article = Article(id="a", text=LONG_TEXTS["pl"], source="t")
    stats = Stats()
    (out,) = DetectLanguage(LanguageSettings(allowed=("en", "de"))).run([article], stats)
    assert out.language is None
    assert stats["undetermined"] == 1


def test_repairs_made_by_cleaning_are_translation_evidence() -> None:
    text = "They met on Monday period The vote failed period Nobody spoke period Then it rained."
    article = Article(id="a", text=text, source="t")
    (article,) = CleanText().run([article], Stats())
    (article,) = DetectLanguage().run([article], Stats())
    assert article.language == "en"
    assert any(item.startswith("stray-word full stops repaired: 3") for item in article.translation_evidence)
    assert "'period'" in article.translation_evidence[0]


def test_clean_article_has_no_translation_evidence() -> None:
    article = Article(id="a", text=LONG_TEXTS["en"], source="t", language="en")
    assert translation_evidence(article) == []


def test_fragment_in_another_script_is_evidence() -> None:
    text = LONG_TEXTS["en"] + " The mayor of Орвань said the depot would close."
    (item,) = foreign_script_evidence(text, LanguageSettings())
    assert item.startswith("untranslated Cyrillic fragments in Latin text")
    assert "'Орвань'" in item


def test_japanese_mix_of_kana_and_kanji_is_one_script() -> None:
    assert foreign_script_evidence(SHORT_SENTENCES["ja"], LanguageSettings()) == []


def test_untranslated_paragraph_is_evidence() -> None:
    text = "\n\n".join([LONG_TEXTS["en"], LONG_TEXTS["en"], LONG_TEXTS["de"]])
    article = Article(id="a", text=text, source="t", language="en")
    evidence = translation_evidence(article)
    assert len(evidence) == 1
    assert evidence[0].startswith("paragraph in de inside en text: 'Der Stadtrat")


def test_existing_evidence_is_kept_and_not_duplicated() -> None:
    article = Article(id="a", text="They met.", source="t", language="en", translation_evidence=["from reader"])
    article.removals = [Removal(0, 0, "", "missing-space", " ")]
    (out,) = DetectLanguage().run([article], Stats())
    (again,) = DetectLanguage().run([out], Stats())
    assert again.translation_evidence[0] == "from reader"
    assert len(again.translation_evidence) == 2


def test_a_note_saying_machine_translated_is_evidence_even_after_cleaning_removed_it() -> None:
    original = "The talks ended.\n\nThis article was distributed by Orvane Wire and translated automatically."
    article = Article(id="a", text="The talks ended.", source="t", language="en", original_text=original)
    assert translation_evidence(article) == ["says it was machine-translated: 'translated automatically'"]


def test_inserted_space_evidence_names_the_glued_word() -> None:
    article = Article(id="a", text="In Velmar which", source="t", language="en", original_text="In Velmarwhich")
    article.removals = [Removal(9, 9, "", "missing-space", " ")]
    assert "'Velmarwhich'" in translation_evidence(article)[0]
