#!/usr/bin/env python3
"""Builds blind.tsv. Gold templates: {a|b} = alternatives (expanded as a product);
the first choice of each brace gives the first (canonical) reading. Top-level
alternatives (whole different phrasings) are given as a list of templates."""
import itertools, re, pathlib

YR = lambda a, b: "{%s|%s}" % (a, b)
ITEMS = [
# ---------------- cardinal
("cardinal", "The council received 12,847 objections to the scheme.",
 "The council received twelve thousand eight hundred and forty-seven objections to the scheme."),
("cardinal", "The winning time was 58.73 seconds.",
 "The winning time was fifty-eight point seven three seconds."),
("cardinal", "A crowd of 61,204 watched the final at Wembley.",
 "A crowd of sixty-one thousand two hundred and four watched the final at Wembley."),
("cardinal", "The bill passed by 312 votes to 205.",
 "The bill passed by three hundred and twelve votes to two hundred and five."),
("cardinal", "Officials said 1,350 homes were destroyed in the wildfire.",
 "Officials said {one thousand three hundred and fifty|one thousand three hundred fifty|thirteen hundred and fifty|thirteen hundred fifty|a thousand three hundred and fifty} homes were destroyed in the wildfire."),
("cardinal", "The ratio has fallen to 0.7 in the past decade.",
 "The ratio has fallen to {nought|zero|oh} point seven in the past decade."),
# ---------------- magnitude
("magnitude", "The film has been streamed 1.2 million times.",
 "The film has been streamed one point two million times."),
("magnitude", "Global demand for the vaccine reached 7.3bn doses.",
 "Global demand for the vaccine reached seven point three billion doses."),
("magnitude", "About 2m people live within the flood zone.",
 "About two million people live within the flood zone."),
("magnitude", "The midfielder has signed a deal worth £150k a week.",
 "The midfielder has signed a deal worth {a|one} hundred and fifty thousand pounds a week."),
("magnitude", "The survey of 40k adults was the largest of its kind.",
 "The survey of forty thousand adults was the largest of its kind."),
("magnitude", "Some 3.5 billion people watched at least part of the tournament.",
 "Some {three point five|three and a half} billion people watched at least part of the tournament."),
# ---------------- currency
("currency", "The club plans to build a £100m stadium on the site.",
 "The club plans to build a {|one }hundred million pound stadium on the site."),
("currency", "A gallon of gas averaged $3.19 nationwide on Monday.",
 "A gallon of gas averaged {three dollars and nineteen cents|three dollars nineteen cents|three dollars nineteen|three nineteen} nationwide on Monday."),
("currency", "The upgrade will cost £3-4bn, according to the Treasury.",
 "The upgrade will cost {three to four billion pounds|between three and four billion pounds|three billion to four billion pounds|three billion pounds to four billion pounds}, according to the Treasury."),
("currency", "A second-class stamp will rise to 85p.",
 "A second-class stamp will rise to eighty-five {pence|p}."),
("currency", "The firm reported profits of US$4.2bn for the quarter.",
 "The firm reported profits of four point two billion {U S dollars|dollars} for the quarter."),
("currency", "Brussels fined the tech company €2.4bn.",
 "Brussels fined the tech company two point four billion euros."),
("currency", "A pint of milk now costs £1.40 in most supermarkets.",
 "A pint of milk now costs {one|a} pound forty{| pence} in most supermarkets."),
# ---------------- year
("year", "The bridge was built in 1894.", "The bridge was built in eighteen ninety-four."),
("year", "The law was changed in 2005.", "The law was changed in {two thousand and five|twenty oh five}."),
("year", "The company was founded in 1906 by two brothers.",
 "The company was founded in {nineteen oh six|nineteen hundred and six} by two brothers."),
("year", "The stadium is due to be finished by 2030.",
 "The stadium is due to be finished by {twenty thirty|two thousand and thirty}."),
("year", "The Cubs finally won the World Series in 2016.",
 "The Cubs finally won the World Series in {twenty sixteen|two thousand sixteen|two thousand and sixteen}."),
("year", "The 2012 Olympics left a lasting legacy in east London.",
 "The {twenty twelve|two thousand and twelve} Olympics left a lasting legacy in east London."),
# ---------------- decade
("decade", "Council housing was built on a huge scale in the 1960s.",
 "Council housing was built on a huge scale in the nineteen sixties."),
("decade", "The band were huge in the '80s.", "The band were huge in the eighties."),
("decade", "Temperatures will keep rising through the 2020s.",
 "Temperatures will keep rising through the twenty twenties."),
("decade", "The house was last renovated in the 1890s.",
 "The house was last renovated in the eighteen nineties."),
("decade", "Cinema attendance peaked in the 1940s.", "Cinema attendance peaked in the nineteen forties."),
("decade", "The mill closed in the early 2000s.", "The mill closed in the early {two thousands|noughties}."),
# ---------------- date
("date", "Polls will open on 2 May 2024 for the local elections.",
 ["Polls will open on the second of May {twenty twenty-four|two thousand and twenty-four} for the local elections.",
  "Polls will open on May the second {twenty twenty-four|two thousand and twenty-four} for the local elections."]),
("date", "The trial is set to begin on October 14, prosecutors said.",
 ["The trial is set to begin on October {fourteenth|the fourteenth}, prosecutors said.",
  "The trial is set to begin on the fourteenth of October, prosecutors said."]),
("date", "The festival returns on 3rd May.",
 ["The festival returns on the third of May.", "The festival returns on May the third."]),
("date", "Bonfire night falls on Tuesday 5 November this year.",
 ["Bonfire night falls on Tuesday the fifth of November this year.",
  "Bonfire night falls on Tuesday November the fifth this year."]),
("date", "The attacks took place on September 11, 2001.",
 ["The attacks took place on September {eleventh|the eleventh}, {two thousand one|two thousand and one}.",
  "The attacks took place on the eleventh of September {two thousand and one|two thousand one}."]),
("date", "Applications close on Friday 21st June.",
 ["Applications close on Friday the twenty-first of June.",
  "Applications close on Friday June the twenty-first."]),
# ---------------- time
("time", "The train is due to arrive at 13:45.",
 "The train is due to arrive at {thirteen forty-five|one forty-five PM|one forty-five in the afternoon|quarter to two|a quarter to two|quarter to two in the afternoon|a quarter to two in the afternoon}."),
("time", "The announcement is expected at 9:30 a.m.",
 "The announcement is expected at {nine thirty AM|half past nine|nine thirty in the morning|half past nine in the morning}."),
("time", "Doors open at 7am.",
 "Doors open at {seven AM|seven in the morning|seven o'clock|seven o'clock in the morning}."),
("time", "The last ferry leaves at 10.30pm.",
 "The last ferry leaves at {ten thirty PM|half past ten|ten thirty at night|half past ten at night|ten thirty in the evening|half past ten in the evening}."),
("time", "Roadworks will take place 7-10am on weekdays.",
 "Roadworks will take place seven {to|till|until} ten {AM|in the morning} on weekdays."),
("time", "A minute's silence will be held at noon.", "A minute's silence will be held at noon."),
("time", "The shooting happened shortly after 2.15am.",
 "The shooting happened shortly after {two fifteen AM|quarter past two|a quarter past two|two fifteen in the morning|quarter past two in the morning|a quarter past two in the morning}."),
# ---------------- percent
("percent", "Unemployment fell to 4.2% in the three months to June.",
 "Unemployment fell to four point two per cent in the three months to June."),
("percent", "Mortgage rates could rise by 5-6% next year.",
 "Mortgage rates could rise by {five to six per cent|between five and six per cent} next year."),
("percent", "Only 12% of voters said they trusted the government.",
 "Only twelve per cent of voters said they trusted the government."),
("percent", "Shares in the retailer jumped 17 per cent.", "Shares in the retailer jumped seventeen per cent."),
("percent", "Inflation eased to 3.1 percent in November, the Labor Department said.",
 "Inflation eased to three point one percent in November, the Labor Department said."),
("percent", "Support for the policy has fallen from 64% to 48%.",
 "Support for the policy has fallen from sixty-four per cent to forty-eight per cent."),
# ---------------- ordinal
("ordinal", "The 21st century has brought new challenges.", "The twenty-first century has brought new challenges."),
("ordinal", "She finished 3rd in the 400 metres.", "She finished third in the four hundred metres."),
("ordinal", "The town is marking the 75th anniversary of its liberation.",
 "The town is marking the seventy-fifth anniversary of its liberation."),
("ordinal", "Soldiers from the 1st Battalion returned home on Friday.",
 "Soldiers from the first Battalion returned home on Friday."),
("ordinal", "The next payment will arrive on the 3rd.", "The next payment will arrive on the third."),
("ordinal", "It was the country's 100th gold medal at the Games.",
 "It was the country's {hundredth|one hundredth} gold medal at the Games."),
# ---------------- range
("range", "The figures cover the period 2019–2021.",
 "The figures cover the period {twenty nineteen|two thousand and nineteen} to {twenty twenty-one|two thousand and twenty-one}."),
("range", "The details are set out on pages 10-12 of the report.",
 "The details are set out on pages ten to twelve of the report."),
("range", "Each class has 25-30 pupils.", "Each class has {|between }twenty-five {to|and} thirty pupils."),
("range", "The work will take 6–8 weeks.", "The work will take {|between }six {to|and} eight weeks."),
("range", "Children aged 5-11 can attend for free.", "Children aged five to eleven can attend for free."),
# ---------------- score
("score", "Arsenal won 3-1 at Villa Park.", "Arsenal won three {|to }one at Villa Park."),
("score", "The derby ended in a 0-0 draw.", "The derby ended in a {nil nil|nil all|goalless} draw."),
("score", "Alcaraz won 6-4 6-3 in the semi-final.", "Alcaraz won six four, six three in the semi-final."),
("score", "Australia were 120-3 at lunch.", "Australia were {a|one} hundred and twenty for three at lunch."),
("score", "Leinster beat Munster 24-17 in Dublin.", "Leinster beat Munster twenty-four {|to }seventeen in Dublin."),
("score", "The Lakers lost 112-108 to Boston.",
 "The Lakers lost {one hundred twelve|one hundred and twelve|a hundred and twelve|one twelve} to {one hundred eight|one hundred and eight|a hundred and eight|one oh eight} to Boston."),
# ---------------- unit
("unit", "The 100m sprint final takes place on Sunday.",
 "The {|one }hundred {metres|metre} sprint final takes place on Sunday."),
("unit", "The road will be shut along a 10km stretch.",
 "The road will be shut along a ten {kilometre|kilometres|kilometer|kilometers} stretch."),
("unit", "Police said the suspect is 5ft 10in tall.",
 "Police said the suspect is five {feet|foot} ten{| inches} tall."),
("unit", "Temperatures could reach 34°C on Friday.",
 "Temperatures could reach thirty-four {degrees Celsius|degrees|Celsius|degrees centigrade} on Friday."),
("unit", "Overnight lows of -5C are forecast in the Highlands.",
 "Overnight lows of minus five {degrees Celsius|degrees|Celsius} are forecast in the Highlands."),
("unit", "Each bag holds 2.5 litres of water.", "Each bag holds {two point five|two and a half} litres of water."),
("unit", "The lorry was travelling at 56mph when it crashed.",
 "The lorry was travelling at fifty-six miles {per|an} hour when it crashed."),
("unit", "The baby weighed 3.2kg at birth.", "The baby weighed three point two {kilograms|kilos} at birth."),
# ---------------- fraction
("fraction", "Almost 1/2 of the budget goes on staff.", "Almost {half|a half|one half} of the budget goes on staff."),
("fraction", "The journey takes 2½ hours.", "The journey takes two and a half hours."),
("fraction", "Two-thirds of adults say they are worried about bills.",
 "Two-thirds of adults say they are worried about bills."),
("fraction", "About 3/4 of the site is green space.", "About three quarters of the site is green space."),
("fraction", "Rainfall was only 1/10 of the monthly average.", "Rainfall was only {a|one} tenth of the monthly average."),
("fraction", "The reservoir is ¾ full.", "The reservoir is three quarters full."),
# ---------------- roman
("roman", "King Charles III will visit the city next month.", "King Charles the Third will visit the city next month."),
("roman", "The airfield was built during World War II.", "The airfield was built during World War Two."),
("roman", "Henry VIII had six wives.", "Henry the Eighth had six wives."),
("roman", "Super Bowl LVIII will be played in Las Vegas.", "Super Bowl fifty-eight will be played in Las Vegas."),
("roman", "I was just doing my job, he said.", "I was just doing my job, he said."),
("roman", "A portrait of George V was found in the loft.", "A portrait of George the Fifth was found in the loft."),
("roman", "The portrait shows Elizabeth I in old age.", "The portrait shows Elizabeth the First in old age."),
# ---------------- alnum
("alnum", "The air force is buying more F-16 jets.", "The air force is buying more F sixteen jets."),
("alnum", "Leaders of the G7 met in Italy.", "Leaders of the G seven met in Italy."),
("alnum", "Airbus has stopped making the A380.",
 "Airbus has stopped making the A- {three eighty|three hundred and eighty|three eight oh|three eight zero}."),
("alnum", "Traffic is queuing on the M25 and the A1 near Heathrow.", "Traffic is queuing on the M twenty-five and the A- one near Heathrow."),
("alnum", "Delegates gathered in Dubai for COP28.", "Delegates gathered in Dubai for Cop twenty-eight."),
("alnum", "Cases of Covid-19 rose again in the winter.", "Cases of Covid nineteen rose again in the winter."),
("alnum", "The village still has no 4G signal.", "The village still has no four G signal."),
# ---------------- abbrev
("abbrev", "Gen Sir Patrick Sanders told Mr Patel the army was too small.",
 "General Sir Patrick Sanders told Mister Patel the army was too small."),
("abbrev", "Prof Sarah Gilbert and Dr Amina Khan led the research.",
 "Professor Sarah Gilbert and Doctor Amina Khan led the research."),
("abbrev", "Crowds gathered outside St Paul's Cathedral.", "Crowds gathered outside Saint Paul's Cathedral."),
("abbrev", "The cafe is on Baker St, near the station.", "The cafe is on Baker Street, near the station."),
("abbrev", "A spokesperson for No 10 declined to comment.", "A spokesperson for Number Ten declined to comment."),
("abbrev", "Tonight it is England vs Spain in the final.", "Tonight it is England versus Spain in the final."),
("abbrev", "The crossing takes approx. 40 minutes, so bring snacks, e.g. fruit or nuts.",
 "The crossing takes approximately forty minutes, so bring snacks, {for example|E G} fruit or nuts."),
("abbrev", "Lt Col James Reid was awarded the medal.", "Lieutenant Colonel James Reid was awarded the medal."),
# ---------------- acronym
("acronym", "The NHS is facing its worst winter yet.", "The N H S is facing its worst winter yet."),
("acronym", "The DVLA has warned drivers about scam texts.", "The D.V.L.A. has warned drivers about scam texts."),
("acronym", "More pupils got top grades in their GCSEs this year.", "More pupils got top grades in their G C S Es this year."),
("acronym", "The FBI has opened an investigation.", "The F B I has opened an investigation."),
("acronym", "MPs questioned Ofcom over its handling of complaints.", "M P's questioned Ofcom over its handling of complaints."),
("acronym", "Nato allies agreed to increase defence spending.", "Nato allies agreed to increase defence spending."),
("acronym", "Nasa has delayed the launch again.", "Nasa has delayed the launch again."),
("acronym", "Ofsted rated the school inadequate.", "Ofsted rated the school inadequate."),
("acronym", "UNESCO has added the site to its World Heritage list.", "Yoonesco has added the site to its World Heritage list."),
# ---------------- symbol
("symbol", "The deal was announced by M&S on Wednesday.", "The deal was announced by M and S on Wednesday."),
("symbol", "The film is only suitable for viewers aged 18+.",
 "The film is only suitable for viewers aged eighteen {plus|and over}."),
("symbol", "The single went straight to #1 in the charts.", "The single went straight to number one in the charts."),
("symbol", "The clip was shared by @SkySportsNews on Sunday.", "The clip was shared by at Sky Sports News on Sunday."),
("symbol", "The hashtag #SaveOurPubs was trending on Monday.",
 "The hashtag Save Our Pubs was trending on Monday."),
("symbol", "Shares in Johnson & Johnson fell in early trading.", "Shares in Johnson and Johnson fell in early trading."),
# ---------------- url
("url", "Full details are at gov.uk/floods.", "Full details are at gov dot U K {|forward }slash floods."),
("url", "Send your pictures to news@bbc.co.uk.", "Send your pictures to news at B B C dot co dot U K."),
("url", "Tickets can be bought at www.wimbledon.com.",
 "Tickets can be bought at {W W W dot |}Wimbledon dot com."),
("url", "You can read the full report at ft.com.", "You can read the full report at F T dot com."),
("url", "For more information visit reuters.com/markets.",
 "For more information visit Reuters dot com {|forward }slash markets."),
("url", "Readers can contact the editor at letters@guardian.co.uk.",
 "Readers can contact the editor at letters at guardian dot co dot U K."),
# ---------------- phone
("phone", "Anyone with information should call 0800 123 4567.",
 "Anyone with information should call {oh eight hundred|zero eight hundred|oh eight oh oh|zero eight zero zero|oh eight double oh|zero eight double zero} one two three four five six seven."),
("phone", "In an emergency always dial 999.", "In an emergency always dial nine nine nine."),
("phone", "Residents were urged to call 911 only in emergencies.",
 "Residents were urged to call nine {one one|eleven} only in emergencies."),
("phone", "The embassy can be reached on +44 20 7946 0000.",
 "The embassy can be reached on plus {four four|forty-four} {two oh|two zero|twenty} seven nine four six {oh oh oh oh|zero zero zero zero|double oh double oh|double zero double zero}."),
("phone", "For non-emergencies, call 101.", "For non-emergencies, call one {oh|zero} one."),
("phone", "The Samaritans can be contacted free on 116 123.",
 "The Samaritans can be contacted free on one one six one two three."),
]
PLAIN = """The minister refused to answer questions from reporters.
Heavy rain is expected across much of Wales tonight.
"We are devastated," her family said in a statement.
Shares in the carmaker fell sharply in early trading.
The Prime Minister will meet union leaders on Thursday.
Firefighters battled the blaze for several hours.
Critics say the plan does not go far enough.
The referee's decision sparked fury among home fans.
A spokesman for the palace declined to comment.
I couldn't believe what I was seeing, one witness said.
Investors are betting on an interest rate cut in the autumn.
The bakery has been run by the same family for generations.
Lawmakers in Washington failed to reach a deal on Friday.
Scientists warned that the glacier is melting faster than expected.
Local residents packed the village hall to voice their concerns.
The striker limped off just before half-time.
Ambulances were held outside the hospital for hours.
The central bank left borrowing costs unchanged.
Police have appealed for witnesses to come forward.
The show's final episode will air next spring.""".splitlines()
ITEMS += [("plain", s, s) for s in PLAIN]

def expand(t):
    parts = re.split(r"\{([^{}]*)\}", t)
    choices = [[p] if i % 2 == 0 else p.split("|") for i, p in enumerate(parts)]
    return [re.sub(r"  +", " ", "".join(c)) for c in itertools.product(*choices)]

out = ["category\twritten\tspoken"]
seen = set()
for cat, w, sp in ITEMS:
    assert w not in seen, w; seen.add(w)
    reads = []
    for t in (sp if isinstance(sp, list) else [sp]):
        for r in expand(t):
            if r not in reads: reads.append(r)
    out.append(f"{cat}\t{w}\t{' | '.join(reads)}")
pathlib.Path(__file__).with_name("blind.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")
print(len(ITEMS), "items")
