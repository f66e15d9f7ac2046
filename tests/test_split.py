"""The page splitter: the user's seed pages, every comment layout family on pages written here,
tricky lines, no-comment pages, replies, HTML input, and the bars on the dev corpus."""
import json
from pathlib import Path

import pytest

from comments.split import is_timestamp, split_document, split_text
from comments.types import Document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

HEADLINE = "Harbour town votes to rebuild its old stone pier"
PARAGRAPHS = [
    "The town council voted on Monday to rebuild the stone pier that storms damaged last winter, "
    "ending months of argument over the cost.",
    "Engineers said the work would take two summers and that the fishing fleet could keep using "
    "the eastern half while the western half is rebuilt.",
    "Some residents wanted the money spent on the school roof instead, and a petition against the "
    "plan gathered several hundred signatures.",
    "\u201cThe pier is why this town exists at all,\u201d the mayor said after the vote.",
]
ARTICLE = "\n\n".join([HEADLINE, *PARAGRAPHS])
CHROME_TOP = "Skip to main content\nMenu\nJoin our WhatsApp channel for breaking news first!\n"
CHROME_BOTTOM = ("Share this article\nSign up for our newsletter\nTags: Local, Politics\n"
                 "Most Read\n1. Ferry timetable changes for the winter\n2. Library reopens after repairs\n"
                 "3. Local bakery wins regional prize\n")

# (author, posted, text) for the comment sections written below; note the tricky ones:
# "Sounds good to me" is a username that reads like a sentence, "Martin Kowalski" is a one-line
# comment that reads like a username.
COMMENTS = [
    ("harbour_watcher", "2 hours ago", "About time. The old pier was a danger to everyone.\n"
                                       "My father fished from it for forty years."),
    ("Sounds good to me", "3 hours ago", "Who is paying for this, though?"),
    ("eliza.m", "5 hours ago", "Martin Kowalski"),
    ("Gran Torino", "yesterday", "The school roof leaks every time it rains. Priorities, people!"),
]


def page(section: str) -> str:
    return f"{CHROME_TOP}{ARTICLE}\n{CHROME_BOTTOM}\n{section}"


def triples(p):
    return [(c.author, c.posted, c.text) for c in p.comments]


def assert_whole_article(p):
    assert p.article_body.split() == ARTICLE.split()
    assert p.title == HEADLINE


# --- the user's seed pages (bundled as examples/, same bytes as ../shared/seeds) -------------------

def example(n: int) -> str:
    (path,) = EXAMPLES.glob(f"{n:03d}_*.txt")
    return path.read_text(encoding="utf-8")


def test_seed_japan_today_has_its_nine_comments():
    text = example(2)
    p = split_text(text, id="002")
    assert [c.author for c in p.comments] == [
        "Simian Lane", "sourpuss", "Sh1mon M4sada", "Yrral", "Fighto!", "Akie", "PTownsend", "non party",
        "KnowBetter"]
    assert all(c.posted is None and c.parent is None for c in p.comments)
    by_author = {c.author: c.text for c in p.comments}
    assert by_author["Sh1mon M4sada"] == ("Rather strong but hidden message from Putin to Biden and the EU.\n"
                                          "\"Sever ties to China now! Russia has a badass sidekick\".")
    assert by_author["Fighto!"].startswith("Two murderous, totalitariian states")
    last_four = [line.strip() for line in text.strip().split("\n")[-4:]]
    assert last_four[0] == "I see this two ways."
    assert by_author["KnowBetter"] == "\n".join(last_four)
    # The AP copyright footer glued to the last sentence is not body; the date prefix is the date.
    assert p.article_body.endswith("and other issues.")
    assert "Copyright" not in p.article_body and "©" not in p.article_body
    assert p.date == "2020-12-22"
    assert p.article_body.startswith("Russian and Chinese bombers flew")
    assert len(p.article_body.split("\n")) == 9


# Lines the seed pages' hand labels drop (README of the dev corpus): captions, promo, nav.
SEED_DROPPED = {
    0: ["Photo/Illutration In this photo taken from a video"],
    1: ["Join our brand new verified AMN Telegram channel", "Chinese H-6K bomber, flies in a joint air patrol"],
    3: ["In this photo taken from video released by"],
    4: ["Left Menu"],
}


@pytest.mark.parametrize("n", sorted(SEED_DROPPED))
def test_seeds_without_comments_keep_their_whole_article(n):
    text = example(n)
    p = split_text(text, id=str(n))
    assert p.comments == []
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines[0].startswith("date "):
        assert p.date == lines[0].split()[1]
        lines[0] = " ".join(lines[0].split()[2:])
    expected = [line for line in lines if line and not line.startswith(tuple(SEED_DROPPED[n]))]
    assert p.article_body.split() == " ".join(expected).split()


def test_seed_headline_and_dateline_are_body_and_tell_title_and_date():
    p = split_text(example(1), id="001")
    assert p.title == "Russia releases video of Russian, Chinese bombers flying together near Japan, South Korea"
    assert p.date == "2020-12-23"
    assert p.article_body.startswith(p.title + "\n\nDecember 23, 2020\n\n")


def test_seeds_match_the_hand_labels(shared_pages):
    for n in range(5):
        gold = json.loads((shared_pages / f"seed-{n:03d}.json").read_text(encoding="utf-8"))
        p = split_text((shared_pages / f"seed-{n:03d}.txt").read_text(encoding="utf-8"), id=gold["id"])
        assert [c for c in p.to_dict()["comments"]] == gold["comments"]
        assert p.article_body.split() == gold["article_body"].split()


# --- comment layout families, on pages written here ------------------------------------------------

def test_author_line_then_paragraphs():
    section = "\n".join(f"{a}\n{t}" for a, _, t in COMMENTS) + "\nLogin to comment\n"
    p = split_text(page(section), id="p")
    # No timestamps shown, so posted is None. The short "Martin Kowalski" must be text. Known limit:
    # "Sounds good to me", a sentence-like username right under a two-line comment, with no header,
    # no action line and no repetition to tell it apart, is read as a third line of that comment.
    assert [(c.author, c.posted, c.text) for c in p.comments] == [
        ("harbour_watcher", None, f"{COMMENTS[0][2]}\nSounds good to me\n{COMMENTS[1][2]}"),
        *[(a, None, t) for a, _, t in COMMENTS[2:]]]
    assert_whole_article(p)


def test_author_bullet_time_with_votes_and_replies():
    section = "4 Comments\nLogin\nSort by Best\nJoin the discussion…\n\n" + "\n".join(
        f"{a} • {ts}\n{t}\n3 △ ▽\nReply • Share ›\n" for a, ts, t in COMMENTS) + (
        "eliza.m → Gran Torino • an hour ago\nRoofs can wait one more year.\nReply • Share ›\n"
        "Load more comments\nPowered by Disqus\n")
    p = split_text(page(section), id="p")
    assert triples(p) == COMMENTS + [("eliza.m", "an hour ago", "Roofs can wait one more year.")]
    assert [c.parent for c in p.comments] == [None, None, None, None, 3]
    assert_whole_article(p)


def test_says_with_date_line_and_reply():
    stamps = ["March 3, 2021 at 5:12 pm", "March 3, 2021 at 6:40 pm", "4 March 2021 at 08:15", "March 4, 2021"]
    section = "4 thoughts on \u201cHarbour town votes\u201d\n" + "\n".join(
        f"{a} says:\n{ts}\n{t}\nReply" for (a, _, t), ts in zip(COMMENTS, stamps)) + "\nComments are closed.\n"
    p = split_text(page(section), id="p")
    assert triples(p) == [(a, ts, t) for (a, _, t), ts in zip(COMMENTS, stamps)]
    assert_whole_article(p)


def test_forum_points_and_indented_replies():
    section = (
        "harbour_watcher · 12 points · 5h\nAbout time.\nReply Share Report\n"
        "  Sounds good to me · 3h\n  Who is paying for this, though?\n  Reply Share Report\n"
        "    eliza.m · 2h\n    The county is.\n    Reply Share Report\n"
        "  Gran Torino · 1h\n  Priorities, people!\n  Reply Share Report\n"
        "Mina · 40 points · 1d\nGood news for the fleet.\nReply Share Report\n")
    p = split_text(page(section), id="p")
    assert [(c.author, c.posted, c.text, c.parent) for c in p.comments] == [
        ("harbour_watcher", "5h", "About time.", None),
        ("Sounds good to me", "3h", "Who is paying for this, though?", 0),
        ("eliza.m", "2h", "The county is.", 1),
        ("Gran Torino", "1h", "Priorities, people!", 0),
        ("Mina", "1d", "Good news for the fleet.", None),
    ]
    assert_whole_article(p)


def test_one_line_chat_messages():
    section = "Live chat\n" + "\n".join(
        f"[2021-03-0{i + 1} 10:1{i}] {a}: {t.split(chr(10))[0]}" for i, (a, _, t) in enumerate(COMMENTS))
    p = split_text(page(section), id="p")
    assert triples(p) == [(a, f"2021-03-0{i + 1} 10:1{i}", t.split("\n")[0])
                          for i, (a, _, t) in enumerate(COMMENTS)]
    assert_whole_article(p)


def test_numbered_wrote_on():
    section = "Comments (4)\n\n" + "\n".join(
        f"#{i + 1} {a} wrote on 3 Mar 2021, 10:1{i}:\n{t}" for i, (a, _, t) in enumerate(COMMENTS))
    p = split_text(page(section), id="p")
    assert triples(p) == [(a, f"3 Mar 2021, 10:1{i}", t) for i, (a, _, t) in enumerate(COMMENTS)]
    assert_whole_article(p)


@pytest.mark.parametrize("render", [
    # Layouts that are not in the dev corpus.
    lambda a, ts, t: f"{a}\n{ts}\n{t}\nLike · Reply",
    lambda a, ts, t: f"Posted by {a} | {ts}\n{t}",
    lambda a, ts, t: f"{a} | {ts} | 4 likes\n{t}\nReply",
    lambda a, ts, t: f"{a} - {ts}\n{t}\n",
    lambda a, ts, t: f"On {ts}, {a} wrote:\n{t}\n",
    lambda a, ts, t: f"{a} said...\n{t}\n{ts}\n",
    lambda a, ts, t: f"{t}\n— {a}, {ts}\n",
], ids=["name-then-time-line", "posted-by", "pipes-and-likes", "dash", "on-date-wrote", "said-then-time",
        "signed-after-text"])
def test_unseen_header_layouts(render):
    stamps = ["March 3, 2021 at 5:12 pm", "March 3, 2021 at 6:40 pm", "March 4, 2021 at 8:15 am", "March 4, 2021"]
    section = "Reader comments\n" + "\n".join(render(a, ts, t) for (a, _, t), ts in zip(COMMENTS, stamps))
    p = split_text(page(section), id="p")
    assert triples(p) == [(a, ts, t) for (a, _, t), ts in zip(COMMENTS, stamps)]
    assert_whole_article(p)


def test_action_line_after_each_comment_marks_the_next_author():
    section = "\n".join(f"{a}\n{t}\nLike · Reply · {ts}" for a, ts, t in COMMENTS)
    p = split_text(page(section), id="p")
    assert triples(p) == COMMENTS  # the sentence-like username is placed by the structure
    assert_whole_article(p)


# --- tricky lines -------------------------------------------------------------------------------

def test_one_sentence_comment_that_looks_like_a_username():
    section = "Comments\nharbour_watcher\nMartin Kowalski\nGran Torino\nPriorities, people!\n"
    p = split_text(page(section), id="p")
    assert [(c.author, c.text) for c in p.comments] == [
        ("harbour_watcher", "Martin Kowalski"), ("Gran Torino", "Priorities, people!")]


def test_username_that_looks_like_a_sentence():
    # Right under the comments heading; and a username that repeats on the page.
    section = ("Comments\nTell it like it is\nThe pier matters more than the roof.\n"
               "Not Buying It\nThe county will never pay for this.\nharbour_watcher\nIt will.\n"
               "Not Buying It\nWe will see.\n")
    p = split_text(page(section), id="p")
    assert [(c.author, c.text) for c in p.comments] == [
        ("Tell it like it is", "The pier matters more than the roof."),
        ("Not Buying It", "The county will never pay for this."), ("harbour_watcher", "It will."),
        ("Not Buying It", "We will see.")]
    # Exclamations and ellipses are usernames too when the header says so.
    p = split_text(page("Fighto! • 2 hours ago\nRebuild it!\nWow... • an hour ago\nOK.\n"), id="p")
    assert [(c.author, c.text) for c in p.comments] == [("Fighto!", "Rebuild it!"), ("Wow...", "OK.")]


def test_quoted_parent_text_is_not_part_of_a_reply():
    section = ("eliza.m • 2 hours ago\nWho pays?\nReply • Share ›\n"
               "Gran Torino → eliza.m • an hour ago\neliza.m wrote:\n> Who pays?\nWe all do.\nReply • Share ›\n")
    p = split_text(page(section), id="p")
    assert [(c.author, c.text, c.parent) for c in p.comments] == [
        ("eliza.m", "Who pays?", None), ("Gran Torino", "We all do.", 0)]


# --- pages without comments --------------------------------------------------------------------

@pytest.mark.parametrize("tail", [
    "Comments are closed.",
    "0 Comments\nLogin\nSort by Best\nBe the first to comment.",
    "Comments\nThere are no comments yet. Be the first to comment!",
    "Leave a Reply\nYou must be logged in to post a comment.",
    "",
])
def test_no_comment_section(tail):
    p = split_text(page(tail), id="p")
    assert p.comments == []
    assert_whole_article(p)


def test_article_with_short_lines_and_subheads_is_not_a_comment_section():
    text = "\n".join([HEADLINE, "March 3, 2021", PARAGRAPHS[0], "WHAT COMES NEXT", PARAGRAPHS[1],
                      "Tom Baker", PARAGRAPHS[2], "Ferry timetable", PARAGRAPHS[3], "Comments are closed."])
    p = split_text(text, id="p")
    assert p.comments == []
    assert p.date == "2021-03-03"
    assert "Tom Baker" in p.article_body and "WHAT COMES NEXT" in p.article_body


def test_copyright_footer_and_captions_are_not_body():
    text = (f"{HEADLINE}\nPhoto: Fishing boats in the harbour on March 2, 2021. (AP Photo/Jane Doe)\n"
            f"{PARAGRAPHS[0]}\nAdvertisement\n{PARAGRAPHS[1]}\nRelated: Ferry timetable changes\n"
            f"{PARAGRAPHS[2]}\n{PARAGRAPHS[3]}\u00a9 2021 Harbour Gazette. All rights reserved.\n")
    p = split_text(text, id="p")
    assert p.article_body.split() == "\n".join([HEADLINE, *PARAGRAPHS]).split()
    assert p.comments == []


def test_empty_and_crlf_pages():
    assert split_text("", id="e").article_body == "" and split_text("", id="e").comments == []
    p = split_text(page("Comments\nharbour_watcher\nAbout time.\n").replace("\n", "\r\n"), id="p")
    assert [(c.author, c.text) for c in p.comments] == [("harbour_watcher", "About time.")]


# --- documents ----------------------------------------------------------------------------------

def test_document_metadata_wins_over_guesses():
    doc = Document(id="x", source="in.jsonl:3", encoding="utf-8", text=" date 2020-01-02 " + ARTICLE,
                   title="Given title", date="2021-05-06")
    p = split_document(doc)
    assert (p.id, p.title, p.date, p.source, p.encoding) == ("x", "Given title", "2021-05-06", "in.jsonl:3", "utf-8")
    assert p.article_body.split() == ARTICLE.split()


def test_html_document_with_a_marked_comment_section():
    paragraphs = "".join(f"<p>{t}</p>" for t in PARAGRAPHS)
    comments = "".join(f'<div class="comment"><span class="author">{a}</span> • <time>{ts}</time>'
                       + "".join(f"<p>{line}</p>" for line in t.split("\n")) + "<a>Reply</a></div>"
                       for a, ts, t in COMMENTS)
    html = (f"<html><head><title>{HEADLINE} | Gazette</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{HEADLINE}</h1>{paragraphs}</article>"
            f"<section id='comments'><h2>4 Comments</h2>{comments}</section>"
            "<footer>\u00a9 2021 Harbour Gazette</footer></body></html>")
    p = split_document(Document(id="h", source="h.html", encoding="utf-8", html=html))
    assert triples(p) == COMMENTS
    assert p.title == HEADLINE
    for paragraph in PARAGRAPHS:
        assert paragraph in p.article_body
    assert "harbour_watcher" not in p.article_body


# --- the dev corpus bars ------------------------------------------------------------------------

def test_dev_corpus_bars(shared_pages, monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent))  # training/ is not installed
    from training.splitter import evaluate, summarize

    result = evaluate(shared_pages)
    overall = summarize(result)[-1]
    assert overall["F1"] >= 0.98
    assert overall["body_f1"] >= 0.97
    stats = result["stats"]["ALL"]
    assert stats["nocomment_ok"] == stats["nocomment"] > 0
    seeds = [r for r in result["rows"] if r["layout"] == "seed"]
    assert len(seeds) == 5 and all(r["exact"] for r in seeds)


