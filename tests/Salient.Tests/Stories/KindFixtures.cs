using Salient.Stories;

namespace Salient.Tests.Stories;

/// <summary>One full text as an extractor writes it (paragraphs between blank lines, furniture sometimes left in), with the kind grouping must give it.</summary>
internal sealed record KindFixture(string Name, ArticleKind Expected, string Title, string Url, string Text)
{
    public override string ToString() => Name;
}

/// <summary>
/// Realistic full texts, written for these tests (fictional people and places), of the many shapes a report takes
/// and of true commentary and round-ups. A report labelled a round-up or opinion is split from its event's story.
/// </summary>
internal static class KindFixtures
{
    public static IReadOnlyList<KindFixture> Reports { get; } =
    [
        new("wire report with subheadings naming different agencies", ArticleKind.Report,
            "Ice storm knocks out power to 300,000 across the Tri-County region",
            "https://www.example-wire.com/article/ice-storm-power-outages-2024-01-17",
            """
            HARLAN, Ky. (AP) — A slow-moving ice storm coated power lines and trees across the Tri-County region on Wednesday, knocking out electricity to more than 300,000 homes and businesses and closing hundreds of roads as temperatures hovered just below freezing.

            The storm dropped up to three-quarters of an inch of ice in places, the National Weather Service said, and forecasters warned that more freezing rain was likely overnight.

            Outages climb through the day

            Cumberland Electric said 184,000 of its customers were without power by late afternoon, most of them in Harlan and Bell counties. A spokeswoman, Teresa Maddox, said crews from as far away as Georgia were on their way but that some customers should expect to wait until the weekend.

            Schools and offices close

            Superintendents in all three counties canceled classes for Thursday. Governor Ellen Pruitt ordered state offices closed and urged residents to stay off the roads unless they had to travel.

            Roads treacherous, crashes reported

            State police reported more than 90 crashes on Interstate 75 and U.S. 25E between Corbin and Middlesboro. Trooper Dale Simmons said a tractor-trailer jackknifed near exit 29, blocking the southbound lanes for four hours.

            Warming centers open

            The Red Cross opened warming centers at churches in Pineville and Cumberland. Volunteers handed out blankets and hot meals to about 400 people, said regional director Marcus Hale.

            What comes next

            Temperatures are expected to rise above freezing by Friday afternoon, which should melt most of the ice. Until then, officials said, falling limbs remain the biggest danger.

            Associated Press writer Bruce Schreiner contributed from Louisville.
            """),

        new("debate takeaways naming two candidates throughout", ArticleKind.Report,
            "5 takeaways from the Calloway-Reyes Senate debate",
            "https://www.example-news.com/politics/2024/10/09/takeaways-calloway-reyes-senate-debate",
            """
            Republican Sen. Mark Calloway and Democratic challenger Lucia Reyes met Tuesday night in Columbus for their only televised debate, a 60-minute exchange that grew sharper as it went on.

            Here are five takeaways.

            Reyes came out swinging on abortion

            Reyes opened by pressing Calloway on his vote for a national ban, returning to the subject three times. Calloway said the question belonged to the states and accused Reyes of misrepresenting his record.

            Calloway leaned on the economy

            Calloway repeatedly tied Reyes to inflation, citing grocery prices in Dayton and Toledo. Reyes answered that she had voted against the spending bill he kept mentioning.

            The moderators pressed both on immigration

            Moderator Janet Kwan of WBNS asked each candidate whether they would back the border bill. Calloway said no; Reyes said yes, with changes. Neither gave details.

            A testy exchange over the steel plant

            The sharpest moment came over the closing of the Youngstown plant. Reyes said Calloway had taken money from its owners; Calloway called the charge a lie and said he had fought to keep the plant open.

            Neither landed a knockout

            Polls show a tight race, and neither candidate appeared to change it. Calloway was steadier; Reyes was more aggressive. Early voting begins next week, and the campaigns said they would keep their focus on the Cleveland and Cincinnati suburbs.

            Both campaigns claimed victory afterwards, and both sent fundraising emails before the stage lights were off.

            The debate was broadcast on public television stations across the state, and a replay will air on Sunday morning.
            """),

        new("what we learned from a hearing", ArticleKind.Report,
            "What we learned from Fed chair Hollis's testimony to Congress",
            "https://www.example-tv.com/business/hollis-testimony-what-we-learned",
            """
            Federal Reserve Chair Diane Hollis spent nearly three hours before the House Financial Services Committee on Wednesday, fielding questions on interest rates, bank failures and the housing market.

            Rate cuts are not coming soon

            Hollis told lawmakers the central bank needed "greater confidence" that inflation was falling before it would lower rates. Asked by Rep. Tom Brandt whether a cut was possible in June, she declined to rule it in or out.

            She defended the bank rescue

            Rep. Maxine Odom pressed Hollis on the collapse of Westgate Bank last spring. Hollis said supervisors had moved too slowly but that the rescue had kept the panic from spreading to other regional lenders.

            Housing is a worry

            Several members raised mortgage rates. Hollis said shelter costs had been slower to cool than economists expected, and that rents in cities such as Phoenix and Austin were now falling.

            Republicans went after climate rules

            Rep. Garrett Lyle accused the Fed of straying into climate policy. Hollis said the bank had no plans to set climate rules for lenders and would not become "a climate policymaker."

            Markets shrugged

            Stocks ended the day little changed. The yield on the 10-year Treasury rose slightly, to 4.31%, as traders pushed back their bets on the first rate cut.

            Hollis returns to Capitol Hill on Thursday to testify before the Senate Banking Committee.

            Democrats on the committee asked about the bank's plan to raise capital requirements for the largest lenders. Hollis said a revised proposal would come out later this year.
            """),

        new("key moments of a summit naming a different leader in each", ArticleKind.Report,
            "Five key moments from the Northern Alliance summit in Tallinn",
            "https://www.example-world.com/world/2024/07/12/tallinn-summit-key-moments",
            """
            Leaders of the 28 Northern Alliance countries ended a two-day summit in Tallinn on Thursday with a promise of more air defence for Ukraine and a fresh row over spending.

            A pledge on air defence

            President Alain Moreau of France announced that five countries would send additional Patriot batteries, the largest single package of the war. He called it "a shield for the cities."

            The spending row

            Prime Minister Helga Strand of Norway clashed with Italy's Marco Bellini over the target of 2% of economic output. Bellini said his government would not reach it before 2028.

            A surprise visit

            Ukraine's president, Oleksandr Havryliuk, arrived unannounced on the second morning. He met Chancellor Jonas Weber of Germany for an hour before the plenary session.

            Turkey holds out

            Turkish officials blocked language in the final communique on the Black Sea, according to two diplomats. The wording was softened after talks that ran past midnight.

            A new secretary general

            The alliance confirmed Dutch diplomat Ruud Verhagen as its next secretary general. He takes office in October and promised to "keep the alliance together through a long war."

            Outside the conference center, several thousand people marched through Tallinn's old town in support of Ukraine, waving blue and yellow flags. Estonian police said the march was peaceful.

            Estonia's prime minister, Kaja Sepp, who hosted the summit, said at a closing news conference that the alliance had shown it could agree on hard questions even when its members disagreed on money.

            The next summit will be held in Warsaw in July.
            """),

        new("what we know so far explainer of a shooting", ArticleKind.Report,
            "Lakeview mall shooting: What we know so far",
            "https://www.example-local.com/news/lakeview-mall-shooting-what-we-know",
            """
            Four people were killed and seven wounded when a gunman opened fire inside the Lakeview Crossing mall on Saturday afternoon. Here is what we know so far.

            What happened

            Police said the gunman entered through the food court entrance at about 2:40 p.m. and fired dozens of rounds before an off-duty officer, Sgt. Ray Donnelly, shot and killed him near the Hartman's department store.

            Who was the gunman

            Investigators identified him as Colin Barrett, 24, of Pike Township. Chief Andrea Fuentes said he had no criminal record and bought the rifle legally in March.

            The victims

            The dead include Grace Okafor, 67, a retired teacher, and Luis Vega, 19, who worked at a shoe store in the mall. The names of the other two have not been released. The wounded were taken to Methodist and Eskenazi hospitals.

            The response

            Mayor Daniel Price praised the off-duty officer and the mall's security staff. Governor Linda Hart ordered flags lowered and said the state would help the families.

            What's next

            The FBI is examining Barrett's phone and computer. A vigil is planned for Monday evening at Monument Circle, and the mall will stay closed through at least Wednesday.

            Police asked anyone with video from inside the mall to send it to investigators through an FBI tip line. Chief Fuentes said detectives had already collected more than 300 clips from shoppers and store cameras.

            Counselors will be available at the Pike Township community center through the week for anyone affected by the shooting, the township trustee said.
            """),

        new("live page of one hurricane with timestamped entries", ArticleKind.Report,
            "Hurricane Delia live updates: storm makes landfall near Port Arlen",
            "https://www.example-tv.com/weather/live-news/hurricane-delia-landfall",
            """
            Hurricane Delia made landfall near Port Arlen early Thursday as a Category 3 storm, bringing a surge of up to 12 feet to parts of the Gulf Coast. Follow our live coverage.

            10:42 a.m. ET

            Power outages pass 500,000

            More than half a million customers are without power in Louisiana and Mississippi, according to PowerTrack. Entergy said some outages could last a week.

            9:58 a.m. ET

            Coast Guard rescues 14 from fishing boat

            A Coast Guard helicopter crew lifted 14 people from a shrimp boat that lost power off Grand Terre, Petty Officer Ana Ruiz said. All were in good condition.

            9:15 a.m. ET

            Governor asks for federal disaster declaration

            Gov. Claire Thibodeaux said she had asked President Hale for a major disaster declaration covering 18 parishes. "We are going to need help," she said at a briefing in Baton Rouge.

            8:30 a.m. ET

            Interstate 10 closed near Slidell

            State police closed both directions of I-10 near Slidell after water covered the roadway. Drivers were told to avoid travel entirely.

            7:45 a.m. ET

            Storm weakens to Category 2

            The National Hurricane Center said Delia had weakened slightly as it moved inland, with top winds of 105 mph. Forecaster Jim Lowry warned that flash flooding inland was now the greatest threat.

            7:00 a.m. ET

            Delia makes landfall near Port Arlen

            The eye of Hurricane Delia crossed the coast near Port Arlen at 6:50 a.m. CT with sustained winds of 115 mph, the National Hurricane Center said. A storm surge of 9 feet was recorded at the Grand Isle tide gauge.
            """),

        new("report with a bulleted list of the victims", ArticleKind.Report,
            "Seven killed in Harlow charter bus crash identified",
            "https://www.example-local.com/news/harlow-bus-crash-victims-identified",
            """
            Authorities on Monday released the names of the seven people killed when a charter bus carrying a church group overturned on State Route 14 near Harlow on Saturday night.

            The bus, operated by Keystone Coach Lines, was returning from a retreat at Lake Wallenpaupack when it left the road on a curve and rolled down an embankment, state police said. Twenty-one others were injured.

            The victims were:

            - Ruth Ellison, 71, of Harlow, a retired nurse who had organized the trip for 20 years.
            - Pastor Samuel Greene, 58, of Dunmore, who led the Grace Fellowship congregation.
            - Kayla Brooks, 16, of Harlow, a junior at Valley View High School.
            - Dennis Kowalski, 63, of Old Forge, a deacon and former mine worker.
            - Maria Santos, 44, of Scranton, a teacher at St. Clare's school.
            - Walter Price, 80, of Harlow, the oldest member of the group.
            - Jessica Tran, 29, of Wilkes-Barre, a volunteer youth leader.

            The driver, who survived, has not been charged. Investigators from the National Transportation Safety Board arrived Sunday and will examine the bus's brakes and the driver's logbook, said board member Thomas Chapman.

            Grace Fellowship held a prayer service on Sunday evening that drew more than 500 people. "We are a small church and we have lost our heart," said elder Miriam Cole.

            A fund set up by the congregation had raised more than $80,000 by Monday afternoon.

            Funeral arrangements for Ellison and Greene are being handled by the Kearney Funeral Home in Harlow. Services for the others have not been announced.
            """),

        new("election night results with a section per race", ArticleKind.Report,
            "Marion County primary results: Whitfield wins mayoral nomination, incumbents hold council seats",
            "https://www.example-local.com/politics/2024/05/08/marion-county-primary-results",
            """
            Voters in Marion County picked nominees for mayor, county commission and six council seats in Tuesday's primary. Turnout was 22%, the county clerk said. Results are unofficial until certified on May 20.

            Mayor

            Dana Whitfield won the Democratic nomination with 52% of the vote, defeating Councilman Eric Tate (31%) and Pastor Harold Mims (17%). She faces Republican Joe Kessler, who was unopposed, in November.

            County Commission, District 2

            Incumbent Rita Alvarez held off a challenge from Brian Cho, 58% to 42%. Alvarez has served on the commission since 2016 and chairs its budget committee.

            City Council, Ward 4

            Newcomer Tasha Greene led a field of four with 46% and appears headed for a runoff with former school board member Paul Ostrowski, who had 29%.

            School levy

            A 1.2-mill levy for Westside schools passed narrowly, 50.8% to 49.2%, a margin of 312 votes. Superintendent Carla Nunez thanked voters and said the money would pay for new roofs and buses.

            Sheriff

            Sheriff Leon Marsh easily won renomination over Deputy Kyle Dunn, 71% to 29%, in the Republican primary.

            County clerk Janet Moody said about 1,800 provisional and mailed ballots remain to be counted, not enough to change the outcome of any race except, possibly, the school levy. A recount is automatic if the final margin is below half a percentage point.

            Whitfield told supporters at the Union Hall downtown that her campaign would focus on housing and on the city's long-delayed stormwater plan. Tate called her to concede shortly after 10 p.m.

            Results by precinct are posted on the county board of elections website.
            """),

        new("report quoting an opinion column and an editorial", ArticleKind.Report,
            "Mayor Lindqvist defends transit cuts after newspaper's editorial",
            "https://www.example-city.com/news/lindqvist-defends-transit-cuts",
            """
            Mayor Karen Lindqvist on Tuesday defended her plan to cut 14 bus routes, a day after the Daily Ledger's editorial board called the cuts "a betrayal of the people who keep this city running."

            In an opinion column published Sunday in the same paper, former transit director Omar Haddad wrote that the cuts would leave riders in the Eastfield and Grover Park neighborhoods with no way to get to work on weekends.

            Lindqvist said she respected the paper's opinion but that the numbers left no choice. "An editorial can't balance a budget," she told reporters at City Hall. "I can't print money."

            An analysis by the city's budget office, released last month, found that the transit authority faces a $41 million shortfall next year as federal pandemic aid runs out. The analysis said ridership on the 14 routes averaged fewer than nine passengers an hour.

            Council member Denise Patterson, who represents Eastfield, said the analysis ignored who rides those buses. "These are nurses, janitors, cooks," she said. "They don't have a second car."

            Transit authority chair Gary Whitlock said the board would hold three public hearings in March before a final vote on April 2. He said some routes might be saved if the state legislature approves a one-time grant that Gov. Ruth Ambrose included in her budget proposal.

            Riders' groups plan a rally outside City Hall on Thursday evening.

            The transit authority's ridership has fallen by about a third since 2019, to roughly 140,000 trips a day.

            The city's budget takes effect on July 1.
            """),

        new("report with a Related list and a newsletter sign-up", ArticleKind.Report,
            "Brookfield school board fires superintendent after audit",
            "https://www.example-local.com/education/brookfield-superintendent-fired",
            """
            The Brookfield school board voted 5-2 on Monday night to fire Superintendent Alan Meyers, two weeks after a state audit found that the district had paid more than $900,000 to a consulting firm owned by his brother-in-law.

            Board president Susan Klein said the audit left the board "no other responsible choice." Meyers, who has led the district since 2019, did not attend the meeting. His lawyer, Victor Sandoval, said in a statement that Meyers had done nothing wrong and would sue.

            Related:
            State audit finds Brookfield schools overpaid consultant
            Brookfield parents call for superintendent's removal
            Who is running for Brookfield school board

            The audit, released by State Auditor Nancy Ferris on Feb. 3, found that the consulting firm, Summit Learning Partners, was hired without competitive bids and billed for training sessions that auditors could find no record of.

            Sign up for our Education newsletter to get the latest school news in your inbox.

            Deputy Superintendent Maria Chen will lead the district until the board hires a replacement. The board said it would begin a national search in March.

            Parents packed the meeting, and several applauded after the vote. "We just want our money going to our kids," said Tom Becker, whose two children attend Brookfield Middle School.

            The county prosecutor's office said it had received the audit and was reviewing it. No charges have been filed.

            Advertisement

            Meyers' contract, which runs through 2026, pays him $212,000 a year. Board members said they believe the audit's findings allow them to fire him for cause without paying out the rest of the contract.
            """),

        new("TV interview report with a disclaimer about guests' views", ArticleKind.Report,
            "Former FEMA chief says agency was not ready for Delia",
            "https://www.example-tv.com/politics/former-fema-chief-delia-interview",
            """
            The former head of the Federal Emergency Management Agency said Sunday that the agency did not have enough staff in place before Hurricane Delia struck the Gulf Coast last week.

            "They knew it was coming for five days," Raymond Cortez, who led FEMA from 2015 to 2017, said on "This Week in Washington." "You should have had teams in every parish before the first rain band."

            FEMA Administrator Lisa Moreno has defended the response, saying the agency delivered 2 million meals and 3 million liters of water within 72 hours of landfall. On Sunday, a FEMA spokesman, Daniel Wu, said the agency had 3,400 workers in Louisiana and Mississippi before the storm.

            Cortez said that number was too small for a storm of Delia's size and that many of those workers had been stationed in Texas, hundreds of miles west of where the hurricane came ashore.

            Sen. Paula Greer of Mississippi, who appeared on the same program, said she would call Moreno to testify before the Homeland Security Committee when Congress returns next month.

            "People in Pascagoula waited four days for water," Greer said. "I want to know why."

            The storm killed at least 23 people and left more than 600,000 without power at its peak. About 90,000 customers remained without electricity on Sunday.

            Moreno is scheduled to visit Pascagoula and Biloxi on Tuesday with Mississippi Gov. Tate Ryan.

            FEMA said it had approved $310 million in aid to individuals so far.

            The views expressed by guests on this program are their own and do not necessarily reflect the views of the network.
            """),

        new("Q and A interview with a minister", ArticleKind.Report,
            "Q&A: Energy minister Okonjo on the blackout and what comes next",
            "https://www.example-news.com/business/qa-energy-minister-okonjo-blackout",
            """
            Energy Minister Adaeze Okonjo took office three weeks before the national grid collapsed on Aug. 14, leaving 40 million people without power for up to two days. She spoke to us in Abuja on Friday. The interview has been edited for length and clarity.

            Q: What caused the collapse?

            A: A transmission line near Jebba tripped during a storm, and the system did not isolate the fault. Within four minutes, the plants at Kainji and Shiroro shut down to protect themselves. That is what should not have happened.

            Q: Why didn't the protections work?

            A: Some of the relays are 30 years old. We found that two of them had been reported faulty in March and were never replaced. The Transmission Company has suspended three engineers while we investigate.

            Q: Critics say you are blaming staff for a lack of investment.

            A: Both things are true. There was not enough money, and there were also people who did not do their jobs. I will not pretend otherwise.

            Q: When will Nigerians see a more reliable supply?

            A: We have signed a contract with Siemens to replace 120 relays by the end of next year. The World Bank has approved a $500 million loan for new lines in the north. It will take time.

            Q: Will tariffs go up?

            A: Not this year. President Bello has been clear about that.

            Q: What do you say to businesses that lost money?

            A: I understand their anger. We are working with the Manufacturers Association on a plan for compensation, and I hope to announce it next month.

            Okonjo, 52, was previously chief executive of a power distribution company in Lagos. She is the third energy minister in four years.
            """),

        new("report with a timeline by date", ArticleKind.Report,
            "How the Harbor Bridge deal fell apart",
            "https://www.example-city.com/news/harbor-bridge-deal-timeline",
            """
            The $1.4 billion plan to replace the Harbor Bridge collapsed on Friday when the last of three bidders withdrew, leaving the state with a 70-year-old span that engineers have rated in poor condition. Here is how the bridge deal unraveled.

            March 2021: The state Department of Transportation announces plans to replace the Harbor Bridge with a six-lane cable-stayed span, to open by 2027.

            November 2021: Three consortiums, led by Bechtel, Skanska and a Spanish firm, Acciona, qualify to bid on the bridge.

            June 2022: Costs rise from $900 million to $1.4 billion after a new survey finds weaker soil beneath the harbor than expected.

            January 2023: The legislature refuses to raise the bridge toll to cover the higher cost. Gov. Peter Landry calls the vote "a mistake we will pay for."

            August 2023: Bechtel withdraws, citing the risk of the soil conditions.

            April 2024: Skanska withdraws after the state refuses to share the cost of any delays.

            Friday: Acciona tells the state it will not submit a final bid, ending the procurement.

            Transportation Secretary Helen Ortiz said the department would inspect the existing bridge every six months instead of every two years while it decides what to do. She did not rule out closing the bridge to trucks.

            Landry blamed lawmakers. House Speaker Frank Moretti said the governor's office had mismanaged the project from the start. About 60,000 vehicles cross the bridge each day.

            A spokesman for Acciona said the company remained interested in the bridge if the state changed the terms.
            """),

        new("court ruling with numbered holdings", ArticleKind.Report,
            "Court strikes down state's congressional map, orders new districts",
            "https://www.example-news.com/politics/court-strikes-down-congressional-map",
            """
            A federal appeals panel on Thursday struck down the state's congressional map, ruling that lawmakers had illegally diluted the votes of Black residents, and ordered the legislature to draw new districts before the 2026 election.

            The 2-1 decision by the three-judge panel, written by Judge Patricia Okoye, is the latest turn in a three-year fight over the map, which gave Republicans six of the state's seven seats even though Black voters make up nearly a third of the population.

            In a 94-page opinion, the court held that:

            1. The map violated Section 2 of the Voting Rights Act by splitting Black communities in Montgomery and Selma among three districts.
            2. The state failed to show that its lines were drawn for partisan rather than racial reasons.
            3. The legislature must adopt a new map with a second district in which Black voters have a fair chance to elect a candidate of their choice.
            4. If lawmakers fail to act by Jan. 15, a special master appointed by the court will draw the lines.

            Judge Howard Tate dissented, writing that the majority had "substituted its own judgment for that of the people's elected representatives."

            Attorney General Steve Marshall said the state would appeal to the Supreme Court and ask for the ruling to be put on hold. Civil rights groups that brought the case, led by the NAACP Legal Defense Fund, called the decision a victory.

            "This is about whether a third of this state gets a voice in Congress," said Deuel Ross, a lawyer for the plaintiffs.

            The legislature is not scheduled to meet until February, and Gov. Kay Ivers has not said whether she will call a special session.
            """),

        new("marathon report with a table-like list of results", ArticleKind.Report,
            "Kiptoo breaks course record as Chebet takes women's title at Lakeshore Marathon",
            "https://www.example-sports.com/running/lakeshore-marathon-2024-results",
            """
            Kenya's Daniel Kiptoo broke the Lakeshore Marathon course record by 41 seconds on Sunday, pulling away from the lead pack at 35 kilometers and finishing in 2 hours, 4 minutes, 12 seconds on a cool, windless morning.

            Ruth Chebet won the women's race in 2:19:48, her second victory here in three years, after Ethiopia's Tigist Alemu faded in the final two miles.

            "I felt strong from the start," Kiptoo said. "When I saw the clock at the bridge, I knew the record was possible."

            Men's results
            Daniel Kiptoo (KEN) 2:04:12
            Haile Bekele (ETH) 2:05:03
            Samuel Rotich (KEN) 2:05:40
            Conner Mantz (USA) 2:07:55
            Yuki Tanaka (JPN) 2:08:21

            Women's results
            Ruth Chebet (KEN) 2:19:48
            Tigist Alemu (ETH) 2:20:31
            Emily Sisson (USA) 2:22:09
            Sara Hall (USA) 2:24:40
            Aoi Morita (JPN) 2:25:02

            In the wheelchair races, Switzerland's Marcel Hug won the men's division in 1:21:30 and Manuela Schar took the women's in 1:36:14.

            More than 38,000 runners started the race, organizers said, a record for the event. Race director Carey Pinkowski said medical tents treated about 200 runners, most for cramps and blisters, and none were seriously hurt.

            Kiptoo earns $100,000 for the win and a $50,000 bonus for the record. He said he would rest before deciding whether to run in the world championships in September.

            Chebet, who also won in 2022, said she had run conservatively through halfway because of her sore hamstring. "I waited and waited," she said. "At 40 kilometers I knew Tigist was tired."

            The race returns on Oct. 12 next year.
            """),

        new("report with a site menu naming Opinion left above it", ArticleKind.Report,
            "Valley Regional Hospital to close maternity ward",
            "https://www.example-local.com/news/valley-regional-maternity-ward-closing",
            """
            News
            Opinion
            Sports
            Obituaries
            Valley Regional Hospital to close maternity ward

            Valley Regional Hospital will stop delivering babies on June 30, leaving expectant mothers in three rural counties more than an hour's drive from the nearest labor and delivery unit, the hospital announced Wednesday.

            Chief executive Martin Greaves said the hospital could no longer staff the unit. Four of its six obstetricians have left since 2022, and the hospital has spent $2.1 million on traveling nurses in the past year, he said.

            The unit delivered 312 babies last year, down from about 500 a decade ago. Women will now have to travel to St. Luke's in Marshall, 58 miles away, or to Mercy Medical Center in Fairview.

            "This is a dangerous decision for women in this valley," said Dr. Helen Ostrander, one of the obstetricians who left. "Labor doesn't wait for an hour in the car."

            State Rep. Curtis Boyle said he would ask the state health department to review the closure. Health Commissioner Linda Perez said the department had no power to order a private hospital to keep a service open.

            The hospital said it would keep its emergency department open around the clock and would train its emergency staff in delivering babies. It will also offer prenatal care through its clinic in Dalton.

            About 40 nurses and staff work on the maternity unit. Greaves said they would be offered other jobs at the hospital.

            Greaves said the hospital would hold two public meetings in April to explain the change.

            The hospital opened in 1957.
            """),

        new("BBC-style report with an analysis box by a correspondent", ArticleKind.Report,
            "Chancellor cuts fuel duty by 5p in emergency budget",
            "https://www.example-bbc.co.uk/news/business-68012345",
            """
            The chancellor has cut fuel duty by 5p a litre for a year as part of an emergency budget aimed at easing the cost of living.

            Rachel Hunt told MPs the cut, which takes effect at 6pm on Wednesday, would save the average driver about £100 a year.

            Analysis

            By Simon Cole, economics editor

            This is a budget shaped by the petrol pump. With prices above £1.80 a litre in many places, the chancellor was under enormous pressure from her own backbenchers to act. The cut will cost the Treasury about £2.4bn, money she has found by delaying a planned rise in the personal allowance.

            The chancellor also announced an extra £150 for households on means-tested benefits, to be paid in two instalments in July and November.

            Labour's shadow chancellor, Peter Ashworth, said the measures were "too little, too late" and called for a windfall tax on energy companies.

            The RAC said the cut was welcome but warned that retailers must pass it on. "Drivers need to see this at the pumps by the weekend," said spokesman Simon Williams.

            The Office for Budget Responsibility said inflation would peak at 8.7% in the autumn before falling next year. It cut its forecast for growth this year to 1.1% from 2.3%.

            The Institute for Fiscal Studies said the package was mostly "sticking plaster" and that many families would still be worse off this year than last.

            Petrol retailers said the cut would appear at most forecourts within days. Supermarkets Tesco and Asda said they would pass it on in full from Thursday morning.
            """),

        new("five things to know about one bridge collapse", ArticleKind.Report,
            "5 things to know about the Kessler River bridge collapse",
            "https://www.example-tv.com/news/kessler-river-bridge-collapse-what-to-know",
            """
            A section of the Kessler River bridge on Route 30 collapsed early Tuesday, sending two cars and a pickup truck into the water. Here is what to know.

            1. Three people were hurt, none killed

            Rescue crews pulled three people from the river within 40 minutes. All were taken to Mercy Hospital in Carlton, where one was listed in serious condition, fire chief Ron Gaddis said.

            2. The bridge had been rated poor

            State inspection records show the 1962 span was rated in poor condition in 2022, with cracks found in two of its steel girders. It was scheduled for replacement in 2026.

            3. Heavy trucks may have played a role

            Investigators are looking at whether an overweight gravel truck that crossed minutes before the collapse stressed the damaged span, said state police Lt. Karen Boyd.

            4. Detours will last months

            The Department of Transportation set up a 22-mile detour through Milford. Secretary Dan Reilly said a temporary bridge could be installed within four months.

            5. Lawmakers want answers

            State Sen. Judith Owens called for hearings on why repairs were delayed. Gov. Michael Serra said he would order emergency inspections of 40 similar bridges across the state.

            The bridge carried about 18,000 vehicles a day and was the main route between Carlton and the county seat. Businesses on Route 30 said they feared losing customers for months while the detour is in place.

            State records show that repairs to the bridge were approved in 2019 but postponed twice for lack of money. Reilly said Tuesday that he would review why.
            """),

        new("report of a hospital's news briefing on a crash", ArticleKind.Report,
            "Hospital officials give update on crash victims at news briefing",
            "https://www.example-local.com/news/hospital-update-crash-victims",
            """
            Doctors at St. Mary's Regional Medical Center said Thursday that four of the six people injured in Wednesday's train derailment near Millford remained in critical condition, and that one had undergone surgery overnight.

            At a news briefing outside the hospital, chief medical officer Dr. Ayesha Patel said the injured ranged in age from 19 to 74. Two were passengers on the Amtrak train, she said, and four were workers at the grain elevator the train struck after leaving the tracks.

            "These are serious injuries: burns, broken bones, internal bleeding," Patel said. "We expect that some of these patients will be with us for weeks."

            The National Transportation Safety Board said its investigators had recovered the train's event recorder and would examine it in Washington. Board member Jennifer Homendy told reporters that the train was traveling at 64 mph, under the track's 79 mph limit, when it derailed.

            Union Pacific, which owns the track, said it had inspected the line two days before the crash and found no defects.

            Millford Mayor Tom Riggs said the town was setting up a fund for the families of the grain elevator workers. "These are our neighbors," he said.

            The derailment closed the rail line between Omaha and Lincoln. Amtrak said buses would replace trains on the route until at least Monday.

            The hospital said it would give another update Friday afternoon.

            The train was carrying 112 passengers and eight crew members. Most were treated at the scene for minor injuries and left on buses.
            """),

        new("report of a Pentagon press briefing", ArticleKind.Report,
            "Pentagon briefing: Barrow says more troops will go to Poland",
            "https://www.example-news.com/politics/pentagon-barrow-troops-poland",
            """
            Defense Secretary Lloyd Barrow said Friday that the United States would send an additional 2,000 troops to Poland, expanding the American presence on the alliance's eastern flank as fighting intensifies in neighboring Ukraine.

            Speaking at the Pentagon, Barrow said the troops, from the 82nd Airborne Division at Fort Liberty, N.C., would deploy within two weeks. They will join about 10,000 American forces already in Poland.

            "This is a defensive move," Barrow said. "We will not be fighting in Ukraine. But we will defend every inch of allied territory."

            The announcement came a day after Russian missiles struck a fuel depot in Lviv, about 40 miles from the Polish border. Polish President Andrzej Nowak had asked Washington for more troops in a call with President Hale on Tuesday.

            Gen. Mark Daniels, chairman of the Joint Chiefs of Staff, said the deployment would include an air defense battalion. He declined to say whether Patriot missile batteries would be sent.

            Barrow also said the Pentagon would speed up deliveries of artillery shells to Ukraine, with 100,000 rounds to arrive by the end of the month.

            Republicans on the House Armed Services Committee welcomed the deployment but said it should have come sooner. Rep. Mike Rogan, the committee's chairman, said in a statement that "deterrence delayed is deterrence denied."

            The Kremlin said the deployment would "raise tensions" but did not threaten a response.

            The Pentagon said the cost of the deployment would be covered from existing funds.
            """),

        new("meet the candidates with a section per candidate", ArticleKind.Report,
            "Meet the five candidates running for Denton mayor",
            "https://www.example-local.com/politics/denton-mayor-candidates-2024",
            """
            Five candidates are on the ballot to succeed Mayor Gerald Hinds, who is stepping down after three terms. Early voting in the Denton mayoral race begins Oct. 21 and Election Day is Nov. 5. Here is a look at each of them.

            Patricia Lowe

            Lowe, 61, has represented District 3 on the City Council since 2016 and chairs its finance committee. She wants to freeze property tax rates for two years and hire 40 more police officers. She is endorsed by the Denton Police Association.

            Marcus Bell

            Bell, 38, owns two coffee shops on the Square and has never held office. He says the city has approved too many apartment complexes without building roads to match, and he wants a pause on new zoning changes near the university.

            Rosa Delgado

            Delgado, 47, is a nurse at Texas Health Presbyterian and served on the school board from 2017 to 2023. Her priorities are affordable housing and a new health clinic in southeast Denton, paid for with federal grants.

            Kevin Ashford

            Ashford, 55, is a retired Army colonel and a former chair of the Planning and Zoning Commission. He says the city must fix its aging water pipes before anything else and wants to put a bond measure on the ballot in 2025.

            Jamal Porter

            Porter, 29, a graduate student at the University of North Texas, is running on a platform of free bus service and a city climate plan. He has raised the least money of the five but has the most volunteers, his campaign says.

            If no candidate wins a majority, the top two will meet in a December runoff.
            """),

        new("explainer of a port strike under plain headings", ArticleKind.Report,
            "Why the East Coast port strike matters",
            "https://www.example-news.com/business/east-coast-port-strike-explained",
            """
            About 45,000 dockworkers walked off the job at 36 ports from Maine to Texas at midnight on Tuesday, the first coastwide strike since 1977. The walkout by the International Longshoremen's Association has halted the unloading of container ships at the busiest ports on the East and Gulf coasts.

            The workers' demands

            The union, led by Harold Daggett, wants a 77% raise over six years and a complete ban on automated cranes and gates. Members now earn a base of $39 an hour.

            The employers' offer

            The United States Maritime Alliance, which represents shipping lines and terminal operators, has offered a 50% raise. Its chief negotiator, Robert Murphy, said the union had refused to meet since August.

            The cost to the economy

            JPMorgan analysts estimate the strike could cost the economy $5 billion a day. Retailers including Walmart and Target said they had moved holiday goods early, but shortages of bananas and auto parts could appear within two weeks.

            What the White House can do

            President Hale could invoke the Taft-Hartley Act to order an 80-day cooling-off period. Labor Secretary Julie Su said the administration was not considering that for now.

            How long it could last

            Economists at Moody's said every day of the strike would take four to six days to clear. Farmers in Iowa and Kansas warned that grain exports through New Orleans would be stuck if the walkout lasted more than a week.

            Talks are expected to resume in Washington later this week.

            Daggett told reporters outside the union's headquarters in Newark that members were prepared to stay out "as long as it takes."
            """),

        new("election night live page with timestamped entries", ArticleKind.Report,
            "Live updates: Oregon primary election results",
            "https://www.example-local.com/politics/live-oregon-primary-election-results",
            """
            Polls closed at 8 p.m. in Oregon's primary election. Follow along for results in the races for governor, Congress and the Portland City Council.

            10:55 p.m.

            Kotek widens lead in Democratic governor's race

            With about 60% of ballots counted, former House Speaker Tina Kotek leads Treasurer Tobias Read by 19 points. Read has not conceded.

            10:20 p.m.

            Chavez-DeRemer wins Republican nomination in 5th District

            Former Happy Valley Mayor Lori Chavez-DeRemer won the Republican nomination in the 5th Congressional District, the Associated Press projected. She will face the winner of the Democratic contest, which remains too close to call.

            9:40 p.m.

            Portland council races headed for runoffs

            None of the candidates in the three Portland City Council races appeared likely to win a majority, meaning runoffs in November, county elections director Tim Scott said.

            9:05 p.m.

            Turnout looks low

            The secretary of state's office said turnout was tracking around 31%, down from 2018. Ballot counting in Clackamas County is delayed because of blurry barcodes on thousands of ballots.

            7:55 p.m.

            Counties report long lines at drop boxes

            Election officials in Multnomah and Washington counties reported long lines at ballot drop boxes in the final hour before the 8 p.m. deadline. Voters in line by 8 p.m. may still drop off their ballots, officials said.

            8:15 p.m.

            First results in

            Early returns show Christine Drazan leading the Republican primary for governor, ahead of Bob Tiernan and Stan Pulliam.
            """),

        new("report with a key points list under its lead", ArticleKind.Report,
            "Drought forces water limits for 6 million in the Sorrel basin",
            "https://www.example-wire.com/article/sorrel-basin-drought-water-limits",
            """
            Water managers ordered the first mandatory limits in the Sorrel River basin's history on Wednesday, cutting supplies to farms and cities serving 6 million people as a three-year drought drains the basin's reservoirs.

            Key points:
            • Deliveries to farms in the lower basin will fall by 30% from April 1, the Sorrel River Authority said.
            • Cities including Marbury and Ellison must cut use by 15% or face fines, starting in May.
            • Lake Corwin, the basin's largest reservoir, is at 24% of capacity, its lowest since it filled in 1968.
            • Gov. Rebecca Shaw declared a drought emergency in 11 counties and freed $200 million for wells.

            "We are out of easy choices," said authority chair Luis Navarro. "Every user will have to give something up."

            Farmers' groups said the cuts would force them to leave hundreds of thousands of acres unplanted. The Sorrel Valley Growers Association estimated losses of $1.2 billion this year. Its president, Carol Jensen, said many family farms would not survive a second year of cuts.

            Marbury's utility director, Ian Walsh, said the city would ban lawn watering during the day and raise rates for the heaviest users. Ellison plans to reopen a desalination plant on the coast that has sat idle since 2012.

            Forecasters at the state climate office said a wet winter would be needed to refill the reservoirs, and that current models show a drier-than-normal season is more likely.

            The authority will review the limits in September.

            The authority said it would publish weekly reservoir levels on its website.
            """),

        new("obituary under short sections naming different people", ArticleKind.Report,
            "Eleanor Voss, who led the city's first women's shelter, dies at 88",
            "https://www.example-city.com/obituaries/eleanor-voss-dies-at-88",
            """
            Eleanor Voss, who founded the city's first shelter for women fleeing abuse and ran it for three decades, died on Saturday at her home in Riverside. She was 88.

            Her daughter, Claire Hammond, said the cause was heart failure.

            A shelter in a farmhouse

            In 1974, Ms. Voss and two friends, Dorothy Pike and Ruth Ann Moody, rented a farmhouse on Creek Road and opened it to women who had nowhere else to go. They had six beds and no money. Within a year, the shelter was turning people away.

            A fight with City Hall

            Mayor Frank Delaney refused to fund the shelter in 1976, saying family matters were private. Ms. Voss organized a march of 2,000 people to City Hall, and the council overrode him the next spring.

            A national voice

            She testified before Congress in 1984 in support of the Family Violence Prevention and Services Act, and later served on a commission appointed by Gov. Ann Richards on domestic violence.

            Early life

            Eleanor Marie Voss was born in Toledo, Ohio, on March 2, 1936, to Walter Voss, a machinist, and Greta Lindahl Voss, a seamstress. She studied social work at Ohio State University.

            Later years

            Ms. Voss retired as the shelter's director in 2004 but stayed on its board until 2018. The shelter, renamed Voss House in her honor, now has 80 beds and a staff of 45, and serves about 1,200 women and children a year.

            Survivors

            Besides her daughter, she is survived by a son, Michael; four grandchildren; and her sister, Joan Kessler. Her husband, Robert Hammond, died in 2009.
            """),

        new("report with photo captions and advertisements left in", ArticleKind.Report,
            "Wildfire near Redding forces 8,000 to evacuate",
            "https://www.example-tv.com/news/redding-wildfire-evacuations",
            """
            A fast-moving wildfire burning west of Redding forced about 8,000 people from their homes on Monday as hot, dry winds pushed flames toward neighborhoods on the edge of town.

            Photo: Smoke rises over Whiskeytown Lake on Monday afternoon.

            The Clear Creek fire had burned 14,000 acres by evening and was 5% contained, according to Cal Fire. Officials said at least 30 structures had been destroyed, most of them homes in the community of French Gulch.

            Advertisement

            "It came over the ridge faster than anything I've ever seen," said Darlene Ortiz, who fled with her two dogs and a box of photographs. "We had maybe 10 minutes."

            Cal Fire Chief Brett Gouvea said 1,200 firefighters were on the lines, with more arriving from Oregon and Nevada. Aircraft were grounded for part of the afternoon because of thick smoke.

            Read more: How to prepare a wildfire go-bag

            The Shasta County sheriff's office ordered evacuations for neighborhoods along Highway 299 and Iron Mountain Road. Shelters opened at the Shasta District Fairgrounds and Simpson University.

            Share this article

            Pacific Gas and Electric cut power to 24,000 customers in the area as a precaution. The utility said it would restore service once winds died down and lines were inspected.

            Gov. Gavin Newsom declared a state of emergency for Shasta County on Monday night, freeing state resources for the fight.

            The National Weather Service said winds would ease on Tuesday but that a red flag warning would remain in effect through Wednesday.
            """),

        new("report followed by a More from Opinion link list", ArticleKind.Report,
            "State Senate passes bill to cap insulin at $35 a month",
            "https://www.example-news.com/politics/senate-passes-insulin-cap",
            """
            The state Senate voted 33-4 on Thursday to cap the cost of insulin at $35 a month for people with private insurance, sending the bill to Gov. Andrew Lyle, who has said he will sign it.

            The measure, sponsored by Sen. Priya Desai, would take effect Jan. 1 and apply to about 1.3 million people on state-regulated health plans. It does not cover people on employer plans regulated by federal law.

            "No one in this state should have to ration a drug they need to stay alive," Desai said on the Senate floor. She said a constituent in Fairport had died in 2019 after stretching his insulin to make it last.

            Opponents, including the State Association of Health Plans, said the cap would push up premiums for everyone else. Sen. Roger Blaine, one of the four senators who voted no, said the bill "hides the cost rather than cutting it."

            Drugmakers Eli Lilly, Novo Nordisk and Sanofi cut the list prices of their most common insulins last year, but many patients still pay more at the pharmacy because of deductibles.

            The House passed a similar bill in March. Lawmakers said the two versions were identical, so no further vote is needed.

            The law would make the state the 24th to cap insulin costs for people with private insurance, according to the American Diabetes Association.

            More from Opinion
            Our view: The insulin cap is a start, not a cure
            Letters: Readers on drug prices and the health budget
            Guest column: Why I ration my son's insulin

            Around the state
            County fair attendance sets record
            Fairport council approves new library
            """),
    ];

