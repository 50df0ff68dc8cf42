"""Tests for the rule-based article cleaner."""

from __future__ import annotations

import importlib
import re
import time
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from readaloud.cleaner import RuleSet, clean, default_rules, load_rules
from readaloud.errors import ConfigError, EmptyArticleError
from readaloud.evaluation import Score, parse_annotated, raw_text, score
from readaloud.models import Article, Document

clean_mod = importlib.import_module("readaloud.cleaner")

DATA = Path(__file__).parent / "data" / "clean"

HEADLINE = "Council approves new flood barrier for the river"
LEDE = "The council voted on Monday to build a barrier along the river, officials said."
LAST = "Construction is expected to start next year and take about fourteen months to finish."


def _article(middle: str) -> str:
    return f"{HEADLINE}\n{LEDE}\n{middle}\n{LAST}\n"


def _removed_by(article: Article, text: str) -> set[str]:
    text = " ".join(text.split())  # the cleaner collapses runs of whitespace
    return {r.rule for r in article.removed if text in r.text}


def _spoken(article: Article) -> str:
    return "\n".join(([article.title] if article.title else []) + list(article.paragraphs))


# (rule family, furniture line, prose line that merely contains the same words)
CASES = [
    ("audio-player", "Listen to this article", "Listeners were asked to share their views on the programme."),
    ("audio-player", "Loading audio...", "Loading the audio equipment took the crew most of the morning."),
    ("audio-player", "0:00 / 3:12", "The final score was 3-1 after a late goal at 89 minutes."),
    ("audio-player", "Powered by SpeakWire", "The boat was powered by a small electric motor, he said."),
    ("audio-player", "Listen and subscribe to The News Desk on Global Player", "Listen to the experts, the minister told parliament."),
    ("presenter-slot", "Ian Payne 4am - 7am", "The show ran from 4am to 7am every weekday, she said."),
    ("timestamp", "21 May 2023, 13:45 | Updated: 22 May 2023, 07:55", "On 21 May 2023 the river rose by two metres."),
    ("timestamp", "Published 7 hours ago", "Published in 2019, the book sold more than a million copies."),
    ("wire-credits", "Reporting by Daniel Ortiz; Editing by Susan Fenton", "Reporting by the local paper revealed the scale of the problem."),
    ("promo", "Read more: Nurses vote on new pay offer", "Read more about it in the report, she said."),
    ("promo", "Related: Water firms face bill as monitoring rules tighten", "Related costs rose by a third, the report found."),
    ("newsletter", "Sign up to This is Europe, our free weekly newsletter", "She said she would sign up to the scheme if it was extended."),
    ("newsletter", "Privacy Notice: Newsletters may contain info about charities. For more information see our Privacy Policy.",
     "The privacy notice was rewritten after complaints, the company said."),
    ("share", "Share this article", "Members were asked to share the sampling map with their MPs."),
    ("share", "Follow BBC Yorkshire on Facebook, X and Instagram.", "Officials urged residents to follow the advice of emergency managers."),
    ("share", "Leave a comment", "He declined to comment on the report when asked on Monday."),
    ("cookie", "We use cookies to improve your experience on our site.", "The regulator found that the site used cookies without asking, the report said."),
    ("advert", "Advertisement", "The advertisement was banned by the watchdog last year."),
    ("advert", "Story continues below", "The story continues below the surface, where the divers found the wreck."),
    ("caption", "Image: Getty", "The image was shared thousands of times before it was deleted."),
    ("caption", "Picture: PA", "The picture painted by the report was bleak, campaigners said."),
    ("caption", "Image source, Reuters", "Images from the scene showed the damage to the roof."),
    ("caption", "The statues on display before their return.  Photograph: Ellen Park/Getty Images",
     "He said the photograph was taken by Getty Images staff."),
    ("caption", "Getty Images", "Getty Images said it would review the photographs."),
    ("article-age", "This article is more than 2 years old", "The bridge is more than 200 years old, the council said."),
    ("copyright", "© 2025 Carrick Falls Record. All rights reserved.", "Copyright law was changed in 2019 to cover online news."),
    ("url", "https://example.com/news/flood-barrier-123", "Details are on the council website, a spokesperson said."),
    ("url", "newsroom@example.com", "Residents can write to the council by post or by email."),
    ("navigation", "Skip to main content", "They skipped the main course and went straight to dessert."),
    ("navigation", "Home > News > Local", "They walked home from the news conference in silence."),
    ("counter", "14 Comments", "There were 14 comments on the planning application."),
    ("plea", "Berth Notes is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.",
     "Readers of the paper have supported the appeal for thirty years, the editor said."),
    ("plea", "Our reporters work hard to bring you trusted local news. Back us today from just £1.",
     "Nurses work hard to keep the ward running, the hospital's chief executive said."),
    # app / alert / preferred-source pleas
    ("alerts", "Make the Courier a preferred source on Google", "The Courier was the preferred source for most voters, the poll found."),
    ("alerts", "Turn on notifications to get breaking news as it happens",
     "The app lets users turn on notifications for weather warnings, the council said."),
    ("alerts", "Join our WhatsApp channel for the day's top stories", "Members of the WhatsApp group said they had been misled."),
    ("alerts", "Stay up to date – follow The Courier on Instagram and Threads",
     "Police urged drivers to follow the force on Facebook for updates."),
    ("alerts", "Get the day's biggest stories sent straight to your phone", "The phone was sent to a laboratory for tests in March."),
    ("alerts", "For the latest news and live scores, visit Sportsdesk Online", "For the latest figures, the report relied on council data."),
    # reader call-outs and their form boilerplate
    ("callout", "Were you caught up in the flooding? Get in touch by email.", "Were the warnings clear enough? Residents think they were not."),
    ("callout", "Your responses are anonymous and will be handled securely.",
     "Your responses helped shape the final report, the survey's authors wrote."),
    ("callout", "Share your photos: use the form below to send us pictures of the snow.",
     "Residents were invited to share photos of the snow with the museum's archive."),
    ("callout", "WhatsApp: +44 7700 900456", "WhatsApp messages were used to organise the protest, police believe."),
    # comment forms and bookmark widgets
    ("comment-form", "Notify me of new comments via email.", "Residents will be notified of new planning applications by email."),
    ("comment-form", "Added to your reading list", "The novel was added to the school reading list last year."),
    ("comment-form", "38 View comments", "Officials said they would view comments from the public before deciding."),
    ("comment-form", "Email this story", "She said she would email the story to the minister herself."),
    # match data
    ("sports-data", "Substitutes: Lowe (6), Grant (7), Ibe (n/a)", "Substitutes were used sparingly, the coach said."),
    ("sports-data", "Referee: Kate Morris (Durham)", "Referee Kate Morris was praised for her handling of the match."),
    ("sports-data", "Westfield: Carr (6), Osei (7), Byrne (5), Doyle (6), Kane (8)", "Westfield: a town that has waited 40 years for a final."),
    # press releases
    ("press-release", "News provided by", "The news provided by the ministry was incomplete, critics said."),
    ("press-release", "Photo 2 - https://example.com/assets/harbor-plant.jpg", "Photos of the plant were released by the company on Tuesday."),
    ("press-release", "SOURCE Harbor Foods Inc.", "The source of the leak has not been found, engineers said."),
    ("press-release", "To view the original version on Wirehouse, visit https://example.com/r/123",
     "Few people have seen the original version of the film, which was lost in 1940."),
    # site footers and promos
    ("site-footer", "Powered by Ghost · Theme Casper by Lab North", "Powered by a small diesel engine, the ferry crossed in an hour."),
    ("promo", "Free webinar: How farms can cut energy bills. Thursday 7pm. Book your place",
     "The webinar was watched by 4,000 people, organisers said."),
    ("promo", "Bristol news: traffic, weather, events and more", "The festival offers food, music, crafts and more, organisers said."),
    ("tip-line", "Have a news tip? Email newsroom@example.com or call 555-0100.", "Police said they had received a tip about the car on Tuesday."),
    ("syndication", "The post Fuel queues return to Abuja as marketers dispute prices appeared first on Daily Ledger.",
     "The post office appeared first on the list of closures, the union said."),
    ("syndication", "Read the original article on People.", "Read the original letter and you see a different picture, she said."),
    ("syndication", "This article was originally published on The Conversation.",
     "The report was first published in 1998 and revised twice since."),
    ("syndication", 'This article appears in the April 8, 2024, issue, with the headline "Heat."',
     "The problem appears in the latest issue of the council's own magazine, campaigners said."),
    ("affiliate", "People may receive compensation for some links to products and services on this website.",
     "Sellers may receive compensation if their products are recalled, the regulator said."),
    ("affiliate", "Prices were accurate at the time of publication.", "Prices were higher at the time of the last survey in 2019."),
    ("print-header", "14/09/2025, 08:47 Swiss glaciers lost 3% of their volume this year - SWI swissinfo.ch",
     "On 14/09/2025 the glacier lost 3% of its volume, the network said."),
    ("newsletter", "Forwarded this email? Subscribe here for more", "The email was forwarded to police on Monday, she said."),
    ("newsletter", "Saved from https://longreads.example/features/lighthouse", "Saved from demolition in 1990, the mill now houses a museum."),
    ("navigation", "Skip to more WI sites", "Skip to the end of the report and the picture is bleaker, she said."),
    ("press-release", "Media contact: Press Office, press@example.ac.uk, 0117 000 0000",
     "The media contacted the press office on Monday, but no one replied."),
    ("wire-credits", "--With assistance from Yuki Tanabe.", "With assistance from neighbours, the family rebuilt the barn."),
    ("disclaimer", "Disclosure: The Water Board has been a financial supporter of The Tribune, a nonprofit newsroom.",
     "The board has been a financial supporter of the project since 2019, records show."),
    ("disclaimer", "The views expressed in this column are those of the author and do not necessarily reflect those of City News.",
     "Residents expressed their views at a meeting on Tuesday."),
    ("promo", "Read the full match programme on the Rovers Plus app", "Fans can read the programme on the bus, the club said."),
    ("share", "Share this on Facebook", "Share this year's crop with the food bank, the farmer told volunteers."),
    ("newsletter", "The best way to catch up on the news. Every weeknight, we'll send you the day's stories in 10 minutes.",
     "The firm will send the day's orders by van, the manager said."),
    ("newsletter", "Never miss a story — sign up for PEOPLE's free daily newsletter to stay up to date.",
     "Residents can sign up for the alerts on the town's website or by calling the office."),
    ("cookie", "Your information is being handled in accordance with the Privacy Collection Statement.",
     "The data was handled in accordance with the law, the court heard."),
    ("advert", "Advertise with NZME.", "The firm will advertise with posters across the city, it said."),
    ("plea", "Check whether you already have access via your university or organisation.",
     "Students already have access to the library at weekends, the university said."),
    ("plea", "Then £69 per month. Complete digital access on any device. Cancel anytime during your trial.",
     "Rents rose to £690 a month last year, the report found."),
    ("caption", "Open this photo in gallery:", "The gallery will open its new wing in May, the director said."),
    ("syndication", "Materials provided by University of Lisbon. Note: Content may be edited for style and length.",
     "Materials were provided by the school for every pupil, the head said."),
    ("weather", "Tue 14°  Wed 11°  Thu 9°", "Temperatures reached 14° on Tuesday, forecasters said."),
    ("promo", "For more stories where you live, visit In Your Area.", "For more than a decade the stories were never told."),
    ("caption", "Drivers are being urged to plan ahead (Stock image)", "Drivers are being urged to plan ahead, the agency said."),
    ("caption", "Footage shows smoke rising from the vessel", "Footage shows smoke rising from the vessel, the coastguard said."),
    ("caption", "A post shared by Summer Sound (@summersoundfest)", "A post shared by the festival drew 2,000 replies within an hour."),
    ("caption", "Marcus Brandt/dpa", "Marcus Brandt, the union leader, said the strike would go on."),
    ("caption", "Article image for 'Too little, too late': Motorists slam toll relief",
     "The image of the flooded road was shared widely, residents said."),
    ("player", "Listen back here:", "Listen back to the tapes and you hear the fear, she said."),
    ("player", "4m 12s", "The record stood at 4m 12s until Sunday, organisers said."),
    ("advert", "Bet on the Championship. 18+ | BeGambleAware.org | T&Cs apply",
     "The charity said more than 18,000 people called its gambling helpline last year."),
    ("comment-form", "Something went wrong, please try again later.", "Something went wrong with the engine, the pilot told passengers."),
    ("copyright", "The material may not be published, broadcast, rewritten or redistributed without permission.",
     "The report will be published next month, the minister said."),
    ("comments", "We want our comments to be a lively and valuable part of our community.",
     "The community centre will be a lively and valuable part of the town, the mayor said."),
    ("timestamp", "Page last reviewed: 12 February 2025", "The page was last reviewed by the board in 2019, the report said."),
    ("timestamp", "18-Feb-2025", "The deal was signed on 18 February 2025, the company said."),
    ("disclaimer", "Disclaimer: AAAS and EurekAlert! are not responsible for the accuracy of news releases posted to EurekAlert!",
     "The firm issued a disclaimer about the accuracy of its forecasts, regulators said."),
    ("disclaimer", "Data is a real-time snapshot *Data is delayed at least 15 minutes.",
     "The trains were delayed at least 15 minutes by the signal fault, the operator said."),
    ("advert", "Gambling Problem? Call 1-800-GAMBLER. 21+. Odds and lines subject to change.",
     "The state's gambling problem has grown since betting was legalised, researchers said."),
    ("newsletter", "Fwd: Press release: Council approves new weekly food waste collections",
     "The council forwarded the press release to residents on Monday."),
    ("player", "Video duration 4:12", "The video lasted four minutes, police said."),
    ("site-footer", "The University acknowledges the Traditional Owners of the lands on which our campuses stand and pays respect to Elders past and present.",
     "The council acknowledged the traditional owners at the opening, elders said."),
    ("comments", "I am a bot, and this action was performed automatically.", "I am a nurse, and this ward is my life, she said."),
    ("navigation", "Stock chart icon", "The icon of the city was restored in 2019."),
    ("affiliate", "$229 at Amazon", "The book sold for $229 at auction, the gallery said."),
    ("promo", "Secure your spot for our leading AI industry event with speakers from three labs.",
     "The team secured a spot in the final with a late goal."),
    ("plea", "£25 could pay for a hygiene kit for a family of five.", "£25m could pay for a new school, the council said."),
    ("plea", "For the price of a cup of coffee a month you can help us build an independent news service.",
     "For the price of a coffee, volunteers can help the charity, its director said."),
    ("plea", "We are run by volunteers. Become a Friend of the station for £3 a month.",
     "She hoped to become a member of the board next year."),
    ("share", "Copy/paste the article video embed link below:", "The council will copy the scheme used in Leeds, officials said."),
    ("affiliate", "Hearst Television participates in various affiliate marketing programs, which means we may get paid commissions.",
     "The firm was paid commissions on every sale, the court heard."),
    ("disclaimer", "Nadia Haddad receives funding from the Australian Research Council.",
     "The university receives funding from the state for the project, the report said."),
    ("syndication", "(Except for the headline, this story has not been edited by NDTV staff and is published from a syndicated feed.)",
     "The story has been edited for length, the editor said."),
    ("advert", "Story continues below this ad", "The story continues below the surface, the diver said."),
    ("promo", "Catch up on the latest news and stream free episodes on 9Now", "Fans can stream the match on the club website, it said."),
    ("promo", "> [The IRA's home energy rebates, explained](/ira-rebates)",
     "The rebates, explained in a leaflet sent to every home, start in May."),
    ("promo", "**Menu** | [Donate](/donate) | [Newsletters](/newsletters)", "The menu changes every week, the chef said."),
    ("navigation", "Home / Companies / News /", "The home was sold in 2019 for £300,000, records show."),
    ("navigation", "Please turn on JavaScript", "Please turn off the lights when you leave, the sign said."),
    ("player", "Watch: How does the energy price cap work? Video, 00:01:45", "The video was watched 2m times, the band said."),
    ("caption", "Illustration by The Atlantic. Source: Getty.", "The illustration was drawn by a ten-year-old pupil."),
    ("caption", "Sam Ellery has been unable to work since 2021 (Supplied)", "Sam Ellery has been unable to work since 2021, his family said."),
    ("advert", "[Advertisement]", "The advertisement ran for a week, the regulator said."),
    ("advert", "Scroll to continue reading", "Scroll through the report and the numbers get worse, she said."),
    ("navigation", "Very large text size", "The text was large enough to read from the back of the hall."),
    ("navigation", "End of section Explore more", "The section will reopen in May, the railway said."),
    ("navigation", "**Menu** | **Search** | [Subscribe](https://example.com/subscriptions/)", "The menu changed in May, the chef said."),
    ("comments", "Join the conversation: tell us what you think below.", "She joined the conversation late, her aide said."),
    ("plea", "Readers' letters are always welcome. Write to the editor at the address below.",
     "The mayor wrote to the editor of the paper in 1998, archives show."),
    ("plea", "Do you have a loved one in a nursing home? We want to hear from you.",
     "Staff were told to listen to residents, the inspectors found."),
    ("plea", "You have reached your article limit. Become a member to keep reading.", "The club has reached its limit of members, it said."),
    ("plea", "Send us your storm photos and videos. Please be safe.", "The family sent photos of the storm to the insurer."),
    ("plea", "Don't miss out on the biggest stories from across the Highlands. Our free morning bulletin is in your inbox.",
     "Do not miss the deadline, the tax office warned."),
    ("comment-form", "We're trying something new. Was it helpful?", "Was it helpful? Not really, the inspectors concluded."),
    ("caption", "[Image: the pothole map, with 212 pins across the valley]", "The map showed 212 potholes across the valley."),
    ("caption", "Photographer: Samsul Said/Bloomberg", "The photographer said the light was perfect."),
    ("ai-summary", "This is AI generated summarization, which may have errors. For context, always refer to the full article.",
     "The company said its AI tool generated the summary in seconds."),
    ("promo", "Read: Fuel prices drop for third month in a row, EPRA says", "Read the small print, the regulator advised."),
    ("affiliate", "When you buy through links on our site, we may earn an affiliate commission.",
     "The agent may earn a commission on each sale, the court heard."),
    ("disclaimer", "The views expressed in this article are the author’s own.", "The views of residents were heard on Monday."),
    ("navigation", "Regions: Anglia | Border | Calendar | Central | Granada | London", "The regions of Anglia and Border will merge, ITV said."),
    ("navigation", "Home  Politics  Economy  Mining  Sports  Features  Letters", "Home politics dominated the economy debate, she said."),
    ("player", "▶ Farm focus: IFA on the fodder crisis | 08:12", "The fodder crisis began at 08:12 on Monday, farmers said."),
    ("presenter-slot", "Now airing: Afternoon drive with Dave Trafford", "The show is now airing on Sundays, the station said."),
    ("comments", "Comments will be moderated. Keep comments relevant to the article.", "The debate will be moderated by a judge, organisers said."),
    ("site-footer", "The Diocese is part of the Church in Wales. Registered charity no. 1000000.",
     "The charity was registered in 1998, the commission said."),
    ("cookie", "Accept analytics cookies  Reject analytics cookies  View cookies", "The bakery sold 400 cookies on Saturday."),
    ("author-box", "About the author", "The book is about the author's childhood in Leeds."),
    ("download", "Download the full Workforce Survey 2024 report (PDF, 2.4MB)", "The survey was downloaded 2,400 times, the union said."),
    ("plea", "Not yet a member? Join today and be part of the largest union for nursing in the country.",
     "Not a member of the union, he said, but a supporter."),
    ("caption", "*Kākāpō chick Tumeke on Whenua Hou, aged 47 days.* Photo: Andrew Digby / Department of Conservation",
     "The chick was 47 days old when the photo was taken, rangers said."),
    ("correction", "This article was amended on 19 May 2025 to correct the name of the local government area.",
     "This article was amended on Tuesday after the council complained, the editor said."),
    ("audio-player", "This audio is generated by an AI tool.",
     "This audio was generated by an AI tool, the broadcaster admitted after complaints."),
    ("player", "Duration: 2 minutes 14 seconds", "The minute's silence lasted 2 minutes 14 seconds in the end."),
    ("social-embed", "— Elin Pritchard AS/MS (@ElinPritchardAS) May 11, 2025",
     "The company said on X (@KTDA_Kenya) on October 14, 2025 that prices would rise."),
    ("ticker", "NIFTY 50 24,781.10 -98.35 (-0.40%)", "The Nifty 50 closed at 24,781.10, down 98.35 points (0.40%)."),
    ("ticker", "| NGX ASI | 141,208.55 | ▲ 0.45% |", "Regulators want consumers to find a better deal on energy."),
    ("advert", "**Advertisement**", "The advertisement ran in three newspapers, the agency said."),
    ("navigation", "Scroll down for the latest updates.", "Rescuers had to scroll through hours of footage, police said."),
    ("weather", "See full forecast", "Forecasters said the full forecast would be published on Friday."),
    ("wire-credits", "(Updates with shares in sixth paragraph.)", "Shares rose 4% in early trading (the biggest gain this year)."),
    ("url", "doi: https://doi.org/10.1038/d41586-025-00712-4", "The study was published in Nature on Wednesday."),
    ("navigation", "[Home](/) › [News](/news/) › [Cities](/news/cities/) › [Coimbatore](/news/cities/coimbatore/)",
     "Readers can find the [council's report](https://example.org/report) and the [minutes](https://example.org/m) online."),
]


