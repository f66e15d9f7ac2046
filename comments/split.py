"""Split a news page into its article body and its reader comments.

The page is labelled line by line, in page order: header (nav, promos, captions) -> body ->
footer/boilerplate -> comment section -> widget trailer. Nothing here is keyed to a site:

1. Every line gets a *kind* from cheap, precompiled patterns: blank, boilerplate (nav, promo, ads,
   share/newsletter/tag lines, photo captions, copyright footers), a comment-section anchor
   ("12 Comments"), a no-comment marker ("Comments are closed."), a comment-widget trailer, an action
   line ("Reply • Share ›", "8 △ ▽"), a timestamp line, or plain text.
2. Comment *header* lines are recognised by their structure, not their wording: an author-like field
   next to a timestamp or score ("name • 2 hours ago", "name · 12 points · 1y"), an author with a
   speech verb ("name says:", "#3 name wrote on 23 Dec 2020:"), a one-line chat message
   ("[ts] name: text"), or a name line directly above a timestamp line. The header family that
   repeats through the tail of the page is the page's comment template; the chain of its headers
   marks the comment section and each header opens one comment.
3. Pages whose comments carry no header at all (an author line, then paragraph lines) are decoded
   with a small Viterbi pass over the remaining lines: states body -> author -> text, where author
   lines score by name-likeness (short, no sentence punctuation, handle-like tokens, repeated on the
   page) and the end of the article (copyright footer, share/newsletter lines, a "Most Read" list, a
   comments anchor) makes staying in the body expensive.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from comments.types import Comment, Document, Page

# --- timestamps ---------------------------------------------------------------------------------

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[aApP]\.?[mM]\.?)?"
_DATE = (rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
         rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+{_MONTH}"
         r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4})")
_UNIT = (r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|mos|months?"
         r"|y|yrs?|years?)")
_RELATIVE = (rf"(?:(?:about|over|almost|nearly)\s+)?(?:\d+|an?|one|a\s+few)\s*{_UNIT}\s+ago"
             r"|\d+\s?(?:[smhdwy]|mo|min|hr|yr)"
             rf"|just\s+now|moments?\s+ago|(?:yesterday|today)(?:\s+at\s+{_TIME})?")
_TIMESTAMP = (rf"(?:(?:posted\s+|on\s+|at\s+)?(?:{_WEEKDAY})?{_DATE}(?:,?\s*(?:at|@|-|,)?\s*{_TIME})?"
              rf"|{_TIME}(?:\s+(?:on\s+)?{_DATE})?|{_RELATIVE})(?:\s*\(edited\))?")
TIMESTAMP_RE = re.compile(rf"^{_TIMESTAMP}$", re.I)
_TIMESTAMP_ANYWHERE = re.compile(rf"(?<!\w){_TIMESTAMP}(?!\w)", re.I)
_DATE_PREFIX = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s?")

# --- page chrome ---------------------------------------------------------------------------------

# Whole-line boilerplate: navigation, promos, ads, share/newsletter/tag lines, related-story lines.
_BOILER = re.compile(
    r"^(?:(?:left |main |top )?menu|skip to(?: main)? content|search|sections|home(?:\s*[|>»/].*)?"
    r"|sign in|sign up|log ?in|register|subscribe(?: now| today)?|advertisement|advertising|sponsored(?: content)?"
    r"|story continues below(?: advertisement)?|continue reading(?: below)?|ad|breaking news|back to top"
    r"|print(?: this (?:article|story|page))?|e-?mail(?: this (?:article|story))?|report an error|report a typo"
    r"|share(?: this (?:article|story|post|page))?(?: on \w+)*|share on .*|share via .*|(?:share on \w+\s*)+"
    r"|follow us(?: on .*)?|sign up for (?:our|the) .*newsletter.*|get (?:our|the) newsletter.*"
    r"|subscribe to (?:our|the) .*|(?:tags?|topics?|filed under|categories)\s*:.*"
    r"|(?:related|read more|more|see also|also read|read also|recommended|watch|listen)\s*:.*"
    r"|join our .*\b(?:channel|newsletter|community|group)\b.*|click here .*|download (?:our|the) app.*"
    r"|(?:facebook|twitter|whatsapp|linkedin|reddit|pinterest|email)(?:\s+(?:facebook|twitter|whatsapp"
    r"|linkedin|reddit|pinterest|email))+)$",
    re.I)
# "Most Read"-style headline lists between the article and the comments.
_LIST_HEAD = re.compile(
    r"^(?:most (?:read|popular|viewed|shared|commented)(?: stories| articles| news)?|popular(?: stories| now| news)?"
    r"|trending(?: now| stories)?|top stories|what others are reading|you (?:may|might) (?:also )?like"
    r"|related (?:stories|articles|news|content|posts)|more (?:stories|from .*|news)|recommended(?: for you)?"
    r"|editor'?s picks|latest (?:news|stories))\s*:?$",
    re.I)
_NUMBERED_ITEM = re.compile(r"^\d{1,2}[.)]\s+\S")
# Photo captions, told by how they start or how they end (a photo credit).
_CAPTION_HEAD = re.compile(
    r"(?:photo|image|picture|file photo|photograph)(?:/illu?s?tr?ation)?\s*[:/]|photo/illu"
    r"|in this (?:\w+ )?(?:photo|image|picture|file photo|video|handout)|file (?:photo|image)\b",
    re.I)
_CAPTION_TAIL = re.compile(
    r"(?:\((?:AP|AFP|EPA|Reuters|Getty)[^()]*(?:Photo|Images)[^()]*\)|\bREUTERS/\S+"
    r"|(?:^|[.)]\s)(?:Photo|Image|Picture|Credit|Photograph)s?:\s[^.]{2,60}"
    r"|\([^()]{0,50}\b(?:photo|images?|reuters|afp|ap|epa|getty|xinhua|ministry|press service|handout"
    r"|courtesy|file|pool|credit|agency)\b[^()]{0,50}\))$",
    re.I)
# A copyright footer, standing alone or glued to the article's last sentence.
_COPYRIGHT = re.compile(r"©|ⓒ|\(c\)\s*\d{4}|\bcopyright\s*(?:©\s*)?\d{4}|\ball rights reserved\b", re.I)

# --- comment widgets -----------------------------------------------------------------------------

_ANCHOR = re.compile(
    r"^(?:\d+\s+(?:comments?|responses?|replies|reactions?|thoughts?)(?:\s+(?:on|to|for|about)\b.*)?"
    r"|(?:reader|user|readers'?|your|visitor)?\s*comments?\s*(?:\(\d+\)|:)?|comments? \(\d+\)|discussion"
    r"|conversation(?: \(\d+\))?|live chat|chat|join the (?:discussion|conversation)\W*"
    r"|(?:leave|post|add|write|submit) (?:a|your) (?:reply|comment|response).*"
    r"|what do you think\??|have your say|reactions?|responses?)$",
    re.I)
_NO_COMMENTS = re.compile(
    r"comments (?:are|have been) (?:closed|disabled|turned off)|^0 (?:comments?|responses?|replies)\b"
    r"|\bno (?:comments|responses|replies)(?: yet)?\b|be the first to (?:comment|reply|respond)"
    r"|must be logged in to (?:post|leave) a comment|commenting (?:is|has been) (?:closed|disabled)",
    re.I)
_TRAILER = re.compile(
    r"^(?:(?:log ?in|sign in|register)(?: to (?:comment|reply|post))?|sort by:? \w+|add disqus to your site|newest|oldest|best|top"
    r"|(?:load|show|view|see|read) (?:more|all|older|newer|previous)?\s*(?:\d+\s+)?(?:more\s+)?(?:comments?|replies)\b.*"
    r"|powered by .*|privacy(?: policy)?|terms(?: of (?:use|service))?|do not sell my data|add to discussion"
    r"|subscribe|notify me of .*|community guidelines|comment policy|start the discussion\W*)$",
    re.I)
_ACTION_WORDS = frozenset(
    "reply replies share report flag like likes liked dislike dislikes upvote downvote vote votes permalink "
    "edit edited delete quote points point pts hide show collapse expand more load comments comment view "
    "see all award give save follow block mute helpful recommend recommended parent context thread "
    "retweet tweet email link copy respond".split())
_ACTION_SYMBOLS = re.compile(r"[\d△▽▲▼↑↓⬆⬇•·|›»‹«<>()\[\]+\-–—,:/'’👍👎♥❤★☆]+")
# One pass over a short lower-cased line instead of four: which kind of page chrome it is, if any.
_CHROME = re.compile("|".join(f"(?P<{name}>{pattern.pattern})" for name, pattern in (
    ("anchor", _ANCHOR), ("trailer", _TRAILER), ("list", _LIST_HEAD), ("boiler", _BOILER))))
_CHROME_KIND = {"anchor": 7, "trailer": 9, "list": 5, "boiler": 2}  # ANCHOR, TRAILER, LIST_HEAD, BOILER
_VOTE_GLYPH = re.compile(r"[△▽▲▼↑↓⬆⬇👍👎♥❤]")

# --- comment headers -----------------------------------------------------------------------------

_NAME = r"[^\s:\[\]][^:\[\]]{0,48}?"
_CHAT = (
    re.compile(rf"^\[(?P<ts>[^\]]{{3,40}})\]\s*(?P<author>{_NAME})\s*:\s+(?P<text>\S.*)$"),
    re.compile(rf"^(?P<ts>(?:{_DATE}\s+)?{_TIME})\s+(?P<author>{_NAME})\s*:\s+(?P<text>\S.*)$", re.I),
    re.compile(rf"^(?P<author>{_NAME})\s*[\[(](?P<ts>[^\])]{{3,40}})[\])]\s*:\s+(?P<text>\S.*)$"),
    re.compile(r"^<(?P<author>[^<>\s]{1,40})>\s+(?P<text>\S.*)$"),
)
_VERB = "(?:says|said|wrote|writes|commented|comments|replied|replies|posted|asks|asked|responded)"
_VERB_HEADER = re.compile(
    rf"^(?:#\s?\d+\s*[.:)-]?\s*|\d+[.)]\s+)?(?P<author>[^\s#].{{0,48}}?)\s+{_VERB}"
    rf"(?:\s+(?:on|at)\s+(?P<ts>[^:]{{3,50}}?|[^:]*\d:\d\d[^:]*))?\s*:\s*$", re.I)
_ON_DATE_WROTE = re.compile(rf"^On\s+(?P<ts>.{{4,50}}?),\s*(?P<author>[^,]{{1,48}}?)\s+{_VERB}:\s*$", re.I)
_BY_HEADER = re.compile(
    r"^(?:posted|comment(?:ed)?|submitted|written)\s+by\s+(?P<author>.{1,48}?)"
    r"(?:\s+(?:on|at|\||·|•|-|—)\s+(?P<ts>.{3,50}))?\s*$", re.I)
_FIELD_SPLIT = re.compile(r"\s*(?:[•·|]|\s[-—–]\s)\s*")
_REPLY_TO = re.compile(r"\s*(?:→|»|▸|►|⟶|\breplied to\b|\bin reply to\b|\breplying to\b)\s*", re.I)
_POINTS = re.compile(r"^[+-]?\d[\d,.]*k?\s*(?:points?|pts|likes?|votes?|upvotes?|karma|score|△|▲|👍)$", re.I)
_BADGE = re.compile(r"^(?:edited|moderator|mod|author|staff|verified|op|admin|guest|top commenter"
                    r"|(?:\d+\s+)?(?:replies|reply|likes?)|reply|share|report)$", re.I)
_TAIL_TS = re.compile(rf"^(?P<author>[^\s].{{0,40}}?)\s+(?P<ts>(?:(?:on|at|posted)\s+)?(?:{_DATE}"
                      rf"(?:,?\s*(?:at|@)?\s*{_TIME})?|{_RELATIVE}))$", re.I)

_SENTENCE_END = frozenset(".!?…\"”’)")
_FUNCTION_WORDS = frozenset(
    "the a an is are was were be to of and or but in on at for with it this that you i me my we they he she "
    "not no so if as do does did have has had will would can could should just than then there their what "
    "who why how when all".split())
_HANDLE = re.compile(r"^[A-Za-z][\w.\-]*(?:\d|_)[\w.\-]*$|^[a-z]+[A-Z]\w*$|^[A-Z][a-z]+[A-Z]\w*$")
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net)\b", re.I)
_DATELINE = re.compile(rf"^(?:{_WEEKDAY})?{_DATE}$", re.I)

# Cheap substring tests that let most lines skip the longer patterns.
_TIME_HINT = re.compile(r"\d|ago|now|yesterday|today")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"

# Line kinds (_CHROME_KIND above uses these numbers).
BLANK, TEXT, BOILER, CAPTION, COPYRIGHT, LIST_HEAD, LIST_ITEM, ANCHOR, NO_COMMENTS, TRAILER, ACTION, STAMP = range(12)
# Kinds that say the article is over (mid-article ads, captions and "Related:" lines do not).
_POST_ARTICLE = frozenset({COPYRIGHT, LIST_HEAD, LIST_ITEM, ANCHOR, NO_COMMENTS, TRAILER})
_POST_BOILER = re.compile(r"^(?:share|print|e-?mail|report|back to top|follow us|sign up|get our|subscribe"
                          r"|tags?|topics?|filed under|categories)\b", re.I)


@dataclass(slots=True)
class _Header:
    """A parsed comment header line (or a name line plus the timestamp line under it)."""

    family: str
    author: str
    posted: str | None
    reply_to: str | None = None
    text: str | None = None  # chat lines carry the message on the same line
    span: int = 1  # lines consumed


@dataclass(slots=True)
class _Line:
    raw: str
    text: str  # stripped
    indent: int
    kind: int
    footer_at: int = -1  # where a copyright footer glued to an article line starts


# --- public API ----------------------------------------------------------------------------------


def split_text(text: str, *, id: str, source: str = "", encoding: str = "utf-8",
               title: str | None = None, date: str | None = None) -> Page:
    """Split one plain-text page dump into article body and parsed comments."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    prefix = _DATE_PREFIX.match(text)
    if prefix:
        text = text[prefix.end():]
    lines = _label_lines(text.split("\n"))
    start, comments = _find_comments(lines)
    body_lines = _body_lines(lines[:start])
    body = _join_body(body_lines, lines[:start])
    return Page(id=id, title=title or _guess_title(body_lines),
                date=date or (prefix.group(1) if prefix else _guess_date(body_lines)),
                article_body=body, comments=comments, source=source, encoding=encoding)