def test_reply_form_after_the_comments_is_not_comment_text():
    section = ("2 Responses\nharbour_watcher says:\nMarch 3, 2021 at 5:12 pm\nAbout time.\nReply\n"
               "eliza.m says:\nMarch 3, 2021 at 6:40 pm\nWho pays?\nReply\n"
               "Leave a Reply\nCancel reply\nYour email address will not be published. Required fields are marked *\n"
               "Comment *\nName *\nEmail *\nWebsite\nPost Comment\n")
    p = split_text(page(section), id="p")
    assert triples(p) == [("harbour_watcher", "March 3, 2021 at 5:12 pm", "About time."),
                          ("eliza.m", "March 3, 2021 at 6:40 pm", "Who pays?")]


@pytest.mark.parametrize("tail", [
    "Jane Doe\nJane Doe covers the harbour and the council for the Gazette.",
    "By Jane Doe\nMarch 3, 2021",
    "Like · Comment · Share",
    "About Us | Contact | Privacy Policy\n\u00a9 2021 Harbour Gazette",
])
def test_author_boxes_and_site_footers_are_not_comments(tail):
    assert split_text(page(tail), id="p").comments == []


# --- comment layouts not in the dev corpus (see training/layouts.py), written here ----------------

def _section(render) -> str:
    return "\n".join(render(author, text) for author, _, text in COMMENTS)


NEW_LAYOUTS = {
    # Guardian: a role badge between the name and a date whose time uses a dot.
    "guardian": ("comments (4)\nSign in or create your account to join the discussion.\nSort by\nOldest\n",
                 lambda a, t: f"{a}\nContributor\n12 Mar 2024 9.13\n{t}\nReply | Pick | Share | Report\n",
                 "12 Mar 2024 9.13"),
    # Spot.IM / OpenWeb: a lone separator line, then vote counts on their own lines.
    "openweb": ("Join the conversation\n4 Comments\n",
                lambda a, t: f"{a}\n·\n2 hours ago\n{t}\nReply\n12\n3", "2 hours ago"),
    # YouTube: "@handle time (edited)", a like count, a "N replies" toggle between comments.
    "youtube": ("1,204 Comments\nSort by\n",
                lambda a, t: f"@{a.replace(' ', '')} 3 years ago (edited)\n{t}\n152\nReply\n21 replies",
                "3 years ago (edited)"),
    # A German widget: relative time, localised action lines.
    "german": ("4 Kommentare\n", lambda a, t: f"{a}\nvor 3 Stunden\n{t}\nAntworten\nMelden\n", "vor 3 Stunden"),
    "german_absolute": ("Kommentare\n", lambda a, t: f"{a}\n23.12.2020 um 14:05 Uhr\n{t}\nAntworten | Empfehlen (3)\n",
                        "23.12.2020 um 14:05 Uhr"),
    # Substack: paragraphs of one comment separated by blank lines; "Share" alone under each comment.
    "substack": ("4 Comments\n", lambda a, t: f"{a}\nMar 12\n\n{t.replace(chr(10), chr(10) * 2)}\n\nReply\nShare\n",
                 "Mar 12"),
    # A verb header with a time and no colon.
    "github": ("", lambda a, t: f"{a} commented 3 days ago\n{t}\n👍 2\n", "3 days ago"),
}


@pytest.mark.parametrize("name", NEW_LAYOUTS)
def test_comment_layouts_not_in_the_dev_corpus(name):
    heading, render, posted = NEW_LAYOUTS[name]
    p = split_text(page(heading + _section(render)), id=name)
    expected = [(a.replace(" ", "") if name == "youtube" else a, posted, t) for a, _, t in COMMENTS]
    if name == "youtube":
        expected = [("@" + a, ts, t) for a, ts, t in expected]
    assert triples(p) == expected
    assert_whole_article(p)


def test_hacker_news_threads_come_from_indentation():
    section = ("harbour_watcher 3 hours ago | next [–]\nAbout time.\nreply\n"
               "    eliza.m 2 hours ago | parent | next [–]\n    Who pays?\n    reply\n"
               "        Gran_Torino 1 hour ago | parent | next [–]\n        We all do.\n        reply\n"
               "Sounds_good 5 hours ago | next [–]\nFine by me.\nreply\n")
    p = split_text(page(section), id="hn")
    assert triples(p) == [("harbour_watcher", "3 hours ago", "About time."), ("eliza.m", "2 hours ago", "Who pays?"),
                          ("Gran_Torino", "1 hour ago", "We all do."), ("Sounds_good", "5 hours ago", "Fine by me.")]
    assert [c.parent for c in p.comments] == [None, 0, 1, None]
    assert_whole_article(p)


def test_quoted_parent_text_and_reply_markers_are_not_comment_text():
    section = ("3 Responses\n"
               "harbour_watcher\nMarch 3, 2021 at 5:12 pm\nAbout time.\nReply\n"
               "Дмитрий Соколов 🌊\nMarch 3, 2021 at 6:40 pm\nIn reply to harbour_watcher.\nWho pays?\nReply\n"
               "eliza.m\nMarch 4, 2021 at 9:02 am\nharbour_watcher wrote: About time.\n"
               "Дмитрий Соколов 🌊 wrote:\n> Who pays?\nWe all do.\nReply\n")
    p = split_text(page(section), id="quotes")
    assert triples(p) == [("harbour_watcher", "March 3, 2021 at 5:12 pm", "About time."),
                          ("Дмитрий Соколов 🌊", "March 3, 2021 at 6:40 pm", "Who pays?"),
                          ("eliza.m", "March 4, 2021 at 9:02 am", "We all do.")]
    assert p.comments[1].parent == 0
    assert_whole_article(p)


def test_forum_posts_with_a_subject_line_and_load_more_in_the_middle():
    section = ("Re: Pier vote\nPost by harbour_watcher » Tue Dec 22, 2020 4:12 pm\nAbout time.\nTop\n\n"
               "Load more comments\n"
               "Re: Pier vote\nPost by R. Petrov » Tue Dec 22, 2020 5:01 pm\nWell said.\nTop\n")
    p = split_text(page(section), id="forum")
    assert triples(p) == [("harbour_watcher", "Tue Dec 22, 2020 4:12 pm", "About time."),
                          ("R. Petrov", "Tue Dec 22, 2020 5:01 pm", "Well said.")]
    assert_whole_article(p)


def test_slashdot_posts_abbreviated_reddit_times_and_one_line_signed_comments():
    slashdot = ("Re:Pier vote (Score:5, Insightful)\n"
                "by harbour_watcher on Tuesday December 22, 2020 @04:12PM (#60847123)\n"
                "About time.\nParent Share\n\nRe:Pier vote (Score:2, Funny)\n"
                "by eliza.m on Tuesday December 22, 2020 @05:01PM (#60847200)\nWho pays?\nParent Share\n")
    p = split_text(page(slashdot), id="slashdot")
    assert triples(p) == [("harbour_watcher", "Tuesday December 22, 2020 @04:12PM", "About time."),
                          ("eliza.m", "Tuesday December 22, 2020 @05:01PM", "Who pays?")]
    reddit = ("2 comments\nharbour_watcher · 5 hr. ago\nAbout time.\n12\nReply\nShare\n"
              "eliza.m · 1 mo. ago\nWho pays?\n3\nReply\n")
    assert triples(split_text(page(reddit), id="reddit")) == [("harbour_watcher", "5 hr. ago", "About time."),
                                                               ("eliza.m", "1 mo. ago", "Who pays?")]
    signed = ("2 Comments\n4\nAbout time. The old pier was a danger – harbour_watcher Mar 3, 2021 at 14:05\n"
              "Who pays for this? – Sounds good to me Mar 4, 2021 at 9:12\nAdd a comment\n")
    p = split_text(page(signed), id="signed")
    assert triples(p) == [("harbour_watcher", "Mar 3, 2021 at 14:05", "About time. The old pier was a danger"),
                          ("Sounds good to me", "Mar 4, 2021 at 9:12", "Who pays for this?")]
    assert_whole_article(p)


@pytest.mark.parametrize("name, section, expected", [
    ("german verb header", "Leserkommentare\nharbour_watcher schrieb am 23.12.2020 um 14:05:\nAbout time.\nAntworten\n"
     "eliza.m schrieb am 23.12.2020 um 15:10:\nWho pays?\nAntworten\n",
     [("harbour_watcher", "23.12.2020 um 14:05", "About time."), ("eliza.m", "23.12.2020 um 15:10", "Who pays?")]),
    ("russian relative times", "Комментарии (2)\nДмитрий\n3 часа назад\nAbout time.\nОтветить\n"
     "eliza.m\nвчера\nWho pays?\nОтветить\n",
     [("Дмитрий", "3 часа назад", "About time."), ("eliza.m", "вчера", "Who pays?")]),
    ("display name above its @handle", "Harbour Watcher\n@harbour_watcher\n·\n3h\nAbout time.\n4\n12\n"
     "Eliza M\n@eliza_m\n·\n2h\nReplying to @harbour_watcher\nWho pays?\n0\n3\n",
     [("Harbour Watcher", "3h", "About time."), ("Eliza M", "2h", "Who pays?")]),
    ("month and two-digit year", "harbour_watcher\nOct '21\nAbout time.\n\neliza.m\nMar '22\nWho pays?\n3 Replies\n",
     [("harbour_watcher", "Oct '21", "About time."), ("eliza.m", "Mar '22", "Who pays?")]),
])
def test_more_comment_layouts_not_in_the_dev_corpus(name, section, expected):
    p = split_text(page(section), id=name)
    assert triples(p) == expected
    assert_whole_article(p)


# --- header shapes no recogniser knows: the page's own repeating structure ---------------------------

# Made-up widgets: a "✦ name ⟨time⟩" header, a name line over a Swedish relative time with a
# Swedish action line, and a Japanese time line with a "返信" line after each comment.
@pytest.mark.parametrize("render", [
    lambda a, n, unit, text: f"✦ {a} ⟨{n} {unit}⟩\n{text}\n",
    lambda a, n, unit, text: f"{a}\nför {n} {unit} sedan\n{text}\nSvara · Gilla\n",
    lambda a, n, unit, text: f"{a}\n{n}{'時間' if unit.startswith('t') else '日'}前\n{text}\n返信\n",
])
def test_repeating_header_shape_never_seen_before(render):
    authors = ("Olu Bankole", "lantern_77", "Mira S.", "quietriver", "Olu Bankole")
    times = ((2, "timmar"), (3, "timmar"), (5, "timmar"), (1, "dag"), (2, "dagar"))
    texts = ["The pier was falling apart, glad they finally agreed.",
             "Two summers of noise for the people on Quay Street.\nStill worth it, I suppose.",
             "Who checked the engineers' numbers?",
             "My grandfather helped build the old one in 1952. Sad to see it go.",
             "Exactly!"]
    section = "".join(render(a, n, unit, text) for a, (n, unit), text in zip(authors, times, texts))
    p = split_text(page("Comments\n" + section), id="p")
    assert [(c.author, c.text) for c in p.comments] == list(zip(authors, texts))
    assert all(c.posted for c in p.comments)
    assert_whole_article(p)


@pytest.mark.parametrize("article", [
    # A list-style article: short item names over a line with a price and a time, then a paragraph.
    "\n".join(f"{name}\nFrom $4{k}9 · ships in {k + 2} days\n{PARAGRAPHS[k % 4]}" for k, name in
              enumerate(["Pocket Kettle", "Trail Lantern", "Harbour Rain Jacket", "Sea Glass Lamp"])),
    # A Q&A column: "Q:"/"A:" turns, dated.
    "\n".join(f"Q: {PARAGRAPHS[k]}\nA: {PARAGRAPHS[(k + 1) % 4]}\nMarch {k + 3}, 2021" for k in range(3)),
    # A timetable-like article: two alternating subheads with a duration under each. The structure
    # fallback rejects it (two names taking turns); the header-less decoder still reads it as comments.
    pytest.param("\n".join(f"{name}\nEat 1{k}–90 minutes before\n{PARAGRAPHS[k % 4]}" for k, name in
                           enumerate(["Energize", "Recharge", "Energize", "Recharge", "Energize"])),
                 marks=pytest.mark.xfail(strict=True, reason="header-less decoder: unmarked name/text pages")),
])
def test_repetitive_article_without_comments_stays_without_comments(article):
    text = f"{HEADLINE}\n{PARAGRAPHS[0]}\n{PARAGRAPHS[1]}\n{article}\n"
    p = split_text(text, id="p")
    assert p.comments == []
    assert p.article_body.split() == text.split()


# --- comment blocks around their time lines (header style and footer style) --------------------------

BLOCK_AUTHORS = ("Olu Bankole", "lantern_77", "Mira S.", "Olu Bankole")
BLOCK_TEXTS = ["The pier was falling apart, glad they finally agreed.",
               "Two summers of noise for the people on Quay Street.\nStill worth it, I suppose.",
               "Who checked the engineers' numbers?",
               "My grandfather helped build the old one in 1952. Sad to see it go."]


def test_header_blocks_with_counters_ranks_and_profile_fields():
    """A time line, then "#n", the name, a rank and profile fields; a reply quoting an earlier post
    under "Quote:" keeps only its own words."""
    section = ""
    for k, (author, text) in enumerate(zip(BLOCK_AUTHORS, BLOCK_TEXTS)):
        section += (f"0{k + 1}-1{k}-2021, 0{k + 2}:1{k} PM\n#{k + 1}\n{author}\n{('Regular', 'Newcomer')[k % 2]}\n"
                    f"Member since: Mar 20{10 + k}\nPosts: {k + 3},20{k}\n\n")
        if k == 2:
            section += f"Quote:\nOriginally Posted by {BLOCK_AUTHORS[0]}\n{BLOCK_TEXTS[0]}\n\n"
        section += text + "\n\n"
    p = split_text(page(section), id="p")
    assert [(c.author, c.text) for c in p.comments] == list(zip(BLOCK_AUTHORS, BLOCK_TEXTS))
    assert p.comments[0].posted == "01-10-2021, 02:10 PM"
    assert_whole_article(p)


def test_footer_blocks_name_opens_the_text_and_the_time_line_closes_it():
    handles = ("olu.bankole", "lantern_77", "mira.s", "olu.bankole")
    one_line = [t.replace("\n", " ") for t in BLOCK_TEXTS]
    section = "View all 4 comments\n" + "".join(
        f"{h} {t}\n{k + 2}d {k * 3 + 1} likes Reply\n" for k, (h, t) in enumerate(zip(handles, one_line)))
    p = split_text(page(section), id="p")
    assert [(c.author, c.posted, c.text) for c in p.comments] == [
        (h, f"{k + 2}d", t) for k, (h, t) in enumerate(zip(handles, one_line))]
    assert_whole_article(p)


def test_relative_times_opened_by_a_word_the_page_puts_before_its_quantities():
    """ "منذ 3 ساعات" on some comments teaches that "منذ يومين" (no digit) is a time too."""
    times = ("منذ 3 ساعات", "منذ يومين", "منذ 5 ساعات", "منذ ساعة")
    section = "".join(f"{a}\n{t}\n{text}\nرد  أعجبني ({k})\n\n"
                      for k, (a, t, text) in enumerate(zip(BLOCK_AUTHORS, times, BLOCK_TEXTS)))
    p = split_text(page(section), id="p")
    assert [(c.author, c.posted, c.text) for c in p.comments] == list(zip(BLOCK_AUTHORS, times, BLOCK_TEXTS))
    assert_whole_article(p)


def test_live_blog_with_a_time_over_each_update_is_not_a_comment_section():
    updates = "\n".join(f"{9 + k}:{k}5 AM\n{PARAGRAPHS[k]}\n{PARAGRAPHS[(k + 1) % 4]}" for k in range(4))
    text = f"{HEADLINE}\n{PARAGRAPHS[0]}\n{PARAGRAPHS[1]}\n{updates}\n"
    p = split_text(text, id="p")
    assert p.comments == []
    assert p.article_body.split() == text.split()


def test_relative_times_closed_by_a_word_the_page_puts_after_its_quantities():
    """ "3 tuntia sitten": number, unit, then the page's own time word; no language list needed."""
    times = ("3 tuntia sitten", "2 päivää sitten", "5 tuntia sitten", "1 viikko sitten")
    section = "".join(f"{a}\n{t}\n{text}\nVastaa  Tykkää ({k})\n\n"
                      for k, (a, t, text) in enumerate(zip(BLOCK_AUTHORS, times, BLOCK_TEXTS)))
    p = split_text(page(section), id="p")
    assert triples(p) == list(zip(BLOCK_AUTHORS, times, BLOCK_TEXTS))
    assert_whole_article(p)


def test_review_blocks_keep_repeated_profile_fields_and_their_buttons_out_of_the_text():
    """A review count over the date ("14 reviews" is a quantity, not a time), and a "Visited: ..." field
    with a button line under each text."""
    dates = ("Apr 3, 2024", "Mar 28, 2024", "Feb 2, 2024", "Jan 19, 2024")
    section = "Reviews\n\n" + "".join(
        f"{a}\n{k + 4} reviews\nRated {k + 2} out of 5\n{d}\n{text}\nVisited: {d[:3]} 2024\nHelpful  Share\n\n"
        for k, (a, d, text) in enumerate(zip(BLOCK_AUTHORS, dates, BLOCK_TEXTS)))
    p = split_text(page(section), id="p")
    assert triples(p) == list(zip(BLOCK_AUTHORS, dates, BLOCK_TEXTS))
    assert_whole_article(p)


def test_placeholder_name_and_a_time_zone_in_brackets():
    authors = ("Olu Bankole", "(Anonymous)", "Mira S.", "(Anonymous)")
    times = tuple(f"2011-0{k + 3}-1{k} 10:1{k} am (UTC)" for k in range(4))
    section = "4 comments\nPost a new comment\n\n" + "".join(
        f"{a}\n{t}\n{text}\n(Reply) (Thread) (Link)\n\n" for a, t, text in zip(authors, times, BLOCK_TEXTS))
    p = split_text(page(section), id="p")
    assert triples(p) == list(zip(authors, times, BLOCK_TEXTS))
    assert_whole_article(p)


