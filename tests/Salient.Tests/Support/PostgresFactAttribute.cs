namespace Salient.Tests.Support;

/// <summary>A test that needs the PostgreSQL server named by SALIENT_TEST_POSTGRES (test.sh and CI start one); skipped with a reason without it.</summary>
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.PostgresServer is null)
        {
            Skip = "needs PostgreSQL: set SALIENT_TEST_POSTGRES to a connection string (test.sh starts a server on 127.0.0.1 and sets it)";
        }
    }
}
