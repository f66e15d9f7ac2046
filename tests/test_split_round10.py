"""The splitter on comment-section shapes found by unblinding the sixteenth blind set: each test is an invented
page in a shape real sites use (not a generated page), and failed before its fix."""
from comments.split import is_timestamp, split_text

ARTICLE = """Harbour Gazette
Library opening hours extended over the winter
The central library will stay open until nine in the evening from November, the council said.
Extra staff will be paid from the culture budget, which was raised by four percent this year.
Students had asked for longer hours during the exam season, when the reading rooms fill by noon.
© 2025 Harbour Gazette. All rights reserved."""


def _page(section: str, article: str = ARTICLE):
    return split_text(f"{article}\n{section.strip(chr(10))}\n", id="t")


def _authors_and_texts(page):
    return [(c.author, c.text) for c in page.comments]


def test_a_phone_chat_export_with_a_dash_before_the_name_and_its_notices():
    # An Android chat export: "date, time - name: text", a comma after the date and a dash before the name; its
    # notices ("x joined ...") have no "name:" and were glued to the message above.
    page = _page("""
11/03/25, 18:40 - Ines created group "Library users"
11/03/25, 18:41 - Ines added you
11/03/25, 18:42 - Tom Berg: About time, the old hours were useless for anyone working.
11/03/25, 18:44 - Karla joined using this group's invite link
11/03/25, 18:45 - +44 7700 900123: Will the café stay open too?
11/03/25, 18:47 - Karla: Hope they keep the quiet floor quiet
and the heating on.
""")
    assert _authors_and_texts(page) == [
        ("Tom Berg", "About time, the old hours were useless for anyone working."),
        ("+44 7700 900123", "Will the café stay open too?"),
        ("Karla", "Hope they keep the quiet floor quiet\nand the heating on.")]


def test_a_bracketed_chat_exports_notices_open_with_a_left_to_right_mark():
    # The other phone's export: "[date, time] name: text", its notices under the group's name with their text
    # opened by an invisible left-to-right mark; they were read as the group's messages.
    page = _page("""
[11/03/2025, 18:40:02] Library users: \u200eMessages are end-to-end encrypted.
[11/03/2025, 18:40:09] Library users: \u200eInes added you
[11/03/2025, 18:42:51] Tom Berg: About time, the old hours were useless.
[11/03/2025, 18:45:13] Ines: Will the café stay open too?
[11/03/2025, 18:47:30] Tom Berg: Hope so.
""")
    assert _authors_and_texts(page) == [
        ("Tom Berg", "About time, the old hours were useless."),
        ("Ines", "Will the café stay open too?"),
        ("Tom Berg", "Hope so.")]


def test_a_signature_below_the_text_with_the_commenters_place():
    # A tabloid's comment: the text, then "name, town, country, time" under it, a rating prompt and the votes; the
    # place fields between the name and the time kept the line from being a signature.
    page = _page("""
Comments 3
Share what you think

The reading rooms are always full in January.
Pia Holm, Newcastle upon Tyne, United Kingdom, 2 hours ago
Click to rate
▲ 12
▼ 3

Longer hours cost money. Who pays?
grumpy_ted, Leeds, United Kingdom, 5 hours ago
Click to rate
▲ 4
▼ 20

Great for students.
Ana Silva, Porto, Portugal, 1 day ago
Click to rate
▲ 7
▼ 1
""")
    assert _authors_and_texts(page) == [
        ("Pia Holm", "The reading rooms are always full in January."),
        ("grumpy_ted", "Longer hours cost money. Who pays?"),
        ("Ana Silva", "Great for students.")]