def split_document(doc: Document) -> Page:
    """Split a Document from ingest: plain text directly, HTML through trafilatura first."""
    if doc.text is not None or doc.html is None:
        return split_text(doc.text or "", id=doc.id, source=doc.source, encoding=doc.encoding,
                          title=doc.title, date=doc.date)
    return _split_html(doc)


def _split_html(doc: Document) -> Page:
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    extracted = trafilatura.bare_extraction(doc.html, include_comments=True, with_metadata=True,
                                            url=doc.url)
    main = (getattr(extracted, "text", None) or "") if extracted is not None else ""
    marked_comments = (getattr(extracted, "comments", None) or "") if extracted is not None else ""
    title = doc.title or (getattr(extracted, "title", None) if extracted is not None else None)
    date = doc.date or (getattr(extracted, "date", None) if extracted is not None else None)
    page = split_text(main, id=doc.id, source=doc.source, encoding=doc.encoding, title=title, date=date)
    if marked_comments.strip() and not page.comments:
        # The markup already separated the comment section: label only its lines.
        page.comments = _parse_section(_label_lines(marked_comments.split("\n")))
    return page


# --- line labelling ------------------------------------------------------------------------------


def _label_lines(raw_lines: list[str]) -> list[_Line]:
    lines: list[_Line] = []
    for raw in raw_lines:
        stripped = raw.strip()
        if not stripped:
            lines.append(_Line(raw, stripped, 0, BLANK))
            continue
        kind, footer_at = _kind(stripped), -1
        if kind == TEXT:
            footer = _copyright(stripped)
            if footer:
                if footer.start() < 3 or "all rights reserved" in stripped[:60].lower():
                    kind = COPYRIGHT
                else:
                    footer_at = footer.start()
        lines.append(_Line(raw, stripped, len(raw) - len(raw.lstrip(" \t")), kind, footer_at))
    _mark_lists(lines)
    return lines


