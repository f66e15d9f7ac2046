"""Split a news page into its article body and its reader comments.

The page is labelled line by line, in page order: header (nav, promos, captions) -> body ->
footer/boilerplate -> comment section -> widget trailer. Nothing here is keyed to a site:

1. Every line gets a *kind* from cheap, precompiled patterns: blank, boilerplate (nav, promo, ads,
   share/newsletter/tag lines, photo captions, copyright footers), a comment-section anchor
   ("12 Comments"), a no-comment marker ("Comments are closed."), a comment-widget trailer, an action
   line ("Reply • Share ›", "8 △ ▽"), a timestamp line, or plain text.
2. Comment *header* lines are recognised by their structure, not their wording: an author-like field
   next to a timestamp or score ("name • 2 hours ago", "name · 12 points · 1y"), an author with a
   speech verb ("name says:", "#3 name wrote on 23 Dec 2020:", "name said..."), "Posted by name",
   a one-line chat message ("[ts] name: text"), a "— name, 3 hours ago" signature, a one-line comment
   signed at its end ("text – name, Mar 3, 2021"), "by name on <time>", "name commented 3 days ago",
   or a name line directly above a timestamp line (role badges such as "Contributor", a lone "·" or
   an "@handle" may sit between). Timestamps include dotted clock times ("12 Mar 2024 9.13") and
   relative times in the big European languages and Russian ("vor 3 Stunden", "il y a 2 heures"); action
   lines include their localised words ("Antworten", "Répondre · J'aime"). The header family that
   repeats through the tail of the page is the page's comment template; the chain of its headers
   marks the comment section and each header
   opens one comment (or closes it, when the headers sign the text above them). Replies come from
   "name → parent" headers, "In reply to name." lines or indentation. Inside a comment, quoted parent
   text ("> ...", "name wrote: ..."), bare vote counts and forum subject lines ("Re: ...") are not text.
3. Pages whose comments carry no header at all (an author line, then paragraph lines) are decoded
   with a small Viterbi pass over the remaining lines: states body -> author -> text, where author
   lines score by name-likeness (short, no sentence punctuation, handle-like tokens, repeated on the
   page, right below a "Like · Reply" line). Where the page marks the end of its article (copyright
   footer, share/newsletter lines, a "Most Read" list, a comments heading), the section may only
   start just below such a mark; elsewhere it may start anywhere, at a price per article line.

4. When no known header shape carries the tail (no chain of headers, or only the header-less decoder's
   guess), the page's own repeating line structure is looked for: each line gets a coarse shape
   signature (name-like run, time-like token, count, separators and the page's own recurring label
   words); a signature that recurs below the article, each occurrence followed by comment text and
   backed by a time next to it, a speech verb or a vote/reply line, is taken as the comment header
   (see "unknown header formats" below). Pages without that rhythm keep zero comments.

5. Before that, and instead of a weak known chain (a bare name line above a time) or one whose
   "authors" are times, the comments' time lines anchor blocks: the short meta lines the page keeps
   next to most times ("#3", a name, "Member", "Posts: 1,204") form a header block whose first
   name-like line is the author, with the text below; or, when no block has a name, the time line
   closes each comment and the name opens its text ("name：text", "handle text"). A time line is a
   timestamp, a short line opening with a time token ("26w 3 likes Reply", "2小时前 来自 Android"), or
   one opening with a word the page puts before its quantities of time ("منذ ساعة" beside
   "منذ 3 ساعات") or closing them ("3 saat önce"), or a label with a date and clock inside
   ("« Reply #2 on: March 3, 2021, 12:37:58 PM »"), so no language's words are needed (see "comment
   blocks" below). Long text right above most times, and at most a name below them, means footer
   style even where short comments pass for names. Repeated "Label: value" lines ("Date of
   experience: ...") and the button line under them are never text; a bracketed word is a placeholder
   name ("(Anonymous)"); a reply's quote of an earlier comment (its name, then the start of its words,
   or "Quote from: name on <date>" and its paragraph) is not the reply's text. A button line may end with
   the time ("Thích  Trả lời  10 phút trước": the page's repeated words around a quantity of time), symbols
   may stand around a date ("★★★★☆  March 3, 2022"), a second repeated button line under the first is no
   text either, and a first "time" whose one number counts the times below it is the section's heading
   ("댓글 5개"). One-line feed notes ("handle replied: text") are comments of their own.

6. Whatever found the comments, what the section repeats around their text is widget, not text: a last
   line made mostly of the tokens (digits masked) that close most comments, with digits or separators
   among them ("před 9 dny · Odpovědět · +40 / −16", "2   0   46"), and a short badge line opening several
   comments that go on below it ("Editors' pick"); "Name @handle" on a name line is Name. A date with its
   clock in one field of a wide post bar ("#4  Posted: Fri Oct 27, 2018 11:49 am    Post subject: ...") is
   a time line; "回复(8)  赞(64)" (every number a count in brackets) is not; a copyright footer glued to the
   last article sentence marks the article's end.

7. A name is whatever its "says:" line shows ("Mike | Texas", "- Mike"); a "#3 " before it is a post number
   only where most headers of the section carry one ("#1 fan says:" alone is a name). One word a button
   could say ("more", "Share"), right under a comment's text where the section's repeated buttons never
   say it, is the text's last line. Further shapes: a button line ending with the time ("Like · Reply ·
   7w") closes a comment whose line opens with a given and a family name ("Grace Gallagher Avoiding ...");
   a wiki-style signature ends the last paragraph ("... — name (talk) 19:01, 4 January 2023 (UTC)"; with
   no dash, the name the page signs with elsewhere); "From: name <address>" with its "Date:"/"Subject:"
   fields opens a digest's message ("------" rules between them are no text); "[–] name 12 points 3
   hours ago" (a collapse toggle, the name, a score, the time); lines of a number and a word the page
   varies among several words ("53 perce", "15 órája") are its relative times; a clock before the date
   and a time zone in brackets are a time ("19:01, 4 January 2023 (UTC)", "Posted: June 12"); a
   "Recommended" line with one line under it and a time next is a review's verdict, not a headline list;
   a short line just above the section that counts its comments in brackets ("Hozzászólások (4)") is its
   heading, in any language.

8. Nothing between the section's heading and its first known header is lost: lines there with a comment's marks
   (a time line, or the button line the section closes its comments with) are its first comment, under an
   unknown author unless a short name line opens them. A score before "by" is no part of the name ("13 points
   by name"); Arabic names of the Western and the Hijri months make a date ("3 رمضان 1446 هـ"); a post number
   before a name line is no part of the name ("3 - Oscar" above the time); a review's title behind its stars
   ("★★★☆☆ Must listen") above the reviewer's line is the review's first line, however often the page repeats
   it; emoji-shortcode reactions (":+1: 3") and "7 replies  Last reply 2 days ago" are no text.

9. A board's post bar where a label introduces the name, with a post number before or a poster id after
   ("12 名前：name ：2026/06/20(火) 17:35:36.72 ID:5hgQ"), opens a comment; a table's row "name<TAB>text<TAB>time"
   is a one-line comment (an IP fragment after the name, "name(118.22)", is no part of it; a table with article
   paragraphs under it is the article's). Dates: year first ("2026/06/20", "2024.03.12") with a weekday in
   brackets, a month and a day with a clock and no year ("11.15 07:17:23"), a month's name in any language
   between a day and a year or an "at" when a clock follows ("1 maart 2025, 07:19", "27 авг в 0:19"), a
   localised "yesterday at" ("вчера в 7:50"), hundredths of a second, and a post number after the time
   ("Aug 23, 2025  #1"). A forum rank ("Well-known member") or a "Featured" badge between the name and the time
   is no name; "Click to expand..." is a button; a reply's quote of an earlier comment may be cut short. Words
   every name line of the section ends with, in lower case or symbols ("rated it ★★★★☆"), are the widget's;
   a button line shown without its counts ("Respect  Reply") is the one shown with them ("Respect (11)  Reply");
   a time may open a button line ("вчера в 7:50  Ответить"); and a name most comments share, where every comment
   has its time and several names take turns, is a frequent commenter, not a widget line.

   Also: an avatar's alt text over the name ("Ana's avatar") is neither name nor text; a date and its clock may be
   split by a field bar or a local "at" ("12 marzo 2024 | 14:05", "22 квітня 2024 о 18:58", "25 марта, 14:05",
   "Heute, 04.05 Uhr"); a bracketed field after most names (a city, "(83.12.*.*)") is the widget's; an IRC log's
   "14:05 < nick> text" is a chat line and its "-!- nick has joined" lines are no one's; any arrow between two
   names marks a reply ("name ➦ parent"); a rating in words with a title ("4.0 out of 5 stars Good value") opens
   the review's text, whichever reading found it; a label before a reviewer's name and stars after it ("Review by
   Ana ★★★½") are no part of it, and a verb the page puts before every date ("Watched 3 Mar 2025") no author; a
   stack of button lines one a line, a row of labelled counters ("Useful 7  Funny 2"), a button line missing its
   counted button and a distinction over the name ("Top Comment") are no text; wide gaps set a header's fields
   apart ("name  2024-01-05 12:26:26  place"); a collapse toggle may close a header ("name on Jun 10, 2025 [-]");
   and in a section that shows "name · <time>", a handle's digits are its name's and one word in the time's place
   on several lines is a time with no number ("name · jana").

   And: a phone's chat export ("3/2/24, 13:02 - name: text") is a chat, its notices (no "name:" after the dash, or a
   left-to-right mark opening the text) no one's; the commenter's place between the name and the time of a
   signature ("name, Leeds, United Kingdom, 3 hours ago") is no part of the name; a Q&A site's author card under
   the text it signs ("answered <time>", the name, "8,497 ● 43 ● 28"), maybe after an editor's card, signs the
   text above it, its score above the text no part of it; a review's stars and badge around its time ("★★★☆☆
   a year ago NEW") are not text, and a full time is never a heading that counts the times below; Finnish and
   Lithuanian times and "reply to" markers ("8 päivää sitten", "prieš 3 val.", "Vastaus käyttäjälle Ana").

10. Then a second reading: where the rules' section is not certain (several comments, every author on a header line
of a family the rules know as structure), a learned line labeller (comments/split_labeller.py) reads the page, and
a small learned arbiter (comments/split_arbiter.py) keeps whichever reading it finds more likely right, from
features of both (counts, how much of the page each claims, how regular their authors and times are, the
labeller's confidence). Trained by `python -m training.split_arbiter` on rules that had not seen the layouts.

HTML goes through trafilatura for the article; a comment section the markup names (id/class
"comments", ...) is rendered one block per line and labelled the same way, a comment element nested in
another indented as a reply. A comment element is one whose class or id says so, else one of the blocks of one
kind the section repeats side by side (or nests in each other, a thread). One whose first line no header rule
reads (a "Featured" badge where the time goes) takes its name from the element its siblings' names are in.
Where trafilatura finds no article (a fragment, a page too small for it) or
only the comment section, the page's visible text is the article; a page with none is an error.
"""
from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from itertools import chain, islice

from comments.types import Comment, Document, Page

# Line kinds.
BLANK, TEXT, BOILER, CAPTION, COPYRIGHT, LIST_HEAD, LIST_ITEM, ANCHOR, NO_COMMENTS, TRAILER, ACTION, STAMP = range(12)

# --- timestamps ---------------------------------------------------------------------------------

# English month names, and the German spellings that differ ("7. März 2024"): the same widgets ship both; the
# Arabic names of the Western and the Hijri months ("26 أبريل 2026", "3 رمضان 1446 هـ"), which Arabic sites show.
_MONTH = (r"(?:Jan(?:uary?)?|Feb(?:ruary?)?|Mar(?:ch)?|März|Apr(?:il)?|May|Mai|Jun[ei]?|Jul[yi]?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|O[ck]t(?:ober)?|Nov(?:ember)?|De[cz](?:ember)?"
          # one test of the first letter keeps Latin text from trying every Arabic name
          r"|(?=[\u0600-\u06ff])(?:يناير|فبراير|مارس|[أا]بريل|مايو|يونيو|يوليو|[أا]غسطس|سبتمبر|[أا]كتوبر|نوفمبر"
          r"|ديسمبر|محرم|صفر|ربيع\s+ال[أا]ول|ربيع\s+الآخر|جمادى\s+ال[أا]ولى|جمادى\s+الآخرة|رجب|شعبان|رمضان|شوال"
          r"|ذو\s+القعدة|ذو\s+الحجة))\.?")
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+"
_WEEKDAY_NAME = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Mon|Tues?|Wed|Thu|Thurs?|Fri|Sat|Sun)\.?)"
_TIME = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?\s*(?:[aApP]\.?[mM]\.?)?"  # "17:35:36.72": a board's hundredths
_DATE = (rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th|\.)?\s+{_MONTH},?\s+\d{{4}}"
         rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+['’]\d{{2}}"
         r"|\d{4}-\d{2}-\d{2}|\d{4}[/.]\d{1,2}[/.]\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4})"
         r"(?:\s?\((?:[^\W\d_]|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\))?")  # a weekday after it: "2026/06/20(火)", "(Mon)"
_UNIT = (r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|mos|months?"
         r"|y|yrs?|years?)")
# Relative times as the big European comment widgets localise them ("vor 3 Stunden", "il y a 2 heures",
# "hace 3 horas", "3 ore fa", "há 2 dias", "3 uur geleden"): a page's language is not known up front.
_RELATIVE_I18N = (
    r"vor\s+(?:\d+|einer?|einem)\s+(?:sek(?:unden?|\.)?|min(?:uten?|\.)?|std\.?|stunden?|tag(?:en)?|wochen?"
    r"|monat(?:en)?|jahr(?:en)?)"  # "vor 3 Std.", "vor 20 Min.": the abbreviations keep their dot
    r"|il\s+y\s+a\s+(?:\d+|une?)\s+(?:s|secondes?|min|minutes?|h|heures?|j|jours?|semaines?|mois|ans?|ann[ée]es?)"
    r"|hace\s+(?:\d+|una?)\s+(?:s|segundos?|min|minutos?|h|horas?|d|d[ií]as?|semanas?|mes(?:es)?|a[ñn]os?)"
    r"|h[áa]\s+(?:\d+|uma?)\s+(?:segundos?|min|minutos?|h|horas?|dias?|semanas?|m[êe]s(?:es)?|anos?)"
    r"|(?:(?:\d+|un[ao]?)\s+|un')(?:secondi|minuti?|or[ae]|giorni|giorno|settimane?|mesi|mese|anni|anno)\s+fa"
    r"|(?:\d+|een)\s+(?:seconden?|minuten?|minuut|uur|dagen?|weken?|maanden?|maand|jaar|jaren)\s+geleden"
    r"|(?:\d+|одну|один)\s+(?:секунд[уы]?|минут[уы]?|час(?:а|ов)?|д(?:ень|ня|ней)|недел[юиь]|месяц(?:а|ев)?"
    r"|год(?:а)?|лет)\s+назад"
    r"|gestern|heute|gerade\s+eben|hier|aujourd'hui|[àa]\s+l'instant|ayer|hoy|ieri|oggi|ontem|hoje|gisteren|vandaag"
    r"|вчера|сегодня|только\s+что"
    # fi, lt ("8 päivää sitten", "prieš 3 val.", "eilen", "vakar"): the Nordic and Baltic widgets' words
    r"|(?:\d+|yksi)\s+(?:sekunti[a]?|minuutti[a]?|tunti[a]?|päivä[ä]?|viikko[a]?|kuukau(?:si|tta)|vuo(?:si|tta))"
    r"\s+sitten|eilen|tänään|juuri\s+nyt"
    r"|prieš\s+(?:\d+|vieną)\s+(?:sek(?:\.|undes?|undžių)?|s\.|min(?:\.|utes?|učių|utę)?|val(?:\.|andas?|andų|andą)?"
    r"|d(?:\.|ienas?|ienų|ieną)?|sav(?:\.|aites?|aičių|aitę)?|mėn(?:\.|esius?|esių|esį)?|m\.|metus?|metų)"
    r"|vakar|šiandien|ką\s+tik")
_RELATIVE = (rf"(?:(?:about|over|almost|nearly)\s+)?(?:\d+|an?|one|a\s+few)\s*{_UNIT}\.?\s+ago"
             r"|\d{1,2}\s?(?:[smhdwy]|mo|min|hr|yr)"
             rf"|just\s+now|moments?\s+ago|(?:yesterday|today)(?:,?\s+(?:at\s+)?{_TIME})?"
             # a weekday with its clock ("Monday 18:02", "Tue at 9:15 pm"): a widget's time for this week
             rf"|{_WEEKDAY_NAME},?\s+(?:at\s+)?{_TIME}")
# After a date, a clock time may use a dot ("12 Mar 2024 9.13") and a localised "at" / "o'clock"
# ("23.12.2020 um 14:05 Uhr", "23/12/2020 à 14h05").
_CLOCK = r"(?:\d{1,2}[:.h]\d{2}(?::\d{2}(?:\.\d{1,3})?)?\s*(?:[aApP]\.?[mM]\.?|uhr|h)?)"
# a date's field bar before its clock ("12 marzo 2024 | 14:05", "3 March 2024 · 9:15") joins the two like an "at"
_AT = r"(?:at|@|-|,|um|à|a\s+las|alle|às|om|в|о|o|kl\.?|klo|\||·)"  # "о 18:58", "o 14:05", "kl. 14.05"
# A time zone in brackets after a time ("19:01, 4 January 2023 (UTC)"), taken off before the patterns.
_ZONES = frozenset("(utc) (gmt) (cet) (cest) (est) (edt) (cst) (cdt) (mst) (mdt) (pst) (pdt) (bst) (ist) (jst) (kst) "
                   "(aest) (aedt)".split())
_TIMESTAMP = (rf"(?:(?:posted:?\s+|on\s+|at\s+|am\s+|le\s+|el\s+)?(?:{_WEEKDAY})?{_DATE}(?:\s+هـ)?"
              rf"(?:,?\s*{_AT}?\s*{_CLOCK})?"
              rf"|{_TIME}(?:,?\s+(?:on\s+)?{_DATE})?|{_RELATIVE}"
              # with its clock, a day, a month's name in any language and a year or an "at" ("1 maart 2025, 07:19",
              # "27 авг в 0:19"), or a month and a day without the year ("11.15 07:17:23") or with two digits of
              # it ("04.03.25, 11:20")
              rf"|\d{{1,2}}\.?\s+[^\W\d_]{{3,12}}\.?(?:\s+\d{{4}},?\s*{_AT}?\s*|\s+{_AT}\s+|,\s*){_CLOCK}"
              rf"|\d{{1,2}}[./]\d{{1,2}}(?:\.?|[./]\d{{2}},?)\s+{_TIME}"
              r")(?:\s*\(edited\))?")
# "yesterday at 7:50" as the widgets localise it ("вчера в 7:50", "heute um 14:05", "hier à 9h30"); searched for
# within a line only after one of those words (a pattern tried at every position must stay cheap).
# the "at" may be left out ("heute 14:05"), a comma put in ("Heute, 14.05 Uhr")
_DAY_AT = rf",?(?:\s+{_AT})?\s+{_CLOCK}"
_DAY_WORD_AT = (rf"(?:gestern|heute|hier|aujourd'hui|ayer|hoy|ieri|oggi|ontem|hoje|gisteren|vandaag|вчера|сегодня"
                rf"|eilen|tänään|vakar|šiandien)"
                rf"{_DAY_AT}")
# The post number a forum puts after the time ("Aug 23, 2025  #1"), kept out of the time as shown.
_POST_NUMBER_AFTER = re.compile(r"\s+#\d{1,6}$")
TIMESTAMP_RE = re.compile(rf"^(?:{_TIMESTAMP}|{_DAY_WORD_AT})$", re.I)
# A forum's post number ("#12  —  7. November 2024, 17:17 Uhr") or the verb a review widget puts before the
# date ("Reviewed 16 October 2026", "Published: 3 May 2024") may lead a time line; tried only on lines that
# start like one (a set lookup), so most lines never pay for it.
_LED_TIMESTAMP_RE = re.compile(rf"^(?:#\d{{1,6}}\s*[—–|·•-]?\s*"
                               rf"|(?:reviewed|published|updated|edited|answered|written|commented)(?:\s+on)?:?\s+"
                               # where the reviewer lives, then the date ("Reviewed in Canada on March 3, 2024")
                               rf"|(?:reviewed\s+in|rezension\s+aus)\s+\D{{2,40}}?\s+(?:on|vom)\s+)"
                               rf"{_TIMESTAMP}$", re.I)
_TIME_LEADS = frozenset("#RrPpUuEeAaWwCc")


# Cheap tests before the long patterns, each a necessary condition of a match (so no result changes):
_HAS_DIGIT = re.compile(r"\d").search
# A timestamp shows letters, digits, spaces and these marks only (the patterns above consume nothing else): one scan
# for any other character ("•", "%", "_", a quote) rules most lines out.
_NOT_IN_TIMESTAMP = re.compile(r"[^\w\s'’(),\-./:@|·]|_").search
_NOT_IN_LED_TIMESTAMP = re.compile(r"[^\w\s'’(),\-./:@#|·•–—]|_").search


def _has_time_word(low: str) -> bool:
    """What a whole timestamp with no digit says: "an hour ago", "just now", "yesterday", "today" (no letter of
    these has an odd case form, so the lower-cased line tells)."""
    return "ago" in low or "now" in low or "day" in low


def _timestamp_match(s: str) -> bool:
    if _HAS_DIGIT(s) is None and not _has_time_word(s.lower()):
        return False
    return _NOT_IN_TIMESTAMP(s) is None and TIMESTAMP_RE.match(s) is not None \
        or s[:1] in _TIME_LEADS and _NOT_IN_LED_TIMESTAMP(s) is None and _LED_TIMESTAMP_RE.match(s) is not None


_TIMESTAMP_ANYWHERE = re.compile(rf"(?<!\w)(?:{_TIMESTAMP}|(?:{_RELATIVE_I18N})(?:{_DAY_AT})?)(?!\w)", re.I)
# Every timestamp has a digit or a word starting with one of these (the times without a number: "an hour ago",
# "just now", "yesterday", "il y a une heure", "un'ora fa", "gestern"): where neither is, none need be searched for.
_TIME_WORD = re.compile(r"(?<!\w)(?:ago|now|yesterday|today|vor|il\s|h[áa]\s|hace|fa(?!\w)|geleden|назад|gestern|heute"
                        r"|gerade|hier|aujourd|l'instant|ayer|hoy|ieri|oggi|ontem|hoje|gisteren|vandaag|вчера|сегодня"
                        r"|только|sitten|eilen|tänään|juuri|prieš|vakar|šiandien|ką\s)", re.I)


def _may_hold_time(s: str) -> bool:
    return _HAS_DIGIT(s) is not None or _TIME_WORD.search(s) is not None


# The localised relative times live in their own patterns, tried only on a line whose last word could
# end one (a set lookup): most lines of a page never pay for them.
_I18N_TIME_RE = re.compile(rf"^(?:{_RELATIVE_I18N})(?:\s*\(edited\))?$", re.I)
_I18N_TIME_END = frozenset(
    "sek sekunde sekunden min minute minuten std stunde stunden tag tagen woche wochen monat monaten jahr jahren "
    "s seconde secondes minutes h heure heures j jour jours semaine semaines mois an ans annee annees année années "
    "segundo segundos minuto minutos hora horas d dia dias día días semana semanas mes meses año años ano anos "
    "mês fa geleden gestern heute eben hier aujourd'hui l'instant ayer hoy ieri oggi ontem hoje gisteren vandaag "
    "назад вчера сегодня что "
    "sitten eilen tänään nyt sek s min val d sav mėn m sekundes sekundžių minutes minučių minutę valandas valandų "
    "valandą dienas dienų dieną savaites savaičių savaitę mėnesius mėnesių mėnesį metus metų vakar šiandien tik "
    "(edited)".split())


# The words for yesterday and today that may open a time ("yesterday at 7:50", "вчера в 7:50").
_DAY_WORDS = frozenset("yesterday today gestern heute hier aujourd'hui ayer hoy ieri oggi ontem hoje gisteren vandaag "
                       "вчера сегодня eilen tänään vakar šiandien".split())


def _i18n_time(s: str) -> bool:
    """A localised relative time ("vor 3 Std.": an abbreviated unit keeps its dot)."""
    return _last_word(s).rstrip(".") in _I18N_TIME_END and _I18N_TIME_RE.match(s) is not None


def _last_word(s: str) -> str:
    return s[s.rfind(" ") + 1:].lower()


def _without_zone(s: str) -> str:
    """The time without the zone that closes it ("10:26 am (UTC)" -> "10:26 am")."""
    if s[-1] == ")" and (cut := s.rfind(" ")) > 0 and s[cut + 1:].lower() in _ZONES:
        return s[:cut].rstrip()
    return s


def _bare_time(s: str) -> str:
    """The time without the zone, the post number or the edited badge that closes it ("10:26 am (UTC)",
    "Aug 23, 2025  #1", "35 minutes ago · Edited")."""
    if s[-1] == ")":
        return _without_zone(s)
    if "#" in s and s[-1].isdigit():
        return _POST_NUMBER_AFTER.sub("", s)
    if s[-1] in "dD" and (badge := _EDITED_AFTER.search(s)):
        return s[:badge.start()]
    return s


_EDITED_AFTER = re.compile(r"\s*[·•|]\s*edited$", re.I)


def is_timestamp(s: str) -> bool:
    """Is the whole of `s` a timestamp as comment widgets show them (absolute, relative, localised)?"""
    if s:
        s = _bare_time(s)
    return _timestamp_match(s) \
        or _i18n_time(s)
_DATE_PREFIX = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s?")

# --- page chrome ---------------------------------------------------------------------------------