def test_answers_signed_by_a_card_below_their_text():
    # A Q&A site: the answer's score, its text, its buttons, then the author's card ("answered <time>", the name,
    # reputation and badge counts) below it; an editor's card may stand above the author's. The cards were read as
    # headers of the text below them.
    page = _page("""
3 Answers
Sorted by:
Highest score (default)

42
Ask for the student card discount, it halves the late fee.
Share
Improve this answer
Follow
answered Feb 3, 2025 at 9:12
Mira Olsen
12.4k ● 3 ● 41
Add a comment

7
The quiet floor closes at eight anyway.
Share
Improve this answer
Follow
edited Feb 4, 2025 at 10:01
Theo Grant
88.1k ● 12 ● 90
answered Feb 3, 2025 at 18:30
user40112
311 ● 2
Add a comment

-2
Nobody reads books anymore.
Share
Improve this answer
Follow
edited Feb 6, 2025 at 8:00
answered Feb 5, 2025 at 7:45
Jonas Weber
1,024 ● 8
Add a comment
""")
    assert _authors_and_texts(page) == [
        ("Mira Olsen", "Ask for the student card discount, it halves the late fee."),
        ("user40112", "The quiet floor closes at eight anyway."),
        ("Jonas Weber", "Nobody reads books anymore.")]  # edited by its author: no editor's card
    assert "Sorted by" not in page.article_body and "Improve this answer" not in page.article_body


def test_a_reviews_stars_and_badge_around_its_time_are_no_text():
    # A map's reviews: "★★★☆☆ 3 weeks ago" under the reviewer's name, maybe with a "NEW" badge after the time; the
    # line was read as the review's first line.
    page = _page("""
Reviews (2)

Pia Holm
★★★★☆ 3 weeks ago   NEW
Quiet, warm, and the staff help you find anything.
Like   Share

tom_b
★★☆☆☆ 5 weeks ago
Wifi drops every ten minutes.
Like   Share
""")
    assert _authors_and_texts(page) == [
        ("Pia Holm", "Quiet, warm, and the staff help you find anything."),
        ("tom_b", "Wifi drops every ten minutes.")]


def test_a_time_whose_number_matches_the_count_of_times_below_is_no_heading():
    # "3 weeks ago" above three more reviews: the rule that reads a first "time" counting the times below it as
    # the section's heading ("12 Komentar") took it for one, and the first review was lost.
    page = _page("""
Write a review

Pia Holm
Local Guide · 41 reviews
3 weeks ago
Quiet, warm, and the staff help you find anything.
Like   Share

tom_b
12 reviews
a month ago
Wifi drops every ten minutes.
Like   Share

Pia Holm
Local Guide · 41 reviews
2 years ago
Spot on
Like   Share

Ana Silva
Local Guide · 7 reviews
2 days ago
Best reading room in town.
Like   Share
""")
    assert [c.author for c in page.comments] == ["Pia Holm", "tom_b", "Pia Holm", "Ana Silva"]


def test_finnish_and_lithuanian_relative_times():
    # "8 päivää sitten" (8 days ago) and "prieš 3 val." (3 hours ago): no pattern read them as times.
    for time in ("8 päivää sitten", "4 tuntia sitten", "eilen", "prieš 3 val.", "prieš 5 d.", "prieš 9 min."):
        assert is_timestamp(time), time
    page = _page("""
Komentarai (3)

Rasa K.
prieš 3 val.
Pagaliau, biblioteka bus atvira vakarais.
Atsakyti

tomas_88
prieš 5 d.
O kas mokės už papildomą personalą?
Atsakyti

Jonas P.
prieš 9 min.
Puiki žinia studentams.
Atsakyti
""")
    assert _authors_and_texts(page) == [
        ("Rasa K.", "Pagaliau, biblioteka bus atvira vakarais."),
        ("tomas_88", "O kas mokės už papildomą personalą?"),
        ("Jonas P.", "Puiki žinia studentams.")]


def test_a_localised_reply_to_marker_names_the_parent():
    # "Vastaus käyttäjälle Ana" (Finnish: reply to user Ana) over a reply's text: the marker was kept as its text.
    page = _page("""
Kommentit (2)

Aino Laine
3 tuntia sitten
Hyvä uutinen opiskelijoille.
Vastaa

    Mikko Virta
    2 tuntia sitten
    Vastaus käyttäjälle Aino Laine
    Samaa mieltä, lukusali on aina täynnä.
    Vastaa
""")
    assert _authors_and_texts(page) == [
        ("Aino Laine", "Hyvä uutinen opiskelijoille."),
        ("Mikko Virta", "Samaa mieltä, lukusali on aina täynnä.")]
    assert page.comments[1].parent == 0
