"""The splitter on comment-section shapes found by unblinding the thirteenth to fifteenth blind sets: each test
is an invented page in a shape real widgets use (not a generated page), and failed before its fix."""
from comments.split import is_timestamp, split_text

ARTICLE = """Valley Courier
Ferry service to resume after winter repairs
The island ferry will run again from Monday after three months in dry dock, the operator said.
Repairs to the hull cost more than expected, and fares will rise by ten percent from April.
Islanders said the long closure had cut them off from the mainland's hospital and schools.
© 2025 Valley Courier. All rights reserved."""


def _page(section: str, article: str = ARTICLE):
    return split_text(f"{article}\n{section.strip(chr(10))}\n", id="t")


def _authors_and_texts(page):
    return [(c.author, c.text) for c in page.comments]


def test_an_avatars_alt_text_above_the_name_is_no_author():
    # A pasted WordPress-style list: each comment's avatar keeps its alt text ("Mara's avatar", "Unknown's avatar"
    # for a guest) on a line above the name; it was read as the author.
    page = _page("""
3 responses to "Ferry service to resume"

Mara Lindqvist's avatar
Mara Lindqvist
February 3, 2025 at 9:12 am
Finally. The detour by road takes two hours.
Reply

Unknown's avatar
pete.h
February 3, 2025 at 10:40 am
Ten percent is a lot for people who have no choice.
Reply

Avatar of Jon Bell
Jon Bell
February 4, 2025 at 7:02 pm
Good news for the island school.
Reply
""")
    assert _authors_and_texts(page) == [
        ("Mara Lindqvist", "Finally. The detour by road takes two hours."),
        ("pete.h", "Ten percent is a lot for people who have no choice."),
        ("Jon Bell", "Good news for the island school.")]


def test_a_date_and_its_clock_split_by_a_field_bar_are_one_time():
    # "12 marzo 2024 | 14:05" under the name: the date before the bar was read as the author of a "name | time" line.
    assert is_timestamp("12 marzo 2024 | 14:05") and is_timestamp("3 March 2024 · 9:15 pm")
    page = _page("""
Kommentare (3)

Jonas Weber
4 febbraio 2025 | 08:15
Era ora, il traghetto serve a tutti.
Rispondi   Segnala

anna_k
4 febbraio 2025 | 09:02
Il dieci per cento in più è troppo.
Rispondi   Segnala

Luca
5 febbraio 2025 | 18:40
Speriamo che duri.
Rispondi   Segnala
""")
    assert [(c.author, c.posted, c.text) for c in page.comments] == [
        ("Jonas Weber", "4 febbraio 2025 | 08:15", "Era ora, il traghetto serve a tutti."),
        ("anna_k", "4 febbraio 2025 | 09:02", "Il dieci per cento in più è troppo."),
        ("Luca", "5 febbraio 2025 | 18:40", "Speriamo che duri.")]


def test_a_bracketed_city_or_masked_address_after_the_name_is_no_part_of_it():
    # "name (City)" on most name lines is the widget's field; a guest's masked IP ("(83.12.*.*)") never is a name's.
    page = _page("""
4 Comments

Ravi Menon (Kochi)
2 hours ago
The fare rise is steep for daily commuters.
Reply   Flag

jo_b (Leeds)
3 hours ago
Glad it is running again.
Reply   Flag

Ravi Menon (Mumbai)
5 hours ago
Which route will it take?
Reply   Flag

Sam
6 hours ago
About time.
Reply   Flag
""")
    assert [c.author for c in page.comments] == ["Ravi Menon", "jo_b", "Ravi Menon", "Sam"]
    guests = _page("""
Komentarze (3)

~gosc (83.12.*.*)
25.12.2024, 19:51
Nareszcie.
Odpowiedz   👍 4   👎 1

Marek Nowak
25.12.2024, 20:10
Drogo.
Odpowiedz   👍 0   👎 2

Ewa K.
26.12.2024, 08:03
Dobrze, ze wraca.
Odpowiedz   👍 7   👎 0
""")
    assert [c.author for c in guests.comments] == ["~gosc", "Marek Nowak", "Ewa K."]