    public static IReadOnlyList<KindFixture> Commentary { get; } =
    [
        new("AP-style news analysis under an ANALYSIS kicker", ArticleKind.Opinion,
            "Hale's border gamble puts his party's House majority at risk",
            "https://www.example-wire.com/article/hale-border-order-midterms-2024-06-05",
            """
            ANALYSIS

            By JULIA MARSH

            WASHINGTON (AP) — President Hale's executive order sharply limiting asylum claims at the southern border is a bet that voters care more about order at the border than about the objections of his own party's left flank.

            It is a bet with risks in both directions.

            The order, signed Tuesday, allows border agents to turn away most migrants who cross between official ports of entry once daily crossings pass 2,500. Immigrant advocacy groups have already promised to sue, and several Democrats in the Congressional Hispanic Caucus called it a betrayal.

            But the White House is looking at a different set of numbers. Polls show immigration near the top of voters' concerns in swing districts from Arizona to Pennsylvania, and Democrats hold the House by just four seats.

            Hale's advisers believe that being seen to act matters more than the details. The order may not survive in court, they acknowledge privately, but it lets Democrats in tough races say the president did something.

            Republicans, for their part, called the move an election-year stunt. House Speaker Jim Collier said Hale had "spent three years opening the border and three days pretending to close it."

            The politics could cut against the president if the courts quickly block the order, leaving him with the anger of his base and none of the credit for results. It could also backfire if crossings do not fall over the summer.

            For now, the president has chosen to fight on the issue that Republicans have made central to their campaign, rather than change the subject.
            """),

        new("column with the author's disclaimer at the end", ArticleKind.Opinion,
            "We keep rebuilding in the flood plain. It has to stop.",
            "https://www.example-news.com/2024/03/14/flood-plain-rebuilding",
            """
            Every spring the Alder River reminds us who owns the valley. And every summer, with the help of federal money, we rebuild the same houses in the same places and wait for the water to come back.

            I have covered four floods in Millbrook. I have stood in the same living rooms on Mill Lane, with the same families, looking at the same tide line on the same wallpaper. I have heard the same promises from the same officials.

            It is time to say plainly what everyone in this town knows: some of these streets should not have houses on them.

            That is not a popular thing to write. People love their homes, and many of the families on Mill Lane have been there for generations. Nobody wants to be told to leave. But the alternative is to keep asking taxpayers to pay for a house that will flood again in five years, and to keep asking firefighters to wade into the water to pull people out of it.

            Other towns have done it. After the 1993 floods, Valmeyer, Illinois, moved the whole town to a bluff. It took years, and it was painful, and today nobody there would go back.

            Millbrook could start smaller. The county should offer to buy out every home that has flooded more than twice and turn the land into a park that can flood without harm. The state should stop paying to rebuild homes below the 100-year flood line.

            None of this will happen unless our leaders have the courage to say it out loud. The river is not going to change its mind.

            Jane Harper is a columnist for the Westmoor Gazette.

            The views expressed in this column are the author's own.
            """),

        new("editorial under an Editorial kicker", ArticleKind.Opinion,
            "The county must not close the Eastside library",
            "https://www.example-local.com/2024/02/20/eastside-library",
            """
            Editorial

            The county commission is expected to vote next week on a budget that would close the Eastside branch library, the only public library within walking distance for about 30,000 residents. It should not.

            The commissioners say the savings are needed to close a $14 million gap. But closing Eastside would save about $600,000 a year, less than half of one percent of the gap. It is a small sum to the county and a large loss to the neighborhood.

            Eastside is not just a place to borrow books. It is where children go after school when their parents are still at work. It is where job seekers without internet at home fill out applications. It is where older residents come to read the paper and talk to their neighbors. Last year it recorded more than 120,000 visits, more than the downtown branch.

            The commission's own staff report acknowledges that most Eastside patrons would not be able to reach another branch by bus in under 45 minutes.

            Nor is it clear that the savings would last. Several commissioners have already said they would like to reopen a library in the area once the budget recovers, and reopening costs far more than staying open.

            There are better choices. The commission could delay the planned renovation of its own offices, which would save $2 million. It could accept the library foundation's offer to cover a share of Eastside's costs for two years while a longer-term plan is found.

            We urge the commissioners to take Eastside off the list. A county that cannot keep a library open in its poorest neighborhood has its priorities wrong.

            This editorial represents the view of the newspaper's editorial board.
            """),

        new("letters to the editor", ArticleKind.Opinion,
            "Readers on the library closing, the bypass and the school calendar",
            "https://www.example-local.com/opinion/letters/2024/02/25/readers-library-bypass",
            """
            Save the Eastside library

            As a retired teacher who lived on the Eastside for 40 years, I urge the commission to keep the branch open. I watched hundreds of children do their homework there because they had no quiet place at home. Closing it to save a few hundred thousand dollars is shortsighted.

            Margaret Dunn, Riverside

            The bypass is overdue

            Your story on the Route 9 bypass quoted only opponents. Those of us who drive through downtown every morning know the traffic is unbearable and dangerous. The bypass has been studied for 20 years. Build it.

            Harold Green, Millbrook

            A calendar that works for families

            The school board's plan to start classes in early August ignores the families who rely on summer jobs and the heat in buildings without air conditioning. The board should survey parents before voting, not after.

            Elena Ruiz, Pine Hollow

            Thanks to the firefighters

            When a kitchen fire broke out in our apartment building last week, firefighters from Station 4 were there in six minutes. They saved our home and our cat. We are grateful to every one of them.

            Tom and Anne Kessler, Eastgate

            Stop the speeding on Elm Street

            Every night cars race down Elm Street at twice the speed limit, past a playground and a senior center. We have asked the city for speed humps three times. How many children have to be hurt before someone listens?

            Carla Mendes, Westside

            Letters should be no longer than 250 words and include the writer's name, town and phone number. Send them to letters@example-local.com.
            """),

        new("op-ed under an Opinion title label", ArticleKind.Opinion,
            "Opinion | The insulin cap will raise everyone's premiums",
            "https://www.example-news.com/2024/04/02/insulin-cap-premiums",
            """
            When lawmakers cap the price of something, the cost does not disappear. It moves. The insulin bill that passed the state Senate last week is a case in point.

            Nobody disputes that some people with diabetes have paid far too much for insulin. But the bill does nothing to lower what drugmakers charge. It simply tells insurers to absorb the difference between the $35 cap and the real price, and insurers will pass that cost on to everyone else in the form of higher premiums.

            The state's own actuarial analysis estimates the cap will raise premiums on state-regulated plans by 0.4% to 0.7%. That may sound small, but for a family already paying $20,000 a year for coverage, it is real money.

            There is a better way. The state could buy insulin in bulk, as California has begun to do, and sell it at cost. It could require pharmacy benefit managers to pass their rebates on to patients at the counter. It could fund a program for the uninsured, who get nothing from this bill.

            Supporters of the bill say insurers can absorb the cost. Some may, for a while. But the experience of other states that have capped insulin shows premiums tend to rise within two years.

            Instead, lawmakers chose the option that let them claim a victory without spending a dime of the state's own money.

            The governor should send the bill back and ask for one that actually lowers the price of insulin, rather than hiding it in everyone's premiums.

            Roger Blaine is a state senator representing the 14th District. He voted against the insulin bill.

            The people of this state deserve a real answer to the price of insulin. This bill is not it.
            """),

        new("column under a Column kicker with a columnist's byline", ArticleKind.Opinion,
            "Denton's mayoral race is about water, whether candidates admit it or not",
            "https://www.example-local.com/2024/10/15/denton-mayor-water",
            """
            Column

            By Ray Whitaker

            Five candidates are running for mayor of Denton, and if you listen to their forums you would think the race is about taxes, police and apartments. It is not. It is about water.

            The city's pipes are old. About a third of them were laid before 1970, and the water utility reported 212 main breaks last year, more than twice as many as a decade ago. Every break means a street torn up, a neighborhood without water and a bill that lands on every ratepayer.

            Only one candidate, Kevin Ashford, has made this the center of his campaign, and he has been treated as the dull one in the field. He deserves more credit than that.

            The others mention infrastructure the way candidates always do, as a line in a list. But the next mayor will have to decide whether to ask voters for a large bond, and how to sell it. That is a harder job than promising more police officers.

            Ashford's plan is not glamorous. It is a spreadsheet of pipe segments, ranked by age and failure rate, with a price tag attached. That is exactly what a mayor should be reading.

            I have lived in Denton for 31 years. I have watched the city grow from a college town into a suburb of the Metroplex. Growth is good, but growth on top of crumbling pipes is a bill that comes due.

            I would like to hear every candidate answer a simple question before early voting begins: how will you pay to replace the pipes, and when?

            Until they do, voters should assume they have no plan.

            Ray Whitaker writes about Denton and its politics every Tuesday. Reach him at rwhitaker@example-local.com.
            """),

        new("commentary with the CNN-style editor's note", ArticleKind.Opinion,
            "Why the port strike is a test the White House cannot duck",
            "https://www.example-tv.com/2024/10/02/port-strike-white-house-test",
            """
            Editor's Note: Daniel Ortega-Hill is a professor of labor economics at Rutgers University and a former adviser at the Department of Labor. The opinions expressed in this commentary are solely those of the author.

            For the first time in nearly half a century, the ports of the East and Gulf coasts are shut. Ships are anchored off Savannah and Newark with nowhere to go. And the White House, which has called itself the most pro-union administration in history, faces a choice it has tried hard to avoid.

            The president has the power, under the Taft-Hartley Act, to ask a court to send the dockworkers back to work for 80 days. Presidents of both parties have used it before, most recently in 2002 when George W. Bush reopened the West Coast ports.

            Using it would infuriate the International Longshoremen's Association and its allies a month before an election. Not using it risks empty shelves, spoiled fruit and idle car plants in the very swing states the president needs.

            My view is that he should not invoke the law, at least not yet. The union's demand for limits on automation is not a whim. Dockworkers in Rotterdam and Los Angeles have watched automated terminals cut jobs while doing little for productivity. A cooling-off period would only delay the fight over that question, not settle it.

            What the White House should do is put its weight behind the talks. The Labor Secretary should be in the room every day. The employers, who have made record profits since the pandemic, should be told plainly that the administration expects a deal.

            Strikes end when both sides decide that the cost of continuing is higher than the cost of settling. The president's job is to make both sides see that sooner.
            """),

        new("guest essay under its kicker", ArticleKind.Opinion,
            "I ran a maternity ward. Closing rural ones will cost lives.",
            "https://www.example-news.com/2024/06/11/rural-maternity-wards",
            """
            Guest Essay

            By Helen Ostrander

            For 19 years I delivered babies at Valley Regional Hospital. Last month the hospital announced it would close its maternity unit in June. I was one of the doctors who left before that decision, and I want to explain why the closure is wrong, and why it is happening anyway.

            Rural hospitals lose money on every birth. Medicaid, which pays for about half of the births in our valley, pays less than it costs to keep an obstetrician, an anesthetist and a team of nurses on call 24 hours a day. When doctors leave, as I did for a job closer to my aging parents, hospitals cannot find replacements.

            The result is a map with fewer and fewer dots. More than 200 rural hospitals have stopped delivering babies since 2011. Women in those places now drive an hour or more in labor, often on two-lane roads in winter.

            We know what happens next. Studies have found more births in cars and emergency rooms, more premature babies and more complications for mothers when the nearest unit closes.

            I left because I was exhausted. For years I was on call every third night, and often two nights in a row when a colleague was sick. There was no one to hire.

            There are things the state can do. It can raise Medicaid rates for births at rural hospitals, as Colorado did. It can pay for telehealth links between small hospitals and large ones. It can pay tuition for doctors who agree to work in rural areas.

            None of that will save the unit at Valley Regional this year. But it might save the next one.

            Dr. Helen Ostrander is an obstetrician in Marshall.
            """),

        new("editorial under an Our view title", ArticleKind.Opinion,
            "Our view: The insulin cap is a start, not a cure",
            "https://www.example-news.com/2024/04/05/insulin-cap-start-not-cure",
            """
            The state Senate did something worthwhile last week when it voted to cap insulin at $35 a month for people on state-regulated health plans. Gov. Andrew Lyle should sign the bill. But no one should mistake it for a solution to the cost of prescription drugs.

            For the 1.3 million people covered, the cap will end the cruel arithmetic of rationing a drug they need to live. That matters. Patients have died stretching their supplies, including a man in Fairport whose story Sen. Priya Desai told on the Senate floor.

            Yet most people in this state get their insurance through employers whose plans are regulated by federal law, not state law. The cap does nothing for them. It does nothing for the uninsured either. And it leaves untouched the system of rebates and list prices that made insulin so expensive in the first place.

            Critics are right that insurers will pass some of the cost on to premiums. The state's analysis puts the increase at well under 1%, a price we think worth paying. But lawmakers should not pretend the cost is zero.

            We also urge the governor to ask the state's insurance regulators to publish, each year, how much the cap actually adds to premiums, so that voters can judge the trade for themselves.

            The next steps are clear. The legislature should require pharmacy benefit managers to pass rebates on to patients at the counter. It should join the states that are buying insulin in bulk to sell it at cost. And our members of Congress should push to extend a cap to every plan.

            A $35 cap is a good start. It should not be the end.

            The Editorial Board
            """),

        new("morning briefing of headed items", ArticleKind.Roundup,
            "Your Tuesday morning briefing: storm cleanup, a port strike, a new mayor",
            "https://www.example-news.com/2024/10/01/tuesday-morning-briefing",
            """
            Good morning. Here's what you need to know to start your day.

            Storm cleanup begins on the Gulf Coast

            Crews in Louisiana and Mississippi began clearing debris from Hurricane Delia, which killed at least 23 people. About 90,000 homes are still without power, and Entergy said some may wait another week.

            Dockworkers walk out

            Some 45,000 members of the International Longshoremen's Association went on strike at 36 ports from Maine to Texas at midnight, the first coastwide walkout since 1977.

            Denton picks a mayor

            Denton voters go to the polls today in a five-way race to replace Mayor Gerald Hinds. A runoff is likely in December if no one wins a majority.

            Fed chair heads to Congress

            Federal Reserve Chair Diane Hollis testifies before the House Financial Services Committee at 10 a.m. Investors will be watching for hints about rate cuts.

            A record at the marathon

            Kenya's Daniel Kiptoo broke the Lakeshore Marathon course record on Sunday, finishing in 2:04:12. Ruth Chebet won the women's race.

            Brookfield searches for a superintendent

            The Brookfield school board will meet tonight to start a national search for a superintendent after firing Alan Meyers last week over a state audit. Deputy Superintendent Maria Chen is in charge for now.

            Apple event today

            Apple holds a product event in Cupertino at 1 p.m. Eastern, where it is expected to show new iPads.

            And finally

            A black bear wandered into a Gatlinburg candy shop on Monday and helped itself to a tray of fudge before a worker shooed it out with a broom. Nobody was hurt, but the fudge was a total loss.
            """),

        new("five things to know today digest", ArticleKind.Roundup,
            "5 things to know today: Fed testimony, port strike, Senate debate",
            "https://www.example-tv.com/news/5-things-to-know-today-oct-9",
            """
            Here are five things you need to know to start your Wednesday.

            1. Hollis heads to the Senate

            Fed Chair Diane Hollis testifies before the Senate Banking Committee this morning, a day after telling House members that rate cuts were not imminent. Markets were flat on Tuesday.

            2. Port strike enters day 8

            Talks between the dockworkers' union and port employers resumed in Washington. Retailers say shortages of some goods could appear by the end of next week.

            3. Calloway and Reyes clash in Columbus

            Ohio's Senate candidates met for their only debate, trading attacks over abortion, inflation and a shuttered steel plant in Youngstown.

            4. Wildfire near Redding grows

            The Clear Creek fire has burned 22,000 acres west of Redding and destroyed at least 60 structures. Cal Fire says it is 15% contained.

            Bonus: Storm recovery continues

            Crews in Louisiana and Mississippi are still clearing debris from Hurricane Delia. About 60,000 homes remain without power, and FEMA has opened 12 disaster recovery centers across the region.

            And one more: A black bear walked into a candy shop in Gatlinburg, Tennessee, and ate a tray of fudge before leaving by the back door. Wildlife officers said it was not aggressive.

            5. Apple unveils new iPads

            Apple introduced a thinner iPad Pro and a cheaper iPad Air at an event in Cupertino. The new models go on sale next Tuesday.

            Today's weather: Sunny and mild across most of the region, with a high near 72. Showers are possible in the mountains late in the day.

            Sign up for our newsletter to get 5 Things in your inbox every morning.
            """),

        new("live page of the day's news", ArticleKind.Roundup,
            "Live updates: Monday's news as it happens",
            "https://www.example-news.com/live/2024/10/07/news-live-updates",
            """
            Welcome to our live coverage of Monday's news. We'll be bringing you the latest throughout the day.

            4:12 p.m.

            Dow closes at a record

            The Dow Jones Industrial Average rose 312 points to close at a record 42,850, led by gains in bank shares after strong earnings from JPMorgan.

            3:30 p.m.

            Supreme Court takes up Texas social media case

            The justices agreed to hear a challenge to a Texas law barring large platforms from removing posts for their viewpoints. Arguments will be held in the spring.

            2:05 p.m.

            Recall of frozen waffles widens

            TreeHouse Foods expanded its recall of frozen waffles sold at Walmart, Target and Kroger to include 14 more brands because of possible listeria.

            12:40 p.m.

            Wildfire evacuations lifted near Redding

            The Shasta County sheriff lifted evacuation orders for French Gulch as crews gained ground on the Clear Creek fire.

            11:15 a.m.

            Nobel prize for medicine announced

            Victor Ambros and Gary Ruvkun won the Nobel Prize in physiology or medicine for their discovery of microRNA, the Karolinska Institute in Stockholm said.

            10:30 a.m.

            Port strike talks to resume

            Labor Secretary Julie Su said negotiators for the dockworkers and the port employers would meet again on Wednesday.

            9:50 a.m.

            Amtrak restores service between Omaha and Lincoln

            Trains are running again on the line where a derailment near Millford injured six people last week, Amtrak said.

            8:30 a.m.

            Oil prices slip as Gulf production resumes

            Benchmark U.S. crude fell 2% to $74 a barrel as energy companies restarted offshore platforms in the Gulf of Mexico that had been shut ahead of Hurricane Delia.
            """),

        new("evening digest of headed items under a headline title", ArticleKind.Roundup,
            "Strike talks stall, a bear raids a candy shop and the Dow hits a record",
            "https://www.example-news.com/2024/10/07/evening-update",
            """
            Here's what happened today, and what to watch tomorrow.

            Port strike talks stall

            Negotiators for the International Longshoremen's Association walked out of talks in Washington after the port employers refused to move on automation. Labor Secretary Julie Su said she would call both sides back on Wednesday.

            Record close on Wall Street

            The Dow Jones Industrial Average closed at a record 42,850 after JPMorgan and Wells Fargo posted strong quarterly profits. The S&P 500 also rose, while oil prices fell 2%.

            Abortion measure qualifies in Nebraska

            Nebraska's secretary of state, Bob Evnen, certified a ballot measure on abortion rights after organizers turned in 207,000 signatures, well above the number required.

            Gatlinburg bear makes a sweet escape

            A black bear walked into a candy shop in Gatlinburg, Tennessee, ate a tray of fudge and left by the back door as customers filmed it. Wildlife officers said it was not aggressive.

            Recall expands at grocery stores

            TreeHouse Foods widened its recall of frozen waffles sold at Walmart, Target and Kroger because of possible listeria. No illnesses have been reported, the Food and Drug Administration said.

            Fire crews gain ground near Redding

            Cal Fire said the Clear Creek fire west of Redding was 30% contained after cooler weather helped crews. Evacuation orders for French Gulch were lifted on Monday afternoon.

            Tomorrow

            Fed Chair Diane Hollis testifies before the Senate Banking Committee, and Apple holds a product event in Cupertino.

            Apple said it would hold a product event in Cupertino.
            """),

        new("bulleted briefing with a greeting", ArticleKind.Roundup,
            "The day in brief",
            "https://www.example-wire.com/article/day-in-brief-2024-10-08",
            """
            Good evening. Here is the day's news in brief.

            • Talks to end the strike at 36 East and Gulf Coast ports broke down in Washington, and the union said it would not return until the employers move on automation.
            • The Dow Jones Industrial Average closed at a record 42,850 after strong quarterly profits from JPMorgan and Wells Fargo lifted bank shares.
            • Nebraska's secretary of state certified a ballot measure on abortion rights for the November election after organizers turned in 207,000 signatures.
            • A black bear walked into a Gatlinburg candy shop and ate a tray of fudge before leaving by the back door as customers filmed it on their phones.
            • TreeHouse Foods widened its recall of frozen waffles sold at Walmart, Target and Kroger because of possible listeria contamination.
            • The Supreme Court agreed to hear a challenge to a Texas law that bars large social media platforms from removing posts for their viewpoints.
            • Victor Ambros and Gary Ruvkun won the Nobel Prize in medicine for the discovery of microRNA, the Karolinska Institute in Stockholm announced.
            • Fed Chair Diane Hollis told senators that the central bank needed more confidence that inflation was falling before it would consider cutting interest rates.

            • Cal Fire said the Clear Creek fire west of Redding was 40% contained after cooler weather helped crews, and evacuation orders for French Gulch were lifted.

            • Apple said it would hold a product event in Cupertino next week, where it is expected to show new iPads and a faster MacBook Pro.
            """),

        new("newsletter issue under a newsletter link", ArticleKind.Roundup,
            "Hurricane cleanup, a port strike and the Fed",
            "https://www.example-news.com/newsletters/2024-10-01/the-daily-brief",
            """
            Good morning, and welcome back to The Daily Brief. It's Tuesday, Oct. 1.

            The Gulf Coast begins to dig out. Five days after Hurricane Delia came ashore near Port Arlen, crews are clearing debris in Louisiana and Mississippi, where at least 23 people died. About 90,000 homes are still without power.

            Dockworkers are on strike. Members of the International Longshoremen's Association walked off the job at midnight at 36 ports from Maine to Texas. Economists say every day of the walkout will take nearly a week to clear.

            The Fed chair goes to Congress. Diane Hollis testifies before the House Financial Services Committee this morning. Lawmakers are expected to ask about rate cuts and last year's bank failures.

            Denton votes. Five candidates are running to replace Mayor Gerald Hinds, and a December runoff is likely.

            What we're reading. A long look at why rural hospitals across the country are closing their maternity wards, and what it means for women who live far from a city.

            One more thing. A black bear in Gatlinburg, Tennessee, has become an internet star after it walked into a candy shop and ate a tray of fudge.

            On this day. In 1908, Ford's Model T went on sale for $825. Within two decades, 15 million had been built.

            Quote of the day. "We are out of easy choices," said Luis Navarro, chair of the Sorrel River Authority, as he announced the first water limits in the basin's history.

            Thanks for reading. If you enjoy The Daily Brief, forward it to a friend. Sign up for our newsletters to get it every morning.
            """),

        new("week in review of headed items", ArticleKind.Roundup,
            "The week that was: a hurricane, a strike and a record",
            "https://www.example-news.com/2024/10/05/the-week-that-was",
            """
            It was a week of storms, strikes and records. Here is what you might have missed.

            A hurricane strikes the Gulf Coast

            Hurricane Delia came ashore near Port Arlen as a Category 3 storm, killing at least 23 people and knocking out power to more than half a million customers in Louisiana and Mississippi.

            Ports shut from Maine to Texas

            The International Longshoremen's Association began its first coastwide strike since 1977. Ships queued off Savannah and Newark as talks went nowhere.

            Fed chair holds firm on rates

            Federal Reserve Chair Diane Hollis told Congress that rate cuts were not imminent. Stocks ended the week little changed.

            Kiptoo sets a record

            Daniel Kiptoo of Kenya won the Lakeshore Marathon in 2:04:12, breaking the course record by 41 seconds. Ruth Chebet of Kenya won the women's race.

            Brookfield fires its superintendent

            The Brookfield school board voted 5-2 to fire Superintendent Alan Meyers after a state audit found overpayments to a firm owned by his brother-in-law.

            Insulin cap heads to the governor

            The state Senate voted 33-4 to cap insulin at $35 a month for people on state-regulated plans. Gov. Andrew Lyle says he will sign it.

            A bridge gives way

            A section of the Kessler River bridge on Route 30 collapsed, sending three vehicles into the water. Three people were hurt and the state ordered inspections of 40 similar bridges.

            Kotek wins in Oregon

            Former House Speaker Tina Kotek won the Democratic nomination for governor of Oregon, beating Treasurer Tobias Read by nearly 20 points. She will face Christine Drazan in November.
            """),
    ];

    /// <summary>Every fixture, reports first.</summary>
    public static IEnumerable<KindFixture> All => Reports.Concat(Commentary);
}