def _kind(s: str) -> int:
    """The kind of a non-empty stripped line; TEXT lines get their copyright test in _label_lines."""
    n = len(s)
    if not s.strip(_INVISIBLE):
        return BLANK
    if n <= 200:  # chrome and widget lines are short; article paragraphs skip these tests
        low = s.lower()
        if ("comment" in low or "repl" in low or "respon" in low) and _NO_COMMENTS.search(low):
            return NO_COMMENTS
        if n <= 160:
            chrome = _CHROME.match(low)
            if chrome:
                return _CHROME_KIND[chrome.lastgroup]
        if n <= 80:
            if _is_action(s, low):
                return ACTION
            if _TIME_HINT.search(low) and TIMESTAMP_RE.match(s):
                return STAMP
    if _CAPTION_HEAD.match(s) or (s[-1] == ")" or "Photo" in s or "REUTERS" in s) and _CAPTION_TAIL.search(s[-120:]):
        return CAPTION
    return TEXT


def _copyright(s: str) -> re.Match | None:
    """Where a copyright footer starts in `s` (a cheap test first: most lines have none)."""
    if "©" in s or "ⓒ" in s or "(c)" in s or "(C)" in s or "opyright" in s or "OPYRIGHT" in s \
            or "rights reserved" in s:
        return _COPYRIGHT.search(s)
    return None