def test_an_irc_log_with_the_clock_before_the_nick_and_its_event_lines():
    # irssi's "14:05 < nick> text" (the nick's mode inside the brackets) was no chat line, and the join and
    # "Log opened" lines are no one's words.
    page = _page("""
--- Log opened Mon Feb 03 2025
09:12 -!- mara [~mara@host/mara] has joined #island
09:12 < mara> ferry is back on monday: finally
09:13 <@pete_h> about time
09:15 -!- jon [~jon@host/jon] has quit [Quit: bye]
09:16 < jon> fares up ten percent though
""")
    assert [(c.author, c.posted, c.text) for c in page.comments] == [
        ("mara", "09:12", "ferry is back on monday: finally"), ("pete_h", "09:13", "about time"),
        ("jon", "09:16", "fares up ten percent though")]
    assert "Log opened" not in page.article_body and "has joined" not in page.article_body


def test_a_reviews_title_behind_its_rating_in_words_opens_its_text():
    # "4.0 out of 5 stars Sturdy enough" over "Reviewed in Canada on ...": the title is the review's first line
    # (as behind "★★★★☆"), and "Reviewed in <country> on <date>" is the time line, not a name and a time.
    assert is_timestamp("Reviewed in Canada on March 3, 2025")
    page = _page("""
Top reviews

kayak_dan
4.0 out of 5 stars Sturdy enough
Reviewed in Canada on March 3, 2025
Verified Purchase
Held up on a rough crossing.
2 people found this helpful
Helpful   Report

Mira S.
2.0 out of 5 stars Leaks
Reviewed in Canada on March 9, 2025
Verified Purchase
The seams let water in after a week.
Helpful   Report

olaf
5.0 out of 5 stars Sturdy enough
Reviewed in the United Kingdom on April 1, 2025
Worth the price.
7 people found this helpful
Helpful   Report
""")
    assert _authors_and_texts(page) == [
        ("kayak_dan", "Sturdy enough\nHeld up on a rough crossing."),
        ("Mira S.", "Leaks\nThe seams let water in after a week."),
        ("olaf", "Sturdy enough\nWorth the price.")]


def test_a_label_before_the_name_a_rating_after_it_and_a_verb_before_every_date():
    # "Review by Ana Ruiz ★★★½" over "Visited 3 Mar 2025": the verb the page puts before every date was read as
    # the author of a "name date" line; the name is the one after the label, without its stars.
    page = _page("""
Recent reviews

Review by Ana Ruiz ★★★½
Visited 3 Mar 2025
Lovely crossing, the crew were kind.
1,204 likes

Review by Call me when it sails ★★
Visited 9 Feb 2025
Late twice in one week.
87 likes

Review by tomek_w ★★★★★
Visited 1 Apr 2025
Best way to see the coast.
2,310 likes

Review by Ana Ruiz ★½
Visited 5 Apr 2025
Too expensive now.
12 likes
""")
    assert _authors_and_texts(page) == [
        ("Ana Ruiz", "Lovely crossing, the crew were kind."), ("Call me when it sails", "Late twice in one week."),
        ("tomek_w", "Best way to see the coast."), ("Ana Ruiz", "Too expensive now.")]


def test_any_arrow_between_the_replier_and_the_name_answered_marks_a_reply():
    # "name ➦ parent • time" (a dingbat arrow, not only "→"): the parent's name was kept in the author.
    page = _page("""
3 Comments

Mara L.  •  2 hours ago
The detour by road takes two hours.
5  ^  |  v  •  Reply

    pete.h  ➦  Mara L.  •  1 hour ago
    And costs a fortune in fuel.
    2  ^  |  v  •  Reply

Jon Bell  •  3 hours ago
Good news for the school.
1  ^  |  v  •  Reply
""")
    assert [(c.author, c.parent) for c in page.comments] == [("Mara L.", None), ("pete.h", 0), ("Jon Bell", None)]


