namespace Salient.Tests.Stories;

/// <summary>
/// Full-length articles written for the body embedding's tests: two reports of one event (a chemical fire at a
/// depot in Harwick) whose leads tell it differently while their bodies tell the same event, and a report of another
/// event on the same theme (a fire at a recycling plant in Dunmere). Each has page furniture around it.
/// </summary>
internal static class BodyFixtures
{
    public const string HarwickTitleA = "Residents near Harwick told to stay indoors";

    public const string HarwickTitleB = "Smoke plume seen for miles across the valley";

    public const string DunmereTitle = "Blaze at plant sends smoke over the estuary";

    public static string HarwickA() => string.Join("\n\n",
        "By Clara Devlin | Valley Post",
        "Updated 9:14 AM, 3 March",
        "People living within two miles of the Greyfield industrial estate in Harwick were told on Monday to keep their windows and doors shut after a fire broke out overnight.",
        "Advertisement",
        "The fire started shortly after 2am in a warehouse at the Pellow Chemicals depot, where about 40 tonnes of solvents and cleaning products were stored, the Harwick fire service said.",
        "Eleven fire engines and more than 60 firefighters fought the blaze through the night, and crews used foam to stop it reaching two tanks of industrial solvent at the back of the Pellow site.",
        "Station commander Ruth Okonedo said the roof of the depot warehouse had collapsed but that nobody had been inside when the fire started. Two firefighters were treated for minor burns.",
        "The Harwick council closed three primary schools near the Greyfield estate and the Harwick ring road was shut between the gasworks roundabout and Mill Street until the afternoon.",
        "Pellow Chemicals said in a statement that all of its night staff had been accounted for and that it was working with the fire service and the Environment Agency to find the cause.",
        "The Environment Agency said it was testing the River Lune downstream of the depot after runoff from the firefighting foam reached a drain that feeds the river.",
        "Anglers were asked not to fish the Lune between Harwick and the weir at Copley until the results of the tests were known, which the agency expected by Wednesday.",
        "Neighbours on Foundry Row, the closest houses to the Pellow warehouse, said they had been woken by bangs just after 2am and had seen flames above the depot roof.",
        "Read more: Harwick bypass plans delayed again",
        "Share on Facebook Share on X",
        "Clara Devlin is a reporter at the Valley Post covering the north of the county.");

    public static string HarwickB() => string.Join("\n\n",
        "Written by Tom Ashcroft",
        "Listen to this article",
        "A thick column of black smoke could be seen across the valley on Monday morning as firefighters battled a blaze that had burned through the night.",
        "Crews were called at about 2am to the Pellow Chemicals depot on the Greyfield industrial estate in Harwick, where a warehouse holding solvents and cleaning products was alight.",
        "At the height of the fire, 60 firefighters and eleven engines were at the Pellow depot. They sprayed foam to keep the flames away from two solvent tanks, the Harwick fire service said.",
        "Ruth Okonedo, the station commander, told reporters that the warehouse roof had fallen in, that the building had been empty, and that two firefighters had minor burns.",
        "Residents within two miles of the Greyfield estate were told to keep windows closed. Harwick council shut three primary schools and closed the ring road near Mill Street.",
        "Pellow Chemicals said its night shift was safe and that it would help the fire service and the Environment Agency find out how the fire started.",
        "The Environment Agency was taking samples from the River Lune below the depot because water used to fight the fire had run into a drain that empties into the river.",
        "People were told not to fish in the Lune downstream of Harwick, as far as the Copley weir, until the agency had the results, expected on Wednesday.",
        "One resident of Foundry Row, a street of terraced houses backing onto the Pellow depot, said loud bangs had woken the family at around 2am and the sky above the warehouse had turned orange.",
        "The Harwick fire service said an investigation into the cause of the fire at the Pellow warehouse would begin once the site had cooled and was safe to enter.",
        "Trending: Harwick bypass plans delayed | Council tax to rise | Spring fair dates",
        "Copyright 2024 Lune Valley News. All rights reserved.");

    public static string Dunmere() => string.Join("\n\n",
        "By Priya Sandhu",
        "Updated 6:02 PM, 11 March",
        "A fire at a recycling plant on the edge of Dunmere sent smoke drifting over the estuary on Thursday, and people in the Saltings and Quayside areas were advised to keep their windows closed.",
        "Advertisement",
        "The fire began late on Wednesday evening in a hall of baled plastic and cardboard at the Brackwater Recycling plant, which handles waste from most of the county, the Dunmere fire service said.",
        "Seven engines and about 35 firefighters were sent to the plant, and a high-volume pump drew water from the estuary to keep the flames away from a store of old tyres on the Brackwater site.",
        "Group manager Alan Fairweather said the fire could smoulder for several days because the bales were packed so tightly, and that nobody had been hurt.",
        "Dunmere council said bin collections in the Saltings area would be delayed for the rest of the week while lorries were sent to another depot across the county.",
        "Brackwater Recycling said it had stopped taking deliveries and that its staff had left the hall safely when the alarm sounded just before 11pm.",
        "Residents of Saltings said ash had settled on cars and gardens overnight, and the county health service advised people with asthma to stay indoors until the smoke cleared.",
        "Birdwatchers said the smoke had drifted over the estuary's mudflats, where thousands of wading birds spend the winter, and the county wildlife trust said it would check on the flocks.",
        "Most read",
        "Dunmere harbour dredging to start in May",
        "Priya Sandhu is a reporter at the Estuary Echo covering Dunmere and the coast.");
}