def test_forum_posts_dated_inside_a_label_and_a_quote_of_an_earlier_post():
    """ "« Reply #2 on: <date, time> »" carries the time; "Quote from: name on <date>" and the quoted
    paragraph (an earlier comment's words, with no blank line after them) are not the reply's text."""
    stamps = [f"March 0{k + 3}, 2021, 10:1{k}:00 AM" for k in range(4)]
    section = ""
    for k, (a, s, text) in enumerate(zip(BLOCK_AUTHORS, stamps, BLOCK_TEXTS)):
        section += f"{a}\n{('Regular', 'Newbie')[k % 2]}\nPosts: {k * 40 + 7}\n« Reply #{k + 1} on: {s} »\n"
        if k == 2:
            section += f"Quote from: {BLOCK_AUTHORS[0]} on {stamps[0]}\n{BLOCK_TEXTS[0]}\n"
        section += f"{text}\nLogged\n\n"
    p = split_text(page(section), id="p")
    assert triples(p) == list(zip(BLOCK_AUTHORS, stamps, BLOCK_TEXTS))
    assert_whole_article(p)


def test_chat_replies_with_the_time_below_and_the_replied_message_above():
    """Footer style although short messages pass for header lines: the text sits right above each time;
    a reply first shows the replied-to name and the start of that message."""
    texts = [t.replace("\n", " ") for t in BLOCK_TEXTS]
    section = "4 comments\n\n"
    for k, (a, text) in enumerate(zip(BLOCK_AUTHORS, texts)):
        section += f"{a}\n" + (f"{BLOCK_AUTHORS[1]}\n{texts[1][:30]}\n" if k == 3 else "") + f"{text}\n1{k}:4{k}\n"
    p = split_text(page(section), id="p")
    assert triples(p) == [(a, f"1{k}:4{k}", t) for k, (a, t) in enumerate(zip(BLOCK_AUTHORS, texts))]
    assert_whole_article(p)


def test_a_time_at_the_end_of_the_button_line_closes_each_comment():
    """ "Gusto  Sumagot  3 oras ang nakalipas": the page's own button words, then a quantity of time; the
    language is not known, the line is a time line all the same and the name above opens the text."""
    times = ("3 oras ang nakalipas", "2 araw ang nakalipas", "5 minuto ang nakalipas", "1 linggo ang nakalipas")
    section = "Mga komento\n\n" + "".join(
        f"{a}\n{text}\nGusto  Sumagot  {t}\n\n" for a, t, text in zip(BLOCK_AUTHORS, times, BLOCK_TEXTS))
    p = split_text(page(section), id="p")
    assert triples(p) == list(zip(BLOCK_AUTHORS, times, BLOCK_TEXTS))
    assert_whole_article(p)


def test_review_stars_beside_the_date_and_a_second_button_line():
    """ "★★★☆☆  3 March 2024" is the time line; "Was this review helpful?  Yes · No" under the
    "N people found this helpful" line is a button line too, not the review's last paragraph."""
    dates = ("12 March 2024", "3 March 2024", "28 February 2024", "1 February 2024")
    section = "Customer reviews\n\n" + "".join(
        f"{a}\n{'★' * (k + 2)}{'☆' * (3 - k)}  {d}\n{text}\n{k + 3} people found this helpful\n"
        "Was this review helpful?  Yes · No\n\n"
        for k, (a, d, text) in enumerate(zip(BLOCK_AUTHORS, dates, BLOCK_TEXTS)))
    p = split_text(page(section), id="p")
    assert triples(p) == list(zip(BLOCK_AUTHORS, dates, BLOCK_TEXTS))
    assert_whole_article(p)


def test_feed_notes_one_line_replies_among_likes_and_reblogs():
    """ "handle replied: text" notes are comments; "x liked this" and reblog notes between them are not text."""
    handles = ("olu-bankole", "lantern77", "mira-s", "olu-bankole")
    texts = [t.replace("\n", " ") for t in BLOCK_TEXTS]
    section = "38 notes\n\n" + "".join(
        f"quay-street-fan liked this\n{h} replied: {t}\nharbour-news reblogged this from quay-street-fan\n"
        for h, t in zip(handles, texts)) + "Show more notes\n"
    p = split_text(page(section), id="p")
    assert triples(p) == [(h, None, t) for h, t in zip(handles, texts)]
    assert_whole_article(p)


def test_a_quoted_speaker_in_the_article_is_not_a_feed_note():
    """Only a one-word lower-case handle opens a "replied:" note: "The minister said: ..." stays article."""
    text = (f"{HEADLINE}\nThe minister said: the pier will reopen in spring, and the council agreed.\n"
            "The mayor said: nobody will lose their mooring while the work goes on.\n"
            "Residents said: the noise was the worst part of the two summers of works.\n")
    p = split_text(text, id="p")
    assert p.comments == []


# --- round 4: what a section repeats around its comments, post bars, bracketed counters, a glued footer --

from comments.split import _tidy_section  # noqa: E402
from comments.types import Comment  # noqa: E402


def _comments(*pairs):
    return [Comment(author=a, posted=None, text=t, parent=None) for a, t in pairs]


def test_a_shared_button_line_with_the_time_first_closes_each_comment():
    """ "před 9 dny · Odpovědět · +40 / −16": the same words and separators under most comments, other
    numbers; the line goes, whatever language the widget speaks."""
    cs = _comments(("Olu Bankole", "The pier was falling apart.\npřed 9 dny · Odpovědět · +40 / −16"),
                   ("lantern_77", "Two summers of noise.\nStill worth it.\npřed 2 dny · Odpovědět · +3 / −1"),
                   ("Mira S.", "Who checked the numbers?\npřed hodinou · Odpovědět · +0 / −7"))
    assert [c.text for c in _tidy_section(cs)] == ["The pier was falling apart.", "Two summers of noise.\nStill worth it.",
                                                  "Who checked the numbers?"]


def test_counter_lines_and_a_badge_line_are_not_text_but_a_repeated_short_comment_is():
    """ "2   0   46" counters close each post; "Editors' pick" opens two comments that go on below it;
    "Well put" said twice on its own is a comment, not a badge."""
    cs = _comments(("Olu Bankole", "Editors' pick\nThe pier was falling apart.\n2   0   46"),
                   ("lantern_77", "Well put\n0   16   183"),
                   ("Mira S.", "Editors' pick\nWho checked the numbers?\n7   6   142"),
                   ("Olu Bankole", "Well put\n4   3   106"))
    assert [c.text for c in _tidy_section(cs)] == ["The pier was falling apart.", "Well put",
                                                  "Who checked the numbers?", "Well put"]


def test_last_lines_that_only_share_words_are_kept():
    """Commenters who sign off the same way ("Thanks for reading") keep their words: a button line also
    shares digits or separators, and a sentence is no button line."""
    cs = _comments(("Olu Bankole", "The pier was falling apart.\nthanks for reading"),
                   ("lantern_77", "Two summers of noise.\nthanks for reading everyone"),
                   ("Mira S.", "Who checked the numbers?\nthanks for reading, all of you."),
                   ("Olu Bankole", "My grandfather built it.\nthanks again for reading"))
    assert [c.text for c in _tidy_section(_comments(*[(c.author, c.text) for c in cs]))] == [c.text for c in cs]


def test_a_display_name_before_its_handle():
    """ "Ana Ruiz @ana.bsky.social" is Ana Ruiz; an author that is only a handle stays as shown."""
    cs = _comments(("Ana Ruiz @ana.bsky.social", "Good."), ("@lantern_77", "Bad."), ("Mira S. @mira", "Fine."))
    assert [c.author for c in _tidy_section(cs)] == ["Ana Ruiz", "@lantern_77", "Mira S."]


def test_a_forum_post_bar_with_the_date_among_wide_fields():
    """ "#2  Posted: Fri Oct 27, 2018 11:49 am    Post subject: Re: ..." is the post's time line, though the
    bar is longer than a time line; the name and the rank above it, the profile fields and "Back to top"
    are not text."""
    stamps = ("Mon Feb 18, 2014 2:58 am", "Fri Dec 17, 2016 1:03 pm", "Tue Oct 27, 2020 3:23 pm", "Fri Oct 27, 2021 11:49 am")
    section = "Post new topic   Reply to topic\n\n" + "".join(
        f"{a}\n{rank}\nJoined: {k + 3:02d} Aug 2014\nPosts: {k * 311 + 5}\n#{k + 1}  Posted: {s}    "
        f"Post subject: Re: The pier\n{text}\nBack to top\n\n"
        for k, (a, rank, s, text) in enumerate(zip(BLOCK_AUTHORS, ("Regular", "Newbie", "Newbie", "Regular"), stamps,
                                                   BLOCK_TEXTS)))
    p = split_text(page(section), id="p")
    assert triples(p) == list(zip(BLOCK_AUTHORS, stamps, BLOCK_TEXTS))
    assert_whole_article(p)


def test_a_long_article_line_with_a_date_is_no_post_bar():
    """A paragraph that mentions a date and a time, even with wide gaps in it, is article text."""
    text = (f"{HEADLINE}\n" + "\n".join(PARAGRAPHS) +
            "\nThe vote was held on Mon Feb 18, 2014 2:58 pm    after a long debate in the council chamber.\n"
            "The next meeting is on Fri Oct 27, 2021 11:49 am    in the same chamber, the clerk said.\n"
            "A third session opens Tue Oct 27, 2020 3:23 pm    if the first two run out of time.\n")
    p = split_text(text, id="p")
    assert p.comments == []


def test_bracketed_counters_are_not_a_time():
    """ "回复(8)  赞(64)" counts replies and likes; "2023年12月10日 06:53" (beside "IP属地：上海") is the time."""
    stamps = ("2023年12月10日 06:53", "2024年1月8日 12:05", "2024年3月2日 21:40", "2025年7月21日 17:26")
    section = "网友评论（4）\n最新  最热\n\n" + "".join(
        f"{a}\n{s}  IP属地：{place}\n{text}\n回复({k})  赞({k * 7 + 3})\n\n"
        for k, (a, s, place, text) in enumerate(zip(BLOCK_AUTHORS, stamps, ("上海", "江苏", "四川", "海外"), BLOCK_TEXTS)))
    p = split_text(page(section), id="p")
    assert [(c.author, c.posted, c.text) for c in p.comments] == list(zip(BLOCK_AUTHORS, stamps, BLOCK_TEXTS))
    assert_whole_article(p)


def test_a_copyright_glued_to_the_last_sentence_ends_the_article():
    """The first comment below a glued footer is a comment, not the article's last lines."""
    article = ARTICLE + "© 2022 The Harbour Courier. All rights reserved."
    stamps = ("Mon Feb 18, 2014 2:58 am", "Fri Dec 17, 2016 1:03 pm", "Tue Oct 27, 2020 3:23 pm", "Fri Oct 27, 2021 11:49 am")
    section = "".join(f"{a}\nMember\nJoined: 0{k + 1} Aug 2014\n#{k + 1}  Posted: {s}    Post subject: Re: The pier\n"
                      f"{text}\nBack to top\n\n" for k, (a, s, text) in enumerate(zip(BLOCK_AUTHORS, stamps, BLOCK_TEXTS)))
    p = split_text(f"{article}\n{section}", id="p")
    assert triples(p) == list(zip(BLOCK_AUTHORS, stamps, BLOCK_TEXTS))
    assert p.article_body.split() == ARTICLE.split()


# --- names and lines that only look like page parts (a QA report: comments must never vanish) --------

def wordpress(comments: list[tuple[str, str]]) -> str:
    """A WordPress "name says:" section: a name line, its date line, the text, a "Reply" button."""
    section = f"{len(comments)} thoughts on “{HEADLINE}”\n" + "".join(
        f"{a} says:\n{11 + k} February 2024 at {10 + k}:{10 + k:02d}\n{text}\nReply\n"
        for k, (a, text) in enumerate(comments))
    return f"{ARTICLE}\n{section}Comments are closed.\n"


@pytest.mark.parametrize("name", ["Mike | Texas", "a|b", "-a", "- Mike", "#1 fan"])
@pytest.mark.parametrize("at", [0, 1])
def test_a_name_with_a_bar_a_dash_or_a_hash_is_kept_whole(name, at):
    """A "says:" line names its commenter whatever characters the name has: first or not, the comment
    is neither lost nor glued to the one above, and keeps its time."""
    comments = [("ok", "fine thanks"), ("zed", "bye now")]
    comments.insert(at, (name, "hello there"))
    p = split_text(wordpress(comments), id="p")
    assert [(c.author, c.text) for c in p.comments] == comments
    assert p.comments[at].posted == f"{11 + at} February 2024 at {10 + at}:{10 + at:02d}"
    assert p.article_body.split() == ARTICLE.split()


def test_post_numbers_shown_on_every_header_are_not_part_of_the_name():
    section = "".join(f"#{k + 1} {a} wrote on 2{k} Dec 2020:\n{text}\n\n" for k, (a, _, text) in enumerate(COMMENTS))
    p = split_text(page(section), id="p")
    assert [(c.author, c.text) for c in p.comments] == [(a, text) for a, _, text in COMMENTS]


@pytest.mark.parametrize("text", ["Reply to this\nmore", "hello\nmore", "Honestly?\nShare"])
def test_a_text_line_that_looks_like_a_button_stays_in_the_comment(text):
    """One word a button could say ("more", "Share"), under the comment's text and shown once, is the
    comment's own last line; the "Reply" under every comment is the button."""
    comments = [("ok", "fine thanks"), ("evil", text), ("zed", "bye now")]
    p = split_text(wordpress(comments), id="p")
    assert [(c.author, c.text) for c in p.comments] == comments


# --- round 5: sections the ninth blind set showed, written here in other words ----------------------

def test_real_names_glued_to_the_text_above_a_button_line_with_the_time():
    """ "Olu Bankole The pier was ..." / "Like · Reply · 3h": a given and a family name open the line."""
    authors = ("Olu Bankole", "Mira Santos", "Jonas Weber", "Olu Bankole")
    texts = [t.replace("\n", " ") for t in BLOCK_TEXTS]
    section = "Most relevant\nView 9 more comments\n\n" + "".join(
        f"{'Top fan' + chr(10) if k == 1 else ''}{a} {t}\nLike · Reply · {k + 2}h\n{'14' + chr(10) if k == 2 else ''}"
        for k, (a, t) in enumerate(zip(authors, texts)))
    p = split_text(page(section), id="p")
    assert [(c.author, c.text) for c in p.comments] == list(zip(authors, texts))
    assert_whole_article(p)


def test_wiki_style_signatures_close_the_text():
    """ "... — Name (talk) 14:02, 3 March 2024 (UTC)": the name after the dash; with no dash, the name the
    page signs with elsewhere, or a name and its initial."""
    section = ("Merge proposal[edit]\n\n"
               "The pier was falling apart. — Olu Bankole (talk) 14:02, 3 March 2024 (UTC)\n\n"
               "Two summers of noise.\nStill worth it, I suppose. -- lantern_77 (talk · contribs) 09:15, 4 March 2024 (UTC)\n\n"
               "Who checked the numbers? Mira S. (talk) 10:40, 4 March 2024 (UTC)\n\n"
               "Agreed with all of it Olu Bankole (talk) 11:05, 5 March 2024 (UTC)\n")
    p = split_text(page(section), id="p")
    assert [(c.author, c.posted, c.text) for c in p.comments] == [
        ("Olu Bankole", "14:02, 3 March 2024 (UTC)", "The pier was falling apart."),
        ("lantern_77", "09:15, 4 March 2024 (UTC)", "Two summers of noise.\nStill worth it, I suppose."),
        ("Mira S.", "10:40, 4 March 2024 (UTC)", "Who checked the numbers?"),
        ("Olu Bankole", "11:05, 5 March 2024 (UTC)", "Agreed with all of it")]


def test_messages_of_a_mail_digest():
    section = "Readers' letters digest, issue 12\n\n" + "".join(
        f"----------\nFrom: {a} <reader{k}@example.org>\nDate: Mon, {k + 3} Mar 2024 10:0{k}:00 +0100\n"
        f"Subject: Re: the pier\n\n{t}\n\n" for k, (a, t) in enumerate(zip(BLOCK_AUTHORS, BLOCK_TEXTS))) + "End of digest\n"
    p = split_text(page(section), id="p")
    assert [(c.author, c.text) for c in p.comments] == list(zip(BLOCK_AUTHORS, BLOCK_TEXTS))
    assert p.comments[0].posted == "Mon, 3 Mar 2024 10:00:00 +0100"
    assert_whole_article(p)


def test_a_collapse_toggle_then_name_score_and_time():
    section = "all 4 comments\n\n" + "".join(
        f"[–] {a.replace(' ', '_')} {10 * k + 1} points {k + 2} hours ago\n{t}\npermalink embed save report reply\n\n"
        for k, (a, t) in enumerate(zip(BLOCK_AUTHORS, BLOCK_TEXTS)))
    p = split_text(page(section), id="p")
    assert [(c.author, c.posted, c.text) for c in p.comments] == [
        (a.replace(" ", "_"), f"{k + 2} hours ago", t) for k, (a, t) in enumerate(zip(BLOCK_AUTHORS, BLOCK_TEXTS))]
    assert_whole_article(p)


