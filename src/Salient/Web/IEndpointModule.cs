using Microsoft.AspNetCore.Routing;

namespace Salient.Web;

/// <summary>A group of HTTP endpoints (pages, forms, API); found by reflection so each area maps its own routes.</summary>
internal interface IEndpointModule
{
    void Map(IEndpointRouteBuilder endpoints);
}

/// <summary>Maps every <see cref="IEndpointModule"/> in the assembly.</summary>
internal static class EndpointModules
{
    public static void MapAll(IEndpointRouteBuilder endpoints)
    {
        var modules = typeof(EndpointModules).Assembly.GetTypes()
            .Where(t => typeof(IEndpointModule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IEndpointModule)Activator.CreateInstance(t, nonPublic: true)!);
        foreach (var module in modules)
        {
            module.Map(endpoints);
        }
    }
}