@pytest.mark.parametrize("family,furniture,prose", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_family_removes_furniture_and_keeps_prose(family: str, furniture: str, prose: str) -> None:
    removed = clean(_article(furniture))
    assert family in _removed_by(removed, furniture)
    assert not any(" ".join(furniture.split()) in p for p in removed.paragraphs)
    kept = clean(_article(prose))
    assert prose in kept.paragraphs, kept.removed


@pytest.mark.parametrize("decorated,plain", [
    ("### Advertisement", "Advertisement"), ("> **Related:** story", "**Related:** story"),
    ("**Advertisement**", "Advertisement"), ("*Photo: AP*", "Photo: AP"), ("Plain words", "Plain words"),
    ("- a list item", "- a list item"), ("**Bold** start and *end*", "**Bold** start and *end*"),
])
def test_rules_also_see_a_markdown_line_without_its_decoration(decorated: str, plain: str) -> None:
    from readaloud.cleaner import without_markdown

    assert without_markdown(decorated) == plain


REVIEW_PROSE = [
    line.strip()
    for name in ("present_tense_and_irregular_past.txt", "sounds_like_page_notes.txt")
    for line in (DATA.parent / "prose" / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
]
"""A reviewer's sentences that session 3's first cut removed: present-tense and irregular-past
statements ("Cardiff travel to Sunderland on Saturday."), attributed notes, asides in brackets."""


@pytest.mark.parametrize("sentence", REVIEW_PROSE)
def test_a_paragraph_of_one_plain_sentence_is_kept_wherever_it_stands(sentence: str) -> None:
    top = ("Council approves new budget after long debate\nBy Anna Smith, Local Democracy Reporter\nShare this article\n"
           "The city council approved its budget for the coming year after a five-hour meeting on Wednesday night.\n"
           "Councillors voted 34 to 21 in favour of the plan, which includes a 4.99% rise in council tax.\n")
    bottom = ("The leader of the opposition group said the rise would hit families hard at a difficult time.\n"
              "The new budget takes effect in April, and bills will be sent to households next month.\n"
              "Share this article\nSign up to our newsletter\n")
    texts = [top + sentence + "\n" + bottom]
    if sentence.endswith((".", ".)")):  # a sentence may also end the story; a subhead may not
        texts.append(top + bottom.replace("Share this", sentence + "\nShare this", 1))
    for text in texts:
        kept = " ".join(" ".join(clean(text).paragraphs).split())
        assert " ".join(sentence.split()) in kept, sentence


@pytest.mark.parametrize("label", ["In numbers", "### In numbers", "In figures:"])
def test_the_storys_own_fact_list_under_in_numbers_is_kept(label: str) -> None:
    facts = ["- 96mph gust recorded at Capel Curig", "- 235,000 homes left without power", "- 1,200 rail services cancelled"]
    text = "\n".join([
        "Storm Darragh: what we know so far", "Share this article",
        "Storm Darragh brought winds of up to 96mph to parts of Wales and western England on Saturday, the Met Office said.",
        label, *facts,
        "Engineers worked through the night to restore supplies, and most homes were reconnected by Sunday evening.",
        "Share this article",
    ])
    kept = " ".join(clean(text).paragraphs)
    assert all(fact[2:] in kept for fact in facts), kept


def test_no_rule_backtracks_on_a_long_line_it_nearly_matches() -> None:
    """Each rule's own furniture, then a long tail that must fail at its last character: a pattern
    with nested quantifiers (``(?:\\S+\\s*){1,30}$``) took minutes on one such tag line."""
    tails = [" ".join(f"word{i}" for i in range(40)) + " —x|", " | ".join(["Storm death toll rises"] * 8) + " —",
             "A" * 300 + "!", "12°C " * 20 + "x"]
    import readaloud.cleaner as cleaner_module

    patterns = [(rule.name, rule.pattern) for rule in default_rules().rules if rule.pattern is not None]
    patterns += [(name, value) for name, value in vars(cleaner_module).items() if isinstance(value, re.Pattern)]
    slowest = (0.0, "", "")
    for name, pattern in patterns:
        for _, furniture, _ in CASES:
            for tail in tails:
                line = f"{furniture} {tail}"
                started = time.perf_counter()
                pattern.search(line)
                slowest = max(slowest, (time.perf_counter() - started, name, line))
    # Linear patterns take microseconds here; a backtracking one takes seconds to hours.
    assert slowest[0] < 0.25, slowest


REAL_PROSE = [
    'Share prices fell by 4% in early trading on Tuesday.',
    'Follow-up tests found no trace of the bacteria.',
    'Read the full statement on the council website, a spokesman said.',
    'Image rights are a growing source of income for athletes.',
    'Listen closely and you can hear the birds, she said.',
    'Subscribers to the service will get a refund, the company said.',
    'Related research found similar results in Scotland.',
    'Most read the report before the vote, the chairman said.',
    'Comments made by the minister were criticised by opposition parties.',
    'Photo identification will be required at polling stations from May.',
    'Advertisement revenue fell by a third last year.',
    'Published figures show a rise in waiting times.',
    'Updated guidance will be issued next week.',
    'Sign language interpreters will be present at the briefing.',
    'Copyright holders have until March to respond.',
    'Topics discussed included housing, transport and schools.',
    'Home Office officials declined to comment.',
    'Skip hire firms have raised prices by 20%.',
    'The Listen Project, a charity, runs support groups for carers.',
    'Save the Children said the aid had reached the port.',
    'Like many towns, Millbrook has lost its last bank.',
    'Watch manufacturers are struggling with tariffs.',
    'Powered by solar panels, the boat crossed the Atlantic in 40 days.',
    'By the end of the week, the river had fallen by a metre.',
    'Getty Images, the photo agency, reported higher profits.',
    'Reporting restrictions were lifted at the end of the trial.',
    'Editing by hand took the team several months.',
    'Loading bays at the port were closed for two days.',
    'Cookies and cakes were sold to raise money for the hospital.',
    'Privacy campaigners said the law went too far.',
    'More than 200 people attended the meeting.',
    'Latest figures show unemployment at 4.2%.',
    'Newsletter editors from across the country met in Leeds.',
    'Email records show the minister was warned in March.',
    'Print runs for the magazine have halved since 2019.',
    'Source material for the film came from family letters.',
    'Credit card debt rose to a record high in July.',
    'Picture framing is a dying trade, he said.',
    'Video footage showed the car leaving the road.',
    'Play resumed after a 40-minute rain delay.',
    'Reply cards must be returned by Friday.',
    'Save for a few clouds, the weekend will be dry.',
    'Breaking news is not always accurate, the study found.',
    'Live music venues are closing at a rate of two a week.',
    'Support for the plan has fallen to 38%.',
    'Donate blood if you can, the health service urged.',
    'Home is where the heart is, the old saying goes.',
    'Search teams found the walkers on Sunday morning.',
    'Explore the caves with a guide, the park advises.',
]


PROSE_THAT_SOUNDS_LIKE_PAGE_TEXT = [
    '"We will bring those responsible to justice," the prime minister vowed on Wednesday evening.',
    "CCTV footage showed the suspect fleeing the scene in a silver car.",
    "Footage showed the man entering the shop at about 2am.",
    "Meta updated its community standards in January to allow more political speech on its platforms.",
    "YouTube said comments are disabled on videos featuring young children.",
    "In a letter to the editor of the Times, 30 doctors warned that the plan would cost lives.",
    "The family moved to join a community of farmers in the north of the county.",
    "£200 a month is now the average rent increase across London, new figures show.",
    "Originally published in 1965, the book has sold more than ten million copies worldwide.",
    "Victims will receive compensation for faulty products under the new scheme.",
    "The firm, registered in England and Wales, has no employees in the UK.",
    "Oxford University has received funding from the Wellcome Trust to study the disease.",
    "The survey does not necessarily reflect the views of all voters, the pollster cautioned.",
]
"""Found by a reviewer: each was once taken by a pattern written for page furniture."""


@pytest.mark.parametrize("line", PROSE_THAT_SOUNDS_LIKE_PAGE_TEXT)
def test_prose_that_sounds_like_page_text_is_kept(line: str) -> None:
    a = clean(_article(line))
    assert line in a.paragraphs, a.removed


def test_realistic_prose_with_furniture_words_survives() -> None:
    a = clean(HEADLINE + "\n" + "\n".join(REAL_PROSE))
    assert a.paragraphs == tuple(REAL_PROSE), a.removed


def test_topic_list_after_header_is_removed() -> None:
    a = clean(_article("Related Topics\nWildlife\nPlants\nMore on this story\nMeadow project wins national award\nPublished 2 May"))
    assert a.paragraphs == (LEDE, LAST)
    assert {"promo", "list", "timestamp"} <= {r.rule for r in a.removed}


def test_image_caption_label_takes_the_caption_line() -> None:
    a = clean(_article("Getty Images\nImage caption,\nThe orchid was spotted by a highways worker during routine mowing"))
    assert "caption-context" in _removed_by(a, "highways worker")
    assert a.paragraphs == (LEDE, LAST)


def test_subhead_and_list_items_survive() -> None:
    text = _article("How the money will be spent\nThe report breaks the cost down as follows:\nA berm and its concrete core\nTwo pumping stations")
    a = clean(text)
    for line in ("How the money will be spent", "A berm and its concrete core", "Two pumping stations"):
        assert line in a.paragraphs


def test_comment_section_is_cut_off() -> None:
    a = clean(_article("Comments\njoe_b\nTue, 10/14/2025 - 08:12\nAbout time. My parents' place flooded twice and nobody called back.\nReply"))
    assert a.paragraphs == (LEDE,)  # everything from the comments header on is gone, incl. LAST
    assert "comments" in _removed_by(a, "Comments")


def test_pull_quote_and_attribution_removed() -> None:
    quote = "We are out there at dawn when the outfalls are running and nobody from the company is"
    text = _article(f'"{quote}," said Margaret Oduya.\n{quote}\nMargaret Oduya')
    a = clean(text)
    assert sum(quote in p for p in a.paragraphs) == 1
    assert "pull-quote" in _removed_by(a, "Margaret Oduya")


def test_wire_dateline_prose_is_kept() -> None:
    line = "PARIS, March 5 - A European airline said on Wednesday it had ordered 40 new narrow-body jets."
    a = clean(_article(line))
    assert any("A European airline said on Wednesday" in p for p in a.paragraphs)


# --- headline and metadata ----------------------------------------------------


def test_headline_byline_and_date_detected() -> None:
    text = (
        "Skip to main content\nNews\nSport\nWeather\n"
        "Rare orchid found growing on motorway verge\n"
        "By Amira Shah, Environment reporter\nPublished 7 hours ago\nShare\n"
        "A rare orchid that has not been recorded in the county for forty years has been found by a motorway.\n"
        "Botanists confirmed the find on Thursday.\n"
    )
    a = clean(text)
    assert a.title == "Rare orchid found growing on motorway verge"
    assert a.byline == "Amira Shah, Environment reporter"
    assert a.date == "7 hours ago"
    assert a.paragraphs[0].startswith("A rare orchid")
    assert "byline" in _removed_by(a, "Amira Shah") and "timestamp" in _removed_by(a, "7 hours ago")
    assert "page-header" in _removed_by(a, "Weather")


def test_headline_after_masthead_is_the_one_followed_by_metadata() -> None:
    text = (
        "Support the Meridian\nFund independent journalism with £5 per month\nSign in\n"
        "Scientists map hidden forest beneath Antarctic ice\n"
        "Radar survey finds traces of a landscape that was covered in trees thirty million years ago\n"
        "Nicola Davis Science correspondent\nWed 12 Feb 2025 16.00 GMT\n"
        "Scientists have mapped an ancient landscape of river valleys hidden beneath the Antarctic ice.\n"
    )
    a = clean(text)
    assert a.title == "Scientists map hidden forest beneath Antarctic ice"
    assert a.date == "Wed 12 Feb 2025 16.00 GMT"
    assert a.byline is not None and a.byline.startswith("Nicola Davis")


def test_document_title_is_not_spoken_twice() -> None:
    doc = Document(text=_article(""), source="t", title=HEADLINE, byline="Jo Bloggs", date="2025-10-14")
    a = clean(doc)
    assert a.title == HEADLINE and a.byline == "Jo Bloggs" and a.date == "2025-10-14"
    assert HEADLINE not in a.paragraphs
    assert a.paragraphs == (LEDE, LAST)


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "City library to stay open on Sundays after trial\n\n"
        "The city's main library will open on Sundays for good after a six-month\n"
        "trial that drew more than 40,000 visitors, the council said on Monday.\n\n"
        "Advertisement\n\n"
        "Staff said families made up most of the Sunday visitors, and that the\n"
        "children's section was often full by midday. The council said it would\n"
        "share the cost with a local charity.\n"
    )
    a = clean(text)
    assert a.paragraphs == (
        "The city's main library will open on Sundays for good after a six-month trial that drew more "
        "than 40,000 visitors, the council said on Monday.",
        "Staff said families made up most of the Sunday visitors, and that the children's section was "
        "often full by midday. The council said it would share the cost with a local charity.",
    )
    assert "advert" in _removed_by(a, "Advertisement")


def test_empty_article_raises() -> None:
    with pytest.raises(EmptyArticleError):
        clean("Share\nAdvertisement\n")


# --- explainability and user rules --------------------------------------------------


def test_every_removed_line_names_a_known_rule() -> None:
    text = (DATA / "c03-bbc-style.txt").read_text(encoding="utf-8")
    raw = "\n".join(re.sub(r"^[~=?] ", "", line) for line in text.splitlines())
    a = clean(raw)
    names = default_rules().names | {"headline"}
    assert a.removed and all(r.rule in names for r in a.removed)
    raw_lines = raw.splitlines()
    for r in a.removed:
        assert r.text.split()[0] in raw_lines[r.line - 1]


def test_user_rules_add_and_disable(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        'disable = ["bylines"]\n[[rule]]\nname = "my-promo"\npattern = \'^Our partners say\'\nscope = "line"\n',
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert "byline" in rules.disable
    text = (
        f"{HEADLINE}\nBy Jo Bloggs\n{LEDE}\nOur partners say the barrier is the best in the country.\n{LAST}\n"
    )
    plain = clean(text)
    custom = clean(text, rules)
    assert "Our partners say the barrier is the best in the country." in plain.paragraphs
    assert "my-promo" in _removed_by(custom, "Our partners say")
    assert "byline" in _removed_by(plain, "By Jo Bloggs")
    assert "byline" not in _removed_by(custom, "By Jo Bloggs")


def test_prefix_scope_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text('[[rule]]\nname = "kicker"\npattern = \'^EXCLUSIVE:\\s*\'\nscope = "prefix"\n', encoding="utf-8")
    a = clean(_article("EXCLUSIVE: The mayor said she would not stand again at the next election."), load_rules(path))
    assert "The mayor said she would not stand again at the next election." in a.paragraphs
    assert "kicker" in _removed_by(a, "EXCLUSIVE:")


@pytest.mark.parametrize(
    "body,needle",
    [
        ("[[rule]]\nname = 'x'\npattern = '('\n", "pattern"),
        ("[[rule]]\nname = 'x'\npattern = 'a'\nscope = 'page'\n", "scope"),
        ("[[rule]]\nname = 'x'\npattern = 'a'\ncolour = 'red'\n", "colour"),
        ("disable = ['no-such-rule']\n", "no-such-rule"),
        ("[[rule]]\npattern = 'a'\n", "name"),
        ("rule = [\n", "TOML"),
    ],
)
def test_bad_rules_file_raises_config_error(tmp_path: Path, body: str, needle: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_rules(path)
    assert needle in str(info.value) and str(path) in str(info.value)


def test_missing_rules_file_raises_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_rules(tmp_path / "nope.toml")


def test_entry_point_rules_are_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    extra = clean_mod.rules_from_dict({"rule": [{"name": "plugin-promo", "pattern": "^Plugin promo$"}]}, "plugin")

    class FakeEntryPoint:
        name, value = "fake", "fake:rules"

        def load(self) -> object:
            return lambda: extra

    monkeypatch.setattr(clean_mod, "entry_points", lambda group: [FakeEntryPoint()] if group == "readaloud.rules" else [])
    default_rules.cache_clear()
    try:
        a = clean(_article("Plugin promo"))
        assert "plugin-promo" in _removed_by(a, "Plugin promo")
    finally:
        default_rules.cache_clear()


# --- property: plain prose is never dropped ---------------------------------------------

# Plain prose as a newsreader would meet it: subject, finite verb, object, optional place and
# time, built from words that also name page furniture (image, share, comment, listen...).
DETERMINERS = st.sampled_from(["the", "a", "its", "their", "one", "every"])
NOUNS = st.sampled_from(
    "council river report residents staff image photo picture comment newsletter audio cookies people plan "
    "water audience listeners readers editor video podcast subscription page advertisement copyright source "
    "credit share school hospital police minister".split()
)
VERBS = st.sampled_from(
    "said showed approved rejected published shared followed watched read saved liked updated reported "
    "questioned praised explained described recorded heard signed played".split()
)
PLACES = st.sampled_from(["", " near the river", " at the town hall", " in the city", " on the radio", " after the meeting"])
TIMES = st.sampled_from(["", " on Tuesday", " last week", " this year", " yesterday", " in March"])


@st.composite
def prose_sentence(draw: st.DrawFn) -> str:
    subject = f"{draw(DETERMINERS)} {draw(NOUNS)}"
    clause = f"{subject} {draw(VERBS)} {draw(DETERMINERS)} {draw(NOUNS)}{draw(PLACES)}{draw(TIMES)}"
    return clause[0].upper() + clause[1:] + "."


SENTENCE = prose_sentence()


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(SENTENCE, min_size=1, max_size=8, unique=True))
def test_plain_prose_lines_always_survive(lines: list[str]) -> None:
    # A line repeated word for word, or lifted whole into a longer one, is a pull quote by
    # design (spoken once); plain prose here means lines that do not repeat each other.
    assume(not any(a != b and a.rstrip(".") in b for a in lines for b in lines))
    a = clean("\n".join(lines))
    spoken = "\n".join(a.paragraphs)
    for line in lines:
        assert line in spoken, (line, a.removed)


# --- corpus score and speed --------------------------------------------------------------

def test_annotated_articles_score() -> None:
    files = sorted(DATA.glob("*.txt"))
    assert len(files) >= 10
    total = Score()
    for f in files:
        annotated = f.read_text(encoding="utf-8")
        total.add(score(parse_annotated(annotated), _spoken(clean(raw_text(annotated)))))
    assert total.recall >= 0.99
    assert total.leak <= 0.05


def test_ten_thousand_words_clean_fast() -> None:
    para = (
        "The council said the barrier would protect about 240 homes from a flood the size of last April's, "
        "when the river crested two metres above its normal level."
    )
    furniture = ["Advertisement", "Share this article", "Read more: Flood maps to be updated", "Getty Images"]
    lines = [HEADLINE, "By Jo Bloggs", "Published 7 hours ago"]
    for i in range(400):
        lines.append(f"{para} Item {i}.")
        if i % 5 == 0:
            lines.append(furniture[i % 4])
    text = "\n".join(lines)
    assert len(text.split()) > 10_000
    start = time.perf_counter()
    a = clean(text)
    assert time.perf_counter() - start < 1.0
    assert len(a.paragraphs) == 400


def test_programmatic_ruleset_disables_a_builtin() -> None:
    a = clean(_article("Picture: PA"), RuleSet(disable=frozenset({"caption"})))
    assert "caption" in _removed_by(clean(_article("Picture: PA")), "Picture: PA")
    assert "caption" not in _removed_by(a, "Picture: PA")


# --- shapes added for unseen publishers ------------------------------------------


def test_closing_author_bio_without_byline_is_removed() -> None:
    bio = "Tomas Reyes covers energy and mining from Lima. He previously worked for a news agency in Bogota."
    a = clean(_article("") + bio + "\n")
    assert "author-bio" in _removed_by(a, "Tomas Reyes covers")
    mid = "Tomas Reyes is a farmer who has grown potatoes on the slope for forty years."
    kept = clean(_article(mid))
    assert mid in kept.paragraphs  # a person in the story, with prose after him


def test_bio_by_the_bylines_first_name() -> None:
    text = f"{HEADLINE}\nBy Ana Lucia Ortega\n{LEDE}\n{LAST}\nAna covers courts. She previously reported from Quito.\n"
    a = clean(text)
    assert "author-bio" in _removed_by(a, "Ana covers courts")


def test_caption_with_picture_cue_is_removed_but_prose_survives() -> None:
    cap = "Mary Holt, 71, pictured with the quilt she stitched from her late husband's shirts"
    a = clean(_article(cap))
    assert "caption-context" in _removed_by(a, "Mary Holt, 71")
    prose = "Mrs Holt, pictured last year at the show, has now won the prize three times."
    assert prose in clean(_article(prose)).paragraphs


def test_unstopped_line_on_a_full_stop_page_is_a_caption() -> None:
    body = [f"Paragraph {n} of the report describes how the river rose during the night of the storm." for n in range(6)]
    cap = "Volunteers fill sandbags outside the village hall as the water rises behind them"
    a = clean(HEADLINE + "\n" + "\n".join(body[:3] + [cap] + body[3:]) + "\n")
    assert "caption-context" in _removed_by(a, "Volunteers fill sandbags")
    assert len(a.paragraphs) == 6


def test_unstopped_paragraphs_survive_when_the_page_rarely_uses_full_stops() -> None:
    loose = [f"Line {n} of the statement was published without any punctuation at the end of it" for n in range(4)]
    stopped = [f"Paragraph {n} of the report describes how the river rose during the night." for n in range(4)]
    body = [x for pair in zip(stopped, loose) for x in pair]
    a = clean(HEADLINE + "\n" + "\n".join(body) + "\n")
    assert all(b in a.paragraphs for b in loose)


def test_quoted_sentence_repeated_as_pull_quote_is_spoken_once() -> None:
    quote = "A bridge that nobody crosses is just a very long bench over water."
    para = f'"{quote}" she told me on the first morning we met, standing on the old stone parapet.'
    a = clean(_article(f"{para}\n“{quote}”"))
    assert sum(quote.split(" is ")[0] in p for p in a.paragraphs) == 1
    assert "pull-quote" in _removed_by(a, quote)


def test_wrapped_line_ending_on_a_preposition_continues() -> None:
    text = (
        "Harbour festival returns with tall ships and fireworks this weekend\n\n"
        "The harbour festival will return this weekend for the first time since\n"
        "the pandemic, with tall ships, a food market and a firework display at\n"
        "10pm. Visitors are asked to book parking in advance by calling the\n"
        "harbour office on the number listed on the council website, or at the\n"
        "tourist office by the quay, which will open on Saturday morning at\n"
        "8am.\n"
    )
    a = clean(text)
    assert len(a.paragraphs) == 1
    assert a.paragraphs[0].endswith("Saturday morning at 8am.")
    assert "display at 10pm." in a.paragraphs[0]


def test_two_short_menu_labels_are_not_joined_into_a_headline() -> None:
    text = "Local\nCity News\ncoast News\nFerry fares to rise by a fifth from April\nLAGOS / Mar 2, 2025, 09:10 WAT\n" + LEDE + "\n" + LAST
    a = clean(text)
    assert a.title == "Ferry fares to rise by a fifth from April"
    assert a.date is not None


def test_title_case_headline_is_not_taken_for_a_name() -> None:
    text = "The Magazine\nFeature\nThe Woman Who Reads Rivers\nBy Lee Tran\nPhotographs by Ola Berg\nPublished June 5, 2025\n" + LEDE
    a = clean(text)
    assert a.title == "The Woman Who Reads Rivers"


def test_live_blog_headline_beats_first_entry_heading() -> None:
    text = (
        "Election night live: polls close as turnout hits record high\nUpdated 22.05 GMT\nKey events\n"
        "1h ago\nExit poll published\n22.00 GMT\nExit poll published\n"
        "The exit poll suggests the governing party will lose about forty seats, broadcasters reported.\n"
        "Updated at 22.03 GMT\n21.40 GMT\nQueues reported at polling stations in several cities, officials said.\n"
    )
    a = clean(text)
    assert a.title == "Election night live: polls close as turnout hits record high"


def test_one_sentence_live_entry_between_timestamps_survives() -> None:
    entry = "Opposition leaders said they would study the detail before responding."
    text = _article(f"Posted at 12:47\nShare\n{entry}\nPosted at 12:30\nShare")
    assert entry in clean(text).paragraphs


def test_sports_data_block_goes_but_match_prose_stays() -> None:
    block = "Player ratings:\nRovers: Ellis (6), Tate (6), Morgan (7)\nSubs: Mensah (8), Harlow (n/a).\nMan of the match: Kofi Mensah."
    prose = "What's next?\nRovers travel to Hartwell for the final on Saturday; kick-off is at 3pm."
    a = clean(_article(prose + "\n" + block))
    assert "Rovers travel to Hartwell for the final on Saturday; kick-off is at 3pm." in a.paragraphs
    assert not any("Mensah" in p or "ratings" in p for p in a.paragraphs)


def test_press_release_contact_block_and_trailer_go() -> None:
    text = _article(
        "Media Contacts:\nSam Ortiz\nHarbor Foods\nsam@harbor.example\n+1 555 0100\n"
        "Logo - https://example.com/logo.jpg\nSOURCE Harbor Foods\nGET YOUR COMPANY'S NEWS IN FRONT OF JOURNALISTS"
    )
    a = clean(text.replace(f"\n{LAST}\n", "\n"))
    assert a.paragraphs == (LEDE,)


def test_comment_form_boilerplate_goes() -> None:
    form = "Leave a Reply\nSave my name, email, and website in this browser for the next time I comment.\nPost Comment\nProudly powered by WordPress"
    a = clean(_article("") + form + "\n")
    assert a.paragraphs == (LEDE, LAST)


def test_closing_sentence_after_a_mid_story_promo_survives() -> None:
    end = "It is the club's first trophy since 2011."
    text = _article("Sign up for our free weekly sport newsletter") + end + "\nComments have been closed for this article.\nTell your story. Find your audience.\n"
    a = clean(text)
    assert a.paragraphs[-1] == end


# --- learned furniture model ------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
_PAGE = "{h}\nShare on Facebook\n{lede}\n{line}\n{last}\nSubscribe to our newsletter\n"
_LONG_LAST = LAST + " The council said in a statement that the cost would be met from reserves."


def _page(line: str) -> str:
    return _PAGE.format(h=HEADLINE, lede=LEDE, line=line, last=_LONG_LAST)


def test_shipped_model_loads_with_the_features_the_code_computes() -> None:
    model = clean_mod.shipped_model()
    assert model is not None
    assert model.features == clean_mod.feature_names()
    assert len(model.weights) == len(model.mean) == len(model.scale) == len(model.features)
    assert 0.0 < model.threshold < 1.0


def test_model_with_other_features_is_refused(tmp_path: Path) -> None:
    data = clean_mod.shipped_model().to_dict()
    data["features"] = data["features"][:-1] + ["something-else"]
    path = tmp_path / "m.json"
    path.write_text(__import__("json").dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError):
        clean_mod.load_model(path)


@pytest.mark.parametrize(
    "line",
    [
        "Our journalism stays free because readers like you chip in. Will you join them today?",
        "View this post on Threads",
    ],
)
def test_model_removes_unseen_furniture_wording(line: str) -> None:
    a = clean(_page(line))
    assert "furniture-model" in _removed_by(a, line)
    assert line not in "\n".join(a.paragraphs)


@pytest.mark.parametrize(
    "line",
    [
        "\"You have to support each other in a flood,\" said resident Mary Jones, who lives by the river.",
        "What happens next",
        "Residents were told to move their cars before the work starts.",
    ],
)
def test_model_keeps_prose(line: str) -> None:
    a = clean(_page(line))
    assert line in a.paragraphs, a.removed


def test_model_can_be_disabled_by_name() -> None:
    line = "Our journalism stays free because readers like you chip in. Will you join them today?"
    a = clean(_page(line), RuleSet(disable=frozenset({"furniture-model"})))
    assert line in a.paragraphs
    assert "furniture-model" in default_rules().names


def test_model_leaves_text_without_any_furniture_alone() -> None:
    text = "Support grows for the plan.\nShare prices rose today.\nFollow-up talks are due next week."
    a = clean(text)
    assert not [r for r in a.removed if r.rule == "furniture-model"]


@pytest.mark.skipif(not (SHARED / "corpus" / "dev").is_dir(), reason="shared dev corpus not present")
def test_retraining_reproduces_the_shipped_model() -> None:
    import runpy

    train = runpy.run_path(str(ROOT / "scripts" / "train_furniture.py"), run_name="train_furniture")
    assert train["main"](["--check", "--shared", str(SHARED)]) == 0


# --- headline choice, comment threads, subheads, page footers -----------------------------------

BODY2 = "Engineers said the work would be finished before the winter storms arrive in the region."


def test_title_case_headline_ending_in_a_full_stop_beats_a_site_slogan() -> None:
    text = (
        "Daily Buzz\nNews For You\nCity Bans Scooters From Its Parks. Riders Are Not Happy.\n"
        f"By Ana Lopez\nJune 3, 2025\n{LEDE}\n{BODY2}\n{LAST}\n"
    )
    assert clean(text, rules=RuleSet(disable=frozenset({"furniture-model"}))).title == (
        "City Bans Scooters From Its Parks. Riders Are Not Happy."
    )


def test_full_length_headline_beats_a_short_programme_label() -> None:
    text = f"{HEADLINE}\nJune 5, 2025 5:00 AM ET\nHeard on Morning Radio\nJenna Alvarez\n{LEDE}\n{BODY2}\n{LAST}\n"
    assert clean(text).title == HEADLINE


@pytest.mark.parametrize("header", ["3 comments:", "Comments"])
def test_comment_thread_after_the_story_goes(header: str) -> None:
    comment = "My dad used to tell me about this place and I loved reading the whole story today."
    text = _article(f"{BODY2}\n{header}\nAnonymous 9 June 2025 at 10:15\n{comment}\nReply")
    a = clean(text)
    assert comment not in a.paragraphs
    assert LEDE in a.paragraphs and BODY2 in a.paragraphs


def test_commenter_line_with_reply_button_starts_the_thread_without_a_header() -> None:
    comment = "Walked it on Sunday with the dog and you would never know there had been a landslip."
    a = clean(_article(f"{BODY2}\nPeter Holroyd says: 15 May 2025 at 8:02 am\n{comment}\nReply").replace(LAST + "\n", ""))
    assert comment not in a.paragraphs and BODY2 in a.paragraphs


def test_comment_counter_in_mid_story_share_bar_does_not_end_the_story() -> None:
    a = clean(_article(f"{BODY2}\n14 Comments"))
    assert LAST in a.paragraphs


def test_is_commenter_shape() -> None:
    assert clean_mod._is_commenter("Anonymous 9 June 2025 at 10:15")
    assert clean_mod._is_commenter("Jane Smith says: June 3, 2025 at 4:12 pm")
    assert not clean_mod._is_commenter("The council said on 12 June")
    assert not clean_mod._is_commenter("Anonymous")


def test_short_subhead_after_related_list_is_kept() -> None:
    para = "Some cities have started to change that. A few of the ideas seem to work well in practice."
    text = _article(f"Related...\nThe surprising science of why cities are hotter at night\nWhat cities can do\n{para}")
    a = clean(text, rules=RuleSet(disable=frozenset({"furniture-model"})))
    assert "What cities can do" in a.paragraphs and para in a.paragraphs
    assert "The surprising science of why cities are hotter at night" not in a.paragraphs


def test_bio_without_the_authors_name_below_the_author_box_goes() -> None:
    bio = "Writer, cook, recovering growth hacker. I write about food, family and the internet every Sunday."
    footer = "Share\nTags\nFood\nWriting\nWritten by Priya Raman\n3.4K Followers"
    a = clean(f"{HEADLINE}\n{LEDE}\n{BODY2}\n{LAST}\n{footer}\n{bio}\nFollow\nHelp\n")
    assert bio not in a.paragraphs and LAST in a.paragraphs


def test_tts_disclaimer_and_social_promo_go() -> None:
    tts = "The audio version of this article is generated by text-to-speech, a technology based on artificial intelligence."
    promo = "Valley News is on Instagram. Follow along for the latest from across the province."
    a = clean(_article(f"{tts}\n{BODY2}\n{promo}"), rules=RuleSet(disable=frozenset({"furniture-model"})))
    assert _removed_by(a, tts) == {"audio-player"}
    assert _removed_by(a, promo) == {"alerts"}


def test_a_comments_label_in_a_share_bar_does_not_end_the_story() -> None:
    """A "Comments" button near the top once made everything after it a comment thread."""
    text = (
        "Ferry timetable cut for summer\n"
        "Residents say they were given less than two days' notice of the cuts to sailings.\n"
        "Bookmark\nShare\nComments\n"
        "Islanders have been left furious after ferry bosses cut sailings by almost half.\n\n"
        "The operator said one of its vessels would be out of service until July, a spokesman told reporters.\n\n"
        "A hotel owner said bookings were already being cancelled, and another said the same.\n\n"
        "The government said it had invested more than seven hundred million pounds in new ships.\n"
    )
    spoken = " ".join(clean(text).paragraphs)
    assert "ferry bosses cut sailings" in spoken and "in new ships" in spoken


# --- the story's own lists, subheads and a press release's end mark ---------------------------

NAV = "Home\nNews\nSport\nWeather\n"
FOOT = "Was this article helpful?\nYes No\nPrivacy policy\nCookie settings\n"


@pytest.mark.parametrize(
    "intro, items",
    [
        ("Swimming times", ["Riverside Pool: Monday to Friday 7am to 9pm, weekends 8am to 5pm",
                            "Hill Road Baths: Tuesday and Thursday 6.30am to 8pm"]),
        ("Key dates", ["Monday 12 May: consultation opens, drop-in at the town hall from 10am",
                       "Friday 30 May: consultation closes at noon"]),
        ("Residents are being asked to take three steps:", ["- Keep drains clear of leaves and litter near their homes",
                                                             "- Move cars away from the riverbank overnight",
                                                             "- Sign up for the free text warning service"]),
    ],
)
def test_a_list_the_story_introduces_is_kept_at_the_tail(intro: str, items: list[str]) -> None:
    text = f"{NAV}{HEADLINE}\n{LEDE}\n{BODY2}\n{intro}\n" + "\n".join(items) + f"\n{FOOT}"
    a = clean(text)
    for item in items:
        assert item in a.paragraphs, item
    assert "Privacy policy" not in a.paragraphs


def test_a_schedule_between_paragraphs_is_kept_but_link_headlines_are_not() -> None:
    items = ["North Hall: Monday to Friday 9am to 5pm, Saturday until 1pm",
             "South Hall: Tuesday to Saturday 10am to 4pm"]
    kept = clean(f"{NAV}{HEADLINE}\n{LEDE}\nNew opening hours\n" + "\n".join(items) + f"\n{BODY2}\n{LAST}\n{FOOT}")
    assert all(item in kept.paragraphs for item in items) and "New opening hours" in kept.paragraphs
    links = ["Mayor Unveils Plan For New Riverside Park", "Council Tax To Rise By Five Per Cent"]
    gone = clean(f"{NAV}{HEADLINE}\n{LEDE}\nMost read\n" + "\n".join(links) + f"\n{BODY2}\n{LAST}\n{FOOT}")
    assert not any(link in gone.paragraphs for link in links)


def test_item_shape() -> None:
    shape = clean_mod._item_shape
    assert shape("Central Pool: Monday to Friday 7am to 9pm") == "label"
    assert shape("• Check the loft for gaps before the winter") == "bullet"
    assert shape("• Mayor Unveils Plan For New Park") is None
    assert shape("Twitter: @someone") is None
    assert shape("Sport: Football Cricket Rugby") is None


def test_question_subhead_after_a_related_list_is_kept() -> None:
    para = "The union wants a shorter week for shift workers. The company says it cannot find the staff."
    text = _article(f"Explore more\nDrivers elsewhere to vote on strike action\nWhat does the union want?\n{para}")
    a = clean(text)
    assert "What does the union want?" in a.paragraphs and para in a.paragraphs
    assert "Drivers elsewhere to vote on strike action" not in a.paragraphs


@pytest.mark.parametrize("subhead", ["BARRIER BATTLE", "Questions remain"])
def test_short_subhead_between_two_paragraphs_is_kept(subhead: str) -> None:
    a = clean(f"{NAV}{HEADLINE}\n{LEDE}\n{BODY2}\n{subhead}\n{LAST}\nShare this article\n{FOOT}")
    assert subhead in a.paragraphs


def test_bridge_subhead_excludes_buttons_and_credits() -> None:
    assert clean_mod._QUESTION_SUBHEAD.search("So what changed?")
    assert not clean_mod._QUESTION_SUBHEAD.search("He left. Why?")
    a = clean(f"{NAV}{HEADLINE}\n{LEDE}\n{BODY2}\nSupport Valley News\n{LAST}\n{FOOT}")
    assert "Support Valley News" not in a.paragraphs


def test_everything_after_a_press_release_end_mark_goes() -> None:
    notes = "Notes to editors\n1. Photographs are available on request.\n2. The trust is a registered charity."
    a = clean(f"{HEADLINE}\n{LEDE}\n{BODY2}\n{LAST}\nENDS\n{notes}\n")
    assert LAST in a.paragraphs
    assert not any("Notes to editors" in p or "registered charity" in p for p in a.paragraphs)


def test_model_never_empties_a_one_paragraph_story() -> None:
    """A short dated notice once lost its only sentence to the model (an empty-article error)."""
    a = clean("Winter concert announced\n\nPublished 9 November 2026\n\nThe concert starts in March.\n")
    assert a.paragraphs == ("The concert starts in March.",)


def test_text_browser_link_numbers_are_not_spoken() -> None:
    """lynx and w3m number every link ("[12]Council tax"); footnote marks sit on words ("rise[3]")."""
    script = clean(_article("The [4]council approved the rise[2] on Tuesday after a long debate, officials said."))
    assert "The council approved the rise on Tuesday after a long debate, officials said." in script.paragraphs
    removed = clean(_article("[16]Advertisement"))
    assert not any("Advertisement" in p for p in removed.paragraphs)



def test_a_label_the_page_repeats_is_not_read_but_a_story_line_is() -> None:
    body = ["The council voted on Monday to build a barrier along the river, officials said.",
            "Article content",
            "Construction is expected to start next year and take about fourteen months.",
            "Article content",
            "Residents said they had waited a decade for the work to begin.",
            "Article content",
            "The barrier will protect about 400 homes, the agency said."]
    script = clean("Council approves new flood barrier\n\n" + "\n\n".join(body))
    assert "Article content" not in script.paragraphs
    assert {r.rule for r in script.removed if r.text == "Article content"} == {"repeated-label"}
    twice = clean("Council approves new flood barrier\n\n" + "\n\n".join(body[:4] + body[6:]))
    assert {r.rule for r in twice.removed if r.text == "Article content"} == {"repeated-label"}  # short: twice will do
    longer = [line.replace("Article content", "Keep reading on the river") for line in body[:4] + body[6:]]
    kept = clean("Council approves new flood barrier\n\n" + "\n\n".join(longer))
    assert not any(r.rule == "repeated-label" for r in kept.removed)


@pytest.mark.parametrize("line", ["Why now?", "What's next?", "MailOnline has approached Ashworth Borough Council for further comment.",
                                  "Biscuit's owner was unavailable for comment."])
def test_question_subheads_and_requests_for_comment_are_the_story(line: str) -> None:
    text = ("Council approves new flood barrier\n\nBy Jane Doe\n\nShare\n\n"
            "The council voted on Monday to build a barrier along the river after years of flooding in the town centre.\n\n"
            f"{line}\n\n"
            "Construction is expected to start next year and take about fourteen months to finish, officials said.\n")
    assert line in clean(text).paragraphs