def _is_action(s: str, low: str) -> bool:
    """A vote/reply/share line: only action words, counts and glyphs (and maybe a timestamp)."""
    first = low.split(None, 1)[0]
    if first[0].isalpha() and first not in _ACTION_WORDS:
        return False
    words = _ACTION_SYMBOLS.sub(" ", low).split()
    if not words:
        return bool(_VOTE_GLYPH.search(s))
    unknown = [w for w in words if w not in _ACTION_WORDS]
    if not unknown:
        return True
    if len(unknown) == len(words):
        return False
    # "2 hours ago · Reply": the rest must be a timestamp.
    rest = _TIMESTAMP_ANYWHERE.sub(" ", low)
    return all(w in _ACTION_WORDS for w in _ACTION_SYMBOLS.sub(" ", rest).split())


def _mark_lists(lines: list[_Line]) -> None:
    """Headline lists under a "Most Read" heading: numbered items, or up to 6 short headline lines."""
    i, n = 0, len(lines)
    while i < n:
        if lines[i].kind != LIST_HEAD:
            i += 1
            continue
        j = i + 1
        while j < n and lines[j].kind == BLANK:
            j += 1
        spaced = j > i + 1  # items separated by blank lines
        numbered = j < n and bool(_NUMBERED_ITEM.match(lines[j].text))
        items = 0
        while j < n and items < 6:
            line = lines[j]
            if line.kind == BLANK:
                if not spaced and not numbered:
                    break
                j += 1
                continue
            if line.kind != TEXT or len(line.text) > 160 or _parse_header(line.text):
                break
            if numbered:
                if not _NUMBERED_ITEM.match(line.text):
                    break
            elif line.text[-1] in ".?!\"”:" or (spaced and j + 1 < n and lines[j + 1].kind != BLANK):
                break
            line.kind = LIST_ITEM
            items += 1
            j += 1
        i = j