def test_quantities_of_the_pages_own_units_of_time_on_lines_of_their_own():
    """ "12 perce", "3 órája": a number and a word the page varies among several words, under each name."""
    stamps = ("12 perce", "3 órája", "40 perce", "2 napja")
    section = "Hozzászólások (4)\n\n" + "".join(
        f"{a}\n{s}\n{t}\nVálasz  Tetszik ({k})\n\n" for k, (a, s, t) in enumerate(zip(BLOCK_AUTHORS, stamps, BLOCK_TEXTS)))
    p = split_text(page(section), id="p")
    assert triples(p) == list(zip(BLOCK_AUTHORS, stamps, BLOCK_TEXTS))


def test_a_review_verdict_over_the_time_is_no_headline_list():
    """ "Recommended" above "12.5 hrs on record" / "Posted: March 3" heads a review, not a "Recommended" list."""
    verdicts = ("Recommended", "Not Recommended", "Recommended", "Recommended")
    section = "Customer reviews\n\n" + "".join(
        f"{a}\n{v}\n{k + 1}2.5 hrs on record\nPosted: March {k + 3}\n{t}\n"
        f"Was this review helpful?  Yes  No  Funny\n\n"
        for k, (a, v, t) in enumerate(zip(BLOCK_AUTHORS, verdicts, BLOCK_TEXTS)))
    p = split_text(page(section), id="p")
    assert [(c.author, c.text) for c in p.comments] == list(zip(BLOCK_AUTHORS, BLOCK_TEXTS))


@pytest.mark.parametrize("shown", ["19:01, 4 January 2023 (UTC)", "19:01, 4 January 2023", "2009-11-04 10:26 am (UTC)",
                                   "Posted: June 12"])
def test_more_ways_to_show_a_time(shown):
    assert is_timestamp(shown)


def test_a_sort_line_over_the_first_comment_is_no_name():
    """The first name under "Legújabb elöl" (newest first) is the commenter, with the page's own units of time."""
    stamps = ("12 perce", "3 órája", "40 perce", "2 napja")
    section = "Hozzászólások (4)\nLegújabb elöl\n\n" + "".join(
        f"{a}\n{s}\n{t}\nVálasz  Tetszik ({k})  Jelentés\n\n"
        for k, (a, s, t) in enumerate(zip(BLOCK_AUTHORS, stamps, BLOCK_TEXTS)))
    p = split_text(page(section), id="p")
    assert triples(p) == list(zip(BLOCK_AUTHORS, stamps, BLOCK_TEXTS))


def test_a_heading_that_counts_the_comments_in_brackets_is_no_article_text():
    """ "Kommentit (4)" and the prompt under it, right above four comments, belong to the section."""
    stamps = ("2 hours ago", "3 hours ago", "5 hours ago", "yesterday")
    section = "Kommentit (4)\nKirjoita kommentti\n\n" + "".join(
        f"{a}\n{s}\n{t}\nVastaa\n\n" for a, s, t in zip(BLOCK_AUTHORS, stamps, BLOCK_TEXTS))
    p = split_text(f"{ARTICLE}\n\n{section}", id="p")
    assert triples(p) == list(zip(BLOCK_AUTHORS, stamps, BLOCK_TEXTS))
    assert_whole_article(p)


# --- round 6: widget lines around the name, the time and the text of profile-style and review sections ---

@pytest.mark.parametrize("shown", ["#12  —  7. November 2024, 17:17 Uhr", "3. Mai 2025", "15. März 2024, 13:57 Uhr",
                                   "Reviewed 16 October 2026", "Published: 3 May 2024"])
def test_post_numbers_german_dates_and_review_verbs_are_times(shown):
    assert is_timestamp(shown)


@pytest.mark.parametrize("line", ["#12", "Reviewed by the council", "7. Platz", "Finished 2nd"])
def test_lines_that_only_look_like_those_times_are_none(line):
    assert not is_timestamp(line)


def test_a_numbered_post_with_a_german_date():
    stamps = ("7. März 2024, 17:17 Uhr", "9. Mai 2024, 08:02 Uhr", "1. Juni 2024, 12:00 Uhr",
              "3. Oktober 2024, 21:45 Uhr")
    section = "Leserkommentare\n4 Kommentare\n\n" + "".join(
        f"{a}\n#{3 * k + 2}  —  {s}\n{t}\nAntworten   Melden   {k + 4} Empfehlungen\n\n"
        for k, (a, s, t) in enumerate(zip(BLOCK_AUTHORS, stamps, BLOCK_TEXTS)))
    p = split_text(page(section), id="p")
    assert [(c.author, c.text) for c in p.comments] == list(zip(BLOCK_AUTHORS, BLOCK_TEXTS))
    assert_whole_article(p)


def test_a_context_line_over_every_comment_and_reaction_badges_under_them_are_no_text():
    """ "on: <video>" opens every comment of a creator's export; "❤ by creator" / "Liked by ..." say who reacted."""
    badges = ("❤ by creator", "", "Liked by Dana Whitmore", "")
    section = "Comments\n\n" + "".join(
        f"@{a.replace(' ', '').replace('.', '')} • {k + 2} hours ago\non: Pier vote explained\n{t}\n"
        + (f"{b}\n" if b else "") + f"Reply   •   {k + 1} likes\n\n"
        for k, (a, t, b) in enumerate(zip(BLOCK_AUTHORS, BLOCK_TEXTS, badges)))
    p = split_text(page(section), id="p")
    assert [c.text for c in p.comments] == BLOCK_TEXTS


def test_a_name_with_a_follow_button_over_a_byline_with_the_time():
    bylines = ("Retired teacher · Updated 3y", "Lives in Porto · 8mo", "Studied History · 2y", "Engineer · Updated 1y")
    section = "4 answers\n\n" + "".join(
        f"{a} · Follow\n{b}\n{t}\nUpvote · {k + 9}\n{k} comments  ·  Share\n\n"
        for k, (a, b, t) in enumerate(zip(BLOCK_AUTHORS, bylines, BLOCK_TEXTS)))
    p = split_text(page(section), id="p")
    assert [(c.author, c.text) for c in p.comments] == list(zip(BLOCK_AUTHORS, BLOCK_TEXTS))


def test_a_connection_degree_and_a_headline_between_the_name_and_the_time():
    headlines = ("Harbour engineer", "Teacher | Parent | Volunteer", "Product lead · Shipping", "Retired")
    section = "Most relevant\n\n" + "".join(
        f"{a} • {d}\n{h}\n{k + 1}d\n{t}\nLike · Reply · {k + 3} Reactions\n\n"
        for k, (a, d, h, t) in enumerate(zip(BLOCK_AUTHORS, ("1st", "2nd", "3rd+", "1st"), headlines, BLOCK_TEXTS)))
    p = split_text(page(section), id="p")
    assert [(c.author, c.text) for c in p.comments] == list(zip(BLOCK_AUTHORS, BLOCK_TEXTS))


def test_a_tagline_under_the_name_is_no_author():
    """ "Writes <publication>" between the name and the date; "Liked by <writer>" under the text."""
    section = "4 Comments\nWrite a comment...\n\n" + "".join(
        f"{a}\n" + ("Writes Notes from the Quay\n" if k in (1, 2) else "") + f"{k + 3} Mar\n{t}\n"
        + ("Liked by Dana Whitmore\n" if k == 2 else "") + "Like (3)\nReply\nShare\n\n"
        for k, (a, t) in enumerate(zip(BLOCK_AUTHORS, BLOCK_TEXTS)))
    p = split_text(page(section), id="p")
    assert [(c.author, c.text) for c in p.comments] == list(zip(BLOCK_AUTHORS, BLOCK_TEXTS))


def test_review_form_fields_closing_most_texts_are_no_text():
    """ "Date of stay: ..." closes most reviews: the form's fields (with an optional one above or below it) go."""
    from comments.split import _tidy_section
    from comments.types import Comment

    tails = (["Date of stay: May 2025", "Trip type: Business"], ["Date of stay: June 2024"],
             ["Trip type: Solo", "Date of stay: May 2023"], [])
    comments = [Comment(author=a, posted=None, text="\n".join([t, *tail]))
                for a, t, tail in zip(BLOCK_AUTHORS, BLOCK_TEXTS, tails)]
    assert [c.text for c in _tidy_section(comments)] == BLOCK_TEXTS


def test_a_field_line_closing_one_comment_is_its_text():
    """A "Label: value" line is dropped only where the section's comments share the label."""
    texts = [*BLOCK_TEXTS[:3], "My grandfather helped build the old one.\nUpdate: the vote was close"]
    section = "Comments (4)\n\n" + "".join(
        f"{a}\n{k + 2} hours ago\n{t}\nReply\n\n" for k, (a, t) in enumerate(zip(BLOCK_AUTHORS, texts)))
    p = split_text(page(section), id="p")
    assert [c.text for c in p.comments] == texts


def test_article_lines_like_the_new_widget_lines_add_no_comments():
    """False-positive guard: taglines, ratings, "Published:" dates, "· Follow" and "Liked by" lines in an article."""
    article = "\n\n".join([HEADLINE, "Published: 3 May 2024", PARAGRAPHS[0], "Mira Sato · Follow",
                           "Writes The Quay Letter", PARAGRAPHS[1], "Rated 4 out of 5", "Liked by the harbour master",
                           PARAGRAPHS[2], "0 comments · Share", PARAGRAPHS[3]])
    p = split_text(f"{article}\n", id="p")
    assert p.comments == []
    assert p.article_body.split() == article.replace("0 comments · Share", "").split()  # a widget's counter row


# --- a first comment whose header no rule knows is not lost ------------------------------------------

def _says_section(first_comment: str) -> str:
    return ("3 Comments\n" + first_comment +
            "eliza.m says:\nMarch 3, 2021 at 6:40 pm\nWho pays for this?\nReply\n"
            "Gran Torino says:\nMarch 4, 2021 at 9:01 am\nThe school roof leaks.\nReply\n")


def test_unrecognised_first_header_keeps_its_comment():
    """The lines between "3 Comments" and the first "says:" header were dropped: neither body nor comment."""
    p = split_text(page(_says_section(
        "~~ The Old Harbourmaster ~~ (retired)\nMarch 3, 2021 at 5:12 pm\nAbout time, the pier was a danger.\nReply\n")),
        id="t")
    assert_whole_article(p)
    first = p.comments[0]
    assert (first.posted, first.author) == ("March 3, 2021 at 5:12 pm", None)
    assert "About time, the pier was a danger." in first.text
    assert [c.author for c in p.comments[1:]] == ["eliza.m", "Gran Torino"]


def test_unrecognised_first_header_with_a_name_line():
    p = split_text(page(_says_section("Harbour Watcher\n2 hours ago\nAbout time.\n12\nReply\n")), id="t")
    assert_whole_article(p)
    assert triples(p)[0] == ("Harbour Watcher", "2 hours ago", "About time.")
    assert len(p.comments) == 3


def test_widget_lines_under_the_heading_are_no_comment():
    """False-positive guard: short widget lines between the heading and the first comment (no time, no
    closing button line of the section) stay out of the comments."""
    p = split_text(page(_says_section("Sort by Best\nPlease keep it civil.\n")), id="t")
    assert_whole_article(p)
    assert [c.author for c in p.comments] == ["eliza.m", "Gran Torino"]


# --- round 7: score before "by", Arabic month names, numbered name lines, review titles, chat reactions -----

def test_score_before_by_is_not_part_of_the_name():
    section = "4 comments\n" + "".join(
        f"{10 + k} points by {a.replace(' ', '_').replace('.', '_')} {ts} | next [–]\n{t}\nreply\n\n"
        for k, (a, ts, t) in enumerate(COMMENTS[:3]))
    p = split_text(page(section), id="t")
    assert_whole_article(p)
    assert [c.author for c in p.comments] == ["harbour_watcher", "Sounds_good_to_me", "eliza_m"]


def test_arabic_month_names_and_numbered_name_lines():
    dates = ["26 أبريل 2026 - 10:00", "3 رمضان 1446 هـ", "20 فبراير 2024 - 09:11"]
    section = "تعليقات الزوار (3)\n" + "".join(
        f"{n} - {a}\n{d}\n{t}\nرد  |  أعجبني (4)\n\n" for n, ((a, _, t), d) in enumerate(zip(COMMENTS, dates), 1))
    p = split_text(page(section), id="t")
    assert_whole_article(p)
    assert [(c.author, c.posted) for c in p.comments] == [(a, d) for (a, _, _), d in zip(COMMENTS, dates)]
    assert is_timestamp("3 رمضان 1446 هـ") and not is_timestamp("رمضان كريم")


def test_review_title_behind_the_stars_opens_the_review():
    titles = ["Great show", "Too many ads", "Great show", "Must listen"]
    section = "Ratings & Reviews\n4.6 out of 5\n212 Ratings\n\n" + "".join(
        f"★★★☆☆ {title}\n{a}, {k + 1}/{k + 3}/2025\n{t}\n\n" for k, ((a, _, t), title) in enumerate(zip(COMMENTS, titles)))
    p = split_text(page(section), id="t")
    assert_whole_article(p)
    assert [c.text.split("\n")[0] for c in p.comments] == titles
    assert [c.author for c in p.comments] == [a for a, _, _ in COMMENTS]


def test_chat_reactions_and_thread_summaries_are_no_text():
    section = "# reader-feedback\n\n" + "".join(
        f"{a}  {9 + k}:0{k} AM\n{t}\n:+1: 3  :eyes: 1\n{k + 2} replies  Last reply 2 days ago\n\n"
        for k, (a, _, t) in enumerate(COMMENTS))
    p = split_text(page(section), id="t")
    assert [c.text for c in p.comments] == [t for _, _, t in COMMENTS]


def test_round7_shapes_in_an_article_are_no_comments():
    """False-positive guard: a star rating with a verdict, a numbered section heading over a date, a score
    before "by" and an Arabic date inside an article."""
    article = "\n\n".join([HEADLINE, PARAGRAPHS[0], "★★★★☆ Worth the money", "2 - The vote",
                           "26 أبريل 2026", PARAGRAPHS[1], "12 points by the council majority", PARAGRAPHS[2],
                           ":wave: 2", PARAGRAPHS[3]])
    p = split_text(article + "\n", id="t")
    assert p.comments == []
    assert "★★★★☆ Worth the money" in p.article_body and "2 - The vote" in p.article_body


# --- round 8: board post bars, table rows, any language's month names, forum ranks, shared name tails ---------

def test_dates_of_boards_and_any_language_with_their_clock():
    assert is_timestamp("2026/06/20(火) 17:35:36.72")  # a board's date, weekday in brackets, hundredths
    assert is_timestamp("2024.03.12 (Mon)") and is_timestamp("11.15 07:17:23")  # year first; no year
    assert is_timestamp("1 maart 2025, 07:19") and is_timestamp("4 lutego 2024 14:05")  # a month in any language
    assert is_timestamp("Aug 23, 2025  #1")  # the post number after the time
    assert not is_timestamp("Top 10 moments 2023") and not is_timestamp("1 maart 2025")  # no clock: not a date
    assert not is_timestamp("Olu Bankole (UTC)")


def test_a_month_name_the_splitter_does_not_know_with_its_clock_is_a_time():
    dates = ["1 maart 2025, 07:19", "3 lutego 2025, 10:47", "19 joulukuuta 2024, 20:27", "12 maart 2024, 03:16"]
    section = "Reacties (4)\nLog in om te reageren\n\n" + "".join(
        f"{a} | {d}\n{t}\nReageer  ·  {k} waarderingen\n\n" for k, ((a, _, t), d) in enumerate(zip(COMMENTS, dates)))
    p = split_text(page(section), id="t")
    assert_whole_article(p)
    assert [(c.author, c.posted) for c in p.comments] == [(a, d) for (a, _, _), d in zip(COMMENTS, dates)]
    assert [c.text for c in p.comments] == [t for _, _, t in COMMENTS]


def test_board_post_bar_with_a_labelled_name():
    """ "12 Name: anon ：2026/06/20(火) 17:35:36.72 ID:5hgQTBwt": the name after its label, the time after it."""
    section = "Replies (4)\n\n" + "".join(
        f"{n} 名前：{a} ：2026/0{n}/1{n}(火) 1{n}:35:36.7{n} ID:Ab{n}xYz9\n{t}\n\n"
        for n, (a, _, t) in enumerate(COMMENTS, 1))
    p = split_text(page(section), id="t")
    assert_whole_article(p)
    assert [c.author for c in p.comments] == [a for a, _, _ in COMMENTS]
    assert p.comments[0].posted == "2026/01/11(火) 11:35:36.71"
    assert [c.text for c in p.comments] == [t for _, _, t in COMMENTS]


def test_table_rows_name_text_time():
    """One comment per row of a table ("name(12.34)<TAB>text<TAB>11.15 07:17:23"); the IP fragment is no name."""
    section = "전체 댓글 4개\n등록순  최신순\n\n" + "".join(
        f"{a}{'(118.22)' if k % 2 else ''}\t{t.replace(chr(10), ' ')}\t{k + 1:02d}.15 07:1{k}:23\n"
        for k, (a, _, t) in enumerate(COMMENTS)) + "\n댓글 등록\n"
    p = split_text(page(section), id="t")
    assert_whole_article(p)
    assert [(c.author, c.posted) for c in p.comments] == [(a, f"{k + 1:02d}.15 07:1{k}:23")
                                                         for k, (a, _, _) in enumerate(COMMENTS)]
    assert [c.text for c in p.comments] == [t.replace("\n", " ") for _, _, t in COMMENTS]


