"""News-like synthetic text: names, places, topics and reporting sentences.

Vocabulary is wide (hundreds of nouns, verbs and places) so that full-text search over the
generated claims selects small, realistic fractions of the rows rather than all or none.
"""

from __future__ import annotations

import random


def _list(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


FIRST_NAMES = _list(
    "Anna Boris Carla Dmitri Elena Farid Greta Hassan Ines Jonas Katya Luis Marta Nikolai Olga "
    "Pavel Rosa Sergei Tamar Umar Vera Walter Yana Zoran Amir Bianca Cyril Dara Emil Fatima "
    "Gustav Hana Igor Jana Karim Lena Milan Nadia Oskar Petra Quentin Rania Stefan Tereza "
    "Viktor Wanda Ximena Yusuf Zofia Andrei Beatriz Conor Daniela Erik Freya Goran Helga Ivo"
)
SURNAMES = _list(
    "Novak Petrov Kowalski Haddad Lindqvist Moreau Okafor Ivanenko Brandt Castell Duarte "
    "Eriksen Fischer Galan Horvat Ilic Jansen Kaur Laurent Marek Nagy Orlov Pajari Quist Rossi "
    "Sokolov Tanaka Urbina Varga Weiss Yilmaz Zeman Abbasi Bauer Cerny Dimitrov Esposito Fodor "
    "Grieg Hakimi Ionescu Jurado Kovac Lehto Mazur Nieminen Ortega Pereira Radu Salo Toth "
    "Ulrich Vidal Wolff Yanev Zoric Almeida Berger Costa Dragan Engel Ferreira Gallo Hristov"
)
ROLES = _list(
    "foreign minister|defence minister|presidential spokesman|prime minister|ambassador|"
    "army chief of staff|deputy foreign minister|energy minister|national security adviser|"
    "opposition leader|interior minister|chief negotiator|party chairman|envoy to the talks",
    "|",
)
COUNTRIES = _list(
    "Arcadia Borovia Calderra Dastan Eskeland Falkmark Galdonia Havria Istrava Jorvik Kestria "
    "Lunaria Moravost Nordhaven Ostrelia Pallas Quorvia Rhodenia Sarvia Tellmark Ulvania "
    "Valdoria Westmark Yselle Zandria"
)
ORGANIZATIONS = _list(
    "the Defence Ministry|the Foreign Ministry|the Northern Alliance|the Energy Agency|"
    "the Border Guard Service|the Security Council|the Grain Exchange|the Central Bank|"
    "the Maritime Authority|the Peace Monitoring Mission|the Union of Ports|"
    "the Election Commission",
    "|",
)
PLACES = _list(
    "the northern border|the eastern provinces|the capital|the Tarsk pipeline|the Velm river|"
    "the Orsk harbour|the southern corridor|the Kessel strait|the disputed islands|"
    "the airbase at Dorn|the grain terminals|the coastal cities|the mountain passes|"
    "the demilitarised zone|the Lira dam|the free port of Sabe|the western enclave|"
    "the power grid|the railway hub at Mavro|the offshore gas fields",
    "|",
)
TOPICS = _list(
    "troops|missiles|sanctions|gas supplies|grain exports|air defences|naval patrols|drones|"
    "peacekeepers|elections|the ceasefire|the treaty|the referendum|nuclear inspections|"
    "cyber attacks|refugee flows|arms deliveries|the embargo|military exercises|tariffs|"
    "the bridge|the pipeline|prisoner exchanges|the blockade|fishing rights|visa rules|"
    "border checkpoints|the observers|the loan agreement|the power plant|shipping lanes|"
    "mercenaries|the corridor|artillery positions|the airspace|the uranium stockpile",
    "|",
)
RED_LINE_TEMPLATES = (
    "any deployment of {topic} near {place} would cross a red line",
    "{country} will respond with force if {topic} reach {place}",
    "the stationing of {topic} in {place} is a red line that must not be crossed",
    "there will be consequences if {country} moves {topic} towards {place}",
    "an attack on {place} would be treated as an attack on {country} itself",
    "{country} will not tolerate {topic} anywhere near {place}",
)
PLAIN_TEMPLATES = (
    "talks on {topic} will resume next week in {place}",
    "{country} has no plans to expand {topic} along {place}",
    "reports of {topic} near {place} are false and deliberately provocative",
    "{country} is ready to discuss {topic} without preconditions",
    "the government wants guarantees on {topic} before the vote",
    "{topic} around {place} have doubled since the spring",
    "{country} broke its promise on {topic} and must be held to account",
    "no decision on {topic} has been taken and none is expected soon",
    "the delegation from {country} will visit {place} to inspect {topic}",
    "{country} demands the immediate withdrawal of {topic} from {place}",
    "the agreement on {topic} expires at the end of the month",
    "it is too early to say whether {topic} will be affected",
)
CUES = ("said", "warned", "told reporters", "added", "insisted", "claimed", "stated", "argued")
FILLERS = (
    "The statement came after a week of rising tension along {place}.",
    "Officials in {country} did not respond to a request for comment.",
    "Satellite images published on Tuesday showed new activity near {place}.",
    "The talks, mediated by {org}, are expected to continue for several days.",
    "Markets reacted calmly, with the currency of {country} barely moving.",
    "Analysts said the remarks were aimed mainly at a domestic audience.",
    "Residents near {place} reported hearing explosions overnight.",
    "{org} has called for restraint from all sides.",
    "The dispute over {topic} has dragged on for more than two years.",
    "Diplomats said a compromise on {topic} was still possible.",
    "Shipping through {place} was briefly suspended on Monday.",
    "The parliament of {country} is due to debate the matter on Thursday.",
)
HEADLINE_TEMPLATES = (
    "{country} warns over {topic} near {place}",
    "Tension rises as {country} and {country2} trade accusations over {topic}",
    "{org} calls for talks on {topic}",
    "{country} rejects reports of {topic} at {place}",
    "What we know about {topic} in {place}",
)


class TextMaker:
    """Draws names, claim texts, reporting sentences and filler from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def slots(self) -> dict[str, str]:
        """Random fillers for one template."""
        r = self.rng
        return {
            "topic": r.choice(TOPICS),
            "place": r.choice(PLACES),
            "country": r.choice(COUNTRIES),
            "country2": r.choice(COUNTRIES),
            "org": r.choice(ORGANIZATIONS),
        }

    def claim_text(self, red_line: bool) -> str:
        """The content of one statement (no speaker, no cue)."""
        template = self.rng.choice(RED_LINE_TEMPLATES if red_line else PLAIN_TEMPLATES)
        text = template.format(**self.slots())
        return text[0].upper() + text[1:]

    def reporting_sentence(self, speaker: str, content: str) -> str:
        """A sentence reporting ``content`` as said by ``speaker``, direct or indirect."""
        r = self.rng
        cue = r.choice(CUES)
        body = (
            content if content.split(" ", 1)[0] in COUNTRIES else content[0].lower() + content[1:]
        )
        shape = r.random()
        if shape < 0.4:
            sentence = f"\u201c{content},\u201d {speaker} {cue}."
        elif shape < 0.75:
            sentence = f"{speaker} {cue} that {body}."
        else:
            sentence = f"According to {speaker}, {body}."
        return sentence[0].upper() + sentence[1:]

    def filler(self) -> str:
        """A sentence that reports nothing."""
        return self.rng.choice(FILLERS).format(**self.slots())

    def headline(self) -> str:
        """An article title."""
        text = self.rng.choice(HEADLINE_TEMPLATES).format(**self.slots())
        return text[0].upper() + text[1:]

    def person_name(self) -> str:
        """A first name and a surname."""
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