# Whole-line boilerplate: navigation, promos, ads, share/newsletter/tag lines, related-story lines.
_BOILER = re.compile(
    r"^(?:(?:left |main |top )?menu|skip to(?: main)? content|search|sections|home(?:\s*[|>»/].*)?"
    r"|sign in|sign up|log ?in|register|subscribe(?: now| today)?|advertisement|advertising|sponsored(?: content)?"
    r"|story continues below(?: advertisement)?|continue reading(?: below)?|ad|breaking news|back to top"
    r"|(?:your|this) comment is awaiting moderation\.?"  # shown to a commenter above their own new comment
    r"|print(?: this (?:article|story|page))?|e-?mail(?: this (?:article|story))?|report an error|report a typo"
    r"|share(?: this (?:article|story|post|page))?(?: on \w+)*|share on .*|share via .*|(?:share on \w+\s*)+"
    r"|share(?: this (?:article|story|post|page))?\s*:\s*\w+(?:\s*[|·•,/]\s*\w+)*"  # "Share this article: Facebook | X"
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
    # a count alone after a short lead-in and a dash or colon ("What readers are saying — 6 responses")
    r"|[^—–:|]{1,40}?(?:\s[—–|-]|:)\s+\d+\s+(?:comments?|responses?|replies|reactions?|thoughts?)"
    r"|(?:reader|user|readers'?|your|visitor)?\s*comments?\s*(?:\(\d+\)|:)?|comments? \(\d+\)|discussion"
    r"|conversation(?: \(\d+\))?|live chat|chat|join the (?:discussion|conversation)\W*"
    r"|(?:leave|post|add|write|submit) (?:a|your) (?:reply|comment|response).{0,30}"
    r"|what do you think\??|have your say|reactions?|responses?"
    # the same headings in other languages ("12 Kommentare", "Commentaires (3)", "Комментарии (7)")
    r"|(?:\d+\s+)?(?:leser)?(?:kommentare?|commentaires?|comentarios?|commenti|comentários?|reacties|комментари[йиея]?)"
    r"\s*(?:\(\d+\)|:)?)$",
    re.I)
_NO_COMMENTS = re.compile(
    r"^(?:comments (?:are|have been) (?:closed|disabled|turned off)|0 (?:comments?|responses?|replies)\b"
    r"|(?:there are )?no (?:comments|responses|replies)(?: yet| so far)?\b|be the first to (?:comment|reply|respond)"
    r"|you must be (?:logged|signed) in to (?:post|leave) a comment|commenting (?:is|has been) (?:closed|disabled))")
_TRAILER = re.compile(
    r"^(?:(?:log ?in|sign in|register)(?: to (?:comment|reply|post))?|sort(?:ed)? by:?(?: \w+)?|add disqus to your site"
    r"|newest|oldest|best|top(?: comments)?|most (?:relevant|recent)|all comments|(?:facebook|disqus|openweb|spot\.im|viafoura|livefyre|commento|remark42|hyvor talk|coral talk)(?: comments?)?"
    r"(?: plugin)?"
    r"|(?:load|show|view|see|read) (?:more|all|older|newer|previous)?\s*(?:\d+\s+)?(?:more\s+)?(?:comments?|replies)\b.*"
    r"|powered by .*|privacy(?: policy)?|terms(?: of (?:use|service))?|do not sell my data|add to discussion"
    # a forum embed's link to the rest of the thread
    r"|continue (?:the )?(?:discussion|conversation)(?: (?:on|at) \S+)?(?: \d+ (?:more )?(?:replies|posts|comments))?"
    r"|subscribe|notify me of .*|community guidelines|comment policy|start the discussion\W*"
    r"|your email address will not be published.*|required fields are marked.*|cancel reply|post comment"
    r"|save my name.*|(?:name|e-?mail|website|comment)\s*\*?|log ?in to reply|end of .{0,40}digest\W*"
    # the same "load more" and sort buttons in de, fr, es, it, pt, nl ("Weitere Kommentare laden", "Carica altri
    # commenti", "Meer reacties laden", "Neueste zuerst", "Ordina per: più recenti")
    r"|(?:\w+ )?(?:weitere|mehr|alle|plus de|más|mais|altri|altre|meer) (?:\d+ )?(?:kommentare|antworten"
    r"|commentaires|réponses|comentarios|respuestas|comentários|respostas|commenti|risposte|reacties)(?: \w+)?"
    r"|(?:neueste|älteste|beliebteste|nieuwste|oudste) (?:zuerst|eerst)|(?:sortieren nach|trier par|ordenar por"
    r"|ordina per|sorteer op)(?::? .{1,30})?)$",
    re.I)
_ACTION_WORDS = frozenset(
    "reply replies share report flag like likes liked dislike dislikes upvote downvote vote votes permalink "
    "edit edited delete quote points point pts hide show collapse expand more load comments comment view "
    "see all award give save follow block mute helpful recommend recommended parent context thread "
    "retweet tweet email link copy respond pick picks next prev root favorite vouch embed last "
    "click less "  # a folded quote's toggle: "Click to expand...", "Show less"
    "rate "  # a rating prompt: "Click to rate", "Rate"
    "avatar "  # a profile picture's alt text, pasted with the page's text
    # de, fr, es, it, pt, nl ("Antworten", "Répondre · J'aime", "Responder  Me gusta 3")
    "antworten antwort melden empfehlen teilen zitieren gefällt mir "
    "répondre repondre réponses signaler partager aime j "
    "responder respuestas denunciar compartir me gusta "
    "rispondi risposte segnala condividi mi piace curtir "
    "beantwoorden reageren reageer leuk delen ответить пожаловаться поделиться нравится "
    "vastaa tykkää ilmoita atsakyti patinka pranešti".split())  # fi, lt: "Vastaa  Tykkää (3)", "Atsakyti"
_ACTION_SYMBOLS = re.compile(r"[\d△▽▲▼↑↓⬆⬇⇧⇩⇑⇓•·|›»‹«<>()\[\]+\-−–—,:/'’👍👎♥❤★☆]+")  # "−3 points": a true minus
# One pass over a short lower-cased line instead of four: which kind of page chrome it is, if any.
_CHROME = re.compile("|".join(f"(?P<{name}>{pattern.pattern})" for name, pattern in (
    ("anchor", _ANCHOR), ("trailer", _TRAILER), ("list", _LIST_HEAD), ("boiler", _BOILER))))
_CHROME_KIND = {"anchor": ANCHOR, "trailer": TRAILER, "list": LIST_HEAD, "boiler": BOILER}
_ACTION_LEADS = frozenset("△▽▲▼↑↓⬆⬇⇧⇩⇑⇓•·|›»‹«<>()[]+-−–—👍👎♥❤★☆")  # what an action line may start with
# Chat apps' reactions under a message, as emoji shortcodes with their counts (":+1: 3  :eyes: 1").
_SHORTCODE_REACTIONS = re.compile(r"^(?::[a-z0-9_+\-]{1,30}:\s*\d{1,4}\s*)+$")
# A user card's reputation and badge counts ("8,497 ● 43 ● 28", "12.3k · 5 · 40"), and a post's own buttons
# ("Improve this answer", "Follow this question"): the widget's, not text.
_BADGE_COUNTS = re.compile(r"^\d[\d,.]*[km]?(?:\s*[●•·]\s*\d[\d,.]*[km]?)+$", re.I)
# A Q&A page's heading over its answers, in title case ("9 Answers"): a count of answers under one question
# is written in lower case ("3 answers") and is that question's counter, not a section's heading.
_ANSWERS_HEADING = re.compile(r"^\d[\d,.]*\s+Answers?$")
_BARE_SCORE = re.compile(r"^[+\-−]?\d{1,5}$")  # a post's vote score on a line of its own ("216", "-3")
_THIS_POST_BUTTON = re.compile(r"^(?:improve|edit|flag|share|report|follow|cite) this (?:answer|question|post|comment"
                               r"|reply)$")
_VOTE_GLYPH = re.compile(r"[△▽▲▼↑↓⬆⬇⇧⇩⇑⇓👍👎♥❤]")

# --- comment headers -----------------------------------------------------------------------------

_NAME = r"[^\s:\[\]][^:\[\]]{0,48}?"
_CHAT = (
    re.compile(rf"^\[(?P<ts>[^\]]{{3,40}})\]\s*(?P<author>{_NAME})\s*:\s+(?P<text>\S.*)$"),
    # a phone's chat export puts a comma after the date and a dash before the name ("3/2/24, 13:02 - ana: text")
    re.compile(rf"^(?P<ts>(?:{_DATE},?\s+)?{_TIME})\s+(?:[-–—]\s+)?(?P<author>{_NAME})\s*:\s+(?P<text>\S.*)$", re.I),
    re.compile(rf"^(?P<author>{_NAME})\s*[\[(](?P<ts>[^\])]{{3,40}})[\])]\s*:\s+(?P<text>\S.*)$"),
    # an IRC log's "<nick> text", the nick's channel mode ("@", "+" or a space) inside the brackets and maybe the
    # clock before it ("14:05 < ana> text", "[14:05] <@ana> text")
    re.compile(rf"^(?:(?P<ts>\[{_TIME}\]|{_TIME})\s+)?<[ @+%&~]?(?P<author>[^<>\s]{{1,40}})>\s+(?P<text>\S.*)$"),
)
_VERB = ("(?:says|said|wrote|writes|commented|comments|replied|replies|posted|asks|asked|responded"
         "|schrieb|schreibt|sagte|antwortete|kommentierte|a écrit|écrit|a répondu|escribió|dijo|respondió"
         "|ha scritto|scrive|ha risposto|escreveu|respondeu|написал|написала|ответил|ответила)")
_VERB_WORDS = frozenset(re.sub(r"[()?:]", " ", _VERB).replace("|", " ").split()) - {"a", "ha"}
_VERB_HEADER = re.compile(
    rf"^(?P<number>#\s?\d+\s*[.:)-]?\s*|\d+[.)]\s+)?(?P<author>\S.{{0,48}}?)\s+{_VERB}"
    rf"(?:\s+(?:on|at|am|um|le|el|il|em)\s+(?P<ts>[^:]{{3,50}}?|[^:]*\d:\d\d[^:]*))?\s*(?::|\.\.\.|…)\s*$", re.I)
_SIGNATURE = re.compile(r"^(?:—|–|--?|~)\s*(?P<author>[^\s,(][^,(]{0,47}?)(?:\s*,\s*|\s+\(|\s+(?:on|at)\s+|\s*[•·|]\s*)"
                        r"(?P<ts>[^()]{2,50}?)\)?$")
# "mateo-sato replied: text": an activity feed's one-line note, under a one-word handle.
_VERB_INLINE = re.compile(rf"^(?P<author>[a-z][\w.\-]{{0,40}})\s+{_VERB}:\s+(?P<text>\S.*)$")
_VERB_TIME = re.compile(rf"^(?P<author>[^\s#].{{0,48}}?)\s+{_VERB}\s+(?P<ts>\S.{{1,60}})$", re.I)
_ON_DATE_WROTE = re.compile(rf"^On\s+(?P<ts>.{{4,50}}?),\s*(?P<author>[^,]{{1,48}}?)\s+{_VERB}:\s*$", re.I)
_BY_HEADER = re.compile(
    r"^(?:posted|post|comment(?:ed)?|submitted|written|reply|message)\s+by\s+(?P<author>.{1,48}?)"
    r"(?:\s+(?:on|at|\||·|•|-|—|»)\s+(?P<ts>.{3,50}?))?(?:\s*\(#?\d+\))?\s*$", re.I)
# A bare "by name on <time>" is a comment header only with its time (a byline has none on its line).
_BARE_BY_HEADER = re.compile(r"^by\s+(?P<author>.{1,48}?)\s+(?:on|at|\||·|•|-|—|»)\s+(?P<ts>.{3,50}?)"
                             r"(?:\s*\(#?\d+\))?\s*$", re.I)
# "text of the comment – name Mar 3, 2021 at 14:05": a one-line comment signed at its end.
_INLINE_SIGNATURE = re.compile(r"\s[–—]\s(?=[^–—]{3,80}$)")
# A forum post's subject line ("Re: Pier vote (Score:5, Insightful)"), not comment text.
_SUBJECT = re.compile(r"^(?:re|aw|sv|antw):\s?\S", re.I)
_FIELD_SPLIT = re.compile(r"\s*(?:[•·|]|\s[-—–]\s)\s*")
# "name → parent", "name ➦ parent": any arrow that is no vote's up or down one
_NOT_A_VOTE = "(?![↑↓⇑⇓⇧⇩↕⬆⬇])"  # a vote's up or down arrow is no reply's
_ARROW = f"{_NOT_A_VOTE}[\u2190-\u21ff\u2794-\u27bf\u27f0-\u27ff\u2900-\u297f\u2b00-\u2b2f»▸►]"
_REPLY_TO = re.compile(rf"\s*(?:{_ARROW}|\breplied to\b|\bin reply to\b|\breplying to\b)\s*", re.I)
_REPLY_ARROWS = re.compile(_ARROW).search
# A thread's reply mark before a header ("↳ Marcus replied | 3h", "└─ Ana · 2h"): an arrow or a box-drawing corner.
_REPLY_GLYPHS = "\u2190-\u21ff\u2500-\u257f\u27f0-\u27ff\u2900-\u297f»›▸►"
_REPLY_GLYPH = re.compile(f"^(?:{_NOT_A_VOTE}[{_REPLY_GLYPHS}])+\\s*")
_REPLY_VERBS = frozenset("replied replies responded antwortete répondu respondió risposto respondeu ответил ответила"
                         .split())
# "Marcus replied | 3h": the header's verb after the name (lower case: "Simon Says" is a name).
_VERB_AFTER_NAME = re.compile(rf"\s+{_VERB}$")


def _may_reply_to(s: str) -> bool:
    """Could _REPLY_TO match? Its words all contain "repl" (no letter of it has an odd case form)."""
    return _REPLY_ARROWS(s) is not None or "repl" in s.lower()


_REPLY_COUNT = re.compile(r"^\d+\s+repl(?:y|ies)$", re.I)
# A bare vote or like count on its own line under a comment ("152").
_COUNT_LINE = re.compile(r"^[+-]?\d[\d,.]*\s*[kKmM]?$")
_POINTS = re.compile(r"^[+-]?\d[\d,.]*k?\s*(?:points?|pts|likes?|votes?|upvotes?|karma|score|△|▲|👍)$", re.I)
_BADGE = re.compile(r"^(?:edited|moderator|mod|author|staff|verified|op|admin|guest|top commenter"
                    r"|(?:\d+\s+)?(?:replies|reply|likes?)|reply|share|report"
                    r"|(?:parent|next|prev|root|context|flag|favorite|hide|vouch|link)?\s*\[[-–+]\])$"
                    r"|^(?:parent|next|prev|root|context|flag|favorite|hide|vouch|link)$", re.I)
# A role badge or a lone separator on its own line between a name and its time ("Contributor", "·").
_BADGE_LINE = re.compile(r"^(?:[•·|]|contributor|subscriber|member|moderator|mod|staff|author|verified|editor"
                         r"|journalist|top (?:fan|commenter|contributor)|supporter|premium|admin|guest|pro|expert"
                         r"|community manager|staff writer|original poster|op|featured|pinned|highlighted"
                         # a comment's own distinction over its name ("Top Comment", "Editors' Pick")
                         r"|(?:top|featured|pinned|best|highlighted) comment"
                         r"|(?:editors?['’]?|nyt|readers?['’]?) picks?)$",
                         re.I)
# A forum's rank between the name and the time: "Well-known member", "Senior Member", "Gold subscriber".
_RANK_LINE = re.compile(r"^[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*)? (?:member|contributor|subscriber|poster|commenter)$",
                        re.I)
_PROFILE_FIELD = re.compile(r"^[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)?:\s+\S[^.!?:]{0,30}$")
_TAIL_TS = re.compile(rf"^(?P<author>[^\s].{{0,40}}?)(?:,\s*|\s+)(?P<ts>(?:(?:on|at|posted)\s+)?(?:{_DATE}"
                      rf"(?:,?\s*(?:at|@)?\s*{_TIME})?|{_RELATIVE}|\d{{2}}[./]\d{{2}}[./]\d{{2}},?\s+{_TIME})"
                      r"(?:\s*\(edited\))?)$", re.I)  # "steve_k 04.03.25, 11:20": a two-digit year only with the clock
_TAIL_TS_I18N = re.compile(rf"^(?P<author>[^\s].{{0,40}}?)\s+(?P<ts>(?:{_RELATIVE_I18N})(?:\s*\(edited\))?)$", re.I)


def _tail_time(s: str) -> re.Match | None:
    """A name followed by its time ("name 3 hours ago", "name vor 3 Stunden"). The localised times end with a
    word or "(edited)", never a digit: a line ending with one is not tried on them."""
    return _TAIL_TS.match(s) or (None if s[-1].isdecimal() else _TAIL_TS_I18N.match(s))


_FUNCTION_WORDS = frozenset(
    "the a an is are was were be to of and or but in on at for with it this that you i me my we they he she "
    "not no so if as do does did have has had will would can could should just than then there their what "
    "who why how when all".split())
_HANDLE = re.compile(r"^[A-Za-z][\w.\-]*(?:\d|_)[\w.\-]*$|^[a-z]+[A-Z]\w*$|^[A-Z][a-z]+[A-Z]\w*$")
_INNER_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?]\s+\S")  # "R. Petrov" is a name, not two sentences
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net)\b", re.I)
_NAME_BREAKS, _NAMED_BREAKS = frozenset(",;|•·"), frozenset(",;•·")  # never in a name (a "says:" name may have "|")


def _has_url(s: str) -> bool:
    return ("." in s or "://" in s) and _URL.search(s) is not None  # every form of a URL has one of the two


_DATELINE = re.compile(rf"^(?:{_WEEKDAY})?{_DATE}$", re.I)

def _time_hint(s: str) -> bool:
    """A digit or an English time word: the cheap test that lets most lines skip the timestamp patterns."""
    return _HAS_DIGIT(s) is not None or "ago" in s or "now" in s or "yesterday" in s or "today" in s


# A line that could end with a time: it ends with a digit, "ago"-like word, "5h" or "4pm" (a set
# lookup and a short match, not a search: every short line of a page goes through it).
_TIME_TAIL_WORDS = frozenset("ago now day today yesterday am pm a.m. p.m. (edited) (utc) (gmt)".split())
_TIME_TAIL = re.compile(r"^[\d:.]*\d(?:[smhdwy]|mo|min|hr|yr|[ap]\.?m\.?)$", re.I)


def _may_end_with_time(s: str) -> bool:
    if s[-1].isdigit():
        return True
    word = _last_word(s)
    return (word in _TIME_TAIL_WORDS or word in _I18N_TIME_END
            or word[0].isdigit() and _TIME_TAIL.match(word) is not None)
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"

# Kinds that say the article is over (mid-article ads, captions and "Related:" lines do not).
_POST_ARTICLE = frozenset({COPYRIGHT, LIST_HEAD, LIST_ITEM, ANCHOR})
# Header families that are guesses rather than structure: a name line above a time line, a name
# followed by a time, a "— name, time" signature.
_WEAK_FAMILIES = frozenset({"tail", "name+stamp", "signature"})
# Header families whose line carries the whole comment ("[ts] name: text", "text – name, time").
_ONE_LINE_FAMILIES = frozenset({"chat", "inline", "verb-inline", "row"})
# One-line headers that carry their time in a fixed place ("[2020-12-20 14:29] name: text"): no headline looks so.
_TIMED_ONE_LINE_FAMILIES = frozenset({"chat"})
_CHAIN_BREAKERS = frozenset({CAPTION, COPYRIGHT, LIST_HEAD, LIST_ITEM, ANCHOR, NO_COMMENTS})
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
    number: str = ""  # "#3 " before the name: a post number when the section numbers its posts
    guessed: bool = False  # a signature's name with nothing to tell where it starts ("... rusty (talk) 04:15, ...")
    reply: bool = False  # marked as a reply ("↳ name", "name replied") without naming the comment it answers


@dataclass(slots=True)
class _Line:
    raw: str
    text: str  # stripped
    indent: int
    kind: int
    footer_at: int = -1  # where a copyright footer glued to an article line starts
    header: _Header | None = None  # the comment header this line would be


# --- public API ----------------------------------------------------------------------------------


def split_text(text: str, *, id: str, source: str = "", encoding: str = "utf-8",
               title: str | None = None, date: str | None = None, arbitrate: bool = True) -> Page:
    """Split one plain-text page dump into article body and parsed comments. `arbitrate`: let the learned
    arbiter weigh the line labeller's reading against the rules' (off: the rules alone)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    prefix = _DATE_PREFIX.match(text)
    if prefix:
        text = text[prefix.end():]
    # a pasted page keeps its avatars' initials ("DP" over "Dave Pritchard") as the HTML's text does
    lines = _label_lines(_without_avatar_initials(text.split("\n"), "vatar" in text or "rofile " in text))
    start, comments = _find_comments(lines)
    # a review's title behind its stars is the reviewer's words, however often the page repeats it
    titles = {rated for i in range(max(start - 1, 0), len(lines))  # the section's own ratings
              if lines[i].text[:1] in _RATING_LEADS and (rated := _rated_title(lines, i + 1))} if comments else set()
    comments = _tidy_section(comments, titles)
    if comments and start and _rated_title(lines, start) is not None:
        start -= 1  # the first review's rating and title stand above its header
    if comments:
        first = _unheaded_first_comment(lines, start)
        if first is not None:
            # The section's first comment has a header no rule knows: its lines are a comment, not lost.
            comments = [first] + [Comment(c.author, c.posted, c.text, None if c.parent is None else c.parent + 1)
                                  for c in comments]
            start = _after_article(lines[:start])
        start = _count_heading(lines, start, len(comments))
    learned = _arbitrated(lines, comments) if arbitrate else None
    if learned is not None and comments and lines[start].kind == ANCHOR and learned.start < start:
        learned = None  # a section never starts above its own heading ("Reacties (3)"): that is the article
    if learned is not None:  # the learned labeller's reading of the section, where the arbiter trusts it more
        start, comments = learned.start, learned.comments
        if titles:
            _add_rated_titles(lines, start, comments)
    article = lines[:start]
    if comments:
        # Short lines between the article's end mark and the comments are the widget's preamble
        # ("Please keep it civil."), not article text.
        end = _after_article(article)
        article = article[:end] + [ln for ln in article[end:] if len(ln.text.split()) > 12 or _reads_as_comment(ln)]
        article += _unread_preamble(lines, start, comments)
    body_lines = _body_lines(article)
    body = _join_body(body_lines, article)
    return Page(id=id, title=title or _guess_title(body_lines),
                date=date or (prefix.group(1) if prefix else _guess_date(body_lines)),
                article_body=body, comments=comments, source=source, encoding=encoding)


def _add_rated_titles(lines: list[_Line], start: int, comments: list[Comment]) -> None:
    """A review's title behind its rating in the header ("4.0 out of 5 stars Good value") opens its text, whichever
    reading found the review."""
    i = start
    for c in comments:
        first = c.text.partition("\n")[0]
        k = next((k for k in range(i, len(lines)) if lines[k].text == first), None) if first else None
        if k is None:
            continue
        title = next((t for j in range(i + 1, k + 1) if (t := _rated_title(lines, j)) is not None), None)
        if title is not None and title != first:
            c.text = f"{title}\n{c.text}"
        i = k + 1


def _unread_preamble(lines: list[_Line], start: int, comments: list[Comment]) -> list[_Line]:
    """Lines between the section's start (its heading) and its first comment that read as a comment but are
    in none (a chat line whose name no rule accepts): kept in the body, so nothing vanishes."""
    first = comments[0]
    marks = [mark for mark in (first.author, first.text.partition("\n")[0]) if mark]
    unread: list[_Line] = []
    for line in lines[start:] if marks else ():
        if any(mark in line.text for mark in marks):
            break
        if _reads_as_comment(line):
            unread.append(line)
    return unread


def _reads_as_comment(line: _Line) -> bool:
    """A line in the shape of a one-line chat comment ("[10:00] (((ferry))): text"), whatever its name: whichever
    rule refused it, it is no widget text to drop, it stays visible in the body."""
    s = line.text
    return line.kind == TEXT and any((m := pattern.match(s)) and _HAS_DIGIT(m.groupdict().get("ts") or "0")
                                     for pattern in _chat_patterns(s, s[0]))


_COUNTERS = re.compile(r"^[+-]?\d[\d,.]*[kKmM]?(?:\s+[+-]?\d[\d,.]*[kKmM]?)*$")  # "259", "0  28  80"


@cache
def _arbiter_model():
    """The shipped arbiter and line labeller (comments/split_arbiter.py), or None without its model file."""
    from comments import modelstore

    try:
        return modelstore.load("split_arbiter")
    except FileNotFoundError:
        return None


def _arbitrated(lines: list[_Line], comments: list[Comment]):
    """The learned labeller's section where the arbiter trusts it over the rules' comments; None keeps the rules'."""
    model = _arbiter_model()
    if model is None:
        return None
    from comments import split_arbiter  # here, not at the top: it needs numpy, and imports this module

    return split_arbiter.choose(model, lines, comments)


def _unheaded_first_comment(lines: list[_Line], start: int) -> Comment | None:
    """The comment between the section's heading ("12 Comments") and the first header the rules know, when
    those lines show a comment's marks: a time line, or the button line the section closes its comments with.
    Its author is a short name-like first line with text under it, else unknown (None)."""
    end = _after_article(lines[:start])
    if end == start or lines[end - 1].kind != ANCHOR:
        return None
    gap = [ln for ln in lines[end:start] if ln.kind != BLANK]
    if not any(ln.kind == TEXT for ln in gap):
        return None
    stamp = next((k for k, ln in enumerate(gap) if ln.kind == STAMP), None)
    closing = gap[-1].kind == ACTION and sum(ln.text == gap[-1].text for ln in lines[start:]) >= 2
    if stamp is None and not closing:
        return None
    posted = gap[stamp].text if stamp is not None else None
    # its own lines: no counters ("0  28  80") and no "@handle" line under the name
    body = [ln.text for ln in gap if ln.kind in (TEXT, CAPTION) and not _COUNTERS.match(ln.text)
            and not (ln.text[0] == "@" and " " not in ln.text)]
    author = None
    if len(body) >= 2 and len(body[0].split()) <= 4 and body[0][-1] not in ".!?" and _name_like(body[0]):
        author, body = body[0], body[1:]  # a name line above the text
    text = "\n".join(body)
    return Comment(author=author, posted=posted, text=text, parent=None) if text else None