def test_words_every_name_line_ends_with_are_not_the_name():
    """ "name rated it ★★★☆☆": the stars vary, "rated it" repeats. (A sentence-like name with them is too long
    for a name line: "Sounds good to me rated it ★★★☆☆" is not found yet.)"""
    reviews = [("harbour_watcher", "About time."), ("Mira S.", "Who pays?"), ("eliza.m", "Martin Kowalski"),
               ("Gran Torino", "The school roof leaks.")]
    section = "Community Reviews\n4.12\n380 ratings\n\n" + "".join(
        f"{a} rated it {'★' * (k + 2)}{'☆' * (3 - k)}\nMar 0{k + 1}, 2024\n{t}\n{k * 7} likes  ·  Like  ·  Comment\n\n"
        for k, (a, t) in enumerate(reviews))
    p = split_text(page(section), id="t")
    assert_whole_article(p)
    assert [(c.author, c.text) for c in p.comments] == reviews


def test_forum_ranks_folded_quotes_cut_short_and_post_numbers():
    """A rank under the name ("Well-known member"), "Mar 3, 2025  #2" as the time, and a reply's quote of an
    earlier post cut short, with its "Click to expand..." toggle: none of them is text or the name."""
    long_text = ("The pier was a danger to everyone and the council knew it for years, yet nothing was done "
                 "until the storm took half of it away in a single night last winter.")
    posts = [("harbour_watcher", "Well-known member", [long_text]),
             ("Sounds good to me", "Active member", ["harbour_watcher said:", long_text[:60], "Click to expand...",
                                                     "Who is paying for this, though?"]),
             ("eliza.m", "New member", ["Martin Kowalski"]),
             ("Gran Torino", "Moderator", ["The school roof leaks every time it rains."])]
    section = "Thread replies: 4\n\n" + "".join(
        f"{a}\n{rank}\nMar {n}, 2025  #{n}\n" + "\n".join(body) + "\nLike  Reply  Report\n\n"
        for n, (a, rank, body) in enumerate(posts, 1))
    p = split_text(page(section), id="t")
    assert_whole_article(p)
    assert [(c.author, c.posted) for c in p.comments] == [(a, f"Mar {n}, 2025") for n, (a, _, _) in enumerate(posts, 1)]
    assert [c.text for c in p.comments] == [long_text, "Who is paying for this, though?", "Martin Kowalski",
                                            "The school roof leaks every time it rains."]


def test_round8_shapes_in_an_article_are_no_comments():
    """False-positive guard: a fixtures table with times (tab-separated) and one labelled post bar inside an
    article, with article paragraphs under them."""
    table = ("Fixtures this weekend:\nArsenal\tvs Chelsea at the Emirates\t12.03 15:00\n"
             "Liverpool\tvs Everton at Anfield\t12.03 17:30\nLeeds\tvs Burnley at Elland Road\t13.03 14:00")
    article = "\n\n".join([HEADLINE, PARAGRAPHS[0], table, PARAGRAPHS[1],
                           "Name: Olu Bankole : 12.03.2024 14:05 ID:abc", PARAGRAPHS[2], PARAGRAPHS[3]])
    p = split_text(article + "\n", id="t")
    assert p.comments == []
    assert p.article_body.split() == article.split()


def test_badges_and_buttons_without_their_count():
    """ "Featured" between the name and the time is a badge, not the name; "Respect  Reply  Share" under the
    first comment is the same button line as "Respect (11)  Reply  Share" under the others."""
    badges = ["", "Featured", "", "Pinned"]
    section = "Comments\n4 Comments\nSort by Newest\n\n" + "".join(
        f"{a}\n" + (f"{b}\n" if b else "") + f"{k + 2} hours ago\n{t}\n"
        + (f"Respect ({k * 5})  Reply  Share  Report" if k else "Respect  Reply  Share  Report") + "\n\n"
        for k, ((a, _, t), b) in enumerate(zip(COMMENTS, badges)))
    p = split_text(page(section), id="t")
    assert_whole_article(p)
    assert [(c.author, c.text) for c in p.comments] == [(a, t) for a, _, t in COMMENTS]


def test_time_first_button_lines_and_a_frequent_commenter():
    """ "вчера в 7:50  Ответить" under the text (a localised "yesterday at", then the button) closes each comment;
    one commenter writing most of them is a frequent commenter, not a widget line."""
    posts = [("Olu Bankole", "Same here"), ("Olu Bankole", "Who is paying for this, though?"),
             ("Mira S.", "About time."), ("Olu Bankole", "Nonsense."), ("eliza.m", "The school roof leaks."),
             ("Olu Bankole", "Agreed")]
    times = ["вчера в 7:50", "сегодня в 9:55", "27 авг в 0:19", "вчера в 2:37", "сегодня в 8:05", "12 мар в 22:04"]
    section = "6 комментариев\nНаписать комментарий...\n\n" + "".join(
        f"{a}\n{t}\n{ts}  Ответить\n" + ("♥ 12\n" if k % 2 else "") + "\n"
        for k, ((a, t), ts) in enumerate(zip(posts, times)))
    p = split_text(page(section), id="t")
    assert_whole_article(p)
    assert [(c.author, c.text) for c in p.comments] == posts
    assert [c.posted for c in p.comments] == times
    assert is_timestamp("heute um 14:05") and is_timestamp("hier à 9h30")


def test_a_page_that_is_only_a_comment_section_keeps_its_first_comment():
    """QA: under a "6 Comments" heading with no article above, the first comment was taken for the page's
    headline and lost (in neither the body nor the comments)."""
    page = split_text("6 Comments\nSort by Best\n\nNobody asked me • 6 hours ago\n"
                      "Guess you would better man up then.\n5 △ ▽\nReply • Share ›\n\n"
                      "lost voter • 4 hours ago\nSeems a lot of people voted.\nReply • Share ›\n\n"
                      "NReyes • 3 hours ago\nAgreed.\nReply • Share ›\n", id="only")
    assert [c.author for c in page.comments] == ["Nobody asked me", "lost voter", "NReyes"]
    assert page.article_body == ""


def test_a_chat_log_starting_on_the_first_line_is_all_comments():
    page = split_text("[2020-12-20 14:29] rustbucket: You are a moron and a liar.\n"
                      "[2020-12-20 15:38] Grumpy: Anti American piece you are\n"
                      "[2020-12-20 16:15] rb34: Or a flaming one!\n", id="chat")
    assert [c.author for c in page.comments] == ["rustbucket", "Grumpy", "rb34"]
    assert page.comments[0].text == "You are a moron and a liar." and page.article_body == ""


# --- QA: a "©" credit inside a sentence, nested HTML replies, small HTML pages ---------------------

@pytest.mark.parametrize("credit", [
    "The photo (\u00a9 Reuters) shows the harbour at dawn, with boats lining the quay and gulls overhead.",
    "(\u00a9 Reuters) The harbour at dawn, with boats lining the quay and gulls circling overhead.",
    "The photo \u00a9 Reuters shows the harbour at dawn, with boats lining the quay and gulls circling overhead.",
])
def test_a_copyright_credit_inside_a_sentence_is_not_a_footer(credit):
    """QA: the body was cut at a "©" inside a sentence, losing the rest of the paragraph."""
    article = "\n\n".join([HEADLINE, PARAGRAPHS[0], credit, PARAGRAPHS[1]])
    p = split_text(f"{article}\u00a9 2021 Harbour Gazette. All rights reserved.\n\nComments\n"
                   "harbour_watcher\nAbout time.\n", id="p")
    assert p.article_body.split() == article.split()  # the glued footer at the end still goes
    assert [(c.author, c.text) for c in p.comments] == [("harbour_watcher", "About time.")]


# --- QA 10: text dumps: titled names, a header split over two lines, reply marks, a masthead ------------

HEADER_FORMS = {
    "wrote": lambda a, t, x: f"{a} wrote:\n{x}\n",
    "dot": lambda a, t, x: f"{a} \u00b7 {t}\n{x}\n\u25b2 3 \u25bc 0 \u00b7 Reply\n",
    "bar": lambda a, t, x: f"{a} | {t}\n{x}\n",
}


@pytest.mark.parametrize("form", HEADER_FORMS)
@pytest.mark.parametrize("name", ["Dr. Sean Kelly", "Prof. Dr. Ana Ruiz"])
@pytest.mark.parametrize("at", [0, 2])  # the section's first comment, and one inside it
def test_a_commenter_with_a_title_before_the_name_opens_a_comment(form, name, at):
    """QA 10: "Dr. Sean Kelly wrote:" was no header (its dot read as a sentence's end): the comment was glued to
    the one above, or put in the article as the first one."""
    rows = list(COMMENTS)
    rows[at] = (name, "1 hour ago", "The engineers in charge are incompetent and the council knows it.")
    section = "\n".join(HEADER_FORMS[form](a, t, x) for a, t, x in rows)
    for arbitrate in (True, False):  # the rules alone read it too
        p = split_text(f"{ARTICLE}\n\nComments (4)\n\n{section}", id="t", arbitrate=arbitrate)
        assert triples(p) == [(a, None if form == "wrote" else t, x) for a, t, x in rows]
        assert_whole_article(p)


@pytest.mark.parametrize("between", ["\u25b2 8 \u25bc 0 \u00b7 Reply\n\n", "\n"])
def test_a_header_split_over_two_lines_among_one_line_headers_opens_its_comment(between):
    """QA 10: among "name · time" headers, a "name" / "time" pair was glued to the comment above, its time lost."""
    heads = [f"{a} \u00b7 {t}" for a, t, _ in COMMENTS]
    heads[2] = f"{COMMENTS[2][0]}\n{COMMENTS[2][1]}"
    section = between.join(f"{h}\n{x}\n" for h, (_, _, x) in zip(heads, COMMENTS))
    p = split_text(page(f"6 responses\n\n{section}"), id="s")
    assert triples(p) == COMMENTS
    assert_whole_article(p)


def test_a_time_line_under_a_comment_is_not_a_header_where_the_headers_have_no_time():
    """The split-header rule needs the section's own headers to show their time: here the time sits under the
    text, and the text's last line stays text."""
    section = ("harbour_watcher wrote:\nAbout time.\n\nWell said\n2 hours ago\n\n"
               "Gran Torino wrote:\nPriorities, people!\n3 hours ago\n")
    p = split_text(page(section), id="n")
    assert triples(p) == [("harbour_watcher", "2 hours ago", "About time.\nWell said"),
                          ("Gran Torino", "3 hours ago", "Priorities, people!")]


def test_reply_marks_around_the_name_are_not_the_name():
    """QA 10: "↳ Helen G. replied | 3h" gave the author "↳ Helen G. replied"; indented, the replies keep the
    parents their indentation shows."""
    section = ("Helen G. | 4h\nAnother rise and the trains are still late.\n"
               "    \u21b3 Marcus replied | 3h\n    Cancelled twice this week.\n"
               "        \u21b3 Helen G. replied | 3h\n        Same on ours.\n"
               "    \u21b3 TrackBoss replied | 2h\n    Buy a car.\n"
               "Simon Says | 1h\nNationalise it.\n"
               "    \u21b3 Priyanka replied | 30m\n    It worked so well last time...\n")
    p = split_text(page(f"Join the conversation (6)\n\n{section}"), id="r")
    assert [(c.author, c.posted, c.parent) for c in p.comments] == [
        ("Helen G.", "4h", None), ("Marcus", "3h", 0), ("Helen G.", "3h", 1), ("TrackBoss", "2h", 0),
        ("Simon Says", "1h", None), ("Priyanka", "30m", 4)]
    assert_whole_article(p)


def test_a_reply_mark_without_indentation_makes_a_reply_to_the_thread_above():
    """With no indentation, the mark ("↳", "└", "»") still tells a reply: to the latest comment that is none."""
    section = ("Helen G. \u00b7 4h\nStill late.\n\u21b3 Marcus \u00b7 3h\nCancelled twice.\n"
               "\u2514 Priyanka replied \u00b7 2h\nSame here.\nOwen \u00b7 1h\nNationalise it.\n"
               "\u00bb Jo \u00b7 30m\nIt worked so well last time...\n")
    p = split_text(page(section), id="f")
    assert [(c.author, c.parent) for c in p.comments] == [
        ("Helen G.", None), ("Marcus", 0), ("Priyanka", 0), ("Owen", None), ("Jo", 3)]


MASTHEAD = "The Evening Courier\nSport | Football\n"
DATELINE = "By Tom Hadfield, Chief Football Writer\nSaturday 8 February 2025, 10:02pm\n"


def test_a_masthead_and_its_section_bar_above_the_headline_are_not_the_title():
    """QA 10: a dump opening with the site's name got it as title (every article of the site had the same),
    and the dateline under the byline was not read."""
    p = split_text(MASTHEAD + HEADLINE + "\n" + DATELINE + "\n".join(PARAGRAPHS) + "\n", id="m")
    assert (p.title, p.date) == (HEADLINE, "2025-02-08")
    assert p.article_body.startswith(f"{HEADLINE}\nBy Tom Hadfield") and "Evening Courier" not in p.article_body


@pytest.mark.parametrize("top", [
    f"{HEADLINE}\nThe Evening Courier \u00b7 Sport\n",  # the headline first, the site and section under it
    "Harbour News\nThe town council voted on Monday to rebuild the pier.\n",  # a short first line, no section bar
])
def test_a_headline_first_stays_the_title(top):
    p = split_text(top + "\n".join(PARAGRAPHS) + "\n", id="h")
    assert p.title == top.split("\n")[0] and p.article_body.startswith(p.title)


def html_page(section: str, article: str | None = None) -> Document:
    article = article if article is not None else (
        f"<article><h1>{HEADLINE}</h1>" + "".join(f"<p>{t}</p>" for t in PARAGRAPHS) + "</article>")
    return Document(id="h", source="h.html", encoding="utf-8",
                    html=f"<html><head><title>{HEADLINE}</title></head><body>{article}{section}</body></html>")


def wordpress_comment(n: int, author: str, posted: str, text: str, replies: str = "") -> str:
    """WordPress's comment markup: replies in an <ol class="children"> inside the parent's <li>."""
    return (f'<li id="comment-{n}" class="comment even depth-1"><article id="div-comment-{n}" class="comment-body">'
            f'<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">{author}</b> '
            f'<span class="says">says:</span></div><div class="comment-metadata"><a href="#comment-{n}">'
            f'<time>{posted}</time></a></div></footer><div class="comment-content"><p>{text}</p></div>'
            f'<div class="reply"><a class="comment-reply-link">Reply</a></div></article>'
            + (f'<ol class="children">{replies}</ol>' if replies else "") + "</li>")


def test_html_replies_nested_in_their_parents_markup_get_their_parent():
    """QA: WordPress replies (in the parent's <ol class="children">) came out with parent null."""
    thread = (wordpress_comment(1, "harbour_watcher", "March 3, 2021 at 9:14 am", "About time.",
                                wordpress_comment(2, "Mira S.", "March 3, 2021 at 9:30 am", "Who pays?",
                                                  wordpress_comment(3, "eliza.m", "March 3, 2021 at 9:41 am",
                                                                    "We all do."))
                                + wordpress_comment(4, "Gran Torino", "March 3, 2021 at 9:50 am", "Not me."))
              + wordpress_comment(5, "Olu Bankole", "March 3, 2021 at 10:02 am", "The school roof leaks."))
    p = split_document(html_page(f'<div id="comments" class="comments-area"><h2>5 thoughts on “{HEADLINE}”</h2>'
                                 f'<ol class="comment-list">{thread}</ol></div>'))
    assert [(c.author, c.text, c.parent) for c in p.comments] == [
        ("harbour_watcher", "About time.", None), ("Mira S.", "Who pays?", 0), ("eliza.m", "We all do.", 1),
        ("Gran Torino", "Not me.", 0), ("Olu Bankole", "The school roof leaks.", None)]
    assert p.article_body.split() == "\n".join([HEADLINE, *PARAGRAPHS]).split()


def test_an_html_comment_section_in_the_markup_is_not_read_again_by_the_arbiter(monkeypatch):
    """The markup's comment section is the page's: the article text gets no second (learned) reading, which
    would cost the labeller's time for nothing and could cut the article where it saw a section."""
    from comments import split as split_module

    def no_second_reading(lines, comments):
        raise AssertionError("the arbiter read the article of a page whose markup holds its comments")

    monkeypatch.setattr(split_module, "_arbitrated", no_second_reading)
    section = wordpress_comment(1, "harbour_watcher", "March 3, 2021 at 9:14 am", "About time.")
    p = split_document(html_page(f'<div id="comments" class="comments-area"><ol class="comment-list">{section}'
                                 '</ol></div>'))
    assert [c.author for c in p.comments] == ["harbour_watcher"]
    assert p.article_body.split() == "\n".join([HEADLINE, *PARAGRAPHS]).split()


def test_html_comment_divs_nested_in_comment_divs_are_replies():
    def comment(author, text, replies=""):
        return (f'<div class="c-comment"><div class="c-comment__meta"><span>{author}</span> • 2 hours ago</div>'
                f'<p>{text}</p><div class="c-comment__replies">{replies}</div></div>')
    section = comment("harbour_watcher", "About time.", comment("Mira S.", "Who pays?")) + comment("eliza.m", "Agreed.")
    p = split_document(html_page(f'<section class="comments">{section}</section>'))
    assert [(c.author, c.parent) for c in p.comments] == [("harbour_watcher", None), ("Mira S.", 0), ("eliza.m", None)]