def test_a_stack_of_button_lines_under_every_message_is_no_text():
    # A group archive repeats its buttons one a line under each message ("Reply all" / "Reply to sender" /
    # "Forward"): the lines after the first button were kept as text (an "unread," mark sends these pages to the
    # blocks around the times).
    page = _page("""
4 messages

Mara Lindqvist
Feb 3, 2025, 9:12:40 AM
to island-news

Finally. The detour by road takes two hours.

Reply all
Reply to sender
Forward

pete.h
unread,
Feb 3, 2025, 10:40:02 AM
to island-news

Ten percent is a lot.

Reply all
Reply to sender
Forward

Jon Bell
Feb 4, 2025, 7:02:11 PM
to island-news

Good news for the school.

Reply all
Reply to sender
Forward

pete.h
unread,
Feb 5, 2025, 8:15:54 AM
to island-news

Agreed.

Reply all
Reply to sender
Forward
""")
    assert _authors_and_texts(page) == [
        ("Mara Lindqvist", "Finally. The detour by road takes two hours."), ("pete.h", "Ten percent is a lot."),
        ("Jon Bell", "Good news for the school."), ("pete.h", "Agreed.")]


def test_a_row_of_labelled_counters_under_a_review_is_no_time():
    # "Helpful 4  Thanks 1  Love this 0" under each review: a word then its count, twice or more, read as a quantity
    # of time and its unit, so every review's counters opened a block of their own.
    page = _page("""
Reviews

Ines Duarte
Faro, Portugal
12 friends  40 reviews
4 star rating
3/2/2025
Clean boat, friendly crew.
Helpful 4  Thanks 1  Wow 0

bjorn_k
Bergen, Norway
3 friends  7 reviews
2 star rating
3/9/2025
Waited an hour in the cold.
Helpful 0  Thanks 0  Wow 2

Ines Duarte
Faro, Portugal
12 friends  41 reviews
5 star rating
4/1/2025
Better the second time.
Helpful 9  Thanks 3  Wow 1
""")
    assert _authors_and_texts(page) == [
        ("Ines Duarte", "Clean boat, friendly crew."), ("bjorn_k", "Waited an hour in the cold."),
        ("Ines Duarte", "Better the second time.")]


def test_a_header_of_fields_set_apart_by_wide_gaps_with_a_place_after_the_time():
    # "name  2025-02-03 09:12:40  Porto": the name, the time and the commenter's place, set apart by wide gaps.
    page = _page("""
All replies 4

Mara Lindqvist  2025-02-03 09:12:40  Faro
Finally. The detour by road takes two hours.

pete.h  2025-02-03 10:40:02  Porto
Ten percent is a lot.

Jon Bell  2025-02-04 19:02:11  Braga
Good news for the school.

pete.h  2025-02-05 08:15:54  Porto
Agreed.
""")
    assert [(c.author, c.posted, c.text) for c in page.comments] == [
        ("Mara Lindqvist", "2025-02-03 09:12:40", "Finally. The detour by road takes two hours."),
        ("pete.h", "2025-02-03 10:40:02", "Ten percent is a lot."),
        ("Jon Bell", "2025-02-04 19:02:11", "Good news for the school."),
        ("pete.h", "2025-02-05 08:15:54", "Agreed.")]


def test_a_button_line_without_its_counted_button_is_no_text():
    # "Przydatne 12  Odpowiedz" under most comments, plain "Reply" where nobody found it useful yet: half the comments
    # showing the counter is enough, and the count-less line is the same buttons.
    page = _page("""
Comments (6)

Mara Lindqvist • 2 hours ago
Finally. The detour by road takes two hours.
Przydatne 12  Odpowiedz

pete.h • 3 hours ago
Ten percent is a lot.
Odpowiedz

Jon Bell • 3 hours ago
Good news for the school.
Przydatne 3  Odpowiedz

Ana • 4 hours ago
Which days will it run?
Odpowiedz

ravi_m • 5 hours ago
The crew deserve a raise.
Przydatne 1  Odpowiedz

Li Wei • 6 hours ago
About time.
Odpowiedz
""")
    assert [c.text for c in page.comments] == [
        "Finally. The detour by road takes two hours.", "Ten percent is a lot.", "Good news for the school.",
        "Which days will it run?", "The crew deserve a raise.", "About time."]