# --- comment section -----------------------------------------------------------------------------


def _name_like(s: str, strict: bool = False) -> bool:
    """Could this be a username shown in a comment header?"""
    if not s or len(s) > 50 or _URL.search(s) or s[0] in "\"“‘'([-—–*>":
        return False
    words = s.split()
    if len(words) > (4 if strict else 6):
        return False
    return not any(c in s for c in ",;") and not re.search(r"[.!?]\s+\S", s)


def _parse_header(s: str) -> _Header | None:
    first = s[0]
    for pattern in _chat_patterns(s, first):
        m = pattern.match(s)
        if m and _name_like(m["author"]):
            ts = m.groupdict().get("ts")
            if ts is not None and not any(c.isdigit() for c in ts):
                continue
            return _Header("chat", m["author"].strip(), ts.strip() if ts else None, text=m["text"])
    if len(s) > 120:
        return None
    if s[-1] == ":":
        for pattern in (_ON_DATE_WROTE, _VERB_HEADER):
            m = pattern.match(s)
            if m and _name_like(m["author"]):
                ts = m["ts"]
                return _Header("verb", m["author"].strip(), ts.strip() if ts else None)
    if first in "PpCcSsWw" and " by " in s[:20]:
        m = _BY_HEADER.match(s)
        if m and _name_like(m["author"]):
            return _Header("by", m["author"].strip(), m["ts"].strip() if m["ts"] else None)
    if "•" in s or "·" in s or "|" in s or len(s) <= 80 and (" - " in s or " — " in s or " – " in s):
        header = _parse_fields(s)
        if header:
            return header
    if len(s) <= 80 and _TIME_HINT.search(s):
        m = _TAIL_TS.match(s)
        if m and _name_like(m["author"], strict=True) and not m["author"].lower().endswith((" on", " at")):
            return _Header("tail", m["author"].strip(), m["ts"].strip())
    return None