@pytest.mark.parametrize("html, body", [
    ("<p>one paragraph</p>", "one paragraph"),
    ("<div>The council approved the harbour budget.<br>The vote was close.</div>",
     "The council approved the harbour budget.\nThe vote was close."),
    ('<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>A short note.</p></body></html>', "A short note."),
])
def test_small_html_pages_keep_their_visible_text_as_body(html, body):
    """QA: trafilatura extracts nothing from a fragment; the body came out empty without a word."""
    page = split_document(Document(id="s", source="s.html", encoding="utf-8", html=html))
    assert page.article_body.split() == body.split() and page.comments == []


def test_a_lone_comment_element_is_a_comment_not_the_body():
    p = split_document(Document(id="c", source="c.html", encoding="utf-8",
                                html='<div class="comment"><b>harbour_watcher</b> • <time>2 hours ago</time>'
                                     '<p>About time they fixed it.</p><a>Reply</a></div>'))
    assert triples(p) == [("harbour_watcher", "2 hours ago", "About time they fixed it.")]
    assert p.article_body == ""


@pytest.mark.parametrize("html", ["<html><body><script>render()</script></body></html>", "<div hidden>x</div>"])
def test_an_html_page_without_visible_text_is_an_error_not_an_empty_page(html):
    with pytest.raises(ValueError, match="no visible text"):
        split_document(Document(id="e", source="e.html", encoding="utf-8", html=html))


def test_comments_leaving_their_div_open_are_all_kept():
    """QA 6: libxml2 drops what is nested deeper than 255 elements, so a comment section whose every
    comment leaves a <div> open lost its comments after the 250th, silently."""
    article = "<p>" + "The council voted to close the library on Sundays after a long debate. " * 4 + "</p>"
    section = "".join(f'<div class="comment"><span class="author">u{i}</span><p>Comment number {i} here.</p>'
                      for i in range(400))
    html = f'<html><body><article><h1>T</h1>{article}</article><div id="comments">{section}</body></html>'
    page = split_document(Document(id="deep", source="deep.html", encoding="utf-8", html=html))
    assert len(page.comments) == 400
    assert page.comments[-1].text == "Comment number 399 here."


# --- QA 9: a lone chat comment, names with dots or @, blank-line blocks, HTML dates and names ------

LAKE_ARTICLE = ("Lake ferry fares to rise\n\n"
                "The ferry company said on Tuesday that fares across the lake will rise by a fifth from May, "
                "blaming fuel costs and the new harbour fees.\n\n")


def test_one_chat_comment_under_a_count_heading_is_a_comment():
    """QA 9: a chat-layout section with exactly one comment put it in the article body."""
    p = split_text(LAKE_ARTICLE + "1 Comment\n[2023-05-09 08:41] ferryfan: this is daylight robbery again\n", id="q")
    assert triples(p) == [("ferryfan", "2023-05-09 08:41", "this is daylight robbery again")]
    assert "robbery" not in p.article_body


@pytest.mark.parametrize("name", ["Prof. Ilse Brandt", "mo.k@lakepost.org", "st.jude"])
@pytest.mark.parametrize("where", [0, 1])
def test_chat_names_with_a_dot_or_an_at_are_names(name, where):
    """QA 9: "[time] Dr. No: ..." or "[time] user@example.com: ..." was dropped (first) or glued to the
    comment above it (later): neither body nor comments."""
    chat = [("[2023-05-09 09:00]", "pia", "fares were too low anyway"),
            ("[2023-05-09 09:02]", "olek", "no they were not"),
            ("[2023-05-09 09:05]", "tam", "agreed with olek")]
    chat.insert(where, ("[2023-05-09 08:55]", name, "the company should publish its fuel bills"))
    p = split_text(LAKE_ARTICLE + "Comments\n" + "\n".join(f"{t} {a}: {x}" for t, a, x in chat) + "\n", id="q")
    assert triples(p) == [(a, t.strip("[]"), x) for t, a, x in chat]


def test_a_line_that_reads_as_a_comment_is_never_dropped():
    """QA 9: short lines between the article and the first comment the rules read were dropped as the
    widget's preamble, even a comment with its time whose name no rule accepts."""
    p = split_text(LAKE_ARTICLE + "Comments\n[2023-05-09 08:55] (((ferry))): the fares are a scandal\n"
                   "[2023-05-09 09:00] pia: fares were too low anyway\n"
                   "[2023-05-09 09:02] olek: no they were not\n", id="q")
    found = p.article_body + " ".join(c.text for c in p.comments)
    assert "the fares are a scandal" in found
    assert [c.author for c in p.comments][-2:] == ["pia", "olek"]


@pytest.mark.parametrize("closing", ["", "Indeed.\n"])
def test_blank_lines_part_the_comments_of_a_block_layout(closing):
    """QA 9 (Japan Today layout with blank lines): a name under the first comment's text ("Lena from Kyoto")
    or its short last line ("Indeed.") was read as text or as the next comment's author."""
    section = ("41 Comments\nLogin to comment\n\n"
               f"Hanako_22\nFerries were cheaper in my day.\nNow they charge for bicycles too.\n{closing}\n"
               "Lena from Kyoto\n@Hanako_22 which line do you take?\nOkay.\n\n"
               "BoatGuy\nFine by me.\n")
    p = split_text(LAKE_ARTICLE + section, id="q")
    assert [(c.author, c.text) for c in p.comments] == [
        ("Hanako_22", "Ferries were cheaper in my day.\nNow they charge for bicycles too." + ("\nIndeed." if closing else "")),
        ("Lena from Kyoto", "@Hanako_22 which line do you take?\nOkay."), ("BoatGuy", "Fine by me.")]
    assert p.article_body.split() == LAKE_ARTICLE.split()


def test_blank_lines_between_a_comments_paragraphs_do_not_make_blocks():
    """A blank line that parts one comment's paragraphs is no comment boundary (a block without a name)."""
    section = ("Comments\n\nharbour_watcher\nAbout time. The old pier was a danger to everyone.\n\n"
               "My father fished from it for forty years and never once fell in.\n\n"
               "Gran Torino\nThe school roof leaks every time it rains. Priorities, people!\n")
    p = split_text(page(section), id="q")
    assert [c.author for c in p.comments] == ["harbour_watcher", "Gran Torino"]
    assert "forty years" in p.comments[0].text


def html_comment(author: str, posted: str, text: str) -> str:
    return f'<div class="comment"><span class="author">{author}</span> <time>{posted}</time><p>{text}</p></div>'


def test_a_comments_time_is_never_the_articles_date():
    """QA 9: with no date in the article, the HTML page's date was the first comment's <time>."""
    section = ('<section class="comments"><h2>2 Comments</h2>' + html_comment("Ines", "2022-11-03 18:20", "Good.")
               + html_comment("Tomasz", "2022-11-04", "Not good at all.") + "</section>")
    assert split_document(html_page(section)).date is None
    dated = f'<article><h1>{HEADLINE}</h1><time datetime="2022-10-30">October 30, 2022</time>' \
            + "".join(f"<p>{t}</p>" for t in PARAGRAPHS) + "</article>"
    assert split_document(html_page(section, dated)).date == "2022-10-30"


def test_an_html_comment_whose_name_no_rule_accepts_is_its_own_comment():
    """QA 9: a comment element whose author starts with "=" (a formula) was merged into the comment above."""
    section = ('<section class="comments"><h2>3 Comments</h2>' + html_comment("Ines", "2022-11-03 18:20", "Good.")
               + html_comment('=IMPORTXML("http://x.example")', "yesterday", "=2*3 wake up")
               + html_comment("Tomasz", "2022-11-04", "Not good at all.") + "</section>")
    p = split_document(html_page(section))
    assert triples(p) == [("Ines", "2022-11-03 18:20", "Good."),
                          ('=IMPORTXML("http://x.example")', "yesterday", "=2*3 wake up"),
                          ("Tomasz", "2022-11-04", "Not good at all.")]


def pretty_comment(author: str, posted: str, text: str, *, pretty: bool = False,
                   item: str = ' class="comment"') -> str:
    name = f"\n        {author}\n      " if pretty else author
    return (f'<li{item}><div class="meta"><span class="name">{name}</span> <em class="age">{posted}</em>'
            f'</div><div class="body"><p>{text}</p></div></li>')


@pytest.mark.parametrize("odd", [0, 1, 3])
def test_a_pretty_printed_author_element_is_one_name_wherever_its_comment_stands(odd):
    """QA 10: an author element whose name the HTML source spreads over lines lost its comment (first) or glued
    it onto the comment above (blamed on that author)."""
    rows = [("Hana K", "4 hours ago", "Good news for the town."), ("Marco Pinto", "3 hours ago", "Who pays for it?"),
            ("Lee", "2 hours ago", "The council does."), ("Ruth O", "1 hour ago", "Finally some sense.")]
    section = "".join(pretty_comment(*row, pretty=k == odd) for k, row in enumerate(rows))
    p = split_document(html_page(f'<div id="comments"><h3>4 comments</h3><ul class="comment-list">{section}</ul>'
                                 '</div>'))
    assert triples(p) == rows


@pytest.mark.parametrize("item", [' class="comment"', ' class="post"', ""])
def test_a_pinned_comment_with_a_badge_where_the_time_goes_keeps_its_author(item):
    """QA 10: a first comment showing "Pinned" in its time's place vanished (in neither comments nor body).
    The list's items are its comments whatever their class says."""
    rows = [("Desk Editor", "Pinned", "Please keep it civil."), ("Marco Pinto", "3 hours ago", "Who pays for it?"),
            ("Lee", "2 hours ago", "The council does.")]
    section = "".join(pretty_comment(*row, item=item) for row in rows)
    p = split_document(html_page(f'<div id="comments"><ul class="comment-list">{section}</ul></div>'))
    assert triples(p) == [("Desk Editor", None, "Please keep it civil."), *rows[1:]]


@pytest.mark.parametrize("shown", ["Yesterday 18:02", "today, 7:15 am", "Monday 18:02", "Tue at 9:15 pm",
                                   "gestern 14:05", "Wednesday at 10:00"])
def test_a_day_word_or_weekday_with_a_clock_is_a_timestamp(shown):
    assert is_timestamp(shown)


@pytest.mark.parametrize("line", ["Sunday", "Mondays 10:00", "Tuesday's 9:15 train"])
def test_a_weekday_without_its_clock_is_no_timestamp(line):
    assert not is_timestamp(line)


def test_a_thread_whose_replies_nest_in_classed_lists_gets_its_parents():
    """QA 10: "Yesterday 18:02" was no time (3 comments of 6, the heading as an author), and replies nested in
    `<ol class="replies">` inside their parent's `<li class="post">` came out with parent null."""
    def post(author: str, posted: str, text: str, replies: str = "") -> str:
        return (f'<li class="msg"><div class="by"><a class="who">{author}</a> · <span>{posted}</span></div>'
                f'<div class="said">{text}</div>' + (f'<ul class="answers">{replies}</ul>' if replies else "")
                + "</li>")

    thread = (post("Ana Ruiz", "Yesterday 21:40", "The bridge has needed work for years.",
                   post("Tom B", "Yesterday 22:05", "Since the flood, at least.",
                        post("Ana Ruiz", "Today 06:50", "Longer than that."))
                   + post("Quiet Reader", "Today 07:30", "Who gets the contract?"))
              + post("Jo Lin", "Monday 09:12", "Good to see it done."))
    p = split_document(html_page(f'<div class="discussion"><h4>Discussion (5)</h4><ul class="talk">{thread}</ul>'
                                 '</div>'))
    assert [(c.author, c.posted, c.parent) for c in p.comments] == [
        ("Ana Ruiz", "Yesterday 21:40", None), ("Tom B", "Yesterday 22:05", 0), ("Ana Ruiz", "Today 06:50", 1),
        ("Quiet Reader", "Today 07:30", 0), ("Jo Lin", "Monday 09:12", None)]
    assert p.comments[2].text == "Longer than that."


def test_a_plain_text_dump_saved_as_html_keeps_its_lines():
    """The parser wraps a tagless .html file whole in one <span>: its line breaks are still its lines (a
    pretty-printed inline element's are not), so its comment section is still read."""
    dump = "\n".join([HEADLINE, *PARAGRAPHS, "© 2021 Harbour Gazette. All rights reserved.",
                      "Simian Lane", "How long will the works take?", "sourpuss", "Longer than they say.",
                      "Yrral", "The old bridge was fine.", "non party", "Not in winter it was not."])
    p = split_document(Document(id="d", source="d.htm", encoding="utf-8", html=dump))
    assert [c.author for c in p.comments] == ["Simian Lane", "sourpuss", "Yrral", "non party"]


@pytest.mark.parametrize("heading", ["What readers are saying — 2 responses", "Join the debate: 2 comments",
                                     "Have your say | 2 comments"])
def test_a_comment_count_after_a_lead_in_is_the_section_heading(heading):
    """QA: "What readers are saying — 6 responses" and "Share this article: Facebook | X | Email" stayed at the
    end of the article body: a count after a short lead-in and a dash or colon is a heading, and a share line
    naming its networks is chrome."""
    section = f"Share this article: Facebook | X | Email\n{heading}\nAnn Lee\n2 hours ago\nFirst!\n\nBo Li\n1 hour ago\nSecond.\n"
    p = split_text(f"{ARTICLE}\n{section}", id="lead-in")  # right after the article: no other chrome to end it
    assert triples(p) == [("Ann Lee", "2 hours ago", "First!"), ("Bo Li", "1 hour ago", "Second.")]
    assert_whole_article(p)


@pytest.mark.parametrize("line", ["The vote: 6 responses were received in time.", "Results – 3 replies to the survey",
                                  "Share this story: it is the best thing I read all year"])
def test_a_sentence_with_a_count_or_a_share_is_still_article_text(line):
    p = split_text(f"{HEADLINE}\n\n{PARAGRAPHS[0]}\n\n{line}\n\n{PARAGRAPHS[1]}\n", id="sentence")
    assert line in p.article_body and p.comments == []


# --- QA pass 12 ------------------------------------------------------------------------------------

def test_a_pingback_in_the_comment_list_is_no_part_of_the_comment_above():
    """QA 12: WordPress lists a pingback (no author, no time) as an `<li id="comment-48">`; its line no header rule
    reads, so it was glued to the end of the comment above it and scored as that reader's words."""
    pingback = ('<li id="comment-9" class="pingback odd depth-1"><div class="comment-body">Pingback: '
                '<a href="https://other.example/links">Weekly links roundup</a></div></li>')
    thread = (wordpress_comment(1, "Mark Bell", "March 3, 2021 at 9:14 am", "About time.")
              + wordpress_comment(2, "Mira S.", "March 3, 2021 at 9:30 am", "The council never listens.")
              + pingback + wordpress_comment(3, "eliza.m", "March 3, 2021 at 9:41 am", "We all pay."))
    p = split_document(html_page(f'<div id="comments" class="comments-area"><ol class="comment-list">{thread}</ol>'
                                 '</div>'))
    assert triples(p) == [("Mark Bell", "March 3, 2021 at 9:14 am", "About time."),
                          ("Mira S.", "March 3, 2021 at 9:30 am", "The council never listens."),
                          (None, None, "Pingback: Weekly links roundup"),
                          ("eliza.m", "March 3, 2021 at 9:41 am", "We all pay.")]


def test_a_blockquote_in_an_html_comment_is_quoted_text_not_the_replys_own():
    """QA 12: a reply quoting its parent in a `<blockquote>` kept the quote as its own text (a text dump's "> "
    lines were dropped); a comment that is all quote keeps it, as it has no other words."""
    quoting = wordpress_comment(2, "Ana", "March 3, 2021 at 9:30 am",
                                "x</p><blockquote><p>The council never listens.</p></blockquote><p>It did this time.")
    poem = wordpress_comment(3, "Olu Bankole", "March 3, 2021 at 9:41 am",
                             "</p><blockquote><p>Two roads diverged in a wood.</p></blockquote><p>")
    thread = wordpress_comment(1, "Mark Bell", "March 3, 2021 at 9:14 am", "The council never listens.") \
        + quoting.replace("<p>x</p>", "") + poem
    p = split_document(html_page(f'<div id="comments" class="comments-area"><ol class="comment-list">{thread}</ol>'
                                 '</div>'))
    assert [c.text for c in p.comments] == ["The council never listens.", "It did this time.",
                                            "Two roads diverged in a wood."]


def test_a_comment_of_quoted_lines_only_keeps_its_words():
    """QA 12: a comment whose every line starts with ">" (a greentext) came out with empty text."""
    section = ("3 Comments\nann_k\n2 hours ago\n> be me\n> cycle to work\n> get doored\nReply\n"
               "bob_r\n1 hour ago\nGood news.\nReply\ncat_l\n5 minutes ago\n> Good news.\nNot for shops.\nReply\n")
    p = split_text(f"{ARTICLE}\n{section}", id="greentext")
    assert triples(p) == [("ann_k", "2 hours ago", "be me\ncycle to work\nget doored"),
                          ("bob_r", "1 hour ago", "Good news."), ("cat_l", "5 minutes ago", "Not for shops.")]