def test_a_day_word_with_a_comma_before_its_clock_is_a_time():
    # "Heute, 14.05 Uhr" / "Yesterday, 9:15 pm": the comma after the day's word hid the time, and with it the post's
    # header, so the post ran into the one above.
    assert is_timestamp("Heute, 04.05 Uhr") and is_timestamp("Gestern, 13.26 Uhr") and is_timestamp("вчера, 7:50")
    page = _page("""
Forum

1. Mara Lindqvist
Gestern, 21.06 Uhr
Endlich. Der Umweg über die Straße dauert zwei Stunden.
Zitieren   Melden

2. pete.h
Heute, 04.05 Uhr
Zehn Prozent sind viel.
Zitieren   Melden

3. Jon Bell
Heute, 09.40 Uhr
Gut für die Schule.
Zitieren   Melden
""")
    assert [(c.author, c.text) for c in page.comments] == [
        ("Mara Lindqvist", "Endlich. Der Umweg über die Straße dauert zwei Stunden."),
        ("pete.h", "Zehn Prozent sind viel."),
        ("Jon Bell", "Gut für die Schule.")]


def test_the_local_word_for_at_between_a_date_and_its_clock():
    # "22 квітня 2024 о 18:58", "12 marca 2024 o 14:05", "12. mars 2024 kl. 14.05": the "at" of Ukrainian, Polish and
    # Scandinavian widgets between the date and the clock; the first comment under a login line was lost with it.
    assert is_timestamp("22 квітня 2024 о 18:58") and is_timestamp("12 marca 2024 o 14:05")
    assert is_timestamp("12. mars 2024 kl. 14.05")
    page = _page("""
Коментарі: 3
Увійдіть, щоб коментувати

Марія
22 квітня 2024 о 18:58
Нарешті пором повертається.
Відповісти

pete.h
23 квітня 2024 о 09:02
Ten percent is a lot.
Відповісти

Остап
23 квітня 2024 о 11:40
Добре для школи.
Відповісти
""")
    assert [(c.author, c.posted) for c in page.comments] == [
        ("Марія", "22 квітня 2024 о 18:58"), ("pete.h", "23 квітня 2024 о 09:02"), ("Остап", "23 квітня 2024 о 11:40")]


def test_a_collapse_toggle_after_the_header_keeps_it_a_header():
    # A text mirror of a threaded board: "name on Jun 10, 2025 [-]", the thread's collapse toggle after the time.
    page = _page("""
4 comments

mara_l on Feb 3, 2025 [-]
Finally. The detour by road takes two hours.

It also costs a fortune in fuel.

  pete_h on Feb 3, 2025 [-]
  Ten percent is a lot.

jon_b on Feb 4, 2025 [-]
Good news.

jon_b on Feb 5, 2025 [-]
Agreed.
""")
    assert [(c.author, c.text, c.parent) for c in page.comments] == [
        ("mara_l", "Finally. The detour by road takes two hours.\nIt also costs a fortune in fuel.", None),
        ("pete_h", "Ten percent is a lot.", 0), ("jon_b", "Good news.", None), ("jon_b", "Agreed.", None)]


def test_a_day_and_month_name_with_a_comma_before_the_clock():
    # "Иван  25 марта, 14:05" on the name's line: a month in any language, no year, a comma, the clock.
    assert is_timestamp("25 марта, 14:05") and is_timestamp("3 février, 09:12")
    page = _page("""
Комментарии (3)

Иван Петров  25 марта, 14:05
Наконец-то паром вернулся.

I told you so  25 марта, 15:40
Ten percent is a lot.

Ольга  26 марта, 09:02
Хорошо для школы.
""")
    assert [(c.author, c.text) for c in page.comments] == [
        ("Иван Петров", "Наконец-то паром вернулся."), ("I told you so", "Ten percent is a lot."),
        ("Ольга", "Хорошо для школы.")]