def _count_heading(lines: list[_Line], start: int, found: int) -> int:
    """Where the section starts when a short line just above it counts its comments in brackets, in any
    language ("Hozzászólások (4)", "टिप्पणियाँ (6)"): that heading, with the widget lines under it."""
    count, j, seen = f"({found})", start - 1, 0
    while j >= 0 and seen < _WIDGET_PREAMBLE:
        text = lines[j].text
        if text:
            seen += 1
            if count in text and len(text.split()) <= 4 and _DIGITS.findall(text) == [str(found)]:
                return j
        j -= 1
    return start


def split_document(doc: Document) -> Page:
    """Split a Document from ingest: plain text directly, HTML through trafilatura first. The page keeps
    the address its input gave (the reports link it)."""
    if doc.text is not None or doc.html is None:
        page = split_text(doc.text or "", id=doc.id, source=doc.source, encoding=doc.encoding,
                          title=doc.title, date=doc.date)
    else:
        page = _split_html(doc)
    page.url = doc.url
    return page


def _split_html(doc: Document) -> Page:
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it
    from lxml import html as lxml_html

    try:
        # lxml refuses a str that declares its encoding; the declaration says nothing about a str.
        # huge_tree: libxml2 otherwise drops everything nested deeper than 255 elements, and a comment
        # section whose every comment leaves a <div> open is that deep after 250 comments.
        tree = lxml_html.fromstring(_XML_DECLARATION.sub("", doc.html, count=1),
                                    parser=lxml_html.HTMLParser(huge_tree=True))
    except (ValueError, lxml_html.etree.ParserError):
        tree = None
    extracted = trafilatura.bare_extraction(
        _quote_tails_wrapped(tree, doc.html), url=doc.url, include_comments=False, with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True})
    main = (extracted.text or "") if extracted is not None else ""
    title = doc.title or (extracted.title if extracted is not None else None)
    date = doc.date or (extracted.date if extracted is not None else None)
    section = _comment_container(tree) if tree is not None else None
    if section is not None and date is not None and not doc.date:
        # a comment's <time> is never the article's date
        date = _date_without(tree, section, doc.url or getattr(extracted, "url", None))
    # The markup separates the comment section: label its own lines (trafilatura's comment
    # text drops the author and time lines, so the section is rendered here, one block a line).
    opens: list[int] = []  # the lines where the markup starts a comment
    owners: list = []  # the comment element of each
    section_lines = _without_avatar_initials(_block_lines(section, opens, owners)) if section is not None else []
    comments = _parse_section(_markup_headers(_label_lines(section_lines), opens, owners), opens, owners) \
        if section_lines else []
    if tree is not None and (not main.strip() or comments and _words_within(main, " ".join(section_lines))):
        # trafilatura found no article (a fragment, a page too small for it) or took the comment section
        # for it: the page's visible text is the article, so nothing vanishes without a word.
        main = "\n".join(_visible_lines(tree, section if comments else None))
    if not main.strip() and not comments:
        raise ValueError("empty page (the HTML has no visible text)")
    # the markup's comment section, when there is one, is the page's: no second reading of the article
    page = split_text(main, id=doc.id, source=doc.source, encoding=doc.encoding, title=title, date=date,
                      arbitrate=not comments)
    if comments:
        page.comments = comments
    return page


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_FLOW_BLOCKS = frozenset(("p", "div", "ul", "ol", "dl", "table", "pre", "blockquote", "section", "article", "header",
                          "footer", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "form"))


def _quote_tails_wrapped(tree, html: str) -> str:
    """The page for trafilatura, with the words that follow a `<blockquote>` in its element in a paragraph of
    their own: trafilatura drops such text (a forum reply after the post it quotes: `<div class="content">
    <blockquote>...</blockquote>Easy for you to say...</div>`), so a reply's own words vanished from the
    page. Unchanged when no quote has words after it."""
    quotes = [q for q in tree.iter("blockquote") if (q.tail or "").strip()] if tree is not None else []
    if not quotes:
        return html
    from lxml import html as lxml_html  # lazily, as `_split_html` imports it: text pages never need it

    tree = copy.deepcopy(tree)  # the page's own tree is read again below, as it is
    for quote in (q for q in tree.iter("blockquote") if (q.tail or "").strip()):
        paragraph = lxml_html.Element("p")
        paragraph.text, quote.tail = quote.tail, None
        following = quote.getnext()
        while following is not None and following.tag not in _FLOW_BLOCKS:  # inline elements and <br>s of it
            after = following.getnext()
            paragraph.append(following)
            following = after
        quote.addnext(paragraph)
    return lxml_html.tostring(tree, encoding="unicode")


def _date_without(tree, section, url: str | None) -> str | None:
    """The page's date as trafilatura reads it (htmldate), from the page without its comment section."""
    import copy

    from htmldate import find_date  # trafilatura's own date reader

    page = copy.deepcopy(tree)
    for element in page.xpath(tree.getroottree().getpath(section)):
        element.drop_tree()
    return find_date(page, url=url, extensive_search=False, original_date=True)


def _words_within(text: str, other: str) -> bool:
    """Every word of `text` is one of `other`'s (as often)."""
    return not Counter(text.split()) - Counter(other.split())


def _visible_lines(tree, section) -> list[str]:
    """The page's lines (one block a line) without its head, hidden elements and, when it was read on its
    own, the comment section."""
    for unseen in tree.xpath("//head|//*[@hidden]|//*[@aria-hidden='true']"
                             "|//*[contains(translate(@style, ' ', ''), 'display:none')]") + [section]:
        if unseen is tree:
            return []
        if unseen is not None and unseen.getparent() is not None:
            unseen.drop_tree()
    return _block_lines(tree)


# What names a comment section in an id or class, by its hyphen- or underscore-parted words: "comments" (also
# glued on: "usercomments", as trafilatura, which leaves such an element out of the article, reads it), a
# section word, or "comment" followed by a word for what holds many ("comment-list", "comment_section").
# Not "comment" alone or with a part's word ("comment-header", "isso-comment-body"): that is one comment or
# a piece of one, and never the section whose comments would be its neighbours. "conversation" last or before a
# holder word names one too, as OpenWeb and Viafoura call theirs ("spcv_conversation"); not a brand's
# "conversation-logo".
_SECTION_WORDS = frozenset(("commentlist", "discussion", "responses", "disqus", "conversations"))
_HOLDER_WORDS = frozenset(("list", "section", "area", "threads", "wrapper", "container", "stream", "feed", "root",
                           "widget", "holder"))
_MARKER_PARTS = re.compile(r"[-_\s]+")
_BLOCK_TAGS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
               "header", "footer", "blockquote", "br", "tr", "dd", "dt", "aside")


# A block listing the site's latest comments on other pages (WordPress's "Recent Comments" widget in the
# sidebar, "recent-comments-2"; Drupal's "comment-recent-block"; "Most commented"): no comment section of this page
_OTHER_PAGES_COMMENTS = re.compile(r"(?:recent|latest|popular)[\w-]*comment|comment[\w-]*(?:recent|latest|popular)"
                                   r"|most[-_]?commented", re.I)


def _names_comment_section(marker: str) -> bool:
    parts = _MARKER_PARTS.split(marker.lower())
    return any(part.endswith("comments") or part in _SECTION_WORDS
               or part in ("comment", "conversation") and k + 1 < len(parts) and parts[k + 1] in _HOLDER_WORDS
               or part == "conversation" and k + 1 == len(parts)
               for k, part in enumerate(parts))


def _comment_container(tree):
    """The element whose id or class names it a comment section (the one with the most text), if any."""
    best, best_size = None, 0
    for element in tree.iter("section", "div", "ol", "ul", "aside"):
        marker = f"{element.get('id', '')} {element.get('class', '')}"
        if _names_comment_section(marker) and not _OTHER_PAGES_COMMENTS.search(marker):
            size = len(element.text_content())
            if size > best_size:
                best, best_size = element, size
    if best is None:
        return _holder_of_comments(tree)
    # one of several alike ("<div class="comment-thread">" a top comment and its replies, beside the others):
    # the section is the element that holds them all
    while best is not None and best.getparent() is not None and best.getparent().tag not in ("body", "html") \
            and any(other is not best and other.tag == best.tag and other.get("class") == best.get("class")
                    for other in best.getparent()):
        best = best.getparent()
    return best


def _holder_of_comments(tree):
    """Where no element names a comment section ("isso-thread"), the element that holds every element naming
    itself one comment ("isso-comment", "comment-12"), if that is not the whole page: trafilatura leaves such
    elements out of the article, so unread here they would vanish."""
    found = [e for e in tree.iter(*_ITEM_TAGS) if _is_comment_element(e)]
    members = set(found)
    outer = [e for e in found if not any(a in members for a in e.iterancestors())]
    if not outer:
        return None
    holder = outer[0].getparent()
    while holder is not None and not all(holder in e.iterancestors() for e in outer[1:]):
        holder = holder.getparent()
    if holder is None or holder.tag in ("body", "html"):
        return outer[0] if len(outer) == 1 else None  # a page of one comment (a fragment): that comment
    return holder


def _block_lines(element, opens: list[int] | None = None, owners: list | None = None) -> list[str]:
    """The element's text with one line per block element; scripts, styles and forms dropped. A comment
    element nested in another (a reply in its parent's `<ol class="children">`) is indented two spaces a
    level, as a plain-text dump indents replies, so the same labelling gives it its parent. In a comment
    section a `<blockquote>`'s lines start with "> ", as a plain-text reply marks what it quotes, so they are
    not the comment's own text. `opens` gets the index of each comment element's first line, `owners` that
    element."""
    from lxml import etree

    for junk in element.xpath(".//script|.//style|.//form|.//noscript|.//template"):
        junk.drop_tree()
    # a comment section may tell its comments by their nesting alone; the rest of a page never does
    is_comment = _comment_elements(element) if opens is not None else _is_comment_element
    levels = [0]  # comment elements around each open element
    quotes = [0]  # blockquotes of a comment section around each open element
    pressed = [False]  # whether each open element is (in) a button
    opening_blocks: dict[int, object] = {}  # blocks where a comment element's text starts -> that element
    blocks: list[tuple[int, int, list[str]]] = [(0, 0, [])]  # (level, quotes around it, text pieces) per block
    buttons: Counter = Counter()  # buttons that start in each block
    loose: set[int] = set()  # blocks with words outside any button
    touching = None  # in a comment section, the inline element that just ended with no text after it
    for event, node in etree.iterwalk(element, events=("start", "end", "comment", "pi")):
        if event == "start":
            if touching is not None and node.tag in _INLINE_TAGS and node.getprevious() is touching:
                # minified markup: "<b>Ana Ruiz</b><time>3h</time>" shows two fields, not "Ana Ruiz3h"
                blocks[-1][2].append(" ")
            touching = None
            opened = is_comment(node)
            levels.append(levels[-1] + (opened or opens is not None and _holds_replies(node, is_comment)))
            is_button = node.tag == "button" or node.get("role") == "button"
            pressed.append(pressed[-1] or is_button)
            quotes.append(quotes[-1] + (node.tag == "blockquote" and opens is not None))
            if node.tag in _BLOCK_TAGS and node.tag != "br":
                blocks.append((levels[-1], quotes[-1], []))
            if opened:
                opening_blocks[len(blocks) - 1] = node
            buttons[len(blocks) - 1] += is_button
            _add_text(blocks, _inline_text(node.text, node), pressed[-1], loose)
            continue
        if node is element:
            break  # its own tail is not its text
        if event == "end":
            levels.pop()
            quotes.pop()
            pressed.pop()
            if node.tag in _BLOCK_TAGS:
                blocks.append((levels[-1], quotes[-1], []))
            touching = node if opens is not None and not node.tail and node.tag in _INLINE_TAGS else None
        _add_text(blocks, _inline_text(node.tail, node.getparent()), pressed[-1], loose)
    lines: list[str] = []
    pending = None  # a comment element has started, its first line is still to come
    for b, (level, quoted, pieces) in enumerate(blocks):
        indent = ("  " * (level - 1) if level > 1 else "") + "> " * quoted
        pending = opening_blocks.get(b, pending)
        if opens is not None and buttons[b] >= 2 and b not in loose:
            # a comment's row of buttons ("Respect 12 · Reply · Share · Report") is the widget's, whatever its
            # words: no text of the comment (a lone button may be the name: Coral's username)
            pieces = [""]
        for line in "".join(pieces).split("\n"):
            text = " ".join(line.split())
            if text and pending is not None and opens is not None:
                opens.append(len(lines))
                if owners is not None:
                    owners.append(pending)
                pending = None
            lines.append(indent + text if text else "")
    return lines


_REPLY_HOLDER = re.compile(r"indent|child|repl|nested|response", re.I)


def _holds_replies(node, is_comment) -> bool:
    """`node` holds the replies of the comment right before it, as its sibling: Drupal's `<article
    class="comment">` then `<div class="indented">` with the replies' `<article>`s (a level, as if nested)."""
    if node.tag not in _ITEM_TAGS and node.tag not in ("ul", "ol") or not _REPLY_HOLDER.search(node.get("class") or ""):
        return False
    before = node.getprevious()
    return before is not None and is_comment(before) and any(is_comment(e) for e in node.iterdescendants())


# An avatar's alt text pasted with the page ("Rafael's avatar", "Avatar of Ana Ruiz", "Unknown's avatar" for a
# guest): the picture's caption, not the commenter's name line under it.
_AVATAR_ALT = re.compile(r"^(?:\S.{0,48}?['’]s\s+(?:avatar|profile (?:picture|photo|image))"
                         r"|(?:avatar|profile (?:picture|photo|image)) (?:of|for) \S.{0,48})$", re.I)


def _without_avatar_initials(lines: list[str], alt_text: bool = True) -> list[str]:
    """The lines with an avatar's initials or alt text blanked: "AW" over "Alice Wong", or "Alice Wong's avatar",
    is her picture's stand-in, neither a name nor text (kept, it took the comment's start and ended the comment
    above). `alt_text`: the page may have an avatar's alt text (a cheap test of the whole page first)."""
    shown = [line.strip() for line in lines]
    kept = list(lines)
    for i, s in enumerate(shown):
        if alt_text and len(s) <= 70 and ("vatar" in s or "rofile " in s):
            if _AVATAR_ALT.match(s):
                below = next((t for t in shown[i + 1:] if t), "")
                if _name_like(below):  # the name line under the picture
                    kept[i] = ""
            continue
        if 1 <= len(s) <= 3 and s.isalpha() and s.isupper():
            below = next((t for t in shown[i + 1:] if t), "")
            initials = "".join(w[0] for w in below.split()).upper()
            capitals = "".join(ch for ch in below if ch.isupper()) if _name_like(below) else ""
            if initials == s or len(s) == 1 and initials[:1] == s and len(initials) <= 3 or capitals == s:
                # "AW" / "Alice Wong", "G" / "Gus"; one letter for any name ("A" / "anna k"); "RW" / "RoversWife"
                kept[i] = ""
    return kept


def _add_text(blocks: list, text: str, in_button: bool, loose: set[int]) -> None:
    """Add `text` to the last block, noting the block has words outside any button."""
    blocks[-1][2].append(text)
    if not in_button and text.strip():
        loose.add(len(blocks) - 1)


def _inline_text(text: str | None, holder) -> str:
    """Text as it shows inside `holder`: within an inline element of the markup (a pretty-printed
    `<b>\\n  Ana Ruiz\\n</b>`) a line break is a space. Elsewhere it still ends a line, as in a plain-text dump
    saved as .html (which the parser wraps whole in one top `<span>`)."""
    if not text or "\n" not in text or holder is None or holder.tag not in _INLINE_TAGS:
        return text or ""
    parent = holder.getparent()
    in_markup = parent is not None and parent.tag not in ("html", "body")
    return text.replace("\n", " ") if in_markup or "\n" not in text.strip() else text


_INLINE_TAGS = frozenset("a abbr b bdi bdo button cite code data dfn em font i kbd label mark q s samp small span strong sub "
                         "sup time u var".split())


def _comment_elements(section):
    """How to tell one comment's element in `section`: by its class or id (_is_comment_element) where any has
    one; else by the markup's repetition: the blocks of one kind (tag and class) that stand side by side, each
    holding blocks of its own (a header, a text) or others of its kind (a thread whose replies nest in their
    parent: `<li class="post">` holding an `<ol class="replies">` of `<li class="post">`); of those kinds, the
    one with the most text."""
    from lxml import etree

    by_kind: dict[tuple[str, str], list] = {}
    for node in section.iter(etree.Element):
        if _is_comment_element(node):
            return _is_comment_element
        kind = node.get("class")
        if node.tag in _ITEM_TAGS and (kind or node.tag in _LIST_ITEM_TAGS):
            by_kind.setdefault((node.tag, kind or ""), []).append(node)
    best: set = set()
    best_size = 0
    for items in by_kind.values():
        members = set(items)
        outer = [e for e in items if not any(a in members for a in e.iterancestors())]
        if len(outer) < 2 or len({e.getparent() for e in outer}) > 1:
            continue  # not side by side
        if len(outer) == len(items) and not all(any(c.tag in _BLOCK_TAGS for c in e.iterdescendants()) for e in outer):
            continue
        size = sum(len(e.text_content()) for e in outer)
        if size > best_size:
            best, best_size = members, size
    return best.__contains__


_ITEM_TAGS = frozenset(("li", "div", "article", "section"))
_LIST_ITEM_TAGS = frozenset(("li", "article"))  # a list's items may go without a class


_MARKUP_FAMILIES = frozenset({"tail", "fields"})  # one-line headers that end with the time


def _markup_headers(lines: list[_Line], opens: list[int], owners: list) -> list[_Line]:
    """The markup says where each comment starts: a first line that no header rule reads gets the header the
    section's other comments have. Its name may be one the rules refuse in plain text (a formula
    "=HYPERLINK(...)", an address): read from its own line (the name, then the time). Or its time slot may
    hold no time ("Featured" on a pinned comment): the name is the text of the element the other comments
    keep their names in (`<b class="author">`), and the time is the rest of the line if it is one."""
    families = Counter(lines[i].header.family for i in opens if lines[i].header is not None)
    family, count = families.most_common(1)[0] if families else (None, 0)
    if family not in _MARKUP_FAMILIES or count * 2 < len(opens):  # most comments show the header
        return lines
    name_kind = None
    for i, owner in zip(opens, owners):
        line = lines[i]
        if line.header is not None and line.header.family == family:
            line.header = _named_by_markup(line.header, owner)
        if line.header is not None or line.kind != TEXT:
            continue
        m = _tail_time(line.text) if _may_end_with_time(line.text) else None
        if m and m["author"].strip():
            line.header = _named_by_markup(_Header(family, m["author"].strip(), m["ts"].strip()), owner)
            continue
        name_kind = name_kind or _name_element_kind(lines, opens, owners) or ("", "")  # looked for once
        name = _element_text(owner, name_kind)
        if name and line.text.startswith(name) and _name_like(name):
            rest = line.text[len(name):].strip(" ·•|-–—,")
            line.header = _Header(family, name, rest if rest and is_timestamp(rest) else None)
    return lines


_AUTHOR_MARKER = re.compile(r"author|user-?name|display-?name", re.I)


def _named_by_markup(header: _Header, owner) -> _Header:
    """The header with the author its comment's markup names (`class="d-comment__author"`, `vf-username`,
    `itemprop="author"`) where the line glued more to the name: "Grumpy Old Man Fietser" (the comment it
    answers, which becomes the parent to look for), "throwaway_2291 154 points", "Janet Moore Subscriber"."""
    name = _marked_author(owner)
    if name and header.author.startswith(name + " "):
        return replace(header, author=name, reply_to=header.author[len(name):].strip())
    return header


def _marked_author(owner) -> str | None:
    """The text of the first element of the comment's header whose class or itemprop says it is the author."""
    for element in islice(owner.iterdescendants(), _HEADER_ELEMENTS):
        marker = f"{element.get('class', '')} {element.get('itemprop', '')}" if isinstance(element.tag, str) else ""
        if _AUTHOR_MARKER.search(marker):
            return _shown_text(element)
    return None


def _name_element_kind(lines: list[_Line], opens: list[int], owners: list) -> tuple[str, str] | None:
    """(tag, class) of the element most comments of the section show their author's name in, if most do."""
    kinds: Counter = Counter()
    for i, owner in zip(opens, owners):
        if lines[i].header is not None:
            name = lines[i].header.author
            kinds.update({(e.tag, e.get("class") or "") for e in islice(owner.iterdescendants(), _HEADER_ELEMENTS)
                          if _shown_text(e) == name})
    top = kinds.most_common(1)
    return top[0][0] if top and top[0][1] * 2 > len(opens) else None


_HEADER_ELEMENTS = 24  # a comment's header is among its first elements (its replies, further down, are not)


def _element_text(owner, kind: tuple[str, str]) -> str | None:
    """The text of the first element of that (tag, class) in `owner`."""
    tag, klass = kind
    return next((_shown_text(e) for e in owner.iter(tag) if (e.get("class") or "") == klass), None) if tag else None


def _shown_text(element) -> str:
    return " ".join(element.text_content().split()) if isinstance(element.tag, str) else ""


_COMMENT_CLASS = re.compile(r"(?:[a-z]+[-_]{1,2})?comment(?:[-_]{1,2}(?:item|\d+))?", re.I)
_COMMENT_ID = re.compile(r"comment[-_]?\d+", re.I)


def _is_comment_element(element) -> bool:
    """One comment's element: class "comment" ("c-comment", "comment-item") or id "comment-12", or schema.org
    microdata's `itemprop="comment"` / `itemtype=".../Comment"`; its parts ("comment-body", "comment-author")
    and the list ("comments", "comment-list") are not."""
    return _COMMENT_ID.fullmatch(element.get("id") or "") is not None \
        or any(_COMMENT_CLASS.fullmatch(token) for token in (element.get("class") or "").split()) \
        or "comment" in (element.get("itemprop") or "").split() \
        or (element.get("itemtype") or "").rstrip("/").endswith("/Comment")


# --- line labelling ------------------------------------------------------------------------------


_TIME_BULLETS = frozenset("•·")
_STAR_GLYPHS = "★☆"
# A chat log's event line, no one's message: "14:10 -!- ana [~ana@host] has joined #news", "*** bob has quit",
# "--- Log opened Tue Nov 04 2025", "--- Day changed Wed Nov 05 2025".
_CHAT_EVENT_LEADS = frozenset("0123456789[*-")
_CHAT_EVENT = re.compile(rf"^(?:\[?{_TIME}\]?\s+)?(?:-!-|\*\*\*)\s+\S|^---\s+(?:log (?:opened|closed)|day changed)\b",
                         re.I)
# A phone's chat export marks its notices two ways: a dated line with no "name:" after its dash ("3/2/24, 13:03 -
# ana joined using this group's invite link"), or a left-to-right mark opening the text ("[3/2/24, 13:03:10] Book
# club: \u200eana added you").
_EXPORT_LEAD = re.compile(rf"^\[?{_DATE},?\s+{_TIME}\]?\s+(?P<dash>[-–—]\s+)?")
_EXPORT_NOTICE = re.compile(rf"{_NAME}\s*:\s+\u200e")


def _chat_export_notice(s: str) -> bool:
    """A notice in a phone's chat export (see _EXPORT_LEAD), no one's message."""
    lead = _EXPORT_LEAD.match(s)
    if lead is None:
        return False
    if "\u200e" in s and _EXPORT_NOTICE.match(s, lead.end()):
        return True
    return lead["dash"] is not None and _CHAT[1].match(s) is None


def _label_lines(raw_lines: list[str]) -> list[_Line]:
    """Kind, indentation, glued footer and possible comment header of every line."""
    lines: list[_Line] = []
    append = lines.append
    seen: dict[str, tuple[int, int, _Header | None]] = {}  # widget and author lines repeat on a page
    for raw in raw_lines:
        stripped = raw.strip()
        if not stripped:
            append(_Line(raw, stripped, 0, BLANK))
            continue
        if stripped[0] in _TIME_BULLETS and is_timestamp(time := stripped[1:].lstrip()):
            stripped = time  # "• 2 hours ago": the separator a widget puts before a time is no part of it
        elif stripped[0] in _STAR_GLYPHS and (time := _rated_time(stripped)):
            stripped = time  # "★★★☆☆ 7 years ago": a review's stars before its time, no comment text
        labelled = seen.get(stripped)
        if labelled is None:
            labelled = seen[stripped] = _label(stripped)
        kind, footer_at, header = labelled
        indent = len(raw) - len(raw.lstrip(" \t")) if raw[0] in " \t" else 0
        append(_Line(raw, stripped, indent, kind, footer_at, header))
    _mark_lists(lines)
    return lines


def _rated_time(s: str) -> str | None:
    """The time of a review's "★★★☆☆ 7 years ago" line, maybe with a badge after it ("... a year ago NEW")."""
    time = s.lstrip(_STAR_GLYPHS).lstrip()
    if not is_timestamp(time):
        time, _, badge = time.rpartition(" ")
        time = time.rstrip()
        if not (badge.isupper() and len(badge) <= 8 and time and is_timestamp(time)):
            return None
    return time


def _label(s: str) -> tuple[int, int, _Header | None]:
    """(kind, where a glued copyright footer starts or -1, comment header or None) of a stripped line."""
    kind = _kind(s)
    if kind != TEXT:
        return kind, -1, None
    footer = _copyright(s)
    if footer:
        if footer.start() < 3 or "all rights reserved" in s[:60].lower():
            return COPYRIGHT, -1, None
        return TEXT, footer.start(), None
    header = _parse_header(s)
    if header is None and "|" in s and _is_link_bar(s):
        return BOILER, -1, None
    return TEXT, -1, header


def _is_link_bar(s: str) -> bool:
    """A bar of short links, "About Us | Contact | Privacy Policy"."""
    fields = s.split("|")
    return len(fields) >= 3 and all(0 < len(f.split()) <= 3 for f in fields)