@pytest.mark.parametrize("shown", ["Sa., 22.11.2026 14:03", "22 de noviembre de 2026 a las 14:03"])
def test_a_time_line_under_a_name_line_is_shown_whole(shown):
    """QA 12: the time under a name line lost as many characters as the name had ("Sa., 22.11.2026 14:03" under
    "Sabine Wolf" came out ".2026 14:03", a Spanish long date "mbre de 2026 a las 14:03")."""
    section = ("Kommentare (3)\nHans_Meier\nvor 2 Stunden\nEndlich! Ich fahre jeden Tag mit dem Rad.\nAntworten\n"
               "Ralf\n22.11.2026, 14:03\nDie Geschäfte werden leiden.\nAntworten\n"
               f"Sabine Wolf\n{shown}\nIch finde es gut.\nAntworten\n")
    p = split_text(f"{ARTICLE}\n{section}", id="de")
    assert [(c.author, c.posted) for c in p.comments][-1] == ("Sabine Wolf", shown)


def test_a_time_after_a_bullet_and_a_guest_badge_as_the_name():
    """QA 12: Disqus shows "•" before the time ("•2 hours ago" where its spans touch): no time was read, so the
    time and the vote count stayed in the text; a guest's name line reads "Guest", a badge elsewhere."""
    def post(n: int, author: str, posted: str, text: str) -> str:
        return (f'<li class="post" id="post-{n}"><div class="post-body"><header><span class="author"><a>{author}</a>'
                f'</span>\n<span class="post-meta"><span class="bullet">•</span><a class="time-ago">{posted}</a></span>'
                f'</header><div class="post-message"><p>{text}</p></div><footer><menu><li class="voting">'
                f'<a class="vote-up"><span class="count">4</span></a></li><li class="reply"><a>Reply</a></li>'
                '</menu></footer></div></li>')
    posts = post(1, "Rosa Delgado", "2 hours ago", "My mother waited seven hours.") \
        + post(2, "kevin_m", "an hour ago", "Same here.") + post(3, "Guest", "30 minutes ago", "Wake up people.")
    p = split_document(html_page(f'<div id="disqus_thread"><ul id="post-list" class="post-list">{posts}</ul></div>'))
    assert triples(p) == [("Rosa Delgado", "2 hours ago", "My mother waited seven hours."),
                          ("kevin_m", "an hour ago", "Same here."), ("Guest", "30 minutes ago", "Wake up people.")]


def test_a_comment_awaiting_moderation_notice_is_no_part_of_its_text():
    section = "2 Comments\nann_k\n2 hours ago\nYour comment is awaiting moderation.\nThe council never listens.\n" \
              "bob_r\n1 hour ago\nGood news.\n"
    p = split_text(f"{ARTICLE}\n{section}", id="awaiting")
    assert [c.text for c in p.comments] == ["The council never listens.", "Good news."]


def test_the_words_after_a_quote_in_a_page_without_a_comment_section_are_kept():
    """QA 12: trafilatura drops the text that follows a `<blockquote>` in its element; on a forum thread's page
    (posts quoting each other, no element named a comment section) every reply's own words vanished, and with
    them the insult in one."""
    def post(n: int, author: str, content: str) -> str:  # phpBB's markup
        return (f'<div id="p{n}" class="post"><dl class="postprofile"><dt><a class="username">{author}</a></dt>'
                f'<dd><strong>Posts:</strong> {n * 37}</dd></dl><div class="postbody"><h3>Re: Mill Road</h3>'
                f'<p class="author">Post by <strong>{author}</strong> » Fri Nov 20, 2026 9:{n}4 am</p>'
                f'<div class="content">{content}</div></div></div>')
    opening = ("Council voted 7-2 for the bike lanes last night. Parking goes from 140 spaces to zero.<br>Thoughts? "
               "I have lived on this road for twenty years and never seen so much traffic as this autumn.")
    reply = "About time, honestly. I cycle there every day and have been clipped by wing mirrors twice this year."
    insult = "Easy for you to say, you idiot. My mum can't get to her appointments now."
    posts = post(1, "millroadmike", opening) \
        + post(2, "ellen_b", f"<blockquote><div><cite>millroadmike wrote:</cite>Parking goes from 140 spaces to "
                             f"zero.</div></blockquote>{reply}") \
        + post(3, "grumpy_pete", f"<blockquote><div><cite>ellen_b wrote:</cite>About time.</div></blockquote>{insult}")
    p = split_document(html_page(f"<div class='topic'>{posts}</div>", article=""))
    said = p.article_body + "\n" + "\n".join(c.text for c in p.comments)
    assert reply in said and insult in said


def test_the_lines_under_a_lone_name_wrote_line_are_kept():
    """QA 12: one "name wrote: text" line under an article read as a feed of one-line notes, whose lines between
    notes are no text: every line below it was in neither the article nor a comment."""
    text = (f"{ARTICLE}\nmillroadmike wrote: Parking goes from 140 spaces to zero.\n"
            "About time, honestly. I cycle there every day.\nEasy for you to say, you idiot.\n")
    p = split_text(text, id="lone")
    said = p.article_body + "\n" + "\n".join(c.text for c in p.comments)
    assert "About time, honestly. I cycle there every day." in said and "Easy for you to say, you idiot." in said


def test_minified_comment_markup_keeps_its_fields_apart():
    """QA 12: in minified markup (no space between tags) "<span>Rosa Delgado</span><time>3h</time>" read as the
    name "Rosa Delgado3h" with no time, and a comment whose header no rule then read ("Dr. Ama Mensah1h") was
    glued to the comment above: the doctor's advice came out as Tom's words."""
    def comment(n: int, author: str, posted: str, text: str) -> str:
        return (f'<article class="comment" id="comment-{n}"><header><span class="author">{author}</span>'
                f'<time datetime="2026-11-21T10:00:00Z">{posted}</time></header><div class="body"><p>{text}</p>'
                '</div><footer><button>Like</button><span class="likes">12</span><button>Reply</button></footer>'
                '</article>')
    section = (comment(1, "Rosa Delgado", "3h", "Nurses have been warning about this for years.")
               + comment(2, "Tom", "2h", "Exactly right.")
               + comment(3, "Dr. Ama Mensah", "1h", "Please drink water and check on elderly neighbours."))
    p = split_document(html_page(f'<section id="comments" class="comments"><h2>Comments (3)</h2>{section}</section>'))
    assert triples(p) == [("Rosa Delgado", "3h", "Nurses have been warning about this for years."),
                          ("Tom", "2h", "Exactly right."),
                          ("Dr. Ama Mensah", "1h", "Please drink water and check on elderly neighbours.")]


def test_a_live_blog_entry_with_a_colon_is_article_text_not_a_chat_comment():
    """QA 12: among a live blog's time-led entries, "22:30 The vote: seven in favour, two against." read as a chat
    line by "The vote", and the article's last entries became that comment."""
    entries = ("21:15 Councillor Brown says the shops were not consulted properly and asks for a delay.\n"
               "21:40 A shop owner in the public gallery is asked to leave after shouting at the chair.\n"
               "22:30 The vote: seven in favour, two against. The plan is approved.\n"
               "22:35 That is all from us tonight. Thank you for following along.\n")
    p = split_text(f"{ARTICLE}\n{entries}", id="live")
    assert p.comments == [] and p.article_body.split() == f"{ARTICLE}\n{entries}".split()


def test_a_lone_chat_comment_under_an_article_is_still_one():
    p = split_text(f"{ARTICLE}\nComments\n[10:02] harbour_watcher: About time, the old pier was a danger.\n", id="chat")
    assert triples(p) == [("harbour_watcher", "10:02", "About time, the old pier was a danger.")]


def test_a_recent_comments_widget_is_no_comment_section_of_the_page():
    """QA 12: WordPress's default sidebar lists the site's latest comments on other posts (`<section
    id="recent-comments-2">`); on a post with no comments it was taken for the page's comment section and came out
    as a comment by "Recent Comments"; it also beat a real section with less text."""
    widget = ('<aside id="secondary" class="widget-area"><section id="recent-comments-2" class="widget '
              'widget_recent_comments"><h2>Recent Comments</h2><ul id="recentcomments">'
              + "".join(f'<li class="recentcomments"><span class="comment-author-link">{name}</span> on '
                        f'<a href="/p/{n}#comment-{n}">{title}</a></li>'
                        for n, (name, title) in enumerate([("Mark Bell", "School roof repairs delayed again"),
                                                           ("Ellen", "Christmas market returns to the square"),
                                                           ("Anonymous", "Ferry fares to rise by 12% in January")]))
              + "</ul></section></aside>")
    assert split_document(html_page(widget)).comments == []
    one = wordpress_comment(1, "Olu", "March 3, 2021 at 9:14 am", "Good.")
    p = split_document(html_page(f'<div id="comments" class="comments-area"><ol class="comment-list">{one}</ol></div>'
                                 + widget))
    assert triples(p) == [("Olu", "March 3, 2021 at 9:14 am", "Good.")]


def isso_comment(n: int, author: str, posted: str, text: str, replies: str = "", kind: str = "isso-comment") -> str:
    """Isso's comment markup (its section is `<section id="isso-thread">`, no name a comment section has here)."""
    return (f'<div class="{kind}" id="isso-{n}"><div class="isso-text-wrapper"><div class="isso-comment-header">'
            f'<span class="isso-author">{author}</span><span class="isso-spacer">&bull;</span><a class="isso-permalink">'
            f'<time datetime="2026-11-21T10:00:00Z">{posted}</time></a></div><div class="isso-text"><p>{text}</p></div>'
            '<div class="isso-comment-footer"><span class="isso-votes">0</span><a class="isso-reply">Reply</a></div>'
            f'<div class="isso-follow-up">{replies}</div></div></div>')


ISSO_EXPECTED = [("Rosa", "2 hours ago", "My mother waited seven hours."), ("Ann", "an hour ago", "Same here."),
                 ("kevin", "30 minutes ago", "They should all be locked up for this.")]


@pytest.mark.parametrize(("holder", "kind"), [('<section id="isso-thread"><div id="isso-root">{}</div></section>',
                                               "isso-comment"),
                                              ('<div class="usercomments">{}</div>', "isso-post")])
def test_every_comment_is_read_where_no_element_names_the_section_or_a_part_of_a_comment_does(holder, kind):
    """QA 12: with no element named a comment section, the biggest element whose class held the word "comment"
    was taken for the section: one comment with its replies ("isso-comment"), or a comment's header
    ("isso-comment-header"), so the other comments vanished (trafilatura leaves them out of the article)."""
    thread = isso_comment(1, "Rosa", "2 hours ago", "My mother waited seven hours.",
                          isso_comment(2, "Ann", "an hour ago", "Same here.", kind=kind), kind=kind) \
        + isso_comment(3, "kevin", "30 minutes ago", "They should all be locked up for this.", kind=kind)
    p = split_document(html_page(holder.format(thread)))
    assert triples(p) == ISSO_EXPECTED and [c.parent for c in p.comments] == [None, 0, None]
    assert_whole_article(p)


def test_one_thread_of_several_is_not_the_section():
    """QA 12: a section of `<div class="comment-thread">` (a comment with its replies) took the longest thread for
    the section and lost the others."""
    thread = "".join(f'<div class="comment-thread">{wordpress_comment(n, a, "March 3, 2021 at 9:14 am", t)}</div>'
                     for n, a, t in [(1, "Mark Bell", "About time, and the pier needs it badly."), (2, "Olu", "Good.")])
    p = split_document(html_page(f'<div class="talk">{thread}</div>'))
    assert [c.author for c in p.comments] == ["Mark Bell", "Olu"]


def test_a_comment_whose_header_has_another_shape_than_its_neighbours_is_its_own():
    """QA 12: one comment of the markup showing "Olu Bankole · 2h" among "Name says: / date" headers was glued to
    the comment above it, its words given to that comment's author."""
    one = wordpress_comment(1, "Mark Bell", "March 3, 2021 at 9:14 am", "About time.")
    two = ('<li id="comment-2" class="comment depth-1"><article class="comment-body"><div class="meta">Olu Bankole · 2h'
           '</div><div class="comment-content"><p>The council never listens.</p></div></article></li>')
    three = wordpress_comment(3, "eliza.m", "March 3, 2021 at 9:41 am", "We all pay.")
    p = split_document(html_page(f'<div id="comments" class="comments-area"><ol class="comment-list">{one}{two}{three}'
                                 '</ol></div>'))
    assert triples(p) == [("Mark Bell", "March 3, 2021 at 9:14 am", "About time."),
                          ("Olu Bankole", "2h", "The council never listens."),
                          ("eliza.m", "March 3, 2021 at 9:41 am", "We all pay.")]


# --- QA pass 13: comment systems not tried before (Drupal, Ghost, Discourse, Remark42, Coral, OpenWeb,
# Viafoura, a Guardian-style and a Reddit-like thread) --------------------------------------------------

def test_an_openweb_conversation_is_the_comment_section():
    """QA 13: OpenWeb (Spot.IM) calls its section a "conversation" ("spcv_conversation") and no element says
    "comment": no section was found and trafilatura left the comments out of the article, so all of them
    vanished without a word."""
    def message(author: str, posted: str, text: str, replies: str = "") -> str:
        return (f'<li class="spcv_list-item"><div class="spcv_message"><div class="spcv_message-header">'
                f'<span class="spcv_username">{author}</span><span class="spcv_timestamp">{posted}</span></div>'
                f'<div class="spcv_text">{text}</div><div class="spcv_actions"><button>Reply</button>'
                f'<span>8</span><button>Share</button></div>'
                + (f'<ul class="spcv_children">{replies}</ul>' if replies else "") + "</div></li>")
    thread = message("RoadWarrior", "2h", "Drivers pay for the roads.", message("Hana K", "1h", "Cyclists pay too.")) \
        + message("MikeT", "45m", "Can't wait to try them.")
    p = split_document(html_page(f'<div class="spcv_conversation"><ul class="spcv_list">{thread}</ul></div>'))
    assert triples(p) == [("RoadWarrior", "2h", "Drivers pay for the roads."), ("Hana K", "1h", "Cyclists pay too."),
                          ("MikeT", "45m", "Can't wait to try them.")]
    assert [c.parent for c in p.comments] == [None, 0, None]
    assert_whole_article(p)


def coral_comment(n: int, author: str, posted: str, text: str, reply_to: str = "", replies: str = "") -> str:
    """Coral Talk's markup: the username is a button, the reactions, reply, share and report buttons a row."""
    return (f'<div class="coral-comment" id="comment-{n}"><div class="coral-comment-userName">'
            f'<button class="coral-username">{author}</button></div>'
            + (f'<div class="coral-comment-inReplyTo">In reply to <span>{reply_to}</span></div>' if reply_to else "")
            + f'<div class="coral-comment-timestamp"><time>{posted}</time></div><div class="coral-comment-content">'
            f'<p>{text}</p></div><div class="coral-comment-actionBar"><button>Respect {n}</button><button>Reply</button>'
            f'<button>Share</button><button>Report</button></div>{replies}</div>')


def test_a_reply_header_under_the_commenters_name_is_the_reply_of_that_commenter():
    """QA 13: Coral shows "LotsOfCars" / "In reply to GreenCommuter" / "5 hours ago" and Discourse "mgarcia" /
    "pedalpusher" (the post it answers) / "Mar 5": the reply's author was glued to the comment above and the
    reply given to "In reply to GreenCommuter" or to pedalpusher, the commenter it answers."""
    coral = coral_comment(1, "GreenCommuter", "6 hours ago", "Protected lanes saved my neighbour.",
                          replies=coral_comment(2, "LotsOfCars", "5 hours ago", "Anecdotes are not data.",
                                                reply_to="GreenCommuter")) \
        + coral_comment(3, "Priya S.", "4 hours ago", "Will the buses get lanes too?")
    p = split_document(html_page(f'<div id="coral_thread"><div class="coral-stream">{coral}</div></div>'))
    assert triples(p) == [("GreenCommuter", "6 hours ago", "Protected lanes saved my neighbour."),
                          ("LotsOfCars", "5 hours ago", "Anecdotes are not data."),
                          ("Priya S.", "4 hours ago", "Will the buses get lanes too?")]
    assert [c.parent for c in p.comments] == [None, 0, None]

    def post(n: int, author: str, reply_to: str, posted: str, text: str) -> str:
        return (f'<article class="topic-post" id="post-{n}"><div class="topic-meta-data"><div class="names">'
                f'<span class="username"><a>{author}</a></span></div>'
                + (f'<div class="in-reply-to"><a>{reply_to}</a></div>' if reply_to else "")
                + f'<div class="post-date"><a>{posted}</a></div></div><div class="cooked"><p>{text}</p></div></article>')
    discourse = post(2, "pedalpusher", "", "Mar 4", "Is the Elm Street segment included?") \
        + post(3, "mgarcia", "pedalpusher", "Mar 5", "Yes, it is in phase two.")
    p = split_document(html_page(f'<div id="discourse-comments">{discourse}<footer><a>Continue discussion</a> 4 more '
                                 'replies</footer></div>'))
    assert triples(p) == [("pedalpusher", "Mar 4", "Is the Elm Street segment included?"),
                          ("mgarcia", "Mar 5", "Yes, it is in phase two.")]
    assert [c.parent for c in p.comments] == [None, 0]


def test_a_row_of_buttons_is_not_comment_text():
    """QA 13: Coral's "Respect 12 · Reply · Share · Report" row (a reaction word no list knows) stayed in every
    comment's text; a row whose every word is a button's is the widget's, while a lone button may be the name."""
    p = split_document(html_page('<div class="coral-stream">' + coral_comment(1, "Ana", "2 hours ago", "Good.")
                                 + coral_comment(12, "Olu", "1 hour ago", "Bad.") + "</div>"))
    assert triples(p) == [("Ana", "2 hours ago", "Good."), ("Olu", "1 hour ago", "Bad.")]