def test_a_handle_with_digits_before_a_time_in_words_the_page_repeats():
    # "nadia_77 · منذ ٣ ساعات" ("3 hours ago") and "nadia_77 · منذ يوم" ("a day ago", no number): the whole field
    # before the separator is the name, digits and all, however often its commenter posts (two frequent handles
    # were taken for the widget's own words, and the section was lost); and the page's word before its quantities
    # of time marks the line without a number too. (The learned reading found this page; the rules did not.)
    section = """
التعليقات (7)

nadia_77 · منذ ٣ ساعات
Finally, the ferry is back.
رد · إعجاب ١٢ · إبلاغ

omar_21 · منذ ٤ ساعات
Ten percent is a lot.
رد · إعجاب ٤ · إبلاغ

nadia_77 · منذ ٥ ساعات
It was a long winter.
رد · إعجاب ٠ · إبلاغ

omar_21 · منذ يوم
See you on board.
رد · إعجاب ٧ · إبلاغ

layla · منذ ٢ أيام
Good news for the school.
رد · إعجاب ٣ · إبلاغ

nadia_77 · منذ يوم
The crew deserve a raise.
رد · إعجاب ١ · إبلاغ

omar_21 · منذ ٣ أيام
About time.
رد · إعجاب ٩ · إبلاغ
"""
    rules = split_text(f"{ARTICLE}\n{section}", id="t", arbitrate=False)
    assert _authors_and_texts(rules) == _authors_and_texts(_page(section)) == [
        ("nadia_77", "Finally, the ferry is back."), ("omar_21", "Ten percent is a lot."),
        ("nadia_77", "It was a long winter."), ("omar_21", "See you on board."), ("layla", "Good news for the school."),
        ("nadia_77", "The crew deserve a raise."), ("omar_21", "About time.")]


def test_one_word_in_the_times_place_after_several_names_is_a_time():
    # "name · dün" ("yesterday") among "name · 3 saat önce": a time with no number, in any language, known by its
    # place after the name on several lines; it was read as text and two comments ran together.
    section = """
Yorumlar (6)

deniz_k · 3 saat önce
Sonunda feribot geri döndü.
Yanıtla · Beğen (4)

Ayşe Y. · dün
Yüzde on çok fazla.
Yanıtla · Beğen (2)

mert · 5 saat önce
Uzun bir kış oldu.
Yanıtla · Beğen (0)

Ayşe Y. · dün
Okul için iyi haber.
Yanıtla · Beğen (7)

deniz_k · 2 gün önce
Mürettebat zammı hak ediyor.
Yanıtla · Beğen (1)

Can · 6 saat önce
Tam zamanı.
Yanıtla · Beğen (3)
"""
    expected = [("deniz_k", "Sonunda feribot geri döndü."), ("Ayşe Y.", "Yüzde on çok fazla."),
                ("mert", "Uzun bir kış oldu."), ("Ayşe Y.", "Okul için iyi haber."),
                ("deniz_k", "Mürettebat zammı hak ediyor."), ("Can", "Tam zamanı.")]
    assert _authors_and_texts(split_text(f"{ARTICLE}\n{section}", id="t", arbitrate=False)) == expected
    assert _authors_and_texts(_page(section)) == expected


def test_a_distinction_over_the_name_and_hollow_vote_arrows_are_no_text():
    # "Top Comment" over a commenter's name and "Reply · 12 ⇧ · 3 ⇩ · Share" under the text: the badge was read as
    # the name (or the last line of the comment above), the hollow arrows as words.
    page = _page("""
Conversation
4 Comments

Top Comment
Mara Lindqvist
2h
Finally. The detour by road takes two hours.
Reply  ·  12 ⇧  ·  3 ⇩  ·  Share

pete.h
3h
Ten percent is a lot.
Reply  ·  4 ⇧  ·  0 ⇩  ·  Share

Top Comment
Jon Bell
5h
Good news for the school.
Reply  ·  30 ⇧  ·  1 ⇩  ·  Share

Ana
6h
About time.
Reply  ·  2 ⇧  ·  2 ⇩  ·  Share
""")
    assert _authors_and_texts(page) == [
        ("Mara Lindqvist", "Finally. The detour by road takes two hours."), ("pete.h", "Ten percent is a lot."),
        ("Jon Bell", "Good news for the school."), ("Ana", "About time.")]