def _chat_patterns(s: str, first: str) -> tuple[re.Pattern, ...]:
    """Only the one-line chat patterns this line could possibly match."""
    if first == "[":
        return _CHAT[:1]
    if first == "<":
        return _CHAT[3:]
    found = _CHAT[1:2] if first.isdigit() else ()
    if "):" in s or "]:" in s:
        found += _CHAT[2:3]
    return found


def _parse_fields(s: str) -> _Header | None:
    """'author • 2 hours ago', 'author · 12 points · 5h', 'author → parent • an hour ago'."""
    fields = [f for f in _FIELD_SPLIT.split(s) if f]
    if len(fields) < 2:
        return None
    who, rest = fields[0], fields[1:]
    posted, evidence = None, False
    for field in rest:
        if TIMESTAMP_RE.match(field):
            posted = posted or field
            evidence = True
        elif _POINTS.match(field):
            evidence = True
        elif not _BADGE.match(field):
            return None
    if not evidence:
        return None
    parts = _REPLY_TO.split(who, maxsplit=1)
    author = parts[0].strip()
    reply_to = parts[1].strip() if len(parts) > 1 else None
    if not _name_like(author):
        return None
    return _Header("fields", author, posted, reply_to=reply_to)


def _find_headers(lines: list[_Line]) -> dict[int, _Header]:
    headers: dict[int, _Header] = {}
    for i, line in enumerate(lines):
        if line.kind == TEXT:
            h = _parse_header(line.text)
            if h:
                headers[i] = h
        elif line.kind == STAMP and i > 0:
            # A bare name line directly above a timestamp line: "name" / "May 3, 2020 at 5:12 pm".
            j = i - 1
            if lines[j].kind == TEXT and j not in headers and _name_like(lines[j].text, strict=True) \
                    and lines[j].text[-1] not in ".,;:":
                headers[j] = _Header("name+stamp", lines[j].text, line.text, span=2)
    return headers


def _find_comments(lines: list[_Line]) -> tuple[int, list[Comment]]:
    """Return (index where the comment section starts, its comments)."""
    headers = _find_headers(lines)
    chain = _header_chain(lines, headers)
    if chain:
        start = chain[0]
        # The comment section starts at its anchor ("12 Comments") when one sits just above.
        return _section_start(lines, start), _parse_with_headers(lines, start, headers, set(chain))
    return _decode_plain(lines)


def _header_chain(lines: list[_Line], headers: dict[int, _Header]) -> list[int]:
    """The run of same-family headers that carries the page's comment section, or []."""
    if not headers:
        return []
    by_family: dict[str, list[int]] = {}
    for i, h in headers.items():
        by_family.setdefault(h.family, []).append(i)
    best: list[int] = []
    for family, idx in by_family.items():
        idx.sort()
        chain = [idx[-1]]
        for prev in reversed(idx[:-1]):
            gap = [ln for ln in lines[prev + 1:chain[0]] if ln.kind != BLANK]
            if len(gap) > 40 or any(ln.kind in (BOILER, CAPTION, COPYRIGHT, LIST_HEAD) for ln in gap):
                break
            chain.insert(0, prev)
        weak = family in ("tail", "name+stamp")
        if len(chain) < (2 if weak else 1):
            continue
        # A lone header must be in the page's tail: nothing but comment text may follow it.
        if len(chain) == 1 and sum(ln.kind == TEXT for ln in lines[chain[0] + 1:]) > 12:
            continue
        if len(chain) > len(best):
            best = chain
    return best


def _section_start(lines: list[_Line], first_header: int) -> int:
    start = first_header
    j = first_header - 1
    while j >= 0 and lines[j].kind in (BLANK, ANCHOR, TRAILER, ACTION, NO_COMMENTS):
        if lines[j].kind == ANCHOR:
            start = j
        j -= 1
    return start