def ghost_comment(author: str, meta: str, text: str, replies: str = "") -> str:
    """Ghost's native comments: an avatar's initials, the name, a meta line (tagline · time · Edited)."""
    initials = "".join(w[0] for w in author.split())
    return (f'<div class="gh-comment"><div class="gh-comment-avatar"><div class="avatar">{initials}</div></div>'
            f'<div class="gh-comment-content"><h4 class="gh-comment-name">{author}</h4><div class="gh-comment-meta">'
            f'{meta}</div><div class="gh-comment-body"><p>{text}</p></div><div class="gh-comment-actions">'
            f'<button>14</button><button>Reply</button><button>More</button></div>'
            + (f'<div class="gh-comment-replies">{replies}</div>' if replies else "") + "</div></div>")


def test_ghost_comments_with_avatar_initials_taglines_and_edited_badges():
    """QA 13: Ghost's avatar initials ("AW" over "Alice Wong") ended the comment above, the commenter's tagline
    ("Urban planner · 2 hours ago") was taken for the author, and "35 minutes ago · Edited" was read as a button
    row, so the third comment was glued to the second."""
    thread = ghost_comment("Alice Wong", "Urban planner · 2 hours ago", "Paint is not protection.",
                           ghost_comment("Ben Jacobs", "1 hour ago", "Agreed.")) \
        + ghost_comment("Carla Diaz", "35 minutes ago · Edited", "Will the lanes be cleared of snow?")
    p = split_document(html_page(f'<section class="gh-comments">{thread}</section>'))
    assert triples(p) == [("Alice Wong", "2 hours ago", "Paint is not protection."), ("Ben Jacobs", "1 hour ago", "Agreed."),
                          ("Carla Diaz", "35 minutes ago · Edited", "Will the lanes be cleared of snow?")]
    assert [c.parent for c in p.comments] == [None, 0, None]


def test_a_score_after_the_time_in_the_header_row_is_not_the_header():
    """QA 13: Remark42's row "steve_k 04.03.25, 11:20 ▲ +5 ▼" (a two-digit year; the score after the time) was no
    header, so the replies were glued to the first comment."""
    def comment(n: int, author: str, posted: str, score: str, text: str, replies: str = "") -> str:
        return (f'<article class="comment" id="remark42__comment-{n}"><div class="comment__info">'
                f'<span class="comment__username">{author}</span><a class="comment__time">{posted}</a>'
                f'<button aria-label="Vote up">▲</button><span>{score}</span><button aria-label="Vote down">▼</button>'
                f'</div><div class="comment__text"><p>{text}</p></div><div class="comment__actions"><button>Reply'
                '</button></div>' + (f'<div class="comment__replies">{replies}</div>' if replies else "") + "</article>")
    thread = comment(1, "steve_k", "04.03.25, 11:20", "+5", "This should have happened a decade ago.",
                     comment(2, "Nora", "04.03.25, 12:05", "-2", "Better late than never.")) \
        + comment(3, "Quiet Reader", "05.03.25, 07:45", "0", "Where is the map?")
    p = split_document(html_page(f'<div id="remark42"><div class="root__threads">{thread}</div></div>'))
    assert triples(p) == [("steve_k", "04.03.25, 11:20", "This should have happened a decade ago."),
                          ("Nora", "04.03.25, 12:05", "Better late than never."),
                          ("Quiet Reader", "05.03.25, 07:45", "Where is the map?")]
    assert [c.parent for c in p.comments] == [None, 0, None]


def test_the_author_is_what_the_markup_names_where_the_header_row_glues_more_to_it():
    """QA 13: a header row with more after the name than the time took it all for the author: a Guardian-style
    response-to name ("Grumpy Old Man Fietser", whose parent it names), a Reddit-like score ("throwaway_2291 154
    points"), a Viafoura badge ("Janet Moore Subscriber")."""
    def comment(n: int, author: str, extra: str, posted: str, text: str, replies: str = "") -> str:
        return (f'<li class="d-comment" id="comment-{n}"><div class="d-comment__meta"><a class="d-comment__author">'
                f'{author}</a> <span>{extra}</span> <time>{posted}</time></div><div class="d-comment__body"><p>{text}</p>'
                '</div>' + (f'<ul class="d-thread">{replies}</ul>' if replies else "") + "</li>")
    thread = comment(1, "Fietser", "", "3 Mar 2025 21:04", "Amsterdam did it.",
                     comment(2, "Grumpy Old Man", "Fietser", "3 Mar 2025 21:30", "Amsterdam is flat.")
                     + comment(3, "e-bikes", "Grumpy Old Man", "3 Mar 2025 22:01", "That is what e-bikes are for.")) \
        + comment(4, "throwaway_2291", "154 points", "4 Mar 2025 7:15", "Two years is fast.") \
        + comment(5, "Janet Moore", "Subscriber", "4 Mar 2025 8:15", "Good.")
    p = split_document(html_page(f'<div id="comments" class="discussion"><ul class="d-thread">{thread}</ul></div>'))
    assert [c.author for c in p.comments] == ["Fietser", "Grumpy Old Man", "e-bikes", "throwaway_2291", "Janet Moore"]
    assert [c.parent for c in p.comments] == [None, 0, 1, None, None]
    assert [c.text for c in p.comments][2:] == ["That is what e-bikes are for.", "Two years is fast.", "Good."]


def test_replies_in_a_sibling_holder_after_their_comment_are_its_replies():
    """QA 13: Drupal puts a comment's replies in the `<div class="indented">` after its `<article>`, not inside it:
    the replies lost their parent."""
    def comment(n: int, author: str, text: str) -> str:
        return (f'<article class="comment js-comment" id="comment-{n}"><footer class="comment__meta"><p>Submitted by '
                f'<span class="username">{author}</span> on <span>Tue, 03/04/2025 - 09:{n}</span></p></footer>'
                f'<div class="content"><p>{text}</p><ul class="links"><li><a>Reply</a></li></ul></div></article>')
    section = (comment(11, "jdawson", "Finally some progress.") + '<div class="indented">'
               + comment(12, "Karen Whitfield", "What about the shops?") + "</div>" + comment(13, "Tom Reyes", "Typical."))
    p = split_document(html_page(f'<section class="comment-wrapper" id="comments">{section}</section>'))
    assert [(c.author, c.parent) for c in p.comments] == [("jdawson", None), ("Karen Whitfield", 0), ("Tom Reyes", None)]
    assert [c.text for c in p.comments] == ["Finally some progress.", "What about the shops?", "Typical."]


def test_schema_org_microdata_comments_are_read_where_no_class_names_them():
    """QA 13: comments marked up only with schema.org microdata (`itemprop="comment"`, `itemprop="author"`,
    `itemprop="dateCreated"`) in a block no class names were not found, and trafilatura left them out of the
    article: every one vanished."""
    def comment(author: str, posted: str, text: str, replies: str = "") -> str:
        return (f'<div itemprop="comment" itemscope itemtype="https://schema.org/Comment"><div class="who">'
                f'<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">'
                f'{author}</span></span>, <span itemprop="dateCreated">{posted}</span></div><div itemprop="text"><p>'
                f'{text}</p></div><div class="tools">Reply | Report</div>{replies}</div>')
    thread = comment("Hugo Martin", "4 March 2025", "Keep the trees.", comment("Ines", "4 March 2025", "They will.")) \
        + comment("K. Osei", "5 March 2025", "Finally.")
    p = split_document(html_page(f'<div class="feedback">{thread}</div>'))
    assert triples(p) == [("Hugo Martin", "4 March 2025", "Keep the trees."), ("Ines", "4 March 2025", "They will."),
                          ("K. Osei", "5 March 2025", "Finally.")]
    assert [c.parent for c in p.comments] == [None, 0, None]
    assert_whole_article(p)


def test_commento_cards_with_one_letter_avatars_and_scores_between_name_and_time():
    """QA 13: Commento shows an avatar's one letter ("A" over "anna k") and the score between the name and the time
    ("12 points"): no header was read, and the whole section became one comment by "A"."""
    def card(n: int, author: str, score: int, posted: str, text: str, replies: str = "") -> str:
        return (f'<div id="commento-comment-card-{n}" class="commento-card"><div class="commento-header">'
                f'<div class="commento-avatar">{author[0].upper()}</div><div class="commento-name">{author}</div>'
                f'<div class="commento-subtitle"><div class="commento-score">{score} points</div>'
                f'<div class="commento-timeago">{posted}</div></div></div><div class="commento-contents">'
                f'<div class="commento-body"><p>{text}</p></div><div class="commento-options"><button title="Reply">'
                f'</button></div><div class="commento-body">{replies}</div></div></div>')
    thread = card(1, "anna k", 12, "3 hours ago", "The map is on page 4.", card(2, "bjorn", 3, "1 hour ago", "Agreed.")) \
        + card(3, "carl", 0, "just now", "Thanks!")
    p = split_document(html_page(f'<div id="commento"><div id="commento-comments-area">{thread}</div></div>'))
    assert triples(p) == [("anna k", "3 hours ago", "The map is on page 4."), ("bjorn", "1 hour ago", "Agreed."),
                          ("carl", "just now", "Thanks!")]
    assert [c.parent for c in p.comments] == [None, 0, None]


# --- QA pass 14: plain-text dumps (a page's text selected in a browser and pasted) -----------------

def _pasted(dump: str) -> str:
    """A dump as pasted into a .txt file: its lines, indents kept, without the blank lines around them."""
    return dump.strip("\n")


def test_a_short_pasted_page_keeps_its_byline_and_article_above_the_comments_heading():
    # A Dutch page: the byline and its date above the article are no comment (the learned reading made them one),
    # and the "Leuk 14" like buttons are not comment text.
    page = split_text(_pasted("""
Dagblad Oost
Nieuws  Sport  Regio  Cultuur
Nieuwe brug over de IJssel geopend
Door Pieter de Vries
22 nov 2026
De nieuwe fietsbrug over de IJssel is zaterdag officieel geopend door de burgemeester. Honderden fietsers reden als eerste over de brug.
De brug verkort de reistijd tussen de twee oevers met ongeveer tien minuten.
Reacties (3)
Jan_V
3 uur geleden
Prachtige brug, eindelijk een veilige route naar school.
Reageren
Leuk 14
Melden
   Marieke
   2 uur geleden
   Klopt, mijn dochter fietst er morgen al overheen.
   Reageren
   Leuk 3
   Melden
kees1970
1 uur geleden
Weggegooid geld van die klootzakken in het gemeentehuis.
Reageren
Leuk
Melden
Meer reacties laden
© 2026 Dagblad Oost B.V. Alle rechten voorbehouden.
"""), id="nl")
    assert [(c.author, c.posted, c.parent) for c in page.comments] == [
        ("Jan_V", "3 uur geleden", None), ("Marieke", "2 uur geleden", 0), ("kees1970", "1 uur geleden", None)]
    assert [c.text for c in page.comments] == [
        "Prachtige brug, eindelijk een veilige route naar school.",
        "Klopt, mijn dochter fietst er morgen al overheen.",
        "Weggegooid geld van die klootzakken in het gemeentehuis."]
    assert "De brug verkort de reistijd" in page.article_body


def test_abbreviated_german_relative_times_keep_their_dot_and_the_sort_line_is_no_author():
    assert is_timestamp("vor 3 Std.") and is_timestamp("vor 20 Min.") and not is_timestamp("Das war vor 3 Std.")
    page = split_text(_pasted("""
Stadtanzeiger Nord
Neue Straßenbahnlinie soll 2028 fahren
Von Klaus Berger
Die Stadt plant eine neue Straßenbahnlinie zwischen dem Hauptbahnhof und dem Neubaugebiet im Osten. Der Stadtrat hat am Donnerstag die Finanzierung beschlossen.
Die Kosten werden auf rund 120 Millionen Euro geschätzt. Bund und Land übernehmen einen großen Teil.
Kommentare (3)
Neueste zuerst
Hans_M
vor 3 Std.
Endlich! Die Busse sind morgens immer überfüllt.
Antworten
Melden
12
   Petra K.
   vor 2 Std.
   @Hans_M Bis 2028 ist es aber noch lange hin.
   Antworten
   Melden
   4
Bürger2000
vor 1 Std.
Diese Politiker sind alle unfähige Idioten, die unser Geld verschwenden.
Antworten
Melden
Weitere Kommentare laden
© 2026 Stadtanzeiger Nord GmbH. Alle Rechte vorbehalten.
"""), id="de", arbitrate=False)
    assert [(c.author, c.posted, c.parent) for c in page.comments] == [
        ("Hans_M", "vor 3 Std.", None), ("Petra K.", "vor 2 Std.", 0), ("Bürger2000", "vor 1 Std.", None)]
    assert page.comments[2].text == "Diese Politiker sind alle unfähige Idioten, die unser Geld verschwenden."


@pytest.mark.parametrize("button", ["Carica altri commenti", "Carregar mais comentários", "Weitere Kommentare laden",
                                    "Meer reacties laden", "Charger plus de commentaires"])
def test_a_localised_load_more_button_after_the_last_comment_is_not_its_text(button):
    page = split_text(_pasted(f"""
Il Corriere del Lago
Chiude lo storico cinema Odeon dopo 80 anni
Lo storico cinema Odeon chiuderà definitivamente a fine mese. I proprietari hanno spiegato che i costi di gestione sono diventati insostenibili.
Molti cittadini si sono radunati davanti all'ingresso per un ultimo saluto.
Commenti (3)
marco_t
22/11/2026 alle 14:03
Che tristezza, ci andavo da bambino con mio nonno.
Rispondi
Segnala
pinco99
3 ore fa
Ma chi se ne frega, andate a lavorare invece di piangere.
Rispondi
Segnala
GianniB
2 ore fa
Il Comune dovrebbe comprarlo e farne un centro culturale.
Rispondi
Segnala
{button}
"""), id="it")
    assert [c.author for c in page.comments] == ["marco_t", "pinco99", "GianniB"]
    assert page.comments[-1].text == "Il Comune dovrebbe comprarlo e farne un centro culturale."


def test_a_pasted_avatars_alt_text_is_no_commenters_name():
    # Pasted Disqus: the avatar's alt text ("Avatar"), the replier, the name of the comment answered, a lone "•",
    # the time. "Avatar" was read as the reply's author and the replier's name as its text.
    page = split_text(_pasted("""
Tech Daily
Startup unveils solar-powered e-bike
A California startup has unveiled an electric bike with solar panels built into its frame, claiming up to 20 extra miles of range on sunny days.
The company says the bike will cost $2,400 and ship next summer. Critics question whether the small panels can deliver meaningful power.
12 Comments
Sort by Best
Rob Hanley
•
5 hours ago
20 miles from those tiny panels? I'll believe it when I see it.
3
•
Reply
•
Share ›
Avatar
Sunny_Ways
Rob Hanley
•
4 hours ago
They tested it in Arizona. Of course it works in Arizona.
1
•
Reply
•
Share ›
Avatar
Gadget Guru
•
3 hours ago
What a scam. Anyone buying this is a gullible idiot and deserves to lose their money.
•
Reply
•
Share ›
Load more comments
"""), id="disqus")
    assert [(c.author, c.posted) for c in page.comments] == [
        ("Rob Hanley", "5 hours ago"), ("Sunny_Ways", "4 hours ago"), ("Gadget Guru", "3 hours ago")]
    assert page.comments[1].text == "They tested it in Arizona. Of course it works in Arizona."


def test_pasted_avatar_initials_are_no_author_and_no_text():
    # OpenWeb pasted: each avatar's initials ("DP", "RW" for a CamelCase handle) stand over the name line; they
    # took the author's place and the comment's start, so the reply marker named no known commenter.
    page = split_text(_pasted("""
Daily Courier
Rovers sack manager after five straight defeats
Rovers have dismissed manager Alan Pike after a run of five straight league defeats left the club one point above the relegation zone.
Assistant coach Gary Lee will take charge of the team for Tuesday's match against City.
Conversation
87 Comments
DP
Dave Pritchard
2h
Should have happened a month ago. The players stopped playing for him.
Reply
14
Share
RW
RoversWife
1h
Replying to Dave Pritchard
Agreed, the squad looked lost.
Reply
3
Share
M
mike_from_leeds
45m
Pike is a clueless clown and the board are spineless cowards.
Reply
Share
Show More Comments
"""), id="openweb")
    assert [(c.author, c.posted, c.parent) for c in page.comments] == [
        ("Dave Pritchard", "2h", None), ("RoversWife", "1h", 0), ("mike_from_leeds", "45m", None)]
    assert [c.text for c in page.comments] == [
        "Should have happened a month ago. The players stopped playing for him.", "Agreed, the squad looked lost.",
        "Pike is a clueless clown and the board are spineless cowards."]


def test_a_score_with_a_true_minus_and_the_widgets_name_are_not_the_last_comments_text():
    page = split_text(_pasted("""
Jess Writes
Why I quit social media for a year
A year ago I deleted every social media app from my phone. Here is what changed, and what didn't.
I read more books, slept better, and missed about half the birthday parties I was invited to.
3 comments
kate_r
2 days ago
Same experience here, the sleep part especially.
Reply
2 points
   Jess
   2 days ago
   Glad to hear it!
   Reply
   1 point
throwaway99
1 day ago
What a self-indulgent waste of a blog, nobody cares about your stupid life.
Reply
\u22123 points
Commento
"""), id="commento")
    assert [(c.author, c.parent) for c in page.comments] == [("kate_r", None), ("Jess", 0), ("throwaway99", None)]
    assert page.comments[2].text == "What a self-indulgent waste of a blog, nobody cares about your stupid life."
