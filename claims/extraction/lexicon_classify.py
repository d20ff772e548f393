"""Patterns the statement classifier uses: red-line phrasing, decoys, and the kinds' vocabulary.

Everything is general English news vocabulary; nothing names a particular story.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


# --- red lines --------------------------------------------------------------------------------

RED_LINE = re.compile(r"\b(?P<red>red|reddest)[\s-]+(?P<line>lines?)\b", re.IGNORECASE)
# "a line that must not be crossed", "a line I don't want to cross", "crossed the line",
# "Moscow has drawn the line at Ukraine".
LINE_NOT_CROSSED = re.compile(
    r"\b(?P<line>line|limit)\b(?! of\b)[^.;:!?]{0,40}?(?:\bnot|n[’']t|\bnever|\bcannot)\b"
    r"[^.;:!?]{0,25}?\bcross(?:ed)?\b",
    re.IGNORECASE,
)
CROSSED_THE_LINE = re.compile(
    r"\b(?:cross(?:ed|es|ing)?|overstep(?:ped|s|ping)?|step(?:s|ped|ping)?\s+over)\s+"
    r"(?:the|that|this|a|our|their|any)\s+(?P<line>line)\b(?!\s+of\b)",
    re.IGNORECASE,
)
DRAW_THE_LINE = re.compile(
    r"\b(?:draw|draws|drew|drawn|drawing)\s+(?:the|a|its|their|our)\s+(?P<line>line)\s+(?:at|on)\b",
    re.IGNORECASE,
)
# A line drawn and then crossed or stepped over in one breath: "if you draw a line, decide what
# you will do when someone steps over it" (not "drew a line under the affair", an ending, nor a
# line of trenches).
LINE_DRAWN_AND_CROSSED = re.compile(
    r"\b(?:draw|draws|drew|drawn|drawing)\s+(?:a|the|its|their|our|that|this)\s+(?P<line>line)\b"
    r"(?!\s+(?:under|of|across|through|along|between|on|in)\b)[^.!?;]{0,120}?"
    r"\b(?:cross(?:es|ed|ing)?|overstep\w*|step(?:s|ped|ping)?\s+over)\b",
    re.IGNORECASE,
)
# A coloured line on a map or chart, not a limit.
COLOURED_LINE = _any(
    r"(?:thin|thick|dotted|dashed|solid|bright|horizontal|vertical|long|painted)\s+red\s+lines?",
    r"red\s+lines?\s+(?:on|across|through)\s+(?:the|a)\s+(?:map|chart|graph|screen|page|floor)",
)
# Words that mark "Red Line" as the name of a transit line, a film, a brand.
PROPER_NAME_CONTEXT = _any(
    r"metro",
    r"subway",
    r"trains?",
    r"riders?",
    r"stations?",
    r"commuters?",
    r"passengers?",
    r"transit",
    r"rail",
    r"tracks?",
    r"delays?",
    r"film",
    r"movie",
    r"director",
    r"cast",
    r"box office",
    r"album",
    r"song",
    r"band",
    r"bus",
    r"route",
)
# Speaking of red lines to dismiss them: "so-called red lines", "the concept of red lines".
DISMISSED_RED_LINES = _any(
    r"so-called\s+[\"“‘']?red",
    r"concept\s+of\s+(?:\w+\s+)?[\"“‘']?red",
    r"myth\s+of\s+[\"“‘']?red",
    r"fallacy",
)
NO_RED_LINES = _any(
    r"(?:there\s+(?:are|is|were|can\s+be|will\s+be)|has|have|had|with)\s+no\s+(?:more\s+)?"
    r"[\"“‘']?red[\s-]+lines?",
    r"no\s+(?:more\s+)?[\"“‘']?red[\s-]+lines?",
)

ABOUT_PREPOSITIONS = frozenset(
    {"on", "regarding", "concerning", "over", "about", "for", "around", "at", "in", "with"}
)

# --- kinds: the cue ---------------------------------------------------------------------------

CUE_DENIAL = _any(
    r"den(?:y|ies|ied|ying|ial)",
    r"refut\w*",
    r"rebut\w*",
    r"dismiss\w*",
    r"disput\w*",
    r"countered",
    r"contradict\w*",
)
CUE_REJECTION = _any(r"reject\w*", r"repudiat\w*")
CUE_ACCUSATION = _any(
    r"accus\w*",
    r"alleg\w*",
    r"blam\w*",
    r"condemn\w*",
    r"condemnation",
    r"slam\w*",
    r"denounc\w*",
    r"lash\w*",
    r"charg\w*",
    r"fault\w*",
    r"critici[sz]\w*",
    r"complain\w*",
    r"castigat\w*",
    r"berat\w*",
    r"decr(?:y|ies|ied)",
    r"claim(?:s|ed)?",
)
CUE_DEMAND = _any(
    r"demand\w*",
    r"urg(?:e|es|ed|ing)",
    r"call(?:s|ed|ing)?\s+(?:on|for|upon)",
    r"request\w*",
    r"appeal\w*",
    r"press(?:es|ed)?\s+for",
)
CUE_WARNING = _any(r"warn\w*", r"threat\w*", r"caution\w*", r"vow\w*")
CUE_ANNOUNCEMENT = _any(
    r"announc\w*",
    r"confirm\w*",
    r"ruled\s+out",
    r"decid\w*",
    r"approv\w*",
    r"unveil\w*",
    r"launch\w*",
    r"declared",
)
# Objects of "rejected" that make it a denial of an allegation rather than a decision.
ALLEGATION_WORDS = _any(
    r"accusations?",
    r"allegations?",
    r"claims?",
    r"charges?",
    r"reports?",
    r"suggestions?",
    r"statements?",
    r"assertions?",
    r"insinuations?",
    r"speculation",
    r"rumou?rs?",
    r"accounts?",
    r"versions?",
    r"findings?",
    r"assessments?",
    r"narratives?",
)

# --- kinds: the content -----------------------------------------------------------------------

DENIAL_CONTENT = _any(
    r"no\s+truth",
    r"not\s+true",
    r"untrue",
    r"false",
    r"fake",
    r"baseless",
    r"groundless",
    r"unfounded",
    r"(?:all|these\s+are|outright|blatant|pure)\s+lies",
    r"(?:we|i)\s+(?:are|am|were|have\s+been)\s+(?:being\s+)?accused",
    r"disinformation",
    r"misinformation",
    r"fabricat\w+",
    r"misrepresent\w*",
    r"nothing\s+to\s+do\s+with",
    r"(?:completely|absolutely|entirely)?\s*unrelated",
    r"(?:is|are|was|were)\s+not\s+(?:behind|involved|responsible)",
    r"(?:did|does|do)\s+not\s+(?:target|attack|carry\s+out|order|plan)",
    r"(?:did|does|do)n[’']t\s+(?:target|attack|carry\s+out|order|plan)",
    r"no\s+(?:plans?\s+to\s+attack|attack\s+plans)",
    r"categorically",
    r"deni(?:ed|es)",
)
WARNING_CONTENT = _any(
    r"(?:would|will|could)\s+(?:\w+\s+)?(?:cross|overstep|breach)",
    r"counter-?measures",
    r"retaliat\w+",
    r"(?:serious|dire|grave|severe)\s+consequences",
    r"consequences",
    r"measures\s+in\s+response",
    r"(?:respond|react)\s+to\s+(?:any|this|such)",
    r"need\s+to\s+react",
    r"ready\s+to\s+respond",
    r"escalat\w+",
    r"at\s+risk",
    r"risk(?:s|ing)?\s+(?:of|escalating|a\s+war)",
    r"act\s+of\s+war",
    r"imminent\s+threat",
    r"(?:will|would|could|might)\s+(?:also\s+)?(?:attack|strike|target|hit|retaliate|respond)",
    r"(?:will|would)\s+(?:take|have)\s+(?:\w+\s+){0,3}(?:measures|counter-?actions|action)",
    r"take\s+action",
    r"(?:will|would)\s+not\s+(?:tolerate|stand\s+by)",
    r"could\s+face",
)
DEMAND_CONTENT = _any(
    r"must",
    r"should",
    r"needs?\s+to",
    r"has\s+to",
    r"have\s+to",
    r"ought\s+to",
    r"it\s+is\s+(?:urgent|crucial|imperative|essential|vital|necessary)\s+(?:that|for|to)",
    r"(?:we|i)\s+(?:call\s+on|urge|demand|ask)",
    r"guarantees?",
)
ACCUSATION_CONTENT = _any(
    r"terroris[mt]s?",
    r"sabotag\w+",
    r"aggress(?:ion|ive|or)",
    r"provocat\w+",
    r"provok\w+",
    r"illegal(?:ly)?",
    r"unlawful(?:ly)?",
    r"violat\w+",
    r"invad\w+",
    r"invasion",
    r"harass\w*",
    r"rammed",
    r"to\s+blame",
    r"blam\w+",
    r"responsib(?:le|ility)\s+(?:for|lies)",
    r"war\s+crimes?",
    r"genocide",
    r"kidnap\w*",
    r"mislead\w*",
    r"misled",
    r"deceiv\w+",
    r"decepti\w+",
    r"half-truths?",
    r"destabilis\w+",
    r"destabiliz\w+",
    r"hostil\w+",
    r"atrocit\w+",
    r"massacre\w*",
    r"war\s+of\s+choice",
    r"killers?",
    r"falsely",
    r"knowingly",
    r"intentionally",
    r"deliberate(?:ly)?",
    r"accountable",
    r"accus\w+",
    r"alleg\w+",
    r"attacked\s+by",
    r"snubb\w+",
    r"ignored",
    r"crossed\s+the\s+red\s+line",
    r"blew\s+up",
    r"struck",
    r"fired\s+(?:on|at)",
    r"targeted",
    r"shelled",
    r"attacked",
    r"(?:direct\s+)?hit\s+(?:by|from)",
)
ANNOUNCEMENT_CONTENT = _any(
    r"will\s+(?:be\s+held|hold|continue|suspend|resume|launch|deploy|send|conduct|begin|start"
    r"|introduce|expire|return|try|take\s+place|not\s+(?:approve|negotiate|renew|extend|be)"
    r"|address|open|close|meet|visit|sign|seek|host|provide|allocate|impose|lift)",
    r"(?:has|have|had)\s+(?:officially\s+)?(?:suspended|decided|approved|agreed|launched|signed"
    r"|informed|notified|ordered|appointed|withdrawn|terminated|ended|expired|begun|started)",
    r"decided\s+to",
    r"agreed\s+(?:to|on|upon)",
    r"plans?\s+to",
    r"ceased\s+to",
    r"practically\s+(?:expired|ended)",
    r"expires?",
    r"scheduled",
    r"(?:would|will)\s+not\s+be\s+withdrawn",
    r"can\s+contact",
    r"refund",
    r"resumed",
    r"suspend\w*",
)

# --- kinds: the parse of what was said --------------------------------------------------------

# Verbs of a harmful act: with another party as the agent the statement blames it ("Veltrian
# forces fired the shells"); with the speaker's side as the agent and a negation it denies.
HOSTILE_VERBS: frozenset[str] = _words(
    """
    attack strike shell bomb fire target ram violate invade harass provoke kill destroy
    sabotage intimidate lie mislead exaggerate transgress intrude botch seize occupy meddle
    interfere hack steal deceive threaten abduct kidnap torture execute loot smuggle breach
    infiltrate obstruct block jam shoot damage sink injure wound murder spy enter
    """
)
# Acts an organisation or official makes known about itself ("had opened an inquiry", "would
# summon the ambassador", "had been summoned").
DECISION_VERBS: frozenset[str] = _words(
    """
    open launch ask remove summon appoint suspend decide approve agree sign order send deploy
    recall withdraw file submit invite allocate ban impose lift close expel raise examine
    travel visit hold host begin start introduce extend cancel postpone resume establish create
    set publish release investigate review halt stop freeze sanction fine charge arrest
    """
)
FIRST_PERSON: frozenset[str] = frozenset({"i", "we", "us", "me", "our", "my"})
NEGATORS: frozenset[str] = frozenset(
    {"not", "n't", "n’t", "never", "no", "none", "nothing", "neither", "nor"}
)
# Subjects that negate their clause ("nobody fired", "neither has anyone intruded").
NEGATIVE_SUBJECTS: frozenset[str] = frozenset({"nobody", "anyone", "none", "nothing", "noone"})
# Passives that make a decision known ("the ambassador had been summoned").
PASSIVE_DECISIONS: frozenset[str] = _words(
    """
    summon appoint suspend cancel postpone ban close approve sign open recall expel hold
    """
)
# Cues of a reply: rejecting red lines in answer to someone's is a denial.
CUE_REPLY = _any(r"repl\w*", r"answer\w*", r"retort\w*", r"respond\w*", r"hit\s+back")
# A contrast that shifts the blame: "it was X, not Russia, that …".
SHIFTED_BLAME = re.compile(r",\s+not\s+(?:the\s+|a\s+|an\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,3},")
# Outcomes that deny harm: "found no contamination", "recorded no change".
NO_HARM = _any(
    r"(?:found|recorded|saw|showed?|detected|observed)\s+no",
    r"none\s+of",
    r"(?:remain|remained|remains)\s+(?:within\s+)?normal",
    r"no\s+(?:evidence|contamination|change|damage|casualties|injuries)",
)