def _kind(s: str) -> int:
    """The kind of a non-empty stripped line (TEXT lines get their copyright test in _label)."""
    n = len(s)
    if s[0] in _INVISIBLE and not s.strip(_INVISIBLE):  # a line of zero-width characters only
        return BLANK
    if s[0] in _CHAT_EVENT_LEADS:
        if ("-!-" in s or "***" in s or s[:3] == "---") and _CHAT_EVENT.match(s) \
                or ("\u200e" in s if s[0] == "[" else " - " in s[:28] or " – " in s[:28]) and _chat_export_notice(s):
            return BOILER
    if n <= 200:  # chrome and widget lines are short; article paragraphs skip these tests
        low = s.lower()
        if n <= 80 and ("comment" in low or "repl" in low or "respon" in low) and _NO_COMMENTS.match(low) \
                and not (low[0] == "0" and ("·" in low or "•" in low or "|" in low)):
            return NO_COMMENTS  # but "0 comments · Share" is a comment's counter row
        if n <= 160:
            chrome = _CHROME.match(low)
            if chrome:
                return _CHROME_KIND[chrome.lastgroup]
        if n <= 80:
            if _is_action(s, low) and not ("edited" in low and _timestamp_match(_bare_time(s))) \
                    or s[0] == ":" and _SHORTCODE_REACTIONS.match(low):
                return ACTION  # but "35 minutes ago · Edited" is a time with its badge
            if s[0].isdigit():
                if _ANSWERS_HEADING.match(s):
                    return ANCHOR
                if _BADGE_COUNTS.match(s):
                    return ACTION
            elif s[-1] == ")":
                if low.endswith(" (default)"):
                    return BOILER  # the sort order a page picked: "Highest score (default)"
            elif " this " in low and _THIS_POST_BUTTON.match(low):
                return ACTION
            if _time_hint(low) and _timestamp_match(_bare_time(s)) \
                    or n <= 40 and _i18n_time(s):
                return STAMP
    if s[0] in "PpIiFf" and _CAPTION_HEAD.match(s) \
            or (s[-1] == ")" or "Photo" in s or "REUTERS" in s) and _CAPTION_TAIL.search(s[-120:]):
        return CAPTION
    return TEXT


def _copyright(s: str) -> re.Match | None:
    """Where a copyright footer starts in `s` (a cheap test first: most lines have none)."""
    if "©" in s or "ⓒ" in s or "(c)" in s or "(C)" in s or "opyright" in s or "OPYRIGHT" in s \
            or "rights reserved" in s:
        found = _COPYRIGHT.search(s)
        while found is not None and _credit_in_sentence(s, found):
            found = _COPYRIGHT.search(s, found.end())
        return found
    return None


_BRACKETS = {"(": ")", "[": "]"}
_NOTICE_WORDS = re.compile(r"\b(?:19|20)\d{2}\b|copyright|rights reserved|\ball rights\b", re.I)
_NOTICE_MAX_WORDS = 8  # "ⓒ 'name' site(www...), 무단전재 및 재배포금지": a holder's name and a ban, no year


def _credit_in_sentence(s: str, found: re.Match) -> bool:
    """A "©" the sentence goes on after ("The photo (© Reuters) shows the harbour at dawn, ..."): a credit,
    not a footer. A footer runs to the line's end: out of brackets, and short unless it says it is a
    notice (a year, "copyright", "all rights reserved")."""
    start = found.start()
    opener = max(s.rfind("(", 0, start), s.rfind("[", 0, start))
    if opener >= 0 and s.find(_BRACKETS[s[opener]], opener) > start:  # "(© Reuters)", "[© AFP]"
        after = s.find(_BRACKETS[s[opener]], start) + 1
        return any(c.isalnum() for c in s[after:])
    tail = s[start:]
    return len(tail.split()) > _NOTICE_MAX_WORDS and _NOTICE_WORDS.search(tail) is None


def _is_action(s: str, low: str) -> bool:
    """A vote/reply/share line: only action words, counts and glyphs (and maybe a timestamp)."""
    first = low.split(None, 1)[0]
    if first[0].isalpha():
        if first not in _ACTION_WORDS and first not in _DAY_WORDS:  # "вчера в 7:50  Ответить": the time first
            return False
    elif not first[0].isdigit() and first[0] not in _ACTION_LEADS:
        return False
    words = _ACTION_SYMBOLS.sub(" ", low).split()
    if low[-1] in ".…":
        words = [w for w in (w.rstrip(".…") for w in words) if w]  # "Click to expand..."
    if not words:
        return bool(_VOTE_GLYPH.search(s))
    unknown = [w for w in words if w not in _ACTION_WORDS and w != "to"]  # "Click to expand"
    if not unknown:
        return True
    if len(unknown) == len(words):
        return False
    # "2 hours ago · Reply": the rest must be a timestamp (and with no time in the line, it is not: "Next up is ...").
    if not _may_hold_time(low):
        return False
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
            if line.kind != TEXT or len(line.text) > 160 or line.header is not None:
                break
            if numbered:
                if not _NUMBERED_ITEM.match(line.text):
                    break
            elif line.text[-1] in ".?!\"”:" or (spaced and j + 1 < n and lines[j + 1].kind != BLANK):
                break
            line.kind = LIST_ITEM
            items += 1
            j += 1
        if items == 1 and j < n and lines[j].kind == STAMP:
            # "Recommended" / "458.9 hrs on record" / "Posted: May 3": a review's verdict in its header block
            lines[i].kind = TEXT
            next(ln for ln in lines[i + 1:j] if ln.kind == LIST_ITEM).kind = TEXT
        i = j


# --- comment section -----------------------------------------------------------------------------


def _name_like(s: str, named: bool = False) -> bool:
    """Could this be a username shown in a comment header? (`named`: the line says it is one,
    "- Mike | Texas says:", so a leading dash or a bar is part of the name, not a list or a field.)"""
    if not s or len(s) > 50 or s[0] in ("\"“‘'([*>★☆" if named else "\"“‘'([-—–*>★☆") or _has_url(s):
        return False
    if len(s.split()) > 6 or not (_NAMED_BREAKS if named else _NAME_BREAKS).isdisjoint(s) \
            or ("." in s or "!" in s or "?" in s) and _INNER_SENTENCE_END.search(s) or not any(map(str.isalnum, s)):
        return False
    return not (s[0].isdigit() and is_timestamp(s))


# A title's or an initial's dot ("Dr. No", "J. Smith"): a name's, not a sentence's end.
_ABBREVIATION_DOT = re.compile(r"(?<![^\W\d_])([^\W\d_]{1,4})\.(?=\s)")
_ADDRESS = re.compile(r"^[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+$|^\w[\w\-]*(?:\.[\w\-]+)+$")  # "ana@mail.org", "jo.doe"


def _chat_name_like(s: str) -> bool:
    """The name of a chat line ("[time] name: text"): the time and the colon already mark it as one, so an
    abbreviated title ("Dr. No") or a mail address or dotted handle ("ana@mail.org") is a name too."""
    s = s.strip()
    return _name_like(s) or bool(s) and (_ADDRESS.match(s) is not None if " " not in s
                                         else _name_like(_ABBREVIATION_DOT.sub(r"\1", s)))


def _marked_name_like(s: str, named: bool = False) -> bool:
    """The name of a header whose line already marks it as one ("wrote:", a time, a field bar): the dot of a title
    before it ("Dr. Sean Kelly", "Prof. Dr. Ana Ruiz") is a name's, not a sentence's end."""
    if _name_like(s, named):
        return True
    titles = _LEADING_TITLES.match(s) if s[:1].isupper() else None
    return titles is not None and _name_like(titles[0].replace(".", "") + s[titles.end():], named)


_LEADING_TITLES = re.compile(r"^(?:[^\W\d_]{1,4}\.\s+)+")  # "Dr. ", "Prof. Dr. "


# "[–] name 12 points 3 hours ago": a thread's collapse toggle, the name, its score, the time.
_TOGGLE = re.compile(r"^\[[–+-]\]\s+")
_TOGGLE_AFTER = re.compile(r"\s+\[[–+-]\]$")
_SCORED = re.compile(r"^(?P<author>\S.{0,40}?)\s+[+-]?\d[\d,]*\s+(?:points?|pts|votes?|likes?)\s+(?P<ts>\S.{1,40})$", re.I)


# Every header form below has one of these marks on its line, ends with ":" or "...", starts with "by" or has " by "
# near its start, or ends with a time: a line with none of them (most lines of text) is tested once, not per form.
_HEADER_MARKS = re.compile(r"[\[<:：–—)\t~•·|\-]").search


def _plain_line(s: str) -> bool:
    """No comment header form can read this line (see _HEADER_MARKS)."""
    return _HEADER_MARKS(s) is None and s[-1] not in ":…" and not s.endswith("...") and " by " not in s[:20] \
        and s[:3].lower() != "by " and not (len(s) <= 100 and _may_end_with_time(s))


def _parse_header(s: str) -> _Header | None:
    """The comment header this line would be, told by structure: a chat line, a "— name, time"
    signature, "name says:" / "#3 name wrote on date:", "Posted by name", "name • time • N points",
    "[–] name 12 points 3 hours ago", or a name followed by a time."""
    if len(s) <= 120 and _plain_line(s):
        return None
    if s[-1] == "]" and (toggle := _TOGGLE_AFTER.search(s)) and toggle.start() > 0:
        return _parse_header(s[:toggle.start()])  # "name on Jun 10, 2025 [-]": the thread's collapse toggle closes it
    first = s[0]
    if ("\u2190" <= first <= "\u297f" or first in "»›") and (mark := _REPLY_GLYPH.match(s)):
        # "↳ name · 3h": a reply's header behind its thread mark (the rest has the marks the line has)
        header = _parse_header(s[mark.end():]) if mark.end() < len(s) else None
        if header is not None:
            header.reply = True
        return header
    if first == "[" and (toggle := _TOGGLE.match(s)):
        m = _SCORED.match(s[toggle.end():])
        if m and _name_like(m["author"]) and is_timestamp(m["ts"]):
            return _Header("scored", m["author"], m["ts"])
    chat = first in "[<" or first.isdigit() or "):" in s or "]:" in s
    for pattern in _chat_patterns(s, first) if chat else ():
        m = pattern.match(s)
        if m and _chat_name_like(m["author"]):
            ts = m.groupdict().get("ts")
            if ts is not None and not any(c.isdigit() for c in ts):
                continue
            return _Header("chat", m["author"].strip(), ts.strip() if ts else None, text=m["text"])
    if first.islower() and (colon := s.find(": ", 0, 60)) > 0:
        if s[s.rfind(" ", 0, colon) + 1:colon] in _VERB_WORDS:
            m = _VERB_INLINE.match(s)
            if m and m["author"] not in _FUNCTION_WORDS:
                return _Header("verb-inline", m["author"], None, text=m["text"])
    if ("–" in s or "—" in s) and _may_end_with_time(s):
        header = _inline_signature(s)
        if header:
            return header
    if s[-1] in _SIGNATURE_END and ") " in s[-80:]:  # the user links and the time close the line
        header = _end_signature(s)
        if header:
            return header
    if "\t" in s:  # a one-row comment of a table: "name<TAB>text<TAB>time"
        header = _table_row(s)
        if header:
            return header
    if len(s) > 120:
        return None
    if (":" in s and ": " in s or "：" in s) and s[-1].isalnum():  # "1 名前：name ：2026/06/20(火) 17:35:36.72 ID:5hgQ"
        header = _labelled_name(s)
        if header:
            return header
    if first in "—–-~" and len(s) <= 100:
        m = _SIGNATURE.match(s)
        if m and _name_like(m["author"]) and is_timestamp(m["ts"].strip()):
            return _Header("signature", m["author"].strip(), m["ts"].strip())
    if s[-1] == ":" or s.endswith(("...", "…")):
        for pattern in (_ON_DATE_WROTE, _VERB_HEADER):
            m = pattern.match(s)
            if m and _marked_name_like(m["author"], named=True):
                ts = m["ts"]
                return _Header("verb", m["author"].strip(), ts.strip() if ts else None,
                               number=(m["number"] or "") if pattern is _VERB_HEADER else "")
    timed = len(s) <= 100 and _may_end_with_time(s)  # asked once: two header forms end with a time
    if timed and not _VERB_WORDS.isdisjoint(s.lower().split()):
        m = _VERB_TIME.match(s)  # "name commented 3 days ago", "name replied on Mar 3, 2021"
        if m and _marked_name_like(m["author"]) and is_timestamp(m["ts"]):
            return _Header("verb", m["author"].strip(), m["ts"])
    if first == "F" and s.startswith("From:"):
        m = _MAIL_FROM.match(s)
        if m and _name_like(m["author"]):
            return _Header("mail", m["author"].strip(), None)
    if first in "PpCcSsWwRrMm" and " by " in s[:20]:
        m = _BY_HEADER.match(s)
        if m and _marked_name_like(m["author"]):
            return _Header("by", m["author"].strip(), m["ts"].strip() if m["ts"] else None)
    if first in "Bb" and s[:3].lower() == "by ":
        m = _BARE_BY_HEADER.match(s)
        if m and _marked_name_like(m["author"]) and is_timestamp(m["ts"].strip()):
            return _Header("by", m["author"].strip(), m["ts"].strip())
    if "•" in s or "·" in s or "|" in s or len(s) <= 80 and (" - " in s or " — " in s or " – " in s):
        header = _parse_fields(s)
        if header:
            return header
        if s[-1] in _FOLLOW_ENDS and (m := _FOLLOW.match(s)) and _name_like(m["name"]):
            return _Header("follow", m["name"].strip(), None)  # a header only over a byline with the time
    if "  " in s or "\t" in s:
        header = _wide_fields(s)
        if header:
            return header
    if timed and len(s) <= 80:
        m = _tail_time(s)
        if m is None and s.count(",") >= 2 and (fields := s.split(",")) and _placed_name(",".join(fields[:-1])):
            m = _tail_time(f"{fields[0]},{fields[-1]}")  # a long place: "Ana Ruiz, Manchester, United Kingdom, 3h"
        author = m and (_placed_name(m["author"]) if "," in m["author"] else m["author"])
        if author and _marked_name_like(author) and not author.lower().endswith((" on", " at")):
            return _Header("tail", author.strip(), m["ts"].strip())
    if (s[-1] in _VOTE_GLYPHS or s[-1].isdigit()) and (votes := _VOTE_TAIL.search(s)) and votes.start() > 0:
        # the comment's score after its time in one row: "steve_k 04.03.25, 11:20 ▲ +5 ▼", "Nora 5h -2"
        header = _parse_header(s[:votes.start()])
        return header if header is not None and header.family == "tail" else None
    return None


def _placed_name(s: str) -> str | None:
    """The name before the commenter's place in a widget's comma fields ("Ana Ruiz, Leeds, United Kingdom"): each
    place field a few capitalised words without a digit; None when the fields are not places."""
    name, *places = s.split(",")
    if len(places) > 3 or not all((p := place.strip())[:1].isupper() and len(p.split()) <= 4 and not _HAS_DIGIT(p)
                                  for place in places):
        return None
    return name


_VOTE_GLYPHS = "△▽▲▼↑↓⬆⬇⇧⇩⇑⇓👍👎"
# glyphs, signed counts and the counts beside a glyph (a time never ends with "+5" or "▲ 0 ▼"; "+0000" is its zone)
_VOTE_TAIL = re.compile(rf"(?:\s+(?:[{_VOTE_GLYPHS}]+|[+\-−]\d{{1,3}}|\d[\d,]*(?=\s*[{_VOTE_GLYPHS}])))+$")


_FIELD_COLON = re.compile(r"\s*[:：]\s*")
_LEADING_NUMBER = re.compile(r"^#?\d{1,5}\.?\s+")


def _labelled_name(s: str) -> _Header | None:
    """'3 Name: rusty ： 2026/05/03 23:24 ID:Ff8k': a board's post bar, where a label introduces the name and
    the time follows it, with a post number before or a poster id after."""
    colon = _FIELD_COLON.search(s)
    if colon.start() > 40 or not any(c.isdigit() for c in s[colon.end():]):
        return None  # no label first, or no time after it
    number = _LEADING_NUMBER.match(s)
    label = s[number.end() if number else 0:colon.start()]
    if not label or len(label.split()) > 2 or any(c.isdigit() for c in label):
        return None  # a label first: no sentence ("He said: ...") and no time ("10:30 ...")
    m = _TIMESTAMP_ANYWHERE.search(s, colon.end())
    after = len(s[m.end():].split()) if m else 0
    if m is None or after > 2 or not number and not after:
        return None  # a post bar has its number or the poster's id; "Quote from: name on <date>" is a quote
    fields = [f for f in _FIELD_COLON.split(s[colon.end():m.start()].rstrip(" |·•-")) if f]
    if len(fields) != 1 or not _name_like(fields[0]):
        return None
    return _Header("labelled", fields[0], m.group())


# A fragment of the poster's IP address after an unregistered name ("Ana(118.22)", "~ana (83.12.*.*)"), as boards
# show it.
_IP_FRAGMENT = re.compile(r"\s?\((?:\d{1,3}|[*x]{1,3})(?:\.(?:\d{1,3}|[*x]{1,3})){1,3}\)$")


def _table_row(s: str) -> _Header | None:
    """'name<TAB>text<TAB>time' (or the time first): a list that shows each comment on one row of a table."""
    fields = [f.strip() for f in s.split("\t") if f.strip()]
    if len(fields) != 3:
        return None
    if is_timestamp(fields[-1]):
        name, text, posted = fields
    elif is_timestamp(fields[0]):
        posted, name, text = fields
    else:
        return None
    name = _IP_FRAGMENT.sub("", name)
    if not _name_like(name) or len(text) < len(name) and not any(c in text for c in ".!?"):
        return None
    return _Header("row", name, posted, text=text)


def _inline_signature(s: str) -> _Header | None:
    """'text of the comment – name Mar 3, 2021 at 14:05': the comment and its signature on one line."""
    dash = None
    for dash in _INLINE_SIGNATURE.finditer(s):
        pass
    if dash is None or dash.start() < 2:
        return None
    signature = s[dash.end():]
    m = _tail_time(signature)
    if m is None or not _name_like(m["author"]):
        return None
    return _Header("inline", m["author"].strip(), m["ts"].strip(), text=s[:dash.start()].rstrip())


# "... the text — name (talk · contribs) 19:01, 4 January 2023 (UTC)": a wiki-style signature closing the
# comment's last paragraph, the name's user links in brackets before the time.
_USER_LINKS = re.compile(r"\s\([^\W\d_]+(?:\s*[·|•]\s*[^\W\d_]+){0,3}\)\s+(?=\d)")
_SIGNATURE_DASH = re.compile(r"\s(?:—|–|--|~)\s*(?=\S[^—–]{0,48}$)")
_INITIAL = re.compile(r"^[^\W\d_]\.$")  # "D." of "Nadia D."
_SIGNATURE_END = frozenset("0123456789)")

# "From: Ana Ruiz <ana@example.net>": a mail's sender opens a message of a digest or an archive; the mail's
# other header fields ("Date: ...", "Subject: ...") follow it.
_MAIL_FROM = re.compile(r"^From:\s+\"?(?P<author>[^<>\"@]{1,48}?)\"?\s*<[^<>\s@]+@[^<>\s]+>$")
_MAIL_FIELD = re.compile(r"^(?P<field>Date|Sent|Subject|To|Cc|Reply-To):\s", re.I)


def _end_signature(s: str) -> _Header | None:
    """The signature that ends a comment's text: the name after a dash, or, with no dash, the text's last
    word for now (`_parse_signed` looks for a longer name the page signs elsewhere)."""
    links = None
    for links in _USER_LINKS.finditer(s):
        pass
    if links is None or not is_timestamp(s[links.end():]):
        return None
    before = s[:links.start()]
    dash = None
    for dash in _SIGNATURE_DASH.finditer(before):
        pass
    if dash is not None:
        author, text = before[dash.end():].strip(), before[:dash.start()].rstrip()
    else:
        text, _, author = before.rpartition(" ")
        author = author.lstrip(".…!?,;")
    if not text or not _name_like(author):
        return None
    return _Header("signed", author, s[links.end():], text=text, guessed=dash is None)


def _chat_patterns(s: str, first: str) -> tuple[re.Pattern, ...]:
    """Only the one-line chat patterns this line could possibly match."""
    if first == "<":
        return _CHAT[3:]
    if ":" not in s:  # every other chat line has the colon after its name ("[ts] name: text")
        return ()
    irc = _CHAT[3:] if "> " in s[:60] else ()  # "14:05 < ana> text": a clock before the nick (tried first: the
    if first == "[":                           # text may have a colon, "14:05 < ana> see: this")
        return irc + _CHAT[:1]
    found = (irc + _CHAT[1:2]) if first.isdigit() else ()
    if "):" in s or "]:" in s:
        found += _CHAT[2:3]
    return found


_SCORE_BY = re.compile(r"^[+-]?\d[\d,.]*k?\s+(?:points?|pts|votes?|likes?)\s+by\s+(?=\S)", re.I)


def _parse_fields(s: str) -> _Header | None:
    """'author • 2 hours ago', 'author · 12 points · 5h', 'author → parent • an hour ago'."""
    fields = [f for f in _FIELD_SPLIT.split(s) if f]
    if len(fields) < 2:
        return None
    who, rest = fields[0], fields[1:]
    posted, evidence = None, False
    # The other fields first: one that is no time, score or badge rules the line out before the author's is read.
    for other in rest:
        if is_timestamp(other):
            posted = posted or other
            evidence = True
        elif _POINTS.match(other):
            evidence = True
        elif not _BADGE.match(other):
            return None
    tail = _tail_time(who) if _may_end_with_time(who) else None
    if tail:  # "user 3 hours ago | parent | next [–]": the time shares the author's field (and is the one shown)
        who, posted, evidence = tail["author"], tail["ts"], True
    if who[0].isdigit():
        who = _SCORE_BY.sub("", who, count=1)  # "13 points by name": the score stands before the name
    if not evidence:
        return None
    parts = _REPLY_TO.split(who, maxsplit=1) if _may_reply_to(who) else [who]
    author = parts[0].strip()
    reply_to = parts[1].strip() if len(parts) > 1 else None
    verb = _VERB_AFTER_NAME.search(author) if " " in author else None
    if verb:  # "Marcus replied | 3h"
        author = author[:verb.start()]
    if not _marked_name_like(author):
        return None
    return _Header("fields", author, posted, reply_to=reply_to,
                   reply=verb is not None and verb.group().split()[-1] in _REPLY_VERBS)


_WIDE_FIELDS = re.compile(r"\s{2,}|\t")
_PLACE_FIELD = re.compile(r"^[^\W\d_][^\d.!?:;,]{0,24}$")  # "江苏", "Porto", "New York": no number, no sentence


def _wide_fields(s: str) -> _Header | None:
    """'name  2024-01-05 12:26:26  Jiangsu': fields set apart by wide gaps, the name first, a dated time, and at most
    a place or a badge after it."""
    fields = _WIDE_FIELDS.split(s)
    if not 2 <= len(fields) <= 4:
        return None
    times = [k for k, f in enumerate(fields) if k and _HAS_DIGIT(f) and is_timestamp(f)]
    if len(times) != 1 or not _HAS_DATE_MARK(fields[times[0]]):
        return None  # a bare clock ("Arsenal  15:00  Emirates") is a fixture list's, not a comment's
    if not all(k in times or _BADGE.match(f) or _PLACE_FIELD.match(f) and len(f.split()) <= 3
               for k, f in enumerate(fields[1:], 1)) or not _marked_name_like(fields[0]):
        return None
    return _Header("fields", fields[0], fields[times[0]])


_HAS_DATE_MARK = re.compile(r"[-/.]\d|[^\W\d_]").search  # a date's separators or a word ("3 hours ago")


def _find_headers(lines: list[_Line]) -> dict[int, _Header]:
    """Line index -> comment header, for every line that could open a comment."""
    headers: dict[int, _Header] = {}
    byline = -1
    for i, line in enumerate(lines):
        if line.header is not None:
            if line.header.family == "follow" or i == byline:
                # "Name · Follow" opens a comment only over a byline with the time, which is part of its header
                if i != byline and line.kind == TEXT and (follow := _follow_header(lines, i)):
                    headers[i], byline = follow, i + 1
                continue
            if line.kind == TEXT:  # not re-labelled as a list item
                headers[i] = line.header
                if line.header.family == "mail":
                    headers[i] = _mail_header(lines, i, line.header)
        elif line.kind == STAMP and i > 0:
            # A bare name line directly above a timestamp line: "name" / "May 3, 2020 at 5:12 pm".
            j = i - 1
            badges = 0
            lowest_badge = None  # the badge line right above the time, which may be the name itself ("Guest")
            while j > 0 and (lines[j].kind == BLANK or badges < 2 and _badge(lines, j)):
                if lines[j].kind != BLANK:
                    badges += 1
                    lowest_badge = j if lowest_badge is None else lowest_badge
                j -= 1
            name = lines[j]
            marked = lines[j - 1].header if j > 0 and name.kind in (TEXT, BOILER) else None
            if marked is not None and marked.family == "follow" and lines[j - 1].kind == TEXT:
                # "Ana Ruiz • 2nd" / "Teacher | Parent" / "3h": the line between is the profile's headline
                headers[j - 1] = _Header("name+stamp", marked.author, line.text, span=i + 2 - j)
            elif name.kind == TEXT and name.header is None and name.text[-1] not in ",;:" \
                    and _marked_name_like(_unbracketed(name.text[len(number := _post_number(name.text)):])):
                # "(Anonymous)" is a placeholder name; "3 - Oscar" a numbered post's name
                shown = lines[j - 1] if j > 0 else None
                author = name.text[len(number):]
                if name.text[0] == "@" and shown is not None and shown.kind == TEXT and shown.header is None \
                        and _name_like(shown.text) and shown.text[0] != "@":
                    j -= 1  # "Display Name" / "@handle" / "· 3h": the display name is the author
                    author = shown.text
                headers[j] = _Header("name+stamp", author, line.text, span=i + 1 - j, number=number)
            elif lowest_badge is not None and lines[lowest_badge].kind == TEXT and lines[lowest_badge].text[0].isalpha():
                # no name above the badge (a button line, the comment above's text): "Guest" / "30 minutes ago"
                # is a guest's comment, the badge the name the widget gives them
                headers[lowest_badge] = _Header("name+stamp", lines[lowest_badge].text, line.text,
                                                span=i + 1 - lowest_badge)
    return headers


_POST_NUMBER = re.compile(r"^#?\d{1,5}\s*[-–—.)]\s+(?=\S)")  # "3 - ", "#12. " before a name


