using Salient.Writing;

namespace Salient.Tests.Writing;

/// <summary>
/// Stories of two to four articles whose texts carry one sentence about another event of the same theme (another
/// state's audit, another storm, another company's results, a "related" teaser), as pages carry page filler and
/// background paragraphs; and normal stories whose pronoun-led and number-heavy sentences belong in their summary.
/// </summary>
internal static class OffTopicStories
{
    /// <summary>A story, the sentence planted in it (null for a normal story) and the sentences that must stay when chosen before.</summary>
    internal sealed record Story(string Name, IReadOnlyList<SourceArticle> Articles, string? Planted, IReadOnlyList<string> Keep)
    {
        /// <summary>
        /// The planted sentence names a single thing the story does not (Moderna) and the story's own sentences fall short
        /// of the minimum length, so it is let in: the rule's known miss.
        /// </summary>
        public bool Missed { get; init; }
    }

    public static IReadOnlyList<Story> Planted { get; } =
    [
        new("georgia-audit",
        [
            new("Georgia hand count of ballots confirms Biden win",
                "Georgia's hand count of nearly 5 million ballots confirmed Joe Biden's narrow victory in the state, Secretary of State Brad Raffensperger said Thursday. " +
                "In Arizona, Republican senators hired a firm to review 2.1 million ballots cast in Maricopa County. " +
                "The audit found Biden ahead by 12,284 votes, close to the margin of the machine count. " +
                "Raffensperger said the count showed that the state's voting machines worked as they should.", "AP"),
            new("Georgia audit upholds Biden's victory",
                "Georgia's statewide audit of the presidential election upheld Joe Biden's victory over Donald Trump, state officials said on Thursday. " +
                "Election workers in all 159 counties counted the paper ballots by hand over six days. " +
                "Raffensperger said the audit showed that Georgia's new voting system was accurate.", "Reuters"),
            new("Hand count affirms Biden win in Georgia",
                "A hand count of every paper ballot in Georgia affirmed that Joe Biden won the state by about 12,000 votes. " +
                "The audit was the largest hand count of ballots in the country's history, officials said. " +
                "It found small errors in a few counties but none that changed the outcome.", "NPR"),
        ], "In Arizona, Republican senators hired a firm to review 2.1 million ballots cast in Maricopa County.", []),

        new("hurricane-ida",
        [
            new("Hurricane Ida knocks out power to all of New Orleans",
                "Hurricane Ida knocked out power to all of New Orleans on Sunday after making landfall as a Category 4 storm. " +
                "Hurricane Nicholas brought heavy rain to Texas last week, flooding streets in Houston. " +
                "Entergy said more than a million customers in Louisiana were without power.", "AP"),
            new("Ida makes landfall in Louisiana as a Category 4 hurricane",
                "Ida made landfall near Port Fourchon, Louisiana, with winds of 150 miles per hour, the National Hurricane Center said. " +
                "The storm tore roofs off buildings and flooded roads across southeastern Louisiana. " +
                "Officials said rescue crews would go out at first light.", "Reuters"),
            new("Hurricane Ida leaves a million in Louisiana without power",
                "Hurricane Ida left more than a million homes and businesses in Louisiana without power on Monday. " +
                "Governor John Bel Edwards said the damage was catastrophic and that restoring power could take weeks.", "NBC News"),
        ], "Hurricane Nicholas brought heavy rain to Texas last week, flooding streets in Houston.", []),

        new("apple-earnings",
        [
            new("Apple posts record quarterly revenue on iPhone sales",
                "Apple reported record revenue of $111.4 billion for the holiday quarter on Wednesday, driven by sales of the iPhone 12. " +
                "Microsoft reported a 17% rise in revenue on Tuesday, helped by demand for its Azure cloud service. " +
                "Apple's iPhone revenue rose 17% to $65.6 billion.", "Reuters"),
            new("Apple's revenue tops $100 billion as iPhone sales soar",
                "Apple's quarterly revenue topped $100 billion for the first time as iPhone sales soared. " +
                "Chief executive Tim Cook said the iPhone 12 was the most popular model in the world. " +
                "Revenue from services such as Apple Music rose 24%.", "CNBC"),
            new("Apple beats estimates with record quarter",
                "Apple beat analysts' estimates with a record quarter as customers bought the new iPhone 12. " +
                "Its shares rose 2% in after-hours trading.", "Bloomberg"),
        ], "Microsoft reported a 17% rise in revenue on Tuesday, helped by demand for its Azure cloud service.", []),

        new("fed-rates",
        [
            new("Fed holds interest rates near zero",
                "The Federal Reserve held interest rates near zero on Wednesday and said the economy was recovering. " +
                "The Bank of England kept its own rate at 0.1% and expanded its bond buying by 150 billion pounds. " +
                "Fed chair Jerome Powell said the central bank would keep supporting the recovery.", "AP"),
            new("Federal Reserve keeps rates unchanged, sees recovery",
                "The Federal Reserve kept its benchmark interest rate unchanged at near zero and said it would keep buying bonds. " +
                "Powell told reporters that inflation was likely to rise for a while but that the rise would pass.", "Reuters"),
        ], "The Bank of England kept its own rate at 0.1% and expanded its bond buying by 150 billion pounds.", []),

        new("flynn-case",
        [
            new("Judge delays ruling on dropping Flynn case",
                "A federal judge on Tuesday delayed a ruling on the Justice Department's request to drop the case against Michael Flynn. " +
                "President Biden's budget proposal would raise spending on the Justice Department by 10 percent. " +
                "Judge Emmet Sullivan appointed a retired judge to argue against dismissing the case.", "CNN"),
            new("Flynn judge appoints retired judge to oppose dismissal",
                "Judge Emmet Sullivan appointed retired judge John Gleeson to argue against the Justice Department's move to dismiss Michael Flynn's case. " +
                "Flynn pleaded guilty in 2017 to lying to the FBI about his contacts with the Russian ambassador.", "Fox News"),
            new("Judge delays Flynn case dismissal",
                "The judge overseeing the case of Michael Flynn put off deciding whether to let the Justice Department drop it. " +
                "Flynn's lawyers called the move an attempt to keep the case alive.", "Washington Post"),
        ], "President Biden's budget proposal would raise spending on the Justice Department by 10 percent.", []),

        new("california-wildfire",
        [
            new("Dixie Fire becomes largest single wildfire in California history",
                "The Dixie Fire grew to more than 463,000 acres on Friday, becoming the largest single wildfire in California history. " +
                "In Oregon, the Bootleg Fire was fully contained after burning 413,000 acres near Klamath Falls. " +
                "The fire has destroyed the town of Greenville and hundreds of homes.", "AP"),
            new("Dixie Fire now California's largest single wildfire",
                "The Dixie Fire is now the largest single wildfire recorded in California, fire officials said. " +
                "More than 5,000 firefighters are battling the blaze in Plumas and Butte counties.", "Reuters"),
            new("California's Dixie Fire grows to record size",
                "California's Dixie Fire grew to a record size as hot, dry winds pushed it east. " +
                "Officials ordered more evacuations around Lake Almanor.", "LA Times"),
        ], "In Oregon, the Bootleg Fire was fully contained after burning 413,000 acres near Klamath Falls.", []),

        new("haiti-earthquake",
        [
            new("Haiti earthquake kills more than 1,200",
                "A magnitude 7.2 earthquake struck Haiti on Saturday, killing more than 1,200 people and injuring thousands. " +
                "A magnitude 6.9 earthquake hit Indonesia's Sulawesi island in January, killing 105 people. " +
                "The quake's epicenter was about 125 kilometres west of Port-au-Prince.", "Reuters"),
            new("Death toll from Haiti quake passes 1,200",
                "The death toll from the earthquake in Haiti rose past 1,200 on Sunday as rescuers searched collapsed buildings. " +
                "Prime Minister Ariel Henry declared a month-long state of emergency.", "AP"),
        ], "A magnitude 6.9 earthquake hit Indonesia's Sulawesi island in January, killing 105 people.", []),

        new("amazon-union",
        [
            new("Amazon workers in Alabama reject union",
                "Amazon warehouse workers in Bessemer, Alabama, voted against forming a union, the National Labor Relations Board said Friday. " +
                "Starbucks baristas in Buffalo, New York, voted to join Workers United in December. " +
                "The tally showed 1,798 votes against the union and 738 in favour.", "NPR"),
            new("Alabama Amazon warehouse votes against union",
                "Workers at Amazon's warehouse in Bessemer rejected the Retail, Wholesale and Department Store Union by a wide margin. " +
                "The union said it would challenge the result, accusing Amazon of illegal interference.", "Reuters"),
            new("Amazon union drive fails in Alabama",
                "The union drive at Amazon's Alabama warehouse failed, with more than twice as many workers voting no as yes. " +
                "Amazon said its employees had chosen to keep a direct relationship with the company.", "CNBC"),
        ], "Starbucks baristas in Buffalo, New York, voted to join Workers United in December.", []),

        new("texas-shooting",
        [
            new("Gunman kills 19 children at Texas elementary school",
                "A gunman killed 19 children and two teachers at Robb Elementary School in Uvalde, Texas, on Tuesday. " +
                "Ten people were killed at a supermarket in Buffalo, New York, ten days earlier. " +
                "Governor Greg Abbott said the 18-year-old gunman was killed by police.", "AP"),
            new("Uvalde school shooting leaves 21 dead",
                "Twenty-one people, 19 of them children, were killed when an 18-year-old opened fire at an elementary school in Uvalde. " +
                "The gunman had bought two rifles days before the attack, Abbott said.", "CNN"),
        ], "Ten people were killed at a supermarket in Buffalo, New York, ten days earlier.", []),

        new("boeing-crash",
        [
            new("China Eastern jet crashes with 132 on board",
                "A China Eastern Airlines Boeing 737-800 carrying 132 people crashed in the mountains of Guangxi on Monday. " +
                "An Ethiopian Airlines Boeing 737 Max crashed near Addis Ababa in 2019, killing all 157 people on board. " +
                "State media said there was no sign of survivors.", "Reuters"),
            new("No survivors found after China Eastern crash",
                "Rescuers found no survivors at the site where the China Eastern jet crashed in Guangxi. " +
                "The airline grounded its fleet of 737-800 planes.", "BBC"),
            new("China Eastern plane crashes in Guangxi",
                "A China Eastern passenger plane with 132 on board crashed in southern China, the aviation regulator said. " +
                "The plane was flying from Kunming to Guangzhou.", "AP"),
        ], "An Ethiopian Airlines Boeing 737 Max crashed near Addis Ababa in 2019, killing all 157 people on board.", []),

        new("uk-strike",
        [
            new("Rail workers strike across Britain",
                "Tens of thousands of rail workers walked out across Britain on Tuesday in the biggest rail strike in 30 years. " +
                "In France, air traffic controllers called off a strike planned for the weekend. " +
                "The RMT union said Network Rail had offered a pay rise of 3%, below inflation.", "Reuters"),
            new("Britain's biggest rail strike in decades halts trains",
                "Britain's biggest rail strike in three decades brought most trains to a halt on Tuesday. " +
                "Transport Secretary Grant Shapps said the RMT union was hurting passengers.", "BBC"),
            new("UK rail strike shuts most of network",
                "Only one in five trains ran as rail workers in Britain struck over pay. " +
                "RMT leader Mick Lynch said the strike would go on until Network Rail made a better offer.", "Guardian"),
        ], "In France, air traffic controllers called off a strike planned for the weekend.", []),

        new("vaccine-approval",
        [
            new("FDA grants full approval to Pfizer vaccine",
                "The Food and Drug Administration granted full approval to the Pfizer-BioNTech Covid-19 vaccine for people 16 and older on Monday. " +
                "Moderna applied for full approval of its own vaccine in June. " +
                "The approval could lead more employers to require vaccination.", "AP"),
            new("Pfizer vaccine becomes first to win full FDA approval",
                "Pfizer's Covid-19 vaccine became the first to win full approval from the FDA, which said it met its standards for safety. " +
                "Acting FDA commissioner Janet Woodcock said the approval should give people more confidence.", "NBC"),
        ], "Moderna applied for full approval of its own vaccine in June.", []) { Missed = true },
    ];

