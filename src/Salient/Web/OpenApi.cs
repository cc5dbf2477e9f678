namespace Salient.Web;

/// <summary>The OpenAPI 3.1 description of the JSON API, written by hand next to the endpoints it describes.</summary>
internal static class OpenApi
{
    public const string Document = """
        {
          "openapi": "3.1.0",
          "info": {
            "title": "Salient API",
            "version": "1",
            "description": "Read-only access to Salient's stories, articles and sources. Times are ISO 8601 UTC. Requests are limited per client address; past the limit the answer is 429 with Retry-After."
          },
          "paths": {
            "/api/stories": {
              "get": {
                "summary": "Stories, newest first",
                "operationId": "listStories",
                "parameters": [
                  { "name": "date", "in": "query", "description": "Only stories active on this UTC day.", "schema": { "type": "string", "format": "date" } },
                  { "name": "since", "in": "query", "description": "Only stories updated after this time (ISO 8601 or Unix milliseconds).", "schema": { "type": "string" } },
                  { "name": "min_score", "in": "query", "description": "Lowest significance, 0 to 10 (default 0: every story, scored or not).", "schema": { "type": "number", "minimum": 0, "maximum": 10 } },
                  { "name": "outlet", "in": "query", "description": "Only stories this outlet reported (its name).", "schema": { "type": "string" } },
                  { "name": "q", "in": "query", "description": "Words or \"a phrase\" the story or one of its articles contains.", "schema": { "type": "string" } },
                  { "name": "topic", "in": "query", "description": "Only stories filed under this desk.", "schema": { "type": "string", "enum": [ "politics", "business", "technology", "science", "health", "environment", "conflict", "crime", "society", "culture", "sports", "lifestyle" ] } },
                  { "name": "region", "in": "query", "description": "Only stories about a country of this region: an area (europe, middle-east, …), a UN sub-region (western-europe, …), a country code (ua) or a configured region; the list is at /sections.", "schema": { "type": "string" } },
                  { "name": "lang", "in": "query", "description": "Only stories in this language (the language of most of their articles), a two-letter ISO 639-1 code; anything else is 400, a code no story has gives an empty list.", "schema": { "type": "string", "pattern": "^[A-Za-z]{2}$" } },
                  { "name": "sort", "in": "query", "description": "The order: date (newest first, the default) or score (most significant first); anything else is 400.", "schema": { "type": "string", "enum": [ "date", "score" ], "default": "date" } },
                  { "name": "limit", "in": "query", "description": "How many stories a page holds (default 200, at most 1000; more is 400, never cut down).", "schema": { "type": "integer", "minimum": 1, "maximum": 1000, "default": 200 } },
                  { "name": "page", "in": "query", "description": "Which page of limit stories, from 1; the Link header names the next page when there is one.", "schema": { "type": "integer", "minimum": 1, "maximum": 1000, "default": 1 } }
                ],
                "responses": {
                  "200": { "description": "The stories of the page.", "headers": { "Link": { "$ref": "#/components/headers/Link" } }, "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Story" } } } } },
                  "400": { "$ref": "#/components/responses/Problem" },
                  "404": { "$ref": "#/components/responses/Problem" },
                  "429": { "$ref": "#/components/responses/Problem" }
                }
              }
            },
            "/api/stories/{id}": {
              "get": {
                "summary": "One story with its rank, articles and related stories",
                "operationId": "getStory",
                "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                "responses": {
                  "200": { "description": "The story.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/StoryDetail" } } } },
                  "301": { "description": "The story was merged; Location names the story it joined." },
                  "404": { "$ref": "#/components/responses/Problem" }
                }
              }
            },
            "/api/threads/{id}": {
              "get": {
                "summary": "One thread: the successive stories of a long-running topic, oldest first",
                "operationId": "getThread",
                "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                "responses": {
                  "200": { "description": "The thread.", "content": { "application/json": { "schema": { "type": "object", "required": [ "id", "url", "stories" ], "properties": { "id": { "type": "integer" }, "url": { "type": "string" }, "stories": { "type": "array", "items": { "$ref": "#/components/schemas/Story" } } } } } } },
                  "301": { "description": "The thread joined an older one; Location names it." },
                  "404": { "$ref": "#/components/responses/Problem" }
                }
              }
            },
            "/api/articles": {
              "get": {
                "summary": "Articles, newest first",
                "operationId": "listArticles",
                "parameters": [
                  { "name": "q", "in": "query", "schema": { "type": "string" } },
                  { "name": "outlet", "in": "query", "schema": { "type": "string" } },
                  { "name": "date", "in": "query", "schema": { "type": "string", "format": "date" } },
                  { "name": "since", "in": "query", "schema": { "type": "string" } },
                  { "name": "story", "in": "query", "schema": { "type": "integer" } },
                  { "name": "limit", "in": "query", "description": "How many articles a page holds (default 200, at most 1000; more is 400, never cut down).", "schema": { "type": "integer", "minimum": 1, "maximum": 1000, "default": 200 } },
                  { "name": "page", "in": "query", "description": "Which page of limit articles, from 1; the Link header names the next page when there is one.", "schema": { "type": "integer", "minimum": 1, "maximum": 1000, "default": 1 } }
                ],
                "responses": {
                  "200": { "description": "The articles of the page.", "headers": { "Link": { "$ref": "#/components/headers/Link" } }, "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Article" } } } } },
                  "400": { "$ref": "#/components/responses/Problem" }
                }
              }
            },
            "/api/sources": {
              "get": {
                "summary": "Every source with its poll status",
                "operationId": "listSources",
                "responses": { "200": { "description": "The sources.", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Source" } } } } } }
              }
            },
            "/api/stats": {
              "get": {
                "summary": "Counts of sources, articles and stories",
                "operationId": "getStats",
                "responses": { "200": { "description": "The counts.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Stats" } } } } }
              }
            }
          },
          "components": {
            "headers": {
              "Link": { "description": "RFC 8288 links to the next page (rel=\"next\", only when there is one) and the previous page (rel=\"prev\", after the first), every other parameter kept.", "schema": { "type": "string" } }
            },
            "responses": {
              "Problem": { "description": "What went wrong (RFC 9457 problem details).", "content": { "application/problem+json": { "schema": { "type": "object", "properties": { "title": { "type": "string" }, "status": { "type": "integer" }, "detail": { "type": "string" } } } } } }
            },
            "schemas": {
              "Story": {
                "type": "object",
                "required": [ "id", "title", "summary", "score", "factors", "percentile", "article_count", "outlet_count", "topics", "countries", "regions", "url" ],
                "properties": {
                  "id": { "type": "integer" },
                  "title": { "type": "string" },
                  "summary": { "type": "string" },
                  "score": { "type": [ "number", "null" ], "description": "Significance from 0 to 10; null until scored." },
                  "factors": { "type": "object", "description": "scale, impact, novelty, potential, legacy, positivity and credibility, each 0 to 10.", "additionalProperties": { "type": "number" } },
                  "reason": { "type": [ "string", "null" ] },
                  "percentile": { "type": [ "number", "null" ], "description": "Share (0-100) of the day's analysed articles whose story scores lower." },
                  "article_count": { "type": "integer" },
                  "outlet_count": { "type": "integer" },
                  "outlets": { "type": "array", "items": { "type": "string" } },
                  "topics": { "type": "array", "description": "The story's desks (see /sections), primary first; confidence is the classifier's probability, 0 to 1. Empty until the story is scored.", "items": { "type": "object", "required": [ "slug", "confidence" ], "properties": { "slug": { "type": "string" }, "confidence": { "type": "number" } } } },
                  "countries": { "type": "array", "description": "The countries the story is about, ISO 3166-1 alpha-2, most central first.", "items": { "type": "string", "pattern": "^[A-Z]{2}$" } },
                  "regions": { "type": "array", "description": "Slugs of the regions those countries fall in (one's own, large areas, sub-regions), for the most central country first; usable as ?region=.", "items": { "type": "string" } },
                  "outlet_countries": { "type": "array", "description": "The countries of the outlets that covered the story.", "items": { "type": "string" } },
                  "language": { "type": [ "string", "null" ], "description": "The language of most of the story's articles, ISO 639-1; null when none is known." },
                  "translation": { "type": [ "object", "null" ], "description": "A machine translation of title and summary into the site's language (Site:Language), made by the configured LLM and checked; present only for a story in another language whose current title and summary were translated. title and summary above stay the original.", "required": [ "language", "title", "summary", "machine" ], "properties": { "language": { "type": "string", "description": "ISO 639-1 code of the translation." }, "title": { "type": "string" }, "summary": { "type": "string" }, "model": { "type": [ "string", "null" ], "description": "The model named in Llm:Model when it was translated." }, "translated": { "type": [ "string", "null" ], "format": "date-time" }, "machine": { "type": "boolean", "description": "Always true: no person translated it." } } },
                  "published": { "type": "string", "format": "date-time" },
                  "updated": { "type": "string", "format": "date-time" },
                  "url": { "type": "string", "format": "uri" }
                }
              },
              "StoryDetail": {
                "type": "object",
                "properties": {
                  "story": { "$ref": "#/components/schemas/Story" },
                  "rank": { "type": [ "object", "null" ], "properties": { "top_percent": { "type": "integer" }, "analysed": { "type": "integer" }, "day": { "type": "string", "format": "date" } } },
                  "articles": { "type": "array", "items": { "$ref": "#/components/schemas/Article" } },
                  "thread": { "type": [ "object", "null" ], "description": "The thread of successive stories this one belongs to; null while it is in none.", "properties": { "id": { "type": "integer" }, "stories": { "type": "array", "items": { "type": "integer" } } } },
                  "related": { "type": "array", "items": { "$ref": "#/components/schemas/Story" } },
                  "score_history": { "type": "array", "items": { "type": "object", "properties": { "scored_at": { "type": "string", "format": "date-time" }, "score": { "type": "number" }, "articles": { "type": "integer" }, "outlets": { "type": "integer" } } } },
                  "timeline": { "type": "array", "description": "How the story developed: each development's first report (an article id), its articles and outlets, and the numbers and names it added.", "items": { "type": "object", "properties": { "at": { "type": "string", "format": "date-time" }, "first_report": { "type": "integer" }, "articles": { "type": "array", "items": { "type": "integer" } }, "outlets": { "type": "array", "items": { "type": "string" } }, "new": { "type": "array", "items": { "type": "string" } } } } }
                }
              },
              "Article": {
                "type": "object",
                "properties": {
                  "id": { "type": "integer" },
                  "title": { "type": "string" },
                  "url": { "type": [ "string", "null" ], "format": "uri" },
                  "outlet": { "type": [ "string", "null" ] },
                  "country": { "type": [ "string", "null" ] },
                  "language": { "type": [ "string", "null" ], "description": "ISO 639-1, as extraction told it." },
                  "published": { "type": [ "string", "null" ], "format": "date-time" },
                  "story": { "type": [ "integer", "null" ] },
                  "story_score": { "type": [ "number", "null" ] }
                }
              },
              "Source": {
                "type": "object",
                "properties": {
                  "id": { "type": "integer" }, "name": { "type": "string" }, "url": { "type": [ "string", "null" ] }, "country": { "type": [ "string", "null" ] },
                  "language": { "type": [ "string", "null" ] }, "tier": { "type": "integer" }, "enabled": { "type": "boolean" },
                  "last_polled": { "type": [ "string", "null" ] }, "last_success": { "type": [ "string", "null" ] }, "status": { "type": [ "string", "null" ] },
                  "last_error": { "type": [ "string", "null" ] }, "consecutive_failures": { "type": "integer" }, "items_seen": { "type": "integer" }
                }
              },
              "Stats": {
                "type": "object",
                "properties": {
                  "sources": { "type": "integer" }, "failing_sources": { "type": "integer" }, "articles": { "type": "integer" }, "stories": { "type": "integer" },
                  "scored_stories": { "type": "integer" }, "articles_last_24h": { "type": "integer" }, "significant_last_24h": { "type": "integer" },
                  "threshold": { "type": "number" }, "latest_article": { "type": [ "string", "null" ] }
                }
              }
            }
          }
        }
        """;
}