def _post_number(s: str) -> str:
    """The post number that opens a name line ("3 - Oscar"), or ""."""
    m = _POST_NUMBER.match(s) if s[0] in "#0123456789" else None
    return m.group() if m else ""


# A follow button or a connection degree glued to the commenter's name ("Lena Lindqvist · Follow", "Ana Ruiz
# • 2nd"), as profile-style threads show it; the line under it is the profile's byline, which may end with
# the time ("Studied Economics · Updated 8y").
_FOLLOW = re.compile(r"^(?P<name>\S.{0,48}?)\s*[·•|]\s*(?:follow|folgen|suivre|seguir|segui|volgen|1st|2nd|3rd\+?)$",
                     re.I)
_FOLLOW_ENDS = frozenset("wWnNgGrRiItTdD+")  # the last letters of those words: a cheap first test
_TIME_VERB = re.compile(r"^(?:updated|edited|answered|posted|asked|replied)\s+", re.I)


def _follow_header(lines: list[_Line], i: int) -> _Header | None:
    """A header from a name with a follow button (a "follow" line header) over a byline that ends with the
    time, else None."""
    if i + 1 >= len(lines) or lines[i + 1].kind != TEXT:
        return None
    last = _FIELD_SPLIT.split(lines[i + 1].text)[-1]
    posted = _TIME_VERB.sub("", last)
    if not posted or not is_timestamp(posted):
        return None
    return _Header("fields", lines[i].header.author, last, span=2)


def _unbracketed(s: str) -> str:
    """The word of a placeholder name ("Anonymous" of "(Anonymous)"), else the line."""
    m = _BRACKETED_WORD.match(s) if s[0] in "([" else None
    return m[1] if m else s


def _mail_header(lines: list[_Line], i: int, header: _Header) -> _Header:
    """A "From:" line with the header fields under it; the "Date:" field is the time."""
    j, posted = i + 1, None
    while j < len(lines) and (m := _MAIL_FIELD.match(lines[j].text)):
        if m["field"].lower() in ("date", "sent"):
            posted = lines[j].text[m.end():].strip()
        j += 1
    return _Header("mail", header.author, posted, span=j - i)


# A writer's tagline under the name, naming what they publish ("Writes The Weekly Ledger").
_TAGLINE = re.compile(r"^(?:[Ww]rites|[Aa]uthor of|[Ee]ditor of|[Hh]ost of)\s+[A-Z0-9“\"][^.!?]{0,50}$")


# A rating ("4.0 of 5 bubbles", "Rated 4 out of 5 stars") or a profile count ("Porto, Portugal • 259 contributions")
# between a reviewer's name and the date.
_RATING_LINE = re.compile(r"^(?:rated\s+)?\d(?:[.,]\d)?\s*(?:of|out of|/)\s*(?:5|10)(?:\s+[^\W\d_]+)?$"
                          r"|^[^\d•·|]{1,40}[•·|]\s*\d[\d,.]*\s+(?:contributions?|reviews?|ratings?|posts?)$", re.I)


def _badge(lines: list[_Line], j: int) -> bool:
    """A line that may stand between a commenter's name and the time: a role badge ("Contributor"), a score
    ("12 points", as Commento shows it), or a short profile field ("Location: Leeds", "Posts: 4,241") or a
    tagline right under a name-like line."""
    s = lines[j].text
    return _BADGE_LINE.match(s) is not None or _RATING_LINE.match(s) is not None or _RANK_LINE.match(s) is not None \
        or s[0].isdigit() and _rated_title(lines, j + 1) is not None \
        or _POINTS.match(s) is not None \
        or (_PROFILE_FIELD.match(s) is not None or _TAGLINE.match(s) is not None) \
        and lines[j - 1].kind == TEXT and _name_like(lines[j - 1].text)


def _find_comments(lines: list[_Line]) -> tuple[int, list[Comment]]:
    """Return (index where the comment section starts, its comments)."""
    headers = _find_headers(lines)
    chain = _header_chain(lines, headers)
    if len(chain) >= 2:
        known = _parse_known(lines, headers, chain)
        # A weak chain (a bare name line above a time, ...), or "authors" that are times ("06.09.20 | 05:00"): the
        # page's blocks around its times tell the name, the block's other lines and the text apart.
        if headers[chain[0]].family not in _WEAK_FAMILIES and not _timelike_authors(known[1]):
            return known
        blocks = _find_blocks(lines, _tail_marks(lines))
        # a weak chain whose one "author" is a word the page puts before every time ("Watched 3 Mar 2024") is no
        # chain of names
        return blocks if len(blocks[1]) >= len(known[1]) or blocks[1] and _implausible_authors(known[1]) \
            and {c.author for c in known[1]}.isdisjoint(c.author for c in blocks[1]) else known
    # No known header shape carries the tail: the shape the page itself repeats, when it has one,
    # beats the header-less decoder's guess.
    known = _parse_known(lines, headers, chain) if chain else _decode_plain(lines)
    marks = _tail_marks(lines)
    if len(known[1]) >= _STRUCT_MIN and sum(ln.kind == ACTION for ln in lines) >= len(known[1]) - 1 \
            and not _implausible_authors(known[1]):
        # The header-less decoder already cut the section at its vote/reply lines; but the blocks around the
        # comments' times tell the name, the time and the text apart (the decoder's "author" may be the
        # widget's "Post a new comment" line and its text start with the time). Where the decoder found
        # times itself, the blocks must find more comments (names glued to the text: "Grace Gallagher Avoiding").
        blocks = _find_blocks(lines, marks)
        timed = any(c.posted for c in known[1])
        return blocks if len(blocks[1]) > len(known[1]) or not timed and len(blocks[1]) == len(known[1]) else known
    blocks = _find_blocks(lines, marks)
    if blocks[1]:
        return blocks
    found = _find_structure(lines, marks)
    return found if found[1] else known


# --- what a section's comments have in common is widget, not text ----------------------------------

_DISPLAY_AND_HANDLE = re.compile(r"^(?P<name>\S.{0,48}?)\s+@[\w.\-]{2,60}$")  # "Ana Ruiz @ana.bsky.social"
# Who reacted to a comment, shown under its text: a heart or pin glyph, or a reaction verb, then "by <name>".
_REACTION_BADGE = re.compile(r"^(?:[❤♥💙👍📌]\ufe0f?\s*|(?:liked|loved|hearted|pinned|upvoted|recommended)\s+)"
                             r"by\s+\S[^.!?:]{0,40}$", re.I)
_TIDY_MIN = 3  # comments a shared line must close before it counts as the section's button line
_TIDY_SHORT = 60


def _tidy_section(comments: list[Comment], titles: set[str] = frozenset()) -> list[Comment]:
    """Drop what the section repeats around its comments' text, whatever detector found them: a button or
    counter line closing most comments ("před 9 dny · Odpovědět · +40 / −16", "2   0   46": the same
    words and separators, other numbers), a short badge line opening several of them ("Editors' pick");
    a line opening nearly all of them ("on: Q&A with the mayor"), who reacted ("❤ by creator") and the form
    fields closing several of them ("Date of stay: May 2025"); and a display name's "@handle" after it on
    the name line."""
    for c in comments:
        if " @" in c.author and (m := _DISPLAY_AND_HANDLE.match(c.author)) and "@" not in m["name"]:
            c.author = m["name"]
        if c.posted and ("#" in c.posted or c.posted[-1] == " "):
            # "Aug 23, 2025  #1": the post number is no time; nor the gap before a button ("вчера в 7:50  Ответить")
            c.posted = _POST_NUMBER_AFTER.sub("", c.posted).rstrip()
    _drop_shared_name_tail(comments)
    _drop_bracketed_name_fields(comments)
    multi = [c for c in comments if "\n" in c.text]
    if len(multi) < 2:
        return comments  # nothing repeats around one-line texts
    paragraphs = [c.text.split("\n") for c in multi]
    for p in paragraphs:
        if "by " in p[-1] and _REACTION_BADGE.match(p[-1]):
            p.pop()  # "❤ by creator", "Liked by Ana Ruiz": who reacted, under the text
    closing = _shared_closing_lines([p[-1] for p in paragraphs])
    for p in paragraphs:
        if p[-1] in closing and len(p) > 1:
            p.pop()
    if sum(": " in p[-1] for p in paragraphs) >= _TIDY_MIN:
        # "Date of stay: March 2026", "Trip type: Business": a review form's fields (optional ones among them)
        fields = _shared_closing_fields(paragraphs)
        for p in paragraphs:
            run = _closing_field_run(p)
            if any(label in fields for label in run):
                del p[len(p) - len(run):]
    openers: dict[str, int] = {}
    for p in paragraphs:
        if len(p) > 1:
            openers[p[0]] = openers.get(p[0], 0) + 1
    # A badge opens comments that go on below it; a short comment repeated ("Well put") stands alone.
    alone = {c.text for c in comments if "\n" not in c.text} | {p[0] for p in paragraphs if len(p) == 1} | titles
    badges = {line for line, n in openers.items() if n >= 2 and len(line.split()) <= 3 and line not in alone
              and not _SENTENCE_END_MARK.search(line) and not any(ch.isdigit() for ch in line)}
    # A line opening nearly every comment, whatever its length, is the widget's context line ("on: <video>").
    badges |= {line for line, n in openers.items() if n >= max(_TIDY_MIN, 0.8 * len(comments)) and line not in alone}
    for c, p in zip(multi, paragraphs):
        if len(p) > 1 and p[0] in badges:
            p.pop(0)
        c.text = "\n".join(p)
    return comments


_STARS = re.compile(r"^[★☆✩✪⭐]+$")
_BRACKETED_FIELD = re.compile(r"\s+(?:\([^()]{1,40}\)|\[[^\[\]]{1,40}\])$")  # " (Mumbai)", " (83.12.*.*)"


def _drop_bracketed_name_fields(comments: list[Comment]) -> None:
    """A bracketed field after most names of the section is the widget's, not the names: the commenter's city
    ("Ana Ruiz (Pune)"); and a guest's masked address ("~gość (83.12.*.*)") is never a name's."""
    found = [_BRACKETED_FIELD.search(c.author) if c.author and c.author[-1] in ")]" else None for c in comments]
    if not any(found):
        return
    most = len(comments) >= _TIDY_MIN and sum(m is not None for m in found) >= 0.6 * len(comments)
    for c, m in zip(comments, found):
        if m is not None and (most or _IP_FRAGMENT.search(c.author)):
            c.author = c.author[:m.start()]


def _drop_shared_name_tail(comments: list[Comment]) -> None:
    """Words every name line of the section ends with, in lower case or symbols, are the widget's, not the
    names ("Ana Ruiz rated it ★★★★☆", "bob rated it ★★☆☆☆": the stars vary, "rated it" repeats)."""
    if len(comments) < _TIDY_MIN or not all(c.author for c in comments):
        return
    last = {c.author[c.author.rfind(" ") + 1:] for c in comments}
    if len(last) > 1 and not all(_STARS.match(w) for w in last) or len({c.author for c in comments}) < 2:
        return  # a cheap first test: most sections' names end with words of their own
    names = [c.author.split() for c in comments]

    def same(words: list[str]) -> bool:
        return all(w == words[0] or _STARS.match(w) and _STARS.match(words[0]) for w in words)

    k = 0
    while all(len(n) > k + 1 for n in names) and same([n[-1 - k] for n in names]):
        k += 1
    if k and any(not w[0].isupper() for w in names[0][-k:]):
        for c in comments:
            c.author = " ".join(c.author.split()[:-k])


_LABELLED_LINE = re.compile(r"^([^\W\d_][^:.!?]{0,30}):\s+\S[^.!?]{0,40}$")


def _closing_field_run(paragraphs: list[str]) -> list[str]:
    """The labels of the "Label: value" lines that close a comment's text (never its first line)."""
    labels = []
    for line in reversed(paragraphs[1:]):
        m = _LABELLED_LINE.match(line)
        if m is None:
            break
        labels.append(m[1])
    return labels


def _shared_closing_fields(paragraphs: list[list[str]]) -> set[str]:
    """Labels of "Label: value" lines that close the texts of several comments (the page's form fields)."""
    seen: dict[str, int] = {}
    for p in paragraphs:
        for label in set(_closing_field_run(p)):
            seen[label] = seen.get(label, 0) + 1
    return {label for label, n in seen.items() if n >= max(_TIDY_MIN, 0.4 * len(paragraphs))}


def _shared_closing_lines(last_lines: list[str]) -> set[str]:
    """The last lines that are mostly tokens (digits masked) shared by the last lines of most comments."""
    if len(last_lines) < _TIDY_MIN:
        return set()
    token_lists = [_DIGITS.sub("9", line.lower()).split() if len(line) <= _TIDY_SHORT
                   and not _SENTENCE_END_MARK.search(line) else [] for line in last_lines]
    seen: dict[str, int] = {}
    for tokens in token_lists:
        for tok in set(tokens):
            seen[tok] = seen.get(tok, 0) + 1
    needed = max(_TIDY_MIN, 0.5 * len(last_lines))
    shared = {tok for tok, n in seen.items() if n >= needed}
    # Shared words alone could be a habit of speech: a button line also has digits or separators.
    buttons = {line: frozenset(tokens) for line, tokens in zip(last_lines, token_lists)
               if len(tokens) >= 2 and sum(tok in shared for tok in tokens) >= 0.6 * len(tokens)
               and any(tok in shared and not tok.isalpha() for tok in tokens)}
    # The same buttons without their counts ("Respect  Reply  Share" under "Respect (11)  Reply  Share"), or some of
    # them: a button shown only once it counts something ("回应" under "有用 12  回应").
    words = {frozenset(t for t in tokens if t.isalpha()) for tokens in buttons.values()}
    return set(buttons) | {line for line, tokens in zip(last_lines, token_lists)
                           if len(tokens) >= 2 and frozenset(tokens) in words
                           or tokens and all(t.isalpha() for t in tokens) and any(frozenset(tokens) < w for w in words)}


def _timelike_authors(comments: list[Comment]) -> bool:
    """Most "authors" are times or numbers with no name-like word ("06.09.20" of "06.09.20 | 05:00")."""
    odd = sum(c.author[:1].isdigit() and "W" not in _short_shape(c.author, frozenset())[0].split() for c in comments)
    return odd > len(comments) / 2


def _implausible_authors(comments: list[Comment]) -> bool:
    """A guessed section whose "authors" are mostly widget lines: a time ("3時間前") or one line the
    page repeats under most comments ("返信")."""
    seen: dict[str, int] = {}
    for c in comments:
        seen[c.author] = seen.get(c.author, 0) + 1
    # A name most comments share is a widget line, unless every comment has its time and several names
    # take turns: a frequent commenter.
    widget = max(3, 0.6 * len(comments)) if len(seen) < 3 or not all(c.posted for c in comments) else len(comments) + 1
    odd = sum(n for author, n in seen.items() if n >= widget or any(ch.isdigit() for ch in author)
              and _short_shape(author, frozenset())[2])
    return odd >= 0.25 * len(comments)


def _parse_known(lines: list[_Line], headers: dict[int, _Header], chain: list[int]) -> tuple[int, list[Comment]]:
    """(section start, comments) for a chain of headers of a known shape."""
    family = headers[chain[0]].family
    if family in ("signature", "signed") or (family not in _ONE_LINE_FAMILIES and len(chain) >= 2
                                             and _signed_below(lines, headers, chain)):
        return _parse_signed(lines, headers, chain)
    # The comment section starts at its anchor ("12 Comments") when one sits just above.
    return _section_start(lines, chain[0]), _parse_with_headers(lines, chain[0], headers, family)


def _signed_below(lines: list[_Line], headers: dict[int, _Header], chain: list[int]) -> bool:
    """True when each header signs the text above it: text right above the first header, and none
    below the last one."""
    above = next((ln for ln in reversed(lines[:chain[0]]) if ln.kind != BLANK), None)
    if above is None or above.kind != TEXT:
        return False
    return not any(ln.kind == TEXT for ln in lines[chain[-1] + headers[chain[-1]].span:])