    public static IReadOnlyList<Story> Normal { get; } =
    [
        new("senate-bill",
        [
            new("Senate passes $1 trillion infrastructure bill",
                "The Senate passed a $1 trillion infrastructure bill on Tuesday by a vote of 69 to 30. " +
                "It includes $550 billion in new spending on roads, bridges, rail and broadband. " +
                "The bill now goes to the House.", "AP"),
            new("Senate approves infrastructure bill in bipartisan vote",
                "Nineteen Republicans joined Democrats as the Senate approved the infrastructure bill 69-30. " +
                "They said the $550 billion in new spending would create jobs for years.", "Reuters"),
        ], null, ["The Senate passed a $1 trillion infrastructure bill on Tuesday by a vote of 69 to 30.", "It includes $550 billion in new spending on roads, bridges, rail and broadband."]),

        new("jobs-report",
        [
            new("US economy adds 943,000 jobs in July",
                "The US economy added 943,000 jobs in July, the Labor Department said Friday. " +
                "The unemployment rate fell to 5.4% from 5.9%. " +
                "Wages rose 4% from a year earlier.", "AP"),
            new("Hiring surges as employers add 943,000 jobs",
                "Employers added 943,000 jobs last month as the economy reopened. " +
                "They hired most in restaurants and hotels, which added 380,000 jobs.", "CNBC"),
        ], null, ["They hired most in restaurants and hotels, which added 380,000 jobs."]),

        new("resignation",
        [
            new("New York Governor Andrew Cuomo resigns",
                "New York Governor Andrew Cuomo said on Tuesday he would resign, a week after an investigation found he had harassed 11 women. " +
                "He said his resignation would take effect in 14 days. " +
                "Lieutenant Governor Kathy Hochul will become the state's first female governor.", "Reuters"),
            new("Cuomo resigns after harassment report",
                "Andrew Cuomo announced his resignation as governor of New York. " +
                "His lawyer had called the report biased.", "NPR"),
        ], null, ["He said his resignation would take effect in 14 days."]),

        // A follow-on sentence that carries the story's next step in a word of the sentence before it ("measure"), which
        // no headline or title uses.
        new("leave-bill",
        [
            new("Oregon Senate passes paid leave bill",
                "Oregon's Senate voted on Thursday to pass a measure giving workers 12 weeks of paid family leave. " +
                "The measure now heads to the governor's desk. " +
                "Small firms would pay a share of the cost.", "AP"),
            new("Oregon lawmakers approve paid family leave",
                "Oregon lawmakers approved paid family leave for most workers on Thursday. " +
                "The bill lets workers take 12 weeks off to care for a newborn or a sick relative. " +
                "The governor has said she supports it, and small firms said they would ask for more time.", "Oregonian"),
        ], null, ["The measure now heads to the governor's desk."]),

        // The figures of the event, stated right after the sentence they belong to: no headline gives them.
        new("jobs-may",
        [
            new("Employers add 559,000 jobs in May",
                "Employers added 559,000 jobs in May as more businesses reopened, the Labor Department said. " +
                "Unemployment fell to 5.8% from 6.1%. " +
                "Restaurants and bars added the most workers.", "AP"),
            new("US hiring picks up as 559,000 jobs added",
                "US employers added 559,000 jobs last month, the Labor Department said, as unemployment kept falling and restaurants hired again.", "CNBC"),
        ], null, ["Unemployment fell to 5.8% from 6.1%."]),

    ];
}
