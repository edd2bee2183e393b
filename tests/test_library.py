"""The content folder as a library: every article offered, grouped into leaflets in several
languages, in the order staff write, read in a child with a time limit for each file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.library import build_library, library_files, library_warnings, name_language
from kiosk.library_loader import LibraryLoader, load_library_in_child

from .conftest import BUNDLED

# Short enough for a quick test, long enough for a real article read on a busy machine.
TEST_TIME_LIMIT_S = 1.5


def write(folder: Path, name: str, title: str, extra: str = "", body: str = "Some words.") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        f"---\ntitle: {title}\nsummary: About {title.lower()}.\n{extra}---\n\n{body}\n\n"
        "## A part\n\nMore words.\n",
        encoding="utf-8",
    )
    return path


def titles(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [leaflet.first.title for leaflet in result.library.leaflets]


def test_every_article_in_the_folder_and_one_level_down_is_offered(tmp_path):
    content = tmp_path / "content"
    write(content, "b-knee.md", "Knee replacement")
    write(content, "a-hip.md", "Hip replacement")
    write(content / "heart", "stents.md", "Heart stents")
    write(content / "heart" / "deeper", "hidden.md", "Two levels down")
    # What sync tools and editors leave beside articles: never offered.
    write(content, ".syncthing.a-hip.md.tmp", "Half written")
    write(content, "a-hip.md~", "Editor backup")
    write(content / ".stversions", "old.md", "An old version")
    result = load_library_in_child(content, time_limit=TEST_TIME_LIMIT_S)
    assert result.error is None
    assert sorted(titles(result)) == ["Heart stents", "Hip replacement", "Knee replacement"]
    assert library_files(content)[-1] == content / "heart" / "stents.md"


def test_the_menu_follows_topic_then_order_then_title(tmp_path):
    content = tmp_path / "content"
    write(content, "1.md", "Zinc and you")
    write(content, "2.md", "After your operation", "topic: Surgery\norder: 2\n")
    write(content, "3.md", "Before your operation", "topic: Surgery\norder: 1\n")
    write(content, "4.md", "Asthma inhalers", "topic: Breathing\n")
    write(content, "5.md", "Allergies")
    result = load_library_in_child(content, time_limit=TEST_TIME_LIMIT_S)
    # Topics in the order of their first leaflet (numbered ones first), untopical ones last.
    assert titles(result) == [
        "Before your operation",
        "After your operation",
        "Asthma inhalers",
        "Allergies",
        "Zinc and you",
    ]
    assert [topic for topic, _ in result.library.topics()] == ["Surgery", "Breathing", ""]


def test_translations_are_one_leaflet_in_several_languages(tmp_path):
    content = tmp_path / "content"
    write(content, "consent.md", "Giving consent")
    write(content, "consent.es.md", "Dar su consentimiento")
    write(content, "consent.ar.md", "إعطاء الموافقة")
    # A shared id joins files of any names.
    write(content, "fasting.md", "Fasting before surgery", "id: fasting\n")
    write(content, "ayuno-cirugia.md", "Ayuno antes de la cirugía", "id: fasting\nlanguage: es\n")
    result = load_library_in_child(content, time_limit=TEST_TIME_LIMIT_S)
    # In title order: "Fasting before surgery", "Giving consent".
    fasting, consent = result.library.leaflets
    # The file without a language in its name first, the others by language code.
    assert consent.languages == ["en", "ar", "es"]
    assert consent.first.title == "Giving consent"
    assert consent.version("es").title == "Dar su consentimiento"
    # The language a file's name carries is the article's, so Arabic reads right to left.
    assert consent.version("ar").right_to_left
    assert consent.version("es-MX").title == "Dar su consentimiento"
    assert consent.version("fr").title == "Giving consent"
    assert fasting.version("es").title == "Ayuno antes de la cirugía"
    assert result.library.languages == ["en", "ar", "es"]
    # Fasting has no Arabic version: staff are told which file to add.
    ((path, words),) = library_warnings(result.library)
    assert path == content / "fasting.md"
    assert "'Fasting before surgery' is not in ar" in words
    assert "Add fasting.ar.md when a translation is ready" in words


@pytest.mark.parametrize(
    ("name", "leaflet", "language"),
    [
        ("consent.es.md", "consent", "es"),
        ("consent.pt-BR.md", "consent", "pt-BR"),
        ("consent.zh_CN.md", "consent", "zh-CN"),
        ("consent.md", "consent", None),
        ("notes.old.md", "notes.old", None),  # "old" is not a language
        ("v1.2.md", "v1.2", None),
    ],
)
def test_a_language_in_a_file_name(name, leaflet, language):
    assert name_language(Path(name)) == (leaflet, language)


def test_an_order_that_is_not_a_number_is_a_warning(tmp_path):
    content = tmp_path / "content"
    write(content, "a.md", "First", "order: first\n")
    result = load_library_in_child(content, time_limit=TEST_TIME_LIMIT_S)
    ((path, words),) = library_warnings(result.library)
    assert path == content / "a.md"
    assert "'order: first' is not a number" in words


def test_a_broken_file_is_named_and_the_others_still_show(tmp_path):
    content = tmp_path / "content"
    write(content, "a.md", "First")
    broken = content / "b.md"
    broken.write_text("---\ntitle: [unclosed\n", encoding="utf-8")
    write(content, "c.md", "Third")
    result = load_library_in_child(content, time_limit=TEST_TIME_LIMIT_S)
    assert titles(result) == ["First", "Third"]
    (problem,) = result.library.problems
    assert problem.path == broken


def test_a_slow_file_is_refused_and_the_files_after_it_are_still_read(tmp_path):
    content = tmp_path / "content"
    write(content, "a.md", "First")
    slow = content / "b.md"
    slow.write_text("---\ntitle: Slow\n---\n\n" + "[" * 20_000, encoding="utf-8")
    write(content, "c.md", "Third")
    result = load_library_in_child(content, time_limit=TEST_TIME_LIMIT_S)
    assert titles(result) == ["First", "Third"]
    (problem,) = result.library.problems
    assert problem.path == slow
    assert problem.line == 5
    assert "too complex to show" in problem.problem


def test_an_empty_folder_says_what_to_do(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    result = load_library_in_child(content, time_limit=TEST_TIME_LIMIT_S)
    assert result.library is None
    assert result.error is not None
    assert "holds no article" in result.error.problem


def test_a_missing_folder_says_so(tmp_path):
    result = load_library_in_child(tmp_path / "nowhere", time_limit=TEST_TIME_LIMIT_S)
    assert result.library is None
    assert result.error is not None
    assert result.error.path == tmp_path / "nowhere"


def test_one_file_is_a_library_of_one():
    result = load_library_in_child(BUNDLED, time_limit=5)
    assert titles(result) == ["Ketamine as a treatment for chronic pain"]


def test_a_library_of_25_is_read_by_one_child(qtbot, tmp_path):
    content = tmp_path / "content"
    for number in range(25):
        write(content, f"{number:02}.md", f"Leaflet {number:02}")
    loader = LibraryLoader(time_limit=5)
    with qtbot.waitSignal(loader.finished, timeout=30_000) as finished:
        loader.start(content)
    result = finished.args[0]
    assert titles(result) == [f"Leaflet {number:02}" for number in range(25)]
    assert len(result.fingerprint.splitlines()) == 25


def test_the_kiosks_loader_refuses_a_slow_file_and_reads_on(qtbot, tmp_path):
    content = tmp_path / "content"
    slow = content / "a.md"
    content.mkdir()
    slow.write_text("---\ntitle: Slow\n---\n\n" + "[" * 20_000, encoding="utf-8")
    write(content, "b.md", "Second")
    loader = LibraryLoader(time_limit=TEST_TIME_LIMIT_S)
    with qtbot.waitSignal(loader.finished, timeout=30_000) as finished:
        loader.start(content)
    result = finished.args[0]
    assert titles(result) == ["Second"]
    (problem,) = result.library.problems
    assert problem.path == slow
    assert "too complex to show" in problem.problem


def test_build_library_keeps_same_names_in_two_folders_apart(tmp_path):
    content = tmp_path / "content"
    first = write(content / "heart", "aftercare.md", "Heart aftercare")
    second = write(content / "knee", "aftercare.md", "Knee aftercare")
    from kiosk.article import load_article

    library = build_library([load_article(first), load_article(second)], folder=content)
    assert len(library.leaflets) == 2
