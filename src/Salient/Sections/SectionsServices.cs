using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;

namespace Salient.Sections;

internal sealed class SectionsServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SectionsOptions>(SectionsOptions.Section);
        services.AddSingleton<Storage.SectionStore>();
        services.AddSingleton(sp => new SectionTagger(sp.GetRequiredService<SectionsOptions>()));
        services.AddSingleton(sp => new RegionCatalog(Gazetteer.Shipped, sp.GetRequiredService<SectionsOptions>()));
    }
}