def _parse_signed(lines: list[_Line], headers: dict[int, _Header], chain: list[int]) -> tuple[int, list[Comment]]:
    """Comments whose author line comes after their text ("— name, 3 hours ago")."""
    gaps = sorted(sum(ln.kind == TEXT for ln in lines[a + headers[a].span:b]) for a, b in zip(chain, chain[1:]))
    typical = max(1, gaps[len(gaps) // 2]) if gaps else 3
    # The first comment's text: back from its signature to the article's end mark, or as long as
    # a typical comment when the page has no mark.
    start, taken = chain[0], 0
    anchored = any(ln.kind == ANCHOR for ln in lines[:chain[0]])
    # Where a blank line stands between comments and never inside one, the first comment ends at one too.
    spaced = len(chain) >= 2 and all(_blank_then_text(lines[a + headers[a].span:b]) for a, b in zip(chain, chain[1:]))
    j = chain[0] - 1
    while j >= 0 and lines[j].kind != BOILER and not _breaks_chain(lines[j]):
        if lines[j].kind == BLANK and spaced and (taken or headers[chain[0]].text):
            break
        if lines[j].kind == TEXT:
            if taken == typical and not anchored:
                break
            taken += 1
            start = j
        j -= 1
    if j >= 0 and lines[j].kind == ANCHOR:
        start = j
    comments, indents, text_from = [], [], start
    signers = {headers[i].author for i in chain if not headers[i].guessed}
    for i in chain:
        h = headers[i]
        own = [ln.text for ln in lines[text_from:i] if ln.kind == TEXT and not _is_quote(ln.text)]
        author = h.author
        if h.text is not None:  # the signature closes the text's last line
            text = h.text
            if h.guessed:  # "... Hit By Kofi Dubois (talk) ...": the longest name the page signs with a dash
                whole = f"{text} {author}"
                author = max((a for a in signers if whole.endswith(" " + a)), key=len, default=author)
                text = whole[:len(whole) - len(author)].rstrip()
                if _INITIAL.match(author) and " " in text:  # "Nadia D.": an initial goes with the name before it
                    text, _, given = text.rpartition(" ")
                    author = f"{given} {author}"
            own.append(text)
        comments.append(Comment(author=author, posted=h.posted, text="\n".join(own),
                                parent=_parent(comments, indents, lines[i].indent, h.reply_to)))
        indents.append(lines[i].indent)
        text_from = i + h.span
    return start, comments


def _blank_then_text(gap: list[_Line]) -> bool:
    """A blank line, then the comment's lines with none between them."""
    kinds = [ln.kind for ln in gap if ln.kind in (BLANK, TEXT)]
    texts = [k for k, kind in enumerate(kinds) if kind == TEXT]
    return bool(kinds) and kinds[0] == BLANK and (not texts or BLANK not in kinds[texts[0]:texts[-1]])


def _header_chain(lines: list[_Line], headers: dict[int, _Header], whole_page: bool = True) -> list[int]:
    """The run of same-family headers that carries the page's comment section, or []."""
    if not headers:
        return []
    by_family: dict[str, list[int]] = {}
    for i, h in headers.items():
        by_family.setdefault(h.family, []).append(i)
    first_text = next((i for i, ln in enumerate(lines) if ln.kind == TEXT), -1) if whole_page else -1
    if any(ln.kind == ANCHOR for ln in lines[:max(first_text, 0)]):
        first_text = -1  # under a comments heading ("6 Comments") the first text is a comment, not a headline
    best: list[int] = []
    best_strength = 0.0
    for family, idx in by_family.items():
        idx.sort()
        chain = [idx[-1]]
        for prev in reversed(idx[:-1]):
            if prev == first_text and family not in _TIMED_ONE_LINE_FAMILIES:
                break  # the page's first line is its headline, not a comment (a chat line with its time is one)
            gap = [ln for ln in lines[prev + 1:chain[0]] if ln.kind != BLANK]
            if len(gap) > 15 or any(_breaks_chain(ln) for ln in gap):
                break
            chain.insert(0, prev)
        if family == "row" and any(ln.kind == TEXT and len(ln.text) > 80 for ln in lines[chain[-1] + 1:]):
            continue  # a table with paragraphs under it is the article's (a fixtures list), not its comments
        weak = family in _WEAK_FAMILIES
        if len(chain) == 1 and (family in ("tail", "labelled") or whole_page and not _lone_header_ok(lines, chain[0],
                                                                                      headers[chain[0]])):
            continue
        # Structural headers beat the weaker guesses (a name line above a time, a trailing time).
        strength = len(chain) + (0.0 if weak else 0.5)
        if strength > best_strength:
            best, best_strength = chain, strength
    return best


def _breaks_chain(line: _Line) -> bool:
    """Page chrome that never sits between two comments of one section (a short nav/ad line, a
    caption, a footer, a headline list, a comments heading; a thread's "12 replies" toggle is not one)."""
    if line.kind == BOILER:  # but "Share" under a comment is one of its action lines
        return len(line.text.split()) <= 3 and not _is_action(line.text, line.text.lower())
    if line.kind == ANCHOR and _REPLY_COUNT.match(line.text):
        return False
    return line.kind in _CHAIN_BREAKERS or line.footer_at >= 0


def _lone_header_ok(lines: list[_Line], at: int, header: _Header) -> bool:
    """A single header opens a comment section only below some article text, near the end, and
    with some comment text of its own (on its line, below it, or above it for a signature)."""
    if header.family == "chat" and _in_timed_list(lines, at):
        return False
    before = sum(ln.kind == TEXT and len(ln.text) > 80 for ln in lines[:at])
    after = sum(ln.kind == TEXT for ln in lines[at + header.span:])
    has_text = header.text is not None or header.family == "signature" or after > 0
    # under a comments heading ("1 Comment") one paragraph of article above is enough
    headed = any(ln.kind == ANCHOR for ln in lines[max(at - _WIDGET_PREAMBLE - 1, 0):at])
    return (before >= 2 or before >= 1 and headed) and after <= 12 and has_text


_WIDGET_PREAMBLE = 4  # short lines a comments heading may stand above the first comment
_TIME_LED = re.compile(rf"^(?:{_DATE}\s+)?{_TIME}\s+\S", re.I)


def _in_timed_list(lines: list[_Line], at: int) -> bool:
    """A line led by its time beside others led by theirs that are no chat lines: an entry of a live blog or a
    timeline ("22:30 The vote: seven in favour" under "21:40 A shop owner is asked to leave"), not a chat."""
    near = [ln for ln in (_non_blank(lines, at, -1), _non_blank(lines, at, 1)) if ln is not None]
    return _TIME_LED.match(lines[at].text) is not None \
        and any(ln.header is None and _TIME_LED.match(ln.text) is not None for ln in near)


def _non_blank(lines: list[_Line], at: int, step: int) -> _Line | None:
    i = at + step
    while 0 <= i < len(lines) and lines[i].kind == BLANK:
        i += step
    return lines[i] if 0 <= i < len(lines) else None


def _section_start(lines: list[_Line], first_header: int) -> int:
    """Where the comment section begins: its heading ("12 Comments") when one sits just above, even
    with a few short widget lines in between ("Sign in to join the discussion", "Threads")."""
    start = first_header
    j, short_lines = first_header - 1, 0
    while j >= 0 and short_lines <= _WIDGET_PREAMBLE:
        kind = lines[j].kind
        if kind == ANCHOR:
            start = j
        elif kind not in (BLANK, TRAILER, ACTION, NO_COMMENTS):
            if kind not in (TEXT, BOILER) or len(lines[j].text.split()) > 12 or lines[j].footer_at >= 0:
                break
            short_lines += 1
        j -= 1
    return start


def _parse_with_headers(lines: list[_Line], start: int, headers: dict[int, _Header], family: str,
                        widgets: frozenset[str] = frozenset()) -> list[Comment]:
    """Each header of the page's family opens a comment; its text lines follow until the next one
    (`widgets`: digit-masked lines the page repeats under its comments, not text)."""
    comments: list[Comment] = []
    paragraphs: list[list[str]] = []
    quoted: list[list[str]] = []  # each comment's quoted lines ("> ..."), not its text
    indents: list[int] = []
    earlier: set[str] = set()  # authors of the comments above the current one
    said: set[str] = set()  # their paragraphs, which a reply may quote
    closed = False
    # a feed's notes and a table's rows are one line each: the lines between are not text
    # (a feed is several notes: after one "name wrote: text" line, the lines below are its text, not lost)
    one_line_notes = family == "row" or family == "verb-inline" \
        and sum(h.family == family for k, h in headers.items() if k >= start) >= 2
    post_numbers: bool | None = None  # whether the section numbers its posts, once a header shows a number
    lone_words: dict[str, bool] = {}  # button words said by no other button line of the section
    timed = False  # the section's headers show their time on their own line ("name · 2 hours ago")
    i, n = start, len(lines)
    while i < n:
        line = lines[i]
        h = headers.get(i)
        if h is not None and (h.family == family or timed and _split_header(lines, i, h, paragraphs)):
            if h.family == family:
                timed = h.posted is not None
            posted, line_at = h.posted, i
            i += h.span
            if posted is None and i < n and lines[i].kind == STAMP:
                posted = lines[i].text
                i += 1
            # a header of several lines is indented as its name's line (not as the counter over it that closes the
            # comment above: "12" / "   Petra K." / "   vor 2 Std.")
            indent = next((ln.indent for ln in lines[line_at:line_at + h.span] if h.author and h.author in ln.text),
                          line.indent)
            parent = _parent(comments, indents, indent, h.reply_to)
            if parent is None and h.reply:  # a marked reply, not indented under its comment: the thread's latest
                parent = next((k for k in range(len(comments) - 1, -1, -1) if comments[k].parent is None), None)
            if comments:
                earlier.add(comments[-1].author)
                said.update(paragraphs[-1])
            if h.number and post_numbers is None:
                # "#3 " before most names numbers the posts; before one name only, it is part of it ("#1 fan").
                numbered = [bool(g.number) for k, g in headers.items() if k >= start and g.family == family]
                post_numbers = 2 * sum(numbered) >= len(numbered)
            author = h.number + h.author if h.number and not post_numbers else h.author
            comments.append(Comment(author=author, posted=posted, text="", parent=parent))
            paragraphs.append([h.text] if h.text else [])
            quoted.append([])
            # the rating line above the header, or opening a header of several lines
            title = next((t for k in range(line_at, line_at + h.span) if (t := _rated_title(lines, k))), None)
            if title is not None:
                paragraphs[-1].insert(0, title)
            indents.append(indent)
            closed = False
            continue
        if line.kind in (TRAILER, NO_COMMENTS):
            closed = True  # "Load more comments", a reply form: what follows is not comment text
        elif comments and not closed and not one_line_notes:
            if line.kind in (TEXT, CAPTION) and not (line.text[0] in "★☆" and i + 1 in headers
                                                     and _rated_title(lines, i + 1) is not None) \
                    and not (i + 1 in headers and _BADGE_LINE.match(line.text)):  # "Top Comment" over the next name
                parent_name = _reply_marker(line.text, earlier) if not paragraphs[-1] else None
                quote_end = _quote_block_end(lines, i, earlier, paragraphs[-1], said)
                if parent_name is not None:
                    if parent_name:
                        comments[-1].parent = _parent(comments[:-1], indents, 0, parent_name)
                elif quote_end is not None:
                    paragraphs[-1].clear()  # a "Quote:" line above it
                    i = quote_end
                elif _is_quote(line.text):
                    quoted[-1].append(line.text)
                elif not (widgets and ((masked := _DIGITS.sub("9", line.text)) in widgets
                                       or "  " in masked and " ".join(masked.split()) in widgets)
                          or _introduces_quote(lines, i)
                          or line.text[0] in _RULE_MARKS and _RULE.match(line.text) and _opens_next(lines, i, headers, family)
                          or _COUNT_LINE.match(line.text)
                          or _SUBJECT.match(line.text) or _quotes_earlier_comment(line.text, earlier)):
                    paragraphs[-1].append(line.text)
            elif line.kind == STAMP and comments[-1].posted is None:
                comments[-1].posted = line.text  # a time shown below the text
            elif line.kind in (ACTION, BOILER) and line.text.isalpha() and paragraphs[-1] \
                    and lines[i - 1].text == paragraphs[-1][-1] and _is_action(line.text, line.text.lower()) \
                    and (lone_words[low] if (low := line.text.lower()) in lone_words
                         else lone_words.setdefault(low, _lone_button_word(lines, start, i))):
                # One word a button could say ("more", "Share"), right under the text, where the section
                # repeats its real buttons under every comment and none of them says it: the text's last line.
                paragraphs[-1].append(line.text)
        i += 1
    for comment, paras, quotes in zip(comments, paragraphs, quoted):
        # a comment that is all quote marks (a greentext, a poem set as a quote) is its own words, not a reply's
        comment.text = "\n".join(paras or [_QUOTE_MARKS.sub("", q) for q in quotes])
    return comments


_QUOTE_MARKS = re.compile(r"^(?:>\s?)+")


# Stars, or a rating in words ("4.0 out of 5 stars", "5,0 von 5 Sternen"), then the review's title.
_RATED_TITLE = re.compile(r"^(?:[★☆]{3,10}|\d(?:[.,]\d)?\s+(?:out of|of|von|sur|de|su|van|из)\s+(?:5|10)"
                          r"(?:\s+(?:stars?|sternen?|étoiles?|estrellas?|stelle|estrelas?|sterren|bubbles?|звезд\w*))?)"
                          r"\s*(?P<title>[^\W\d_].*)$", re.I)
_RATING_LEADS = frozenset("★☆0123456789")
_RATING_WORDS = frozenset("star stars stern sterne sternen étoile étoiles estrella estrellas stelle estrela estrelas "
                          "sterren bubble bubbles".split())


def _split_header(lines: list[_Line], i: int, h: _Header, paragraphs: list[list[str]]) -> bool:
    """A name line over its time line ("blue_moon_77" / "1 hour ago") among headers that show the time on the
    name's line: the same header split in two, opening a comment where the one above has ended (its text said,
    then a blank or a button line). Such a time line is no time shown below the text: the headers have theirs."""
    return h.family == "name+stamp" and bool(paragraphs and paragraphs[-1]) and i > 0 \
        and lines[i - 1].kind in (BLANK, ACTION)


def _rated_title(lines: list[_Line], i: int) -> str | None:
    """A review's title behind its star rating on the line right above its header ("★★★☆☆ Must listen"):
    the reviewer's own words, the first line of the review."""
    above = lines[i - 1].text if i > 0 else ""
    if above[:1] in _RATING_LEADS and above and (m := _RATED_TITLE.match(above)) \
            and m["title"].split()[0].lower() not in _RATING_WORDS and not m["title"].islower():
        return m["title"]  # not the rating's unit ("4.0 of 5 bubbles")
    return None


def _lone_button_word(lines: list[_Line], start: int, i: int) -> bool:
    """Line i's one word is on no other button line of the section, and the section repeats a button line."""
    word = lines[i].text.lower()
    buttons: set[str] = set()
    repeated = False
    for k in chain(range(i + 1, len(lines)), range(start, i)):  # the next comment's buttons first
        if lines[k].kind in (ACTION, BOILER):
            text = lines[k].text
            if word in _WORD.findall(text.lower()):
                return False
            repeated = repeated or text in buttons
            buttons.add(text)
    return repeated


def _opens_next(lines: list[_Line], i: int, headers: dict[int, _Header], family: str) -> bool:
    """The next line below line i, past blank and "Load more" lines, opens the next comment (a "------" rule
    between two messages)."""
    j = next((j for j in range(i + 1, len(lines)) if lines[j].kind not in (BLANK, TRAILER)), None)
    return j is not None and j in headers and headers[j].family == family


def _parent(comments: list[Comment], indents: list[int], indent: int, reply_to: str | None) -> int | None:
    """The replied-to comment: the latest one by `reply_to`, else the latest one indented less."""
    if reply_to:
        for k in range(len(comments) - 1, -1, -1):
            if comments[k].author == reply_to:
                return k
    for k in range(len(comments) - 1, -1, -1):
        if indents[k] < indent:
            return k
    return None


# "In reply to Alice." under a header (WordPress, forums): names the parent, is not comment text.
_RULE = re.compile(r"^([-=_*~#])\1{2,}$")  # "------" between two messages
_RULE_MARKS = frozenset("-=_*~#")
_REPLY_MARKER = re.compile(r"^(?:in reply to|replying to|reply to|in response to|antwort auf|antwort an|en r[ée]ponse [àa]"
                           r"|r[ée]ponse [àa]|en respuesta a|respuesta a|in risposta a|risposta a|em resposta a|resposta a"
                           # nl, sv, da/no, fi, et, pl, cs, lt, ru: "Vastaus käyttäjälle Ana", "W odpowiedzi na Ana"
                           r"|(?:als )?antwoord (?:aan|op)|reactie op|svar (?:till|på|til)|vastaus(?:ena)? käyttäjälle"
                           r"|vastus kasutajale|w odpowiedzi (?:na|dla)|odpowiedź (?:dla|na)|odpověď (?:pro|na)"
                           r"|atsakymas (?:vartotojui|į)|в ответ (?:на|для)|ответ (?:для|на))"
                           r"\s+@?(?P<author>.{1,50}?)[.:]?$", re.I)
# "Alice wrote: <her words>" on one line: a quote of an earlier comment.
_QUOTE_ATTRIBUTION = re.compile(rf"^@?(?P<author>.{{1,50}}?)\s+{_VERB}:\s")


def _reply_marker(s: str, authors: set[str]) -> str | None:
    """The parent's name when `s` is a reply marker naming an earlier commenter ("" when it names a
    @handle that is not shown as an author), else None."""
    m = _REPLY_MARKER.match(s) if len(s) <= 80 else None
    if m is None:
        return None
    if m["author"] in authors:
        return m["author"]
    return "" if s.split()[-1].startswith("@") else None


def _quotes_earlier_comment(s: str, authors: set[str]) -> bool:
    if not authors or ": " not in s[:70]:
        return False
    m = _QUOTE_ATTRIBUTION.match(s)
    return m is not None and m["author"] in authors


def _quote_block_end(lines: list[_Line], i: int, authors: set[str], above: list[str],
                     said: set[str] = frozenset()) -> int | None:
    """Where a quoted block that opens a reply ends, or None. It opens with an attribution naming an
    earlier commenter ("Originally Posted by Alice", "Quote from: Alice on <date>"), perhaps under a
    "Quote:" line; the quote is the lines that repeat earlier comments' paragraphs (`said`) or their start,
    else a blank line parts it from the reply's own words."""
    s = lines[i].text
    if not authors or len(s) > 100 or len(above) > 1 or above and not (above[0].endswith(":")
                                                                       and len(above[0].split()) <= 2) \
            or not any(a and a in s and a != s for a in authors):
        return None
    j = i + 1
    while j < len(lines) and (lines[j].text in said or len(lines[j].text) >= 10
                              and any(p.startswith(lines[j].text) for p in said)):  # a quote cut short
        j += 1
    if j > i + 1:
        return j - 1
    end = next((j for j in range(i + 1, min(len(lines), i + 8)) if lines[j].kind == BLANK), None)
    if end is None or end == i + 1 or not any(ln.kind == TEXT for ln in lines[end + 1:end + 3]):
        return None
    return end


def _is_quote(s: str) -> bool:
    """A line quoted from the parent comment ("> ...")."""
    return s.startswith(">")


def _introduces_quote(lines: list[_Line], i: int) -> bool:
    """ "Alice wrote:" right above a quoted line, inside a reply."""
    if not lines[i].text.endswith(":"):
        return False
    following = next((ln for ln in lines[i + 1:] if ln.kind != BLANK), None)
    return following is not None and _is_quote(following.text)


def _parse_section(lines: list[_Line], opens: list[int] = (), owners: list = ()) -> list[Comment]:
    """Comments of a text that is known to be a comment section (e.g. marked up as such in HTML; `opens`: the
    lines where the markup starts a comment, `owners` the comment element of each)."""
    headers = _find_headers(lines)
    _reply_headers_raised(lines, headers, opens, owners)
    chain = _header_chain(lines, headers, whole_page=False)
    if chain:
        family = headers[chain[0]].family
        start = min([chain[0], *_unheaded_opens(lines, headers, opens, family)])
        return _parse_with_headers(lines, start, headers, family)
    return _decode_plain(lines, section_only=True)[1]


def _reply_headers_raised(lines: list[_Line], headers: dict[int, _Header], opens: list[int], owners: list) -> None:
    """A markup comment's name line may sit above a header the rules read lower down from the name of the
    comment it answers: "mgarcia" / "pedalpusher" / "Mar 5" (Discourse's in-reply-to), "LotsOfCars" /
    "In reply to GreenCommuter" / "5 hours ago" (Coral). The element starts with its author, so the header
    moves up to the element's first line with that author and names the other as the parent, instead of the
    author's line ending the comment above and the parent's name taking the reply. Without an "In reply to"
    the line above must be what the markup names the author (a subject line over a repeat commenter's header
    is not)."""
    ends = [*opens[1:], len(lines)]
    firsts = [next((i for i in range(a, b) if i in headers), None) for a, b in zip(opens, ends)]
    # Where the section shows names on a line of their own, over "Urban planner · 2 hours ago" (Ghost) the
    # name line is the author and the first field the commenter's tagline.
    own_name_lines = any(k is not None and headers[k].family == "name+stamp" for k in firsts)
    named: set[str] = set()  # authors of the comments above
    for a, k, owner in zip(opens, firsts, owners):
        if k is None:
            continue
        header = headers[k]
        above = [i for i in range(a, k) if lines[i].kind != BLANK]
        if above and len(above) <= 2 and header.author and lines[above[0]].kind == TEXT \
                and all(_marked_name_like(lines[i].text) for i in above):
            marker = _REPLY_MARKER.match(header.author)
            parent = marker["author"] if marker else header.author
            top = above[0]
            if marker or parent in named and _marked_author(owner) == lines[top].text:
                del headers[k]
                header = headers[top] = replace(header, author=lines[top].text, reply_to=parent,
                                                span=k + header.span - top)
            elif own_name_lines and header.family == "fields" and len(above) == 1:
                del headers[k]
                header = headers[top] = replace(header, author=lines[top].text, span=k + header.span - top)
        named.add(header.author)


def _unheaded_opens(lines: list[_Line], headers: dict[int, _Header], opens: list[int], family: str) -> list[int]:
    """The markup's comments with no header of the section's family among their own lines (a pingback, a
    deleted comment's notice, a header no rule reads), where most comments show one: each gets a header of
    unknown author at its first line, so that it is a comment of its own instead of the end of the one above.
    Returns their lines (`headers` gains their headers)."""
    ends = [*opens[1:], len(lines)]  # a comment's own lines end where the next comment (maybe its reply) starts
    headed = [any(headers.get(i) is not None and headers[i].family == family for i in range(a, b))
              for a, b in zip(opens, ends)]
    if sum(headed) * 2 <= len(opens):
        return []
    found = []
    for a, b, has_header in zip(opens, ends, headed):
        if has_header:
            continue
        first = lines[a]
        other = next((i for i in range(a, b) if i in headers), None)  # a header of another shape ("Ana · 2h")
        if other is not None:
            headers[other] = replace(headers[other], family=family)
            found.append(other)
        elif first.kind in (TEXT, CAPTION):
            headers[a] = _Header(family, None, None, text=first.text)
            found.append(a)
    return found


# --- header-less comment sections: Viterbi over body / author / text ------------------------------

_BODY, _AUTHOR, _TEXT = 0, 1, 2
_NEG = -1e9
_BODY_LINE = 1.0  # what each line earns by staying in the article
_ENTRY_REACH = 4  # how many lines below an end-of-article mark a comment section may start


_INITIAL_END = re.compile(r"\b[A-Z]\.$")  # "Nadia D."


def _author_score(s: str, repeats: int) -> float:
    """Log-odds-like score that a bare line is a username rather than a line of text."""
    if len(s) > 40 or s[0] in "\"“‘'([-—–*>#@%$€£+=" or _has_url(s) or not any(map(str.isalpha, s)):
        return -10.0
    if any(c in s for c in "、。，！？；："):
        return -5.0  # CJK sentence punctuation
    words = s.split()
    n = len(words)
    if n > 6:
        return -10.0
    score = (2.0, 2.0, 1.5, 0.5, -0.5, -1.5, -2.5)[n]
    if n > 1 and s.isupper():
        score -= 2.0  # an all-caps subhead ("US FALLS"), rarely a username
    if ": " in s:
        score -= 3.0  # "Tickets: $20", a label, not a name
    if s.startswith(("By ", "by ")):
        score -= 3.0  # a byline
    last = s[-1]
    if last in ",;:":
        score -= 3.0
    elif last == "." and not s.endswith("..") and not _INITIAL_END.search(s):
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


_SENTENCE_END = frozenset(".!?…,;:。！？")
_BLOCK_HEAD_MIN = -2.0  # a short line that could be a name ("Mike in Osaka"), not a sentence


def _blank_line_blocks(lines: list[_Line], section: list[int], counts: dict[str, int]) -> list[list[int]] | None:
    """The section's candidate lines grouped by the blank lines between them, when every group reads as one
    comment: a name-like line with text under it ("Sakura77" / "Too little." / "Exactly." / blank / "Mike in
    Osaka" / ...). Else None: a blank line may also part a comment's paragraphs."""
    blocks: list[list[int]] = [[section[0]]]
    for prev, i in zip(section, section[1:]):
        if any(ln.kind == BLANK for ln in lines[prev + 1:i]):
            blocks.append([])
        blocks[-1].append(i)
    if len(blocks) < 2:
        return None
    for block in blocks:
        head = lines[block[0]]
        if len(block) < 2 or head.kind != TEXT or head.text[-1] in _SENTENCE_END \
                or _author_score(head.text, counts[head.text]) < _BLOCK_HEAD_MIN:
            return None
    return blocks


def _mentions_name(name: str, text: str) -> bool:
    first = name.split(None, 1)[0]
    return len(first) >= 3 and first[0].isupper() and text.startswith(first) and text != name


def _decode_plain(lines: list[_Line], section_only: bool = False) -> tuple[int, list[Comment]]:
    """Label the text lines body/author/text; a comment is an author line then >= 1 text line."""
    seq: list[int] = []  # indices of the candidate (text) lines, in page order
    since_signal: list[int] = []  # candidates since the last end-of-article sign (-1: none yet)
    after_action: list[bool] = []  # a vote/reply line ("Like · Reply · 2h") sits just above
    action_stamps: dict[int, str] = {}
    closed = False
    since = 0 if section_only else -1
    paragraphs_seen = 0  # an end-of-article sign only counts below some article text
    anchored: list[bool] = []  # first line under a comments heading ("12 Comments")
    after_anchor = False
    last_action = False
    for i, line in enumerate(lines):
        kind = line.kind
        if kind == NO_COMMENTS:
            # "Comments are closed." and friends: nothing after them is a comment, and the page
            # did mark where its comment area is.
            closed = True
            break
        if kind in _POST_ARTICLE or (kind == BOILER and _POST_BOILER.match(line.text)):
            if paragraphs_seen >= 2 or kind == ANCHOR:
                since = 0
                after_anchor = kind == ANCHOR
        elif kind == ACTION:
            last_action = True
            stamp = _TIMESTAMP_ANYWHERE.search(line.text) if _time_hint(line.text) \
                or _last_word(line.text).rstrip(".") in _I18N_TIME_END else None
            if stamp:
                action_stamps[i] = stamp.group(0)
        elif kind == TEXT or kind == STAMP:
            seq.append(i)
            since_signal.append(since)
            anchored.append(after_anchor and since == 0)
            after_action.append(last_action)
            last_action = False
            if since >= 0:
                since += 1
            if len(line.text) > 80:
                paragraphs_seen += 1
            if line.footer_at >= 0:
                since = 0  # a footer glued to the last sentence ends the article
    m = len(seq)
    # A mark with nothing below it (a site footer under the comments) says nothing about where they start.
    any_signal = section_only or closed or any(0 <= x <= _ENTRY_REACH for x in since_signal)
    if m < 2:
        return len(lines), []
    counts: dict[str, int] = {}
    for i in seq:
        counts[lines[i].text] = counts.get(lines[i].text, 0) + 1
    # Where comments end with an action line, a new comment starts right after one and nowhere else,
    # and the lines just above an action line belong to a comment, never to the article.
    footered = sum(after_action) >= 2
    above_action = after_action[1:] + [last_action]

    # Viterbi over states body -> author -> text (-> author ...); scores are log-odds-like. Lines
    # above the first place a section may start are body, so decoding starts there.
    k0 = 0 if not any_signal else next((k for k, x in enumerate(since_signal) if 0 <= x <= _ENTRY_REACH), m)
    if k0 >= m - 1:
        return len(lines), []
    prev = [_NEG if section_only else 0.0, _NEG, _NEG]
    back: list[tuple[int, int, int]] = [(_BODY, _BODY, _BODY)] * k0
    for k in range(k0, m):
        s = lines[seq[k]].text
        author = _author_score(s, counts[s]) if lines[seq[k]].kind == TEXT else -10.0
        if k + 1 < m and _mentions_name(s, lines[seq[k + 1]].text):
            author -= 6.0  # "Jane Doe" / "Jane Doe covers city hall...": an author bio, not a comment
        if after_action[k] or anchored[k]:
            author += 6.0
        # Comment text is rarely repeated word for word (a structured article's lines often are),
        # and rarely a bare timestamp.
        text = -1.0 if counts[s] > 1 and s.count(" ") >= 3 else 0.0
        if lines[seq[k]].kind == STAMP:
            text -= 2.0
        # Comments that end with an action line: a new one only starts below one.
        next_comment = -8.0 if footered and not after_action[k] else 0.0
        # Where the page marks the article's end, the section may only start just below a mark, and
        # lines there no longer earn anything as body; an unmarked page lets it start anywhere, at
        # a price per article line it would claim.
        since = since_signal[k]
        if not any_signal:
            enter, body = -1.0, _BODY_LINE
        elif 0 <= since <= _ENTRY_REACH:
            enter, body = -0.5 * since, 0.0
        else:
            enter, body = _NEG, (0.0 if since > _ENTRY_REACH else _BODY_LINE)
        if footered and above_action[k]:
            body = _NEG
        if k == k0:
            cur = [_NEG if section_only else body, author + enter, _NEG]
            back.append((_BODY, _BODY, _BODY))
        else:
            from_body, from_text = prev[_BODY] + enter, prev[_TEXT] + next_comment
            arg_author = _BODY if from_body >= from_text else _TEXT
            arg_text = _AUTHOR if prev[_AUTHOR] >= prev[_TEXT] else _TEXT
            cur = [prev[_BODY] + body, max(from_body, from_text) + author, prev[arg_text] + text]
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
    blocks = _blank_line_blocks(lines, seq[first:], counts)
    if blocks is not None:  # the page sets each comment apart: its blocks, not the line scores, tell them apart
        labels[first:] = [_AUTHOR if k == 0 else _TEXT for block in blocks for k in range(len(block))]
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
        if rest and is_timestamp(first_line):  # a timestamp line under the author line
            c.posted, c.text = first_line, rest
        else:  # or a timestamp in the comment's action line ("Like · Reply · 2h")
            end = spans[n + 1] if n + 1 < len(spans) else len(lines)
            c.posted = next((ts for i, ts in action_stamps.items() if spans[n] < i < end), None)
    return _section_start(lines, seq[first]), comments


# --- unknown header formats: the comment section's repeating line structure -----------------------
#
# When no known header shape carries the tail of the page, look for the shape the page itself
# repeats. Each line gets a coarse signature: long/sentence-like lines are "L"; a short line is its
# tokens as classes (a name-like run "W", a time/date-like token "T", a count "9", separators and
# the page's own recurring label words kept literally, e.g. "W · T ago", "W replied:L"). A signature
# with a name part that recurs below the article, each occurrence followed by comment text and
# backed by a time (on the line or next to it), a speech verb or a vote/reply line, is the page's
# comment header. A page whose tail has no such rhythm (one article, a list, a Q&A column with no
# times) keeps zero comments.

_STRUCT_MIN = 3  # headers a repeating structure needs to count as a comment section
_STRUCT_GAP = 8  # widget lines in a row that end a run of comments
_STRUCT_SHORT_WORDS = 8
_STRUCT_SHORT_CHARS = 60
_STRUCT_NEAR = 3  # lines around a header where its time may be shown
_QUANTITY = re.compile(r"^[(\[⟨<]?\d+(?:[,.]\d+)?$")  # "2", "⟨2" in "⟨2 timmar⟩"; not "#3" or a list's "4."
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")  # "⟨2", "timmar⟩", "【name】", "(edited)"
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]+")
# "9 hari" of a digit-masked "name, 9 hari yang lalu": a quantity of time after a field separator.
_QUANTITY_UNIT = re.compile(r"(?<=[,·•|–—-]\s)9\s+[^\W\d_]+")
_NAME_FIELD = re.compile(r"^[^\d,·•|–—-]+[,·•|–—-]\s+(?=\d)")  # "Aisha 🔥, " of "Aisha 🔥, 5 hari yang lalu"
# "M. Mbeki · " of "M. Mbeki · منذ يوم": the name field, when the time is the one field left
_NAME_BEFORE_TIME_FIELD = re.compile(r"^(?P<name>[^,·•|–—]+?)\s*[,·•|–—]\s+(?=\S[^,·•|–—]{0,30}$)")
_COUNT_TOKEN = re.compile(r"^[+-]?[$€£¥]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[kKmM%]?$")  # "1,234", "$200", "3.5k"
_LABEL_PREFIX = re.compile(r"^(?P<prefix>[^:：!?]{1,40}?)\s*(?::\s|：)\s*(?P<rest>\S.*)$")
_PREFIX_SENTENCE = re.compile(r"\w\w\.(?:\s|$)")  # "Fine. Then: ..." is a sentence; "Irene F. dijo: ..." a header
_SENTENCE_END_MARK = re.compile(r"(?<!\b\w)[.!?…。！？]$")
_TIME_WORDS = frozenset("ago am pm a.m. p.m. yesterday today now".split()) | _I18N_TIME_END
_FIELD_SEPARATORS = " ·•|-–—/»›,:"  # around a time that follows a name on its line
# A token that starts with a digit and has at most a short unit ("3h", "9:02am", "3時間前", "14.03.21"),
# unlike a username with digits ("river_12", "5imian").
_TIMELIKE_TOKEN = re.compile(r"(?<![\w$€£¥.,])\d[\d:./,-]*[^\W\d_]{0,4}(?![\w%])")  # not "$139", "4.5%"


@dataclass(slots=True)
class _Shape:
    sig: str  # "L", a kind mark, or the token classes of a short line
    name: str | None  # the name-like run of a short line (its first one)
    rest: str | None  # for "label: text" lines, the text after the label
    timeish: bool  # a short line that shows a time or date
    stamped: bool = False  # a name, then a time


def _struct_tokens(s: str) -> list[str]:
    return s.replace("：", ": ").split()


def _label_words(lines: list[_Line], start: int) -> frozenset[str]:
    """Words the page repeats as labels below `start`: in >= 3 short lines, and either around
    varying words ("Location: Leeds", "Location: Lisbon") or next to numbers in about as many lines
    as the page's most repeated word ("för 2 timmar sedan"). A commenter's name line repeats as is."""
    lines_with: dict[str, int] = {}
    texts: dict[str, set[str]] = {}
    for line in lines[start:]:
        if line.kind != TEXT:
            continue
        s = line.text
        if len(s) > _STRUCT_SHORT_CHARS:  # a long line only has a label before its colon
            colon = max(s.find(":", 0, 42), s.find("：", 0, 42))
            if colon < 0:
                continue
            s = s[:colon]
        masked = _DIGITS.sub("9", s)
        # A name with its time ("Aisha, 5 hari yang lalu") varies only in the quantity and its unit, and the
        # name field before the separator is no label, however often its commenter posts.
        varied, words = s, s
        if masked != s:
            varied = _QUANTITY_UNIT.sub("9 _", masked)
            if named := _NAME_FIELD.match(s):
                words = s[named.end():]
        for tok in set(_struct_tokens(words)[:_STRUCT_SHORT_WORDS]):
            core = _EDGE_PUNCT.sub("", tok).lower()
            if masked != s:
                core = _DIGITS.sub("9", core)
            if core:
                lines_with[core] = lines_with.get(core, 0) + 1
                texts.setdefault(core, set()).add(varied)
    most = max(lines_with.values(), default=0)
    return frozenset(w for w, n in lines_with.items()
                     if n >= 3 and (len(texts[w]) >= 3 or n >= 0.6 * most and any("9" in t for t in texts[w])))


_ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$")


def _token_class(tok: str, labels: frozenset[str]) -> str:
    core = _EDGE_PUNCT.sub("", tok)
    if not core:
        return tok  # a separator ("·", "|", "»") is structure as it stands
    low = core.lower()
    if any(c.isdigit() for c in core):
        if _COUNT_TOKEN.match(core):
            return "9"
        letters = sum(c.isalpha() for c in _DIGITS.sub("", core))
        if letters == 2 and _ORDINAL.match(low):
            return "w"  # a rank or a connection degree ("2nd", "3rd+"), not an age ("3d")
        timelike = core[0].isdigit() and letters <= 4  # "3h", "9:02am", "14.03.21", "3時間前"; not "river_12"
        return "T" if timelike or _DIGITS.sub("9", low) in labels else "w"
    if len(core) == 1 and core.isalpha():
        return "w"  # an initial ("Grace H."), not a unit or a label
    if low in _TIME_WORDS:
        return "T"
    if low in labels:
        return _DIGITS.sub("9", low)
    return "w"


def _short_shape(s: str, labels: frozenset[str]) -> tuple[str, str | None, bool, bool]:
    """(signature, first name-like run, is a time, is a name then a time) of a short line."""
    tokens = _struct_tokens(s)
    classes = [_token_class(t, labels) for t in tokens]
    for k in range(1, len(classes)):
        if classes[k - 1] == "9" and _QUANTITY.match(tokens[k - 1]) and classes[k] != "T" and tokens[k][0].isalpha():
            classes[k] = "T"  # a quantity's unit: "2 timmar", "1 dag", "3 godz."
    sig: list[str] = []
    name: list[str] = []
    name_done = False
    after_name: list[str] = []  # the classes after the name run
    for tok, cls in zip(tokens, classes):
        if name_done:
            after_name.append(cls)
        if cls == "w":
            if not sig or sig[-1] != "W":
                sig.append("W")
            if not name_done:
                name.append(tok)
        else:
            sig.append(cls)
            if name and not name_done:
                name_done = True
                after_name.append(cls)
    # A time with at most a word or two around it ("Today 3:14pm", "för 2 timmar sedan"), not a
    # sentence with a duration in it ("Eat 1–2 hours after your workout").
    timeish = ("T" in classes or "9" in classes and "w" not in classes) and classes.count("w") <= 2 \
        and sig.count("W") <= 1
    stamped = "T" in after_name and after_name.count("w") <= 1  # "✦ name ⟨2 timmar⟩", "name · 3h ago"
    return " ".join(sig), " ".join(name) or None, timeish, stamped


_LONG_SHAPE = _Shape("L", None, None, False)


def _line_shape(line: _Line, labels: frozenset[str]) -> _Shape:
    if line.kind != TEXT:
        return _Shape("S" if line.kind == STAMP else f"K{line.kind}", None, None, line.kind == STAMP)
    s = line.text
    colon = ":" in s[:42] or "：" in s[:42]
    if not colon and len(s) > _STRUCT_SHORT_CHARS:
        return _LONG_SHAPE
    m = _LABEL_PREFIX.match(s) if colon else None
    if m and len(m["prefix"].split()) <= 4 and not _PREFIX_SENTENCE.search(m["prefix"]):
        sig, name, _, _ = _short_shape(m["prefix"], labels)
        return _Shape(f"{sig}:L", name, m["rest"], False)
    words = len(s.split()) - (s[-1] in "★☆✩✪⭐½")  # a star rating after a reviewer's name is no word of a sentence
    if words > _STRUCT_SHORT_WORDS or len(s) > _STRUCT_SHORT_CHARS or words >= 2 and _SENTENCE_END_MARK.search(s):
        return _LONG_SHAPE
    sig, name, timeish, stamped = _short_shape(s, labels)
    return _Shape(sig, name, None, timeish and len(s.split()) <= 6, stamped)


def _is_content(shape: _Shape, line: _Line, widgets: frozenset[str]) -> bool:
    """Comment text rather than a widget line: sentence-like, or a short line with a name-like part
    that is not a line the page repeats under its comments ("Senior Member", "返信")."""
    if line.kind != TEXT or shape.timeish or _COUNT_LINE.match(line.text):
        return False
    if shape.sig == "L" or shape.sig.endswith(":L") and ("W" in shape.sig or _SENTENCE_END_MARK.search(line.text)
                                                         or len(line.text) > _STRUCT_SHORT_CHARS):
        return True
    return "W" in shape.sig and line.text not in widgets


def _structure_signals(lines: list[_Line], start: int) -> int:
    """A cheap upper bound on how many headers could be backed: time and vote/reply lines, short
    lines with a time-like token, "name verb: text" lines."""
    n = 0
    for line in lines[start:]:
        kind = line.kind
        if kind == STAMP or kind == ACTION:
            n += 1
        elif kind == TEXT:
            s = line.text
            if len(s) <= _STRUCT_SHORT_CHARS and (s.count(" ") < 6 or len(s.split()) < 7) \
                    and _TIMELIKE_TOKEN.search(s) \
                    and not _SENTENCE_END_MARK.search(s):
                n += 1
            elif (":" in s[:42] or "：" in s[:42]) and not _VERB_WORDS.isdisjoint(s[:42].lower().split()):
                n += 1
    return n


def _article_start(lines: list[_Line]) -> int:
    """Just below the article's second long paragraph: a headline and a dateline are not a comment."""
    long_lines = 0
    for i, line in enumerate(lines):
        if line.kind == TEXT and len(line.text) > 80:
            long_lines += 1
            if long_lines == 2:
                return i + 1
    return len(lines)


def _closing_widgets(lines: list[_Line], rows: list[int], shapes: dict[int, _Shape], mask: bool = False
                     ) -> frozenset[str]:
    """A short line repeated at the end of comments is a widget line ("返信", "Svara · Gilla"): it
    follows comment text. A frequent commenter's name follows the previous comment's widget lines.
    With `mask`, digits count as one ("返信 0", "返信 6"): the lines come back digit-masked."""
    masked: dict[int, str] = {}  # each line is read several times below: masked once

    def text_of(i: int) -> str:
        if not mask:
            return lines[i].text
        text = masked.get(i)
        if text is None:
            text = masked[i] = _DIGITS.sub("9", lines[i].text)
        return text

    repeats: dict[str, int] = {}
    verbatim: dict[str, int] = {}
    for i in rows:
        if lines[i].kind == TEXT and len(lines[i].text) <= _STRUCT_SHORT_CHARS:
            text = text_of(i)
            repeats[text] = repeats.get(text, 0) + 1
            verbatim[lines[i].text] = verbatim.get(lines[i].text, 0) + 1
    def after_text(k: int) -> bool:
        """Below a text line, or below one "label: value" line under it ("Date of experience: May 3"); not
        below a line the page repeats as is ("Previous message (by thread): ..."), itself the widget line."""
        return k > 0 and (shapes[rows[k - 1]].sig == "L"
                          or k > 1 and shapes[rows[k - 1]].sig.endswith(":L") and shapes[rows[k - 2]].sig == "L"
                          and verbatim.get(lines[rows[k - 1]].text, 0) < _STRUCT_MIN)

    closing: dict[str, int] = {}
    for k, i in enumerate(rows):
        text = text_of(i)
        if repeats.get(text, 0) >= 2 and after_text(k):
            closing[text] = closing.get(text, 0) + 1
    found = {text for text, n in closing.items() if n > repeats[text] / 2}
    # A second button line right under the first ("12 people found this helpful" / "Did you find this helpful?
    # Yes  No"), or a row of buttons one a line ("Reply all" / "Reply to author" / "Forward"), with a blank line
    # below the last: a name under the buttons is followed by its time or its text.
    def closes_run(i: int) -> bool:
        for j in range(i + 1, min(i + _BUTTON_RUN, len(lines)) + 1):
            if j == len(lines) or lines[j].kind == BLANK:
                return True
            if lines[j].kind != ACTION and repeats.get(text_of(j), 0) < 2:
                return False
        return False

    buttons = set(found)
    for _ in range(_BUTTON_RUN):
        under: dict[str, int] = {}
        for k, i in enumerate(rows[1:], 1):
            text = text_of(i)
            if repeats.get(text, 0) >= 2 and text not in buttons and rows[k - 1] == i - 1 \
                    and (text_of(i - 1) in buttons or lines[i - 1].kind == ACTION) and closes_run(i):
                under[text] = under.get(text, 0) + 1
        more = {text for text, n in under.items() if n > repeats[text] / 2}
        if not more:
            break
        buttons |= more
    return frozenset(buttons)


_BUTTON_RUN = 3  # button lines a section may stack under its comments, one a line


@dataclass(slots=True)
class _TailMarks:
    """Where the page's tail starts: below the article's first paragraphs, and below its first end
    mark; and how many lines there could back a comment header."""
    start: int
    marked: int
    signals: int


def _tail_marks(lines: list[_Line]) -> _TailMarks:
    start = _article_start(lines)
    # Most article-only pages have nothing below their end mark (share line, footer, "Most Read",
    # a comments heading) that could back a header.
    # A copyright footer glued to the article's last sentence ends the article as well as one on its own line.
    marked = next((i for i in range(start, len(lines)) if lines[i].kind in _POST_ARTICLE
                   or lines[i].kind == BOILER and _POST_BOILER.match(lines[i].text) or lines[i].footer_at > 0), start)
    return _TailMarks(start, marked, _structure_signals(lines, marked))


def _find_structure(lines: list[_Line], marks: _TailMarks) -> tuple[int, list[Comment]]:
    """(section start, comments) from the page's own repeating header shape, or (len(lines), [])."""
    if marks.signals < _STRUCT_MIN:
        return len(lines), []
    start = marks.start
    labels = _label_words(lines, start)
    rows = [i for i in range(start, len(lines)) if lines[i].kind != BLANK]
    shapes = {i: _line_shape(lines[i], labels) for i in rows}
    counts: dict[str, int] = {}
    for i in rows:
        sig = shapes[i].sig
        if "W" in sig and sig != "L":
            counts[sig] = counts.get(sig, 0) + 1
    widgets = _closing_widgets(lines, rows, shapes)
    best: tuple[int, list[Comment]] = (len(lines), [])
    for sig, n in sorted(counts.items(), key=lambda kv: -kv[1])[:4]:
        if n < _STRUCT_MIN:
            break
        found = _parse_structure(lines, rows, shapes, widgets, sig)
        if len(found[1]) > len(best[1]):
            best = found
    return best


@dataclass(slots=True)
class _Run:
    """Comments opened by one unbroken run of same-shape header lines."""
    last: int = -1  # row position of the latest header or comment line
    comments: list[Comment] = field(default_factory=list)
    paragraphs: list[list[str]] = field(default_factory=list)
    backed: list[bool] = field(default_factory=list)  # a time, a speech verb or a vote/reply line goes with it
    starts: list[int] = field(default_factory=list)  # line index of each header

    def accepted(self) -> bool:
        """A comment section's rhythm: enough headers, more than one author, most of them backed."""
        while self.comments and not self.paragraphs[-1]:
            self.comments.pop(), self.paragraphs.pop(), self.backed.pop(), self.starts.pop()
        # Two names taking turns through a long run are an article's recurring subheads, not commenters.
        if len({c.author for c in self.comments}) < (2 if len(self.comments) <= 4 else 3):
            return False
        # Unbacked headers at the top of a run are the article's subheads above the section.
        lead = next((k for k, b in enumerate(self.backed) if b), len(self.backed))
        del self.comments[:lead], self.paragraphs[:lead], self.backed[:lead], self.starts[:lead]
        n = len(self.comments)
        shown = [c.posted for c in self.comments if c.posted]
        return n >= _STRUCT_MIN and len({c.author for c in self.comments}) >= 2 and sum(self.backed) >= 0.75 * n \
            and not (len(shown) >= _STRUCT_MIN and len(set(shown)) == 1)  # one repeated line is not a time


def _parse_structure(lines: list[_Line], rows: list[int], shapes: dict[int, _Shape], widgets: frozenset[str],
                     sig: str) -> tuple[int, list[Comment]]:
    """Comments opened by the lines of signature `sig`: the longest run of them with a comment
    section's rhythm, or none."""
    one_line = sig.endswith(":L")
    verb = not _VERB_WORDS.isdisjoint(w.rstrip(":") for w in sig.replace(":L", "").split())
    best, run = _Run(), _Run()
    used: set[int] = set()  # time lines taken as a header's `posted`
    for k, i in enumerate(rows):
        line, shape = lines[i], shapes[i]
        if run.comments and (k - run.last > _STRUCT_GAP or _breaks_chain(line) or line.kind == NO_COMMENTS):
            if run.accepted() and len(run.comments) > len(best.comments):
                best = run
            run = _Run()  # the run ended: what follows is something else, or another run
        if shape.sig == sig and (not run.comments or run.paragraphs[-1]) and i not in used \
                and line.text not in widgets:
            author = shape.name or ""
            if not 2 <= len(author) <= 50 or len(author.split()) > 6:
                continue
            posted, evidence = None, verb
            if shape.timeish or shape.stamped:
                posted = line.text[line.text.find(author) + len(author):].strip(_FIELD_SEPARATORS)
                evidence = True
            elif not evidence:  # a time line just below (badges between) or just above the header
                for j in rows[k + 1:k + 1 + _STRUCT_NEAR] + rows[max(0, k - _STRUCT_NEAR):k][::-1]:
                    if shapes[j].sig == sig and lines[j].text not in widgets:
                        break
                    if shapes[j].timeish and j not in used:
                        posted, evidence = lines[j].text, True
                        used.add(j)
                        break
                    if _is_content(shapes[j], lines[j], widgets):
                        break
            if not evidence and run.comments and _is_content(shapes[rows[k - 1]], lines[rows[k - 1]], widgets):
                run.paragraphs[-1].append(line.text)  # a short paragraph of the comment, not a new header
                continue
            run.starts.append(i)
            run.last = k
            run.comments.append(Comment(author=author, posted=posted or None, text="", parent=None))
            run.paragraphs.append([shape.rest] if one_line and shape.rest else [])
            run.backed.append(evidence)
        elif run.comments:
            if line.kind == ACTION:
                run.backed[-1] = True
            elif shape.timeish and i not in used and run.paragraphs[-1]:
                run.backed[-1] = True  # a time shown below the comment's text
                used.add(i)
                if run.comments[-1].posted is None:
                    run.comments[-1].posted = line.text
            elif i not in used and _is_content(shape, line, widgets) and not _is_quote(line.text):
                run.paragraphs[-1].append(line.text)
                run.last = k  # a long comment keeps its run going
    if run.accepted() and len(run.comments) > len(best.comments):
        best = run
    if not best.comments:
        return len(lines), []
    for comment, paras in zip(best.comments, best.paragraphs):
        comment.text = "\n".join(paras)
    # Repeating widget lines right above the first header (an "Entry #12" line) open the section too.
    start = best.starts[0]
    for j in range(start - 1, -1, -1):
        if lines[j].kind == BLANK:
            continue
        if lines[j].kind == TEXT and j in shapes and "W" not in shapes[j].sig and shapes[j].sig != "L":
            start = j
            continue
        break
    return _section_start(lines, start), best.comments


# --- comment blocks around their time lines -------------------------------------------------------
#
# Many widgets show each comment as a block around one time line. Either a few short meta lines
# (a name, "#3" or "Entry #3", a rank, "Location: Leeds") stand next to the time and the text follows
# ("header style"), or the text comes first and the time, with its vote/reply line, closes it
# ("footer style": "26w 3 likes Reply", "2小时前 来自 Android 回复"). The page itself says which and
# how wide the blocks are: the times cut the tail into gaps; a position next to the time belongs to
# the block when most blocks have a short non-sentence line there; the author is the first name-like
# line of the block, or, with none, the name that opens the text ("name：text", "handle text").
# Nothing here knows a widget's words; a tail without such a rhythm keeps the other detectors' result.

# A full date with its clock time anywhere in a line, whatever label or brackets stand around it.
_DATED_CLOCK = re.compile(rf"(?<!\w)(?:{_WEEKDAY})?{_DATE},?\s*{_AT}?\s*{_CLOCK}(?!\w)", re.I)
_BRACKETED_WORD = re.compile(r"^[(\[](\w+)[)\]]$")
_WEEKDAYS = frozenset("mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday "
                      "sunday".split())
_MONTHS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
                    "august september october november december".split())
