"""Page furniture: lines of a saved page that belong to the site, not to the article.

General rules, not a list of one corpus's lines: known furniture phrases (share, advertisement,
follow us, comments, cookies, audio players, photo credits), weather widgets, lines of
punctuation only, and short lines without a sentence in them (section names, site names).
"""

from __future__ import annotations

import re

_PHRASES = re.compile(
    r"""(?ix)
    \b(?:share\s+(?:this|on|via)|share\s*this\s*post|shares?$|tweet$|pin\s+it|whatsapp$)
    | ^[-–—\s]*advertisement[-–—\s]*(?:spot_img)?$
    | ^(?:sponsored(?:\s+content)?|promoted(?:\s+stories)?|recommended(?:\s+for\s+you)?)$
    | \bclick\s+to\s+skip\b | \bskip\s+(?:ad|to\s+(?:main\s+)?content)\b
    | \bfollow\s+(?:us|on)\b | \bsubscribe\b | \bsign\s+up\b | \bnewsletter\b
    | \bdownload\s+(?:our|the)\s+app\b | \bgoogle\s+news\b
    | \bcookies?\b.*\b(?:use|accept|consent|policy|settings)\b
    | \bleave\s+a\s+(?:comment|reply)\b | \bbe\s+the\s+first\s+to\s+comment\b
    | \byour\s+email\s+address\s+will\s+not\s+be\s+published\b
    | \b(?:comment\s+data|reduce\s+spam)\b
    | \ball\s+rights\s+reserved\b | ^©|\bcopyright\s+©?\s*\d{4}
    | ^(?:latest|related|popular|trending|more)\s+(?:posts|news|stories|articles|from\b.*)$
    | ^(?:don'?t|do\s+not)\s+miss$ | ^stay\s+in\s+touch$ | ^read\s+(?:more|also|next)\b
    | \bread\s+full\s+article\b | ^source\s*(?:from)?\s*:|^source\s+link$
    | ^short\s+link\s*:?$ | ^filed\s+under\s*:?$ | \bplay\s+associated\s+audio\b
    | \blisten\s+to\s+(?:the\s+)?(?:audio|this\s+article|article)\b
    | ^(?:/\s*)?(?:photo|image|picture|video|file\s+photo)\s*(?::|via\b|credit\b)
    | \b(?:photo|image|picture)\s*:\s*\S+ | \bimage\s+via\b | \bphoto\s+credit\b
    | \b(?:getty\s+images|shutterstock|reuters/|ap\s+photo|afp\s+photo|pti\s+picture)
    | \bto\s+be\s+updated\s+with\s+all\s+the\s+latest\b
    | \bwe\s+use\s+your\s+sign-up\b | \bepaper\b | ^closing\s+in\.*$
    | ^(?:home|menu|search|login|log\s+in|register|next|previous|back\s+to\s+top)$
    | ^\d+\s*(?:comments?|shares?|views?)$
    """
)
# A weather widget: "19.9 C", "-3 °F", "72°".
_WEATHER = re.compile(
    r"^[-+]?\d{1,3}(?:[.,]\d)?\s*°?\s*[CF]?$|^[-+]?\d{1,3}(?:[.,]\d)?\s*°\s*[CF]?$"
)
_URL = re.compile(r"https?://\S+")
_ONLY_PUNCTUATION = re.compile(r"^[\W_]*$")
_LANGUAGE_SWITCH = re.compile(r"^(?:[a-z]{2}\s+){1,5}[a-z]{2}$")
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]*$")
_QUOTE_CHARS = '"“”‘’«»'
# Verb-like endings: a short line with one of these is probably a sentence, not a label.
_VERBISH = re.compile(
    r"(?i)\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|"
    r"should|says?|said|told|warn(?:s|ed)?|den(?:y|ies|ied)|\w+ed|\w+s)\b"
)

SHORT_LINE_WORDS = 4


def is_furniture(line: str) -> bool:
    """True when a line (stripped) looks like site furniture rather than article text."""
    text = line.strip()
    if not text:
        return False
    if _ONLY_PUNCTUATION.match(text) or _WEATHER.match(text) or _LANGUAGE_SWITCH.match(text):
        return True
    if len(text) <= 300 and _PHRASES.search(text):
        return True
    words = text.split()
    if any(ch in text for ch in _QUOTE_CHARS):
        return False
    if len(words) <= SHORT_LINE_WORDS and text.endswith(":"):
        return True
    # "World", "NPR", "New York", "WAMU 88.5 : News", "MY KOLKATA EDUGRAPH": labels.
    if (
        len(words) <= SHORT_LINE_WORDS
        and not _SENTENCE_END.search(text)
        and (len(words) <= 2 or not _VERBISH.search(text) or text.isupper())
    ):
        return True
    return bool(_URL.search(text)) and len(words) <= 6


def looks_like_sentence(line: str) -> bool:
    """True when a line reads as prose: several words with a verb-like word or a sentence end."""
    words = line.split()
    if len(words) < 3:
        return False
    return bool(_SENTENCE_END.search(line.strip()) or _VERBISH.search(line))