def _parse_with_headers(lines: list[_Line], start: int, headers: dict[int, _Header],
                        chain: set[int]) -> list[Comment]:
    families = {headers[i].family for i in chain}
    comments: list[Comment] = []
    paragraphs: list[list[str]] = []
    indents: list[int] = []
    i, n = start, len(lines)
    while i < n:
        line = lines[i]
        h = headers.get(i)
        if h is not None and h.family in families:
            posted = h.posted
            i += h.span
            if posted is None and i < n and lines[i].kind == STAMP:
                posted = lines[i].text
                i += 1
            parent = _parent(comments, indents, line.indent, h.reply_to)
            comments.append(Comment(author=h.author, posted=posted, text="", parent=parent))
            paragraphs.append([h.text] if h.text else [])
            indents.append(line.indent)
            continue
        if comments and line.kind in (TEXT, STAMP, CAPTION) and not _is_quote(line.text):
            paragraphs[-1].append(line.text)
        i += 1
    for comment, paras in zip(comments, paragraphs):
        comment.text = "\n".join(paras)
    return comments


def _parent(comments: list[Comment], indents: list[int], indent: int, reply_to: str | None) -> int | None:
    if reply_to:
        for k in range(len(comments) - 1, -1, -1):
            if comments[k].author == reply_to:
                return k
    for k in range(len(comments) - 1, -1, -1):
        if indents[k] < indent:
            return k
    return None


def _is_quote(s: str) -> bool:
    return s.startswith(">")


def _parse_section(lines: list[_Line]) -> list[Comment]:
    """Comments of a text that is known to be a comment section (e.g. marked up as such in HTML)."""
    headers = _find_headers(lines)
    chain = _header_chain(lines, headers)
    if chain:
        return _parse_with_headers(lines, chain[0], headers, set(chain))
    return _decode_plain(lines, section_only=True)[1]


# --- header-less comment sections: Viterbi over body / author / text ------------------------------

_BODY, _AUTHOR, _TEXT = 0, 1, 2
_NEG = -1e9
_BODY_LINE = 0.3  # what each line earns by staying in the article


def _author_score(s: str, repeats: int) -> float:
    """Log-odds-like score that a bare line is a username rather than a line of text."""
    if len(s) > 40 or s[0] in "\"“‘'([-—–*>#@" or _URL.search(s):
        return -10.0
    words = s.split()
    n = len(words)
    if n > 6:
        return -10.0
    score = (2.0, 2.0, 1.5, 0.5, -0.5, -1.5, -2.5)[n]
    last = s[-1]
    if last in ",;:":
        score -= 3.0
    elif last == "." and not s.endswith("..") and not re.search(r"\b[A-Z]\.$", s):
        score -= 2.0 if n > 1 else 1.0
    elif last in "?!…" or s.endswith(".."):
        score -= 1.0
    lower = [w.lower().strip(".,!?") for w in words]
    score -= 1.0 * sum(w in _FUNCTION_WORDS for w in lower) if n > 1 else 0.0
    if any(_HANDLE.match(w) for w in words):
        score += 1.5
    elif n > 1 and all(w[:1].isupper() for w in words):
        score += 1.0
    if repeats > 1:
        score += 2.0
    return score