_BLOCK_REACH = 6  # meta lines a block may have on one side of its time
_BLOCK_MAJORITY = 0.6  # share of blocks that must agree on a position or a form


_COUNT_MARK = re.compile(r"^[(\[]?9[)\]]?$")


def _without_counts(widget: str) -> str | None:
    """A digit-masked widget line without its counts ("Respect (9)  Reply" -> "Respect Reply"), if it has any."""
    words = widget.split()
    kept = [w for w in words if not _COUNT_MARK.match(w)]
    return " ".join(kept) if len(words) > len(kept) >= 2 else None


@dataclass(slots=True)
class _Tail:
    """The lines below the article's first paragraphs, with their shapes and repeated widget lines."""
    lines: list[_Line]
    shapes: dict[int, _Shape]
    widgets: frozenset[str]  # digit-masked
    label_counts: dict[str, int]  # "Posts" -> lines of the tail that start with "Posts:"
    uncounted: frozenset[str] = frozenset()  # the widget lines without their counts, words single-spaced

    def __post_init__(self) -> None:
        # "Respect  Reply  Share" where the others show "Respect (11)  Reply  Share": the same buttons, no count
        self.uncounted = frozenset(filter(None, (_without_counts(w) for w in self.widgets)))

    def meta(self, i: int) -> bool:
        """A short non-sentence line that may sit in a comment's header block."""
        line, shape = self.lines[i], self.shapes.get(i)
        if shape is None or line.kind not in (TEXT, STAMP) or self.widget(i) or shape.sig == "L":
            return False
        if not shape.sig.endswith(":L") or "W" not in shape.sig:
            return True
        return self.field(i)

    def field(self, i: int) -> bool:
        """"Location: Leeds", "Posts: 4,241", "Date of experience: May 3, 2021": a label the page repeats,
        before a short value; not "name: text". Profile data, never a comment's text."""
        line, shape = self.lines[i], self.shapes[i]
        if shape.rest is None:
            return False
        label = line.text[:len(line.text) - len(shape.rest)]
        return self.label_counts.get(label.rstrip(" :："), 0) >= _STRUCT_MIN and len(shape.rest.split()) <= 4 \
            and not _SENTENCE_END_MARK.search(line.text)

    def widget(self, i: int) -> bool:
        masked = _DIGITS.sub("9", self.lines[i].text)
        return masked in self.widgets or bool(self.uncounted) and " ".join(masked.split()) in self.uncounted

    def content(self, i: int) -> bool:
        shape = self.shapes.get(i)
        return shape is not None and not self.widget(i) and _is_content(shape, self.lines[i], frozenset()) \
            and not _is_quote(self.lines[i].text)

    def name(self, i: int, time_line: bool) -> str | None:
        """The author a block line shows: a name line, or the name before the time on the time line.
        A line with a number of its own is a counter ("Entry #3", "2."), not a name; a bracketed word is a
        placeholder name ("(Anonymous)", "[deleted]")."""
        line, shape = self.lines[i], self.shapes[i]
        if time_line:
            # the whole field: "Aisha 🔥" of "Aisha 🔥, 5 hari yang lalu", "M. Mbeki" of "M. Mbeki · منذ يوم"
            named = _NAME_FIELD.match(line.text) if shape.stamped else None
            if named is None and line.kind == TEXT and (field := _NAME_BEFORE_TIME_FIELD.match(line.text)) \
                    and _name_like(field["name"]) and not _calendar_words(field["name"]) \
                    and not any(w[0].isdigit() for w in field["name"].split()):  # not "09-02-2021" of
                # ", 01:06 PM" nor "Ana  25 марта" of ", 14:05"
                # "nomad_346" of "nomad_346 · منذ يوم": a handle's digits are the name's, however often it posts
                return field["name"]
            if not shape.stamped or _calendar_words(shape.name):
                return None  # "Mon Jul" of "Mon Jul 27 03:45:52 UTC 2019" is the date, not a name
            return named.group().rstrip(" ,·•|–—-") if named else shape.name.rstrip(",;·•|»›")
        # ("W": a word the page does not repeat; or any name after a label: "Review by" + a frequent commenter)
        if line.kind == TEXT and ("W" in shape.sig or " by " in line.text[:24] and _LABEL_BY.match(line.text)) \
                and "9" not in shape.sig.split() and not shape.sig.endswith(":L") \
                and not shape.timeish and not self.widget(i) and not _BADGE_LINE.match(line.text):
            name = _labelled_rated_name(line.text)
            return name if _name_like(_BRACKETED_WORD.sub(r"\1", name)) else None
        return None


_LABEL_BY = re.compile(r"^[^\W\d_]+ by\s+(?=\S)")  # "Review by ", "Answer by "
_NAME_RATING = re.compile(r"\s+[★☆✩✪⭐½]+$")  # " ★★★½" after a reviewer's name


def _labelled_rated_name(s: str) -> str:
    """The name of a block's name line without the label before it and the star rating after it ("Review by
    Ana Ruiz ★★★½")."""
    if s[-1] in "★☆✩✪⭐½" and (rating := _NAME_RATING.search(s)):
        s = s[:rating.start()]
    if " by " in s[:24] and (label := _LABEL_BY.match(s)) and label.end() < len(s):
        s = s[label.end():]
    return s


def _calendar_words(s: str) -> bool:
    """"Mon Jul", "Tuesday": the weekday and month that open a date ("May" alone may be a name)."""
    words = [w.strip(".,").lower() for w in s.split()]
    return all(w in _WEEKDAYS or w in _MONTHS for w in words) and (len(words) > 1 or words[0] in _WEEKDAYS)


def _time_line(line: _Line, shape: _Shape, time_words: frozenset[str], after_words: frozenset[str]) -> bool:
    """A line that shows a comment's time: a timestamp line, or a short line that starts with a time
    ("26w 34 likes Reply"), puts one after a name ("name · 3h"), starts with a word the page puts
    before its quantities of time ("منذ ساعة" beside "منذ 3 ساعات", "vor einer Stunde"), or is a
    quantity of time closed by the word the page puts after them ("3 saat önce", "2 giờ trước")."""
    if line.kind == STAMP:
        return True
    words = line.text.split()
    if len(words) <= 3 and (words[0].lower() in time_words
                            or shape.sig.startswith("9 T") and words[-1].lower() in after_words):
        return True
    if time_words and line.kind == TEXT and (named := _NAME_BEFORE_TIME_FIELD.match(line.text)):
        rest = line.text[named.end():].split()  # "name · منذ يوم" beside "name · منذ 3 ساعات"
        if len(rest) <= 3 and rest[0].lower() in time_words:
            return True
    if line.kind == ACTION:  # "26w 34 likes Reply", "Like · Reply · 7w"
        return _token_class(words[0], frozenset()) == "T" or _AGE.match(words[-1]) is not None
    if line.kind != TEXT or shape.sig == "L" or _counters_only(line.text):
        return False
    if len(line.text) <= _STRUCT_SHORT_CHARS and _DATED_CLOCK.search(line.text):
        return True  # a date and a clock inside a label ("« Reply #2 on: March 3, 2021, 12:37:58 PM »")
    if _dated_field(line.text):
        return True  # ... or in one field of a wider post bar ("#4  Posted: Fri Oct 27, 2018 11:49 am    Post subject: ...")
    if _glyphs_around_time(line.text):
        return True  # a rating or an icon beside the date ("★★★★☆  March 3, 2022")
    if shape.timeish and " 9 T" in f" {shape.sig}" and "W" not in (parts := shape.sig.split()) \
            and any(p not in ("9", "T") and p[0].isalpha() for p in parts):
        return True  # a quantity of time among the page's own widget words ("Thích  Trả lời  10 phút trước")
    return not shape.sig.endswith(":L") and (shape.sig.split()[0] == "T" or shape.stamped)


_NAME_SEPARATORS = frozenset("·•|-–—,")
_AGE = re.compile(r"^\d{1,3}(?:s|m|h|d|w|y|mo|min|hr|yr)$")  # "7w", "6m": a button line's last word is a time
_WIDE_GAP = re.compile(r"\s{3,}|\t+")  # how a post bar's fields stand apart once the markup is gone


def _dated_field(s: str) -> bool:
    """A line of fields set apart by wide gaps, one of them a short label with a date and a clock."""
    if len(s) <= _STRUCT_SHORT_CHARS or len(s) > 3 * _STRUCT_SHORT_CHARS or "   " not in s and "\t" not in s:
        return False
    return any(len(f) <= _STRUCT_SHORT_CHARS and not _SENTENCE_END_MARK.search(f) and _DATED_CLOCK.search(f)
               for f in _WIDE_GAP.split(s))


_LABELLED_COUNTS = re.compile(r"^(?:[^\W\d_]+\s+\d[\d,.]*[kK]?\s*){2,}$")  # "Useful 7  Funny 2  Cool 3"
_BRACKETED_COUNT = re.compile(r"^[^\W\d_]+\s?[(\[（]\d[\d,.]*[kK]?[)\]）]$")  # "回复(8)", "Like(12)"


def _counters_only(s: str) -> bool:
    """A button line whose numbers all count something in brackets ("回复(8)  赞(64)") or follow their labels
    ("Useful 7  Funny 2  Cool 3"): a time is not written so."""
    numbered = [tok for tok in s.split() if any(ch.isdigit() for ch in tok)]
    if numbered and all(_BRACKETED_COUNT.match(tok) for tok in numbered):
        return True
    return len(numbered) >= 2 and _LABELLED_COUNTS.match(s) is not None \
        and not any(w.lower() in _MONTHS or w.lower() in _WEEKDAYS for w in s.split() if not w[0].isdigit())