def _decode_plain(lines: list[_Line], section_only: bool = False) -> tuple[int, list[Comment]]:
    """Label the text lines body/author/text; a comment is an author line then >= 1 text line."""
    seq: list[int] = []  # indices of the candidate (text) lines, in page order
    after_signal: list[bool] = []  # an end-of-article sign sits between this line and the previous one
    after_action: list[bool] = []  # a vote/reply line ("Like · Reply · 2h") sits just above
    action_stamps: dict[int, str] = {}
    signal = any_signal = section_only
    last_action = False
    for i, line in enumerate(lines):
        kind = line.kind
        if kind == NO_COMMENTS:
            # "Comments are closed." and friends: nothing after them is a comment, and the page
            # did mark where its comment area is.
            any_signal = True
            break
        if kind in _POST_ARTICLE and kind != TRAILER or (kind == BOILER and _POST_BOILER.match(line.text)):
            signal = any_signal = True
        elif kind == ACTION:
            last_action = True
            stamp = _TIMESTAMP_ANYWHERE.search(line.text) if _TIME_HINT.search(line.text) else None
            if stamp:
                action_stamps[i] = stamp.group(0)
        elif kind == TEXT or kind == STAMP:
            seq.append(i)
            after_signal.append(signal)
            after_action.append(last_action)
            last_action = signal = False
            if line.footer_at >= 0:
                signal = any_signal = True  # a footer glued to the last sentence ends the article
    m = len(seq)
    if m < 2:
        return len(lines), []
    counts: dict[str, int] = {}
    for i in seq:
        counts[lines[i].text] = counts.get(lines[i].text, 0) + 1
    # Where comments end with an action line, a new comment starts right after one and nowhere else.
    footered = sum(after_action) >= 2

    # Viterbi over states body -> author -> text (-> author ...); scores are log-odds-like.
    prev = [_NEG if section_only else 0.0, _NEG, _NEG]
    back: list[tuple[int, int, int]] = []
    for k, i in enumerate(seq):
        s = lines[i].text
        author = _author_score(s, counts[s])
        if after_action[k]:
            author += 6.0
        elif footered:
            author -= 3.0
        # Where the page marks the article's end, the section may only start right after a mark;
        # an unmarked page lets it start anywhere, at a price per body line it claims.
        enter = 0.0 if after_signal[k] else (_NEG if any_signal else -1.0)
        if k == 0:
            cur = [_NEG if section_only else _BODY_LINE, author + enter, _NEG]
            back.append((_BODY, _BODY, _BODY))
        else:
            from_body, from_text = prev[_BODY] + enter, prev[_TEXT]
            arg_author = _BODY if from_body >= from_text else _TEXT
            arg_text = _AUTHOR if prev[_AUTHOR] >= prev[_TEXT] else _TEXT
            cur = [prev[_BODY] + _BODY_LINE, max(from_body, from_text) + author, prev[arg_text]]
            back.append((_BODY, arg_author, arg_text))
        prev = cur
    state = _TEXT if section_only or prev[_TEXT] > prev[_BODY] else _BODY
    labels = [0] * m
    for k in range(m - 1, -1, -1):
        labels[k] = state
        state = back[k][state]
    if _AUTHOR not in labels:
        return len(lines), []

    first = labels.index(_AUTHOR)
    comments: list[Comment] = []
    indents: list[int] = []
    spans: list[int] = []  # line index where each comment starts
    for k in range(first, m):
        line = lines[seq[k]]
        if labels[k] == _AUTHOR:
            comments.append(Comment(author=line.text, posted=None, text="",
                                    parent=_parent(comments, indents, line.indent, None)))
            indents.append(line.indent)
            spans.append(seq[k])
        elif not _is_quote(line.text):
            comments[-1].text = f"{comments[-1].text}\n{line.text}" if comments[-1].text else line.text
    for n, c in enumerate(comments):
        first_line, _, rest = c.text.partition("\n")
        if rest and TIMESTAMP_RE.match(first_line):  # a timestamp line under the author line
            c.posted, c.text = first_line, rest
        else:  # or a timestamp in the comment's action line ("Like · Reply · 2h")
            end = spans[n + 1] if n + 1 < len(spans) else len(lines)
            c.posted = next((ts for i, ts in action_stamps.items() if spans[n] < i < end), None)
    return _section_start(lines, seq[first]), comments


# --- article body ---------------------------------------------------------------------------------


def _body_lines(lines: list[_Line]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        if line.kind not in (TEXT, STAMP):
            if line.kind == BLANK and line.text:
                kept.append(line.text)  # invisible-only lines are part of the text as placed
            continue
        s = line.text
        if line.footer_at >= 0:
            s = s[:line.footer_at].rstrip()
            if len(s) < 4:
                continue
        kept.append(s)
    # Widget lines that slipped through between the article and a header-less comment section.
    while kept and _TRAILER.match(kept[-1]):
        kept.pop()
    return kept


def _join_body(kept: list[str], lines: list[_Line]) -> str:
    blank_separated = sum(ln.kind == BLANK for ln in lines) >= len(kept) // 2 > 0
    return ("\n\n" if blank_separated else "\n").join(kept)


def _guess_title(body: list[str]) -> str | None:
    if len(body) < 2:
        return None
    first = body[0]
    words = first.split()
    if 2 <= len(words) <= 25 and first[-1] not in ".:;,\"”" and not _DATELINE.match(first):
        return first
    return None


def _guess_date(body: list[str]) -> str | None:
    for s in body[:4]:
        if len(s) <= 40 and _DATELINE.match(s):
            for fmt in ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d"):
                try:
                    return datetime.strptime(s, fmt).date().isoformat()
                except ValueError:
                    pass
            return s
    return None