def _glyphs_around_time(s: str) -> str | None:
    """The timestamp of a short line that only adds symbols to it ("★★★★☆  March 3, 2022", "🕒 3 hours ago")."""
    if len(s) > _STRUCT_SHORT_CHARS or s[0].isalnum() and s[-1].isalnum():
        return None
    words = [w for w in s.split() if any(ch.isalnum() for ch in w)]
    rest = " ".join(words)
    return rest if words and len(rest) < len(s) and is_timestamp(rest) else None


def _shown_time(line: _Line, shape: _Shape) -> str:
    """The time as the page shows it: a time line whole, or the time tokens that open a meta line
    ("26w" of "26w 34 likes Reply", "5月2日 08:04" of "5月2日 08:04 来自 Android 回复")."""
    if line.kind == STAMP or shape.stamped:
        return line.text
    if shown := _glyphs_around_time(line.text):
        return shown
    tokens = line.text.split()
    n = next((k for k, tok in enumerate(tokens) if _token_class(tok, frozenset()) != "T"), len(tokens))
    if n == 0 and (dated := _DATED_CLOCK.search(line.text)):
        return dated.group()
    if n == 0 and (shape.sig.endswith(" 9 T") or " 9 T " in shape.sig):
        k = next(k for k, tok in enumerate(tokens) if _QUANTITY.match(tok))
        if k >= 2:  # buttons before the time ("Thích  Trả lời  10 phút trước"), not one word of it ("منذ 3 ساعات")
            return " ".join(tokens[k:])
    if all(tok[0] in "([" and tok[-1] in ")]" for tok in tokens[n:]):
        return line.text  # a time zone or an edit mark in brackets belongs to it ("06:34 am (UTC)")
    return " ".join(tokens[:n]).rstrip(",") or line.text


def _walk(tail: _Tail, i: int, step: int, limit: int, stop: int) -> int:
    """How many meta lines sit next to line i in direction `step`. Where a blank line above (or the
    neighbouring block) ends them, all of them; else at most `limit`: the rest is the neighbouring
    comment's text."""
    n, j = 0, i + step
    while n < _BLOCK_REACH and j != stop and 0 <= j < len(tail.lines) and tail.meta(j):
        n, j = n + 1, j + step
    delimited = j == stop or not 0 <= j < len(tail.lines) or step < 0 and tail.lines[j].kind == BLANK
    return n if delimited else min(n, limit)


def _reach(counts: list[int]) -> int:
    """The widest block side most blocks have."""
    need = _BLOCK_MAJORITY * len(counts)
    return max((d for d in range(1, _BLOCK_REACH + 1) if sum(c >= d for c in counts) >= need), default=0)


def _find_blocks(lines: list[_Line], marks: _TailMarks) -> tuple[int, list[Comment]]:
    """(section start, comments) from the blocks around the comments' time lines, or (len(lines), [])."""
    start, marked = marks.start, marks.marked
    if marks.signals < _STRUCT_MIN and sum(
            line.text[:1].isdigit() and line.kind in (TEXT, ACTION) and len(line.text) <= _STRUCT_SHORT_CHARS
            and _TIMELIKE_TOKEN.match(line.text) is not None for line in lines[marked:]) < _STRUCT_MIN:
        return len(lines), []  # too few lines that could show a time
    heading = next((i for i in range(start, len(lines)) if lines[i].kind == ANCHOR), None)
    if heading is not None:
        marked = max(marked, heading)  # "12 Comments": no comment above the section's heading
    labels = _label_words(lines, start)
    shapes = {i: _line_shape(lines[i], labels) for i in range(start, len(lines)) if lines[i].kind != BLANK}
    label_counts: dict[str, int] = {}
    for i, shape in shapes.items():
        if shape.rest is not None:
            label = lines[i].text[:len(lines[i].text) - len(shape.rest)].rstrip(" :：")
            label_counts[label] = label_counts.get(label, 0) + 1
    tail = _Tail(lines, shapes, _closing_widgets(lines, sorted(shapes), shapes, mask=True), label_counts)
    # Words that open "word 3 unit" lines or close "3 unit word" lines, the way a page words its relative
    # times in any language ("منذ 3 ساعات", "3 saat önce"): a word the page repeats around quantities of time.
    openers: dict[str, int] = {}
    closers: dict[str, int] = {}
    for i, shape in shapes.items():
        parts = shape.sig.split()
        if len(parts) > 3 and parts[0] not in ("9", "T") and parts[1] in _NAME_SEPARATORS:
            parts = parts[2:]  # the time after a name ("name · منذ 3 ساعات")
        if len(parts) == 3 and parts[1:] == ["9", "T"] and parts[0] not in ("W", "T", "9"):
            openers[parts[0]] = openers.get(parts[0], 0) + 1
        elif len(parts) == 3 and parts[:2] == ["9", "T"] and parts[2] not in ("W", "T", "9"):
            closers[parts[2]] = closers.get(parts[2], 0) + 1
    time_words = frozenset(w for w, n in openers.items() if n >= 2)
    after_words = frozenset(w for w, n in closers.items() if n >= 2)
    time_words |= _day_words(lines, shapes, time_words)
    # "53 perce", "15 órája", "6 napja" on lines of their own: quantities of the page's several units of time.
    # A counter keeps one word, maybe inflected ("1 reply", "3 replies"), and buttons count their own words.
    units = {lines[i].text.split()[1].lower() for i, shape in shapes.items() if shape.sig == "9 T"
             and lines[i].kind == TEXT and len(lines[i].text.split()) == 2 and _QUANTITY.match(lines[i].text.split()[0])}
    units -= _ACTION_WORDS
    if len({unit[:3] for unit in units}) >= 2:
        after_words |= units
    times: list[int] = []
    for i in range(marked, len(lines)):
        if i in shapes and _time_line(lines[i], shapes[i], time_words, after_words):
            if times and not any(tail.content(j) for j in range(times[-1] + 1, i)):
                # A second time in the same block ("Join Date", an edit time): a full timestamp beats a
                # quantity that only looks like one ("GB • 4 reviews" above "Apr 15, 2024").
                if lines[i].kind == STAMP and lines[times[-1]].kind != STAMP:
                    times[-1] = i
                continue
            times.append(i)
    if len(times) > _STRUCT_MIN and _counts_the_rest(lines, times):
        times = times[1:]
    if len(times) < _STRUCT_MIN:
        return len(lines), []
    up = _reach([_walk(tail, t, -1, _BLOCK_REACH, p) for p, t in zip([-1, *times], times)])
    down = _reach([_walk(tail, t, 1, _BLOCK_REACH, n) for t, n in zip(times, [*times[1:], len(lines)])])
    blocks = []  # (first line, time line, last line) of each block
    names: list[str | None] = []
    for p, t in zip([-1, *times], times):
        a, b = t - _walk(tail, t, -1, up, p), t + _walk(tail, t, 1, down, len(lines))
        top = t - _walk(tail, t, -1, _BLOCK_REACH, p)
        name = None
        while name is None and a >= top:  # a block wider than most, to reach its name line
            name = next((n for i in range(a, b + 1) if (n := tail.name(i, i == t))), None)
            a -= name is None
        blocks.append((max(a, top), t, b))
        names.append(name)
    if sum(n is not None for n in names) >= _BLOCK_MAJORITY * len(blocks) and _cards_below(tail, blocks):
        return _card_blocks(tail, blocks)
    if down <= 1 and _text_above_times(tail, times):
        return _footer_blocks(tail, [(a, t, t) for a, t, _ in blocks])  # the line below a time opens the next
    if sum(n is not None for n in names) >= _BLOCK_MAJORITY * len(blocks):
        return _header_blocks(tail, blocks, names)
    return _footer_blocks(tail, blocks)


_EDIT_NOTE = re.compile(r"^(?:last\s+)?edited\b", re.I)


_CARD_GAP = frozenset({BLANK, ACTION, BOILER})


def _cards_below(tail: _Tail, blocks: list[tuple[int, int, int]]) -> bool:
    """Each block is an author's card under the text it signs (a Q&A site's "answered <time>" over the name):
    text right above the first block, none below the last, and the last block's name below its time (where a
    comment signs with its time alone, a name below a time opens the next comment, and the last has none)."""
    def named_below(k: int) -> bool:  # and not above, where a header block has its name
        a, t, _ = blocks[k]
        return _name_below(tail, blocks, k)[0] is not None \
            and not any(_card_name(tail, i, i == t) for i in range(a, t + 1))

    if not named_below(len(blocks) - 1) or sum(map(named_below, range(len(blocks)))) < _BLOCK_MAJORITY * len(blocks):
        return False
    a, b = blocks[0][0], _name_below(tail, blocks, len(blocks) - 1)[1]
    above = next((i for i in range(a - 1, -1, -1) if tail.lines[i].kind not in _CARD_GAP), None)
    return above is not None and tail.content(above) and not _gap_text(tail, b + 1, len(tail.lines))


def _name_below(tail: _Tail, blocks: list[tuple[int, int, int]], k: int) -> tuple[str | None, int]:
    """(the name below block k's time, maybe past a second time: "edited <time>", "answered <time>", the name; the
    block's last line, down to that name)."""
    _, t, b = blocks[k]
    for i in range(t + 1, min(blocks[k + 1][0] if k + 1 < len(blocks) else len(tail.lines), t + _BLOCK_REACH + 1)):
        if i not in tail.shapes:
            break  # a blank line closes the card
        if name := _card_name(tail, i, False):
            return name, max(b, i)
        if i > b and tail.content(i):
            break
    return None, b


def _card_name(tail: _Tail, i: int, time_line: bool) -> str | None:
    """The name a card's line shows; on a card of its own a handle's digits are the name's ("user1830437")."""
    name = tail.name(i, time_line)
    if name is None and not time_line and tail.lines[i].kind == TEXT and _name_like(tail.lines[i].text):
        return tail.lines[i].text
    return name


def _card_blocks(tail: _Tail, blocks: list[tuple[int, int, int]]) -> tuple[int, list[Comment]]:
    """Cards below the text: each comment is the text above its block, by the name nearest below the block's time
    (an editor's card above it is not the author's)."""
    merged: list[tuple[int, int, int]] = []
    for block in blocks:  # an editor's card ("edited <time>", the editor) stands over the author's: one block
        if merged and _EDIT_NOTE.match(tail.lines[merged[-1][1]].text) \
                and not any(tail.content(i) for i in range(merged[-1][2] + 1, block[0])):
            block = (merged.pop()[0], *block[1:])
        merged.append(block)
    blocks = merged
    comments, start, ends = [], None, []
    for k, (a, t, b) in enumerate(blocks):
        name, end = _name_below(tail, blocks, k)
        name = name or next((n for i in range(t - 1, a - 1, -1) if (n := _card_name(tail, i, False))), None)
        ends.append(end)
        if k:  # every content line between two cards: a per-post "Add a comment" heading is no section's end
            text = [tail.lines[i].text for i in range(ends[k - 1] + 1, a) if tail.content(i)]
        else:  # the first text: back from the first card to a blank line or the section's chrome
            i = a - 1  # past the post's buttons ("Share", "Follow") between its text and its card
            while i >= 0 and tail.lines[i].kind in _CARD_GAP:
                i -= 1
            text = []
            while i >= 0 and tail.content(i) and not _BARE_SCORE.match(tail.lines[i].text):
                text.insert(0, tail.lines[i].text)
                i -= 1
            start = i + 1
        while text and _BARE_SCORE.match(text[0]):
            text = text[1:]  # the post's vote score above its text
        if name and text:
            comments.append(Comment(author=name, posted=_shown_time(tail.lines[t], tail.shapes[t]),
                                    text="\n".join(text), parent=None))
    if start is None or not _block_rhythm(comments, len(blocks), _button_times(tail, blocks)):
        return len(tail.lines), []
    return _section_start(tail.lines, start), comments


def _day_words(lines: list[_Line], shapes: dict[int, _Shape], time_words: frozenset[str]) -> set[str]:
    """Where the page shows its times after the name ("name · saa 3 zilizopita"), one word in the time's place
    on several name lines is a time with no number ("name · jana": yesterday), in any language."""
    lone: dict[str, int] = {}
    timed = 0
    for i, shape in shapes.items():
        if lines[i].kind != TEXT or shape.sig == "L" or not (named := _NAME_BEFORE_TIME_FIELD.match(lines[i].text)):
            continue
        rest = lines[i].text[named.end():].split()
        if shape.stamped or rest[0].lower() in time_words:
            timed += 1
        elif len(rest) == 1 and rest[0].isalpha() and rest[0].lower() not in _ACTION_WORDS:
            lone[rest[0].lower()] = lone.get(rest[0].lower(), 0) + 1
    return {w for w, n in lone.items() if n >= 2} if timed >= _STRUCT_MIN else set()


def _counts_the_rest(lines: list[_Line], times: list[int]) -> bool:
    """The first "time" is the section's heading ("댓글 5개", "12 Komentar"): its one number counts the
    times below it, and no other time line has its form."""
    heading = lines[times[0]].text
    if len(heading.split()) > 3 or any(sep in heading for sep in ",·•|") or lines[times[0]].kind == STAMP:
        return False  # "H. Gallagher, 4 menit yang lalu" is a comment's own time, and so is "3 weeks ago"
    numbers = _DIGITS.findall(heading)
    masked = _DIGITS.sub("9", heading)
    return numbers == [str(len(times) - 1)] and all(_DIGITS.sub("9", lines[t].text) != masked for t in times[1:])


def _text_above_times(tail: _Tail, times: list[int]) -> bool:
    """Footer style even where names were found: long text lines stand right above most times and
    right below few, with at most a name between a time and the next text (short comments, "Same
    here", pass for header lines on their own)."""
    def long_at(i: int, step: int) -> bool:
        while 0 <= i < len(tail.lines) and tail.lines[i].kind == BLANK:
            i += step
        return i in tail.shapes and tail.shapes[i].sig == "L"

    above = sum(long_at(t - 1, -1) for t in times)
    below = sum(long_at(t + 1, 1) for t in times)
    return above >= _BLOCK_MAJORITY * len(times) and below < len(times) / 4


def _gap_text(tail: _Tail, first: int, end: int) -> list[str]:
    """The comment text between two blocks: content lines until the section visibly ends."""
    out, idle = [], 0
    for i in range(first, end):
        line = tail.lines[i]
        if _breaks_chain(line) or line.kind == NO_COMMENTS or idle > _STRUCT_GAP:
            break
        if tail.content(i) and not _introduces_quote(tail.lines, i) and not _BADGE_LINE.match(line.text):
            out.append(line.text)
            idle = 0
        elif line.kind != BLANK:
            idle += 1
    return out


def _header_blocks(tail: _Tail, blocks: list[tuple[int, int, int]], names: list[str | None]
                   ) -> tuple[int, list[Comment]]:
    """Header style: each block is one comment header; its text follows, parsed as for known headers."""
    headers: dict[int, _Header] = {}
    for (a, t, b), name in zip(blocks, names):
        if name is not None:
            posted = _shown_time(tail.lines[t], tail.shapes[t])
            # "name · 3h ago": the name on the time line is no part of the time; a name on a line of its own
            # leaves the time line whole ("Sa., 22.11.2026 14:03" under "Sabine Wolf": "Sa.," is a weekday)
            if tail.shapes[t].stamped and tail.shapes[t].name and (at := posted.find(name)) >= 0:
                posted = posted[at + len(name):].strip(_FIELD_SEPARATORS)
            headers[a] = _Header("block", name, posted, span=b + 1 - a)
    first = min(headers, default=len(tail.lines))
    fields = {_DIGITS.sub("9", tail.lines[i].text) for i in tail.shapes if tail.field(i)}
    widgets = tail.widgets | tail.uncounted | fields
    comments = [c for c in _parse_with_headers(tail.lines, first, headers, "block", widgets) if c.text]
    if not _block_rhythm(comments, len(blocks), _button_times(tail, blocks)):
        return len(tail.lines), []
    return _section_start(tail.lines, first), comments


def _footer_blocks(tail: _Tail, blocks: list[tuple[int, int, int]]) -> tuple[int, list[Comment]]:
    """Footer style: each comment's text ends at its time line; the name opens the text."""
    gaps = [_gap_text(tail, b + 1, t2) for (_, _, b), (_, t2, _) in zip(blocks, blocks[1:])]
    if not gaps or not all(gaps):
        return len(tail.lines), []
    # The first comment: content lines right above the first time, as many as a comment may have; where
    # blank lines only ever separate comments, up to the blank line above it (not into the widget's heading).
    t0 = blocks[0][1]
    first, i = [], t0 - 1
    stop_at_blank = _blank_separated(tail, blocks)
    while i >= 0 and len(first) < max(map(len, gaps)) and (tail.content(i) or tail.lines[i].kind == BLANK):
        if tail.lines[i].kind == BLANK and stop_at_blank and first:
            break
        if tail.lines[i].kind != BLANK and not _BADGE_LINE.match(tail.lines[i].text):
            first.insert(0, tail.lines[i].text)
        i -= 1
    if not first:
        return len(tail.lines), []
    gaps.insert(0, first)
    named = [_name_line(g) for g in gaps]
    if sum(n is not None for n in named) >= _BLOCK_MAJORITY * len(gaps):
        pairs = [(g[0], g[1:]) if n else (None, g) for g, n in zip(gaps, named)]
    else:  # the form most comments open with: "name: text", "handle text" or "Given Family text"
        pairs = max(([_name_prefix(g, form) for g in gaps] for form in ("labelled", "handle", "proper")),
                    key=lambda found: sum(a is not None for a, _ in found))
        if sum(a is not None for a, _ in pairs) < _BLOCK_MAJORITY * len(gaps):
            return len(tail.lines), []
    comments = [Comment(author=a, posted=_shown_time(tail.lines[t], tail.shapes[t]), text="\n".join(text), parent=None)
                for (a, text), (_, t, _) in zip(_drop_quoted(pairs), blocks) if a and text]
    if not _block_rhythm(comments, len(blocks), _button_times(tail, blocks)):
        return len(tail.lines), []
    return _section_start(tail.lines, i + 1), comments


def _blank_separated(tail: _Tail, blocks: list[tuple[int, int, int]]) -> bool:
    """A blank line closes most footer blocks and none stands inside a comment's text."""
    lines = tail.lines
    closed = sum(b + 1 < len(lines) and lines[b + 1].kind == BLANK for _, _, b in blocks)
    if closed < _BLOCK_MAJORITY * len(blocks):
        return False
    for (_, _, b), (_, t2, _) in zip(blocks, blocks[1:]):
        text = [i for i in range(b + 1, t2) if tail.content(i)]
        if text and any(lines[i].kind == BLANK for i in range(text[0], text[-1])):
            return False
    return True


def _drop_quoted(pairs: list[tuple[str | None, list[str]]]) -> list[tuple[str | None, list[str]]]:
    """Without the message a reply shows above its own words: an earlier commenter's name line, then
    the start of one of that commenter's paragraphs (chat apps cut it short)."""
    out: list[tuple[str | None, list[str]]] = []
    said: dict[str, list[str]] = {}
    for author, text in pairs:
        kept, k = [], 0
        while k < len(text):
            quoted = said.get(text[k], ()) if k + 1 < len(text) and len(text[k + 1]) >= 10 else ()
            if any(p.startswith(text[k + 1]) for p in quoted):
                k += 2
                continue
            kept.append(text[k])
            k += 1
        out.append((author, kept))
        if author:
            said.setdefault(author, []).extend(kept)
    return out


def _name_line(gap: list[str]) -> str | None:
    """A name line above the text ("Sounds good to me" / "not guilty. He didn't ...")."""
    s = gap[0]
    return s if len(gap) >= 2 and len(s.split()) <= 5 and _name_like(s) and not _SENTENCE_END_MARK.search(s) else None


def _name_prefix(gap: list[str], form: str) -> tuple[str | None, list[str]]:
    """The name that opens a comment's first line: "name：text", "name: text" (`labelled`), "handle text"
    or, where comments show real names, "Grace Gallagher Avoiding bad weather ..." (`proper`: a given and a
    family name, each one capitalised word)."""
    s = gap[0]
    if form == "labelled":
        m = _LABEL_PREFIX.match(s)
        if m and _name_like(m["prefix"]) and not _PREFIX_SENTENCE.search(m["prefix"]):
            return m["prefix"], [m["rest"], *gap[1:]]
        return None, gap
    if form == "proper":
        words = s.split(" ", 2)
        if len(words) == 3 and all(_proper_word(w) for w in words[:2]):
            return f"{words[0]} {words[1]}", [words[2], *gap[1:]]
        return None, gap
    head, _, rest = s.partition(" ")
    if rest and _HANDLE_TOKEN.match(head) and head not in _FUNCTION_WORDS:
        return head, [rest, *gap[1:]]
    return None, gap


def _proper_word(w: str) -> bool:
    """One capitalised word of a name: "Grace", "O'Neil", "Müller"; not "The" or "I"."""
    return len(w) >= 2 and w[0].isupper() and w[1:].replace("'", "").replace("-", "").isalpha() \
        and w[1:].islower() and w.lower() not in _FUNCTION_WORDS


# A one-word handle opening a line: lower-case, maybe with digits, dots, dashes or underscores.
_HANDLE_TOKEN = re.compile(r"^[a-z0-9][a-z0-9._\-]*[a-z0-9._]$")


def _button_times(tail: _Tail, blocks: list[tuple[int, int, int]]) -> bool:
    """Most blocks' times stand on a button line ("Like · Reply · 7w"): no article subhead has one."""
    return sum(tail.lines[t].kind == ACTION for _, t, _ in blocks) >= _BLOCK_MAJORITY * len(blocks)


def _block_rhythm(comments: list[Comment], blocks: int, buttons: bool = False) -> bool:
    """A comment section: enough comments, most blocks turned into comments, and more than one author
    (more than two in a long run: two names taking turns are an article's recurring subheads, unless
    each block has its button line)."""
    authors = {c.author for c in comments}
    return len(comments) >= _STRUCT_MIN and len(authors) >= (2 if len(comments) <= 4 or buttons else 3) \
        and len(comments) >= _BLOCK_MAJORITY * blocks and not _timelike_authors(comments)


# --- article body ---------------------------------------------------------------------------------


def _body_lines(lines: list[_Line]) -> list[str]:
    """The article's own lines: page chrome (a masthead over the headline too), captions, lists and copyright
    footers left out."""
    kept: list[str] = []
    for line in lines[_masthead_end(lines):]:
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


_SECTION_BAR = re.compile(r"\s+[|›>»/·•]\s+")  # "Sport | Football", "News › UK › Politics"
_MINOR_WORDS = frozenset("a an and at de del der di du el for in la le of on the to und van von y".split())


def _masthead_end(lines: list[_Line]) -> int:
    """Past the masthead when the page's text opens with one, else 0: the site's name (a short title-cased line),
    a bar of its sections, then a longer line that reads as a headline ("The Evening Courier" / "Sport | Football"
    / "United 4-0 City: Okafor double sinks rivals"). A headline opening the text has article text or a byline
    under it, not a section bar."""
    shown = [k for k, ln in enumerate(lines[:16]) if ln.kind != BLANK]
    first = next((n for n, k in enumerate(shown) if lines[k].kind == TEXT), len(shown))  # past "Skip to content"
    top = shown[first:first + 3]
    if len(top) < 3:
        return 0
    name, bar, headline = (lines[k] for k in top)
    words = name.text.split()
    if name.kind != TEXT or len(words) > 5 or name.text[-1] in ".!?:" \
            or not all(w[0].isupper() or not w[0].isalpha() or k and w in _MINOR_WORDS for k, w in enumerate(words)):
        return 0
    fields = _SECTION_BAR.split(bar.text)
    is_bar = bar.kind == BOILER and _is_link_bar(bar.text) or bar.kind == TEXT and 2 <= len(fields) <= 5 \
        and all(len(f.split()) <= 3 and f[0].isupper() for f in fields) and bar.text[-1] not in ".!?:"
    if not is_bar or headline.kind != TEXT or not _headline_like(headline.text) \
            or len(headline.text.split()) <= len(words):
        return 0
    return top[2]


def _after_article(lines: list[_Line]) -> int:
    """Index just past the last end-of-article mark (share/newsletter/tags line, copyright footer,
    headline list, comments heading) that sits below some article text, or len(lines)."""
    paragraphs, end = 0, len(lines)
    for i, line in enumerate(lines):
        if line.kind in _POST_ARTICLE or line.kind == BOILER and _POST_BOILER.match(line.text):
            if paragraphs >= 2:
                end = i + 1
        elif line.kind == TEXT:
            if len(line.text) > 80:
                paragraphs += 1
            if line.footer_at >= 0 and paragraphs >= 2:
                end = i + 1
    return end


def _join_body(kept: list[str], lines: list[_Line]) -> str:
    """Paragraphs joined the way the page separates them: by blank lines or by single newlines."""
    blank_separated = len(kept) > 1 and sum(ln.kind == BLANK for ln in lines) >= len(kept) // 2
    return ("\n\n" if blank_separated else "\n").join(kept)


def _guess_title(body: list[str]) -> str | None:
    """The headline: a first body line that reads like one (short, no closing punctuation)."""
    if len(body) < 2:
        return None
    return body[0] if _headline_like(body[0]) else None


def _headline_like(s: str) -> bool:
    """Short, no closing punctuation, not a date."""
    return 2 <= len(s.split()) <= 25 and s[-1] not in ".:;,\"”" and not _DATELINE.match(s)


# the clock after a dateline's day: ", 10:02pm", " at 5:12 pm GMT"
_CLOCK_AFTER_DATE = re.compile(rf",?\s*(?:{_AT}\s*)?{_CLOCK}(?:\s+\(?[A-Z]{{2,4}}\)?)?$")
_LEADING_WEEKDAY = re.compile(_WEEKDAY, re.I)


def _guess_date(body: list[str]) -> str | None:
    """A dateline near the top ("December 23, 2020", "Saturday 8 February 2025, 10:02pm"), as YYYY-MM-DD when
    its day parses."""
    for s in body[:4]:
        if len(s) > 50 or _HAS_DIGIT(s) is None:
            continue
        day = _CLOCK_AFTER_DATE.sub("", s)
        if len(day) <= 40 and _DATELINE.match(day):
            day = day[m.end():] if (m := _LEADING_WEEKDAY.match(day)) else day
            for fmt in ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d"):
                try:
                    return datetime.strptime(day, fmt).date().isoformat()
                except ValueError:
                    pass
            return s
    return None
