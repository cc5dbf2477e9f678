using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Salient.Web;

/// <summary>The site's stylesheet and its one small script (progressive enhancement only), served with long caching.</summary>
internal sealed class SiteAssets : IEndpointModule
{
    private static readonly string Version = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Css + Js)))[..10].ToLowerInvariant();
    public static readonly string CssPath = $"/assets/site.{Version}.css";
    public static readonly string JsPath = $"/assets/site.{Version}.js";

    public void Map(IEndpointRouteBuilder endpoints)
    {
        var css = Encoding.UTF8.GetBytes(Stylesheet);
        var js = Encoding.UTF8.GetBytes(Js);
        endpoints.MapGet("/assets/site.{version}.css", (HttpContext http) => Serve(http, css, "text/css; charset=utf-8"));
        endpoints.MapGet("/assets/site.{version}.js", (HttpContext http) => Serve(http, js, "text/javascript; charset=utf-8"));
    }

    private static IResult Serve(HttpContext http, byte[] body, string type)
    {
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.Bytes(body, type);
    }

    private static string Bars()
    {
        var sb = new StringBuilder();
        for (var i = 0; i <= 100; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $".w{i}{{width:{i}%}}");
        }
        return sb.ToString();
    }

    private static readonly string BarRules = Bars();

    private const string BaseCss = """
        :root{--fg:#1d1d1f;--muted:#5f6368;--bg:#fbfaf7;--line:#e3e0d8;--accent:#1f4e8c;--score:#1f4e8c;--bar:#dcd8cc;--fill:#1f4e8c;--focus:#c2410c}
        @media (prefers-color-scheme:dark){:root{--fg:#e8e6e1;--muted:#a6a29a;--bg:#16171a;--line:#33353a;--accent:#8ab4f8;--score:#8ab4f8;--bar:#33353a;--fill:#8ab4f8;--focus:#fb923c}}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.55 Georgia,"Iowan Old Style","Times New Roman",serif}
        a{color:var(--accent)}
        a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,main:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
        .skip{position:absolute;left:-999px;top:0;background:var(--bg);padding:.5rem 1rem;z-index:10}
        .skip:focus{left:.5rem}
        header.site,main,footer.site{max-width:42rem;margin:0 auto;padding:0 1rem}
        header.site{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.5rem;padding-top:1rem;padding-bottom:.5rem;border-bottom:1px solid var(--line)}
        .brand{font:600 1.3rem/1 system-ui,-apple-system,"Segoe UI",sans-serif;letter-spacing:.02em;text-decoration:none;color:var(--fg)}
        nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1rem;font:.95rem system-ui,-apple-system,"Segoe UI",sans-serif}
        nav a{text-decoration:none}
        nav a[aria-current=page]{text-decoration:underline;text-underline-offset:.3em}
        main{padding-top:1rem;padding-bottom:2rem}
        h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
        h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
        .muted,.meta,footer.site{color:var(--muted)}
        .meta{font:.88rem/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:.2rem 0}
        .machine-translation{font-weight:600}
        .translation-note{font:.88rem/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--muted);border-left:3px solid var(--line);padding-left:.7rem;margin:.6rem 0}
        .translation-note p{margin:.2rem 0}
        details.original summary{cursor:pointer;color:var(--accent);font:.88rem/1.4 system-ui,-apple-system,"Segoe UI",sans-serif}
        details.original .original-title{font-weight:600;color:var(--fg)}
        footer.site{font:.85rem/1.5 system-ui,sans-serif;border-top:1px solid var(--line);padding-top:1rem;padding-bottom:2rem}
        .day{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;font:.95rem system-ui,sans-serif}
        .day h1{font-size:1.35rem}
        .controls{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center;font:.9rem system-ui,sans-serif;margin:.5rem 0 1rem}
        .controls form{display:flex;gap:.4rem;align-items:center}
        input,select,button{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--fg)}
        button{cursor:pointer;background:var(--accent);color:var(--bg);border-color:var(--accent)}
        ol.stories{list-style:none;margin:0;padding:0}
        .story{padding:.9rem 0;border-bottom:1px solid var(--line)}
        .story h2{font-size:1.12rem;line-height:1.35;margin:0}
        .story h2 a{color:var(--fg);text-decoration:none}
        .story h2 a:hover{text-decoration:underline}
        .story p{margin:.25rem 0}
        .story .summary{font-size:.98rem}
        .score{display:inline-block;min-width:2.4em;font:600 .85em/1.5 system-ui,sans-serif;color:var(--score);border:1px solid var(--score);border-radius:3px;text-align:center;margin-right:.45em;vertical-align:.08em}
        .story.new{animation:arrive 2s ease-out}
        @keyframes arrive{from{background:color-mix(in srgb,var(--accent) 15%,transparent)}to{background:transparent}}
        @media (prefers-reduced-motion:reduce){.story.new{animation:none}}
        .empty{padding:1.5rem 0;font-size:1.05rem}
        .pager{display:flex;justify-content:space-between;gap:1rem;margin-top:1.5rem;font:.95rem system-ui,sans-serif}
        .rank{font-size:1.05rem}
        .factors{display:grid;grid-template-columns:max-content 1fr 2.5em;gap:.3rem .75rem;align-items:center;font:.9rem system-ui,sans-serif;margin:.75rem 0}
        .factors dt{margin:0}
        .factors dd{margin:0;display:contents}
        .bar{display:block;height:.6rem;background:var(--bar);border-radius:3px;overflow:hidden}
        .bar>span{display:block;height:100%;background:var(--fill)}
        .factors .value{text-align:right;font-variant-numeric:tabular-nums}
        .src{font:.78rem system-ui,sans-serif;white-space:nowrap}
        ol.articles,ul.related,ul.results{padding-left:1.2rem}
        ol.articles li,ul.related li,ul.results li{margin:.45rem 0}
        ol.timeline{list-style:none;padding-left:0;margin-left:.3rem;border-left:2px solid var(--line)}
        ol.timeline li{padding-left:.9rem;margin:.7rem 0}
        ol.timeline p{margin:.15rem 0}
        .first-report{font:600 .72rem system-ui,sans-serif;text-transform:uppercase;letter-spacing:.03em;background:var(--bar);padding:.05rem .35rem;border-radius:3px}
        .timeline .when,.timeline .new{font:.85rem system-ui,sans-serif}
        .search{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.6rem;font:.9rem system-ui,sans-serif;align-items:end}
        .search label{display:flex;flex-direction:column;gap:.2rem}
        .search .wide{grid-column:1/-1}
        table{border-collapse:collapse;width:100%;font:.85rem system-ui,sans-serif}
        th,td{text-align:left;padding:.3rem .4rem;border-bottom:1px solid var(--line);vertical-align:top}
        .error{color:#b3261e}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        """;

    private const string Css = BaseCss;

    /// <summary>The stylesheet: base rules plus the bar widths the factor chart uses (classes, since the CSP allows no inline styles).</summary>
    public static string Stylesheet => Css + BarRules;

    private const string Js = """
        "use strict";
        (function () {
          var form = document.querySelector("form.threshold");
          if (form) {
            var select = form.querySelector("select");
            if (select) { select.addEventListener("change", function () { form.submit(); }); }
          }
          var list = document.querySelector("ol.stories[data-live]");
          var status = document.getElementById("live-status");
          if (!list || !window.fetch) { return; }
          var since = list.getAttribute("data-since");
          var min = list.getAttribute("data-min") || "0";
          var lang = list.getAttribute("data-lang");
          // The same card the server renders (SitePages.StoryItem): hidden "Score" label, outlets, time, shortened summary.
          function outlets(s) {
            var names = s.outlets || [];
            var count = Math.max(Number(s.outlet_count) || 0, names.length);
            if (names.length === 0) { return count === 0 ? "" : count === 1 ? "1 outlet" : count + " outlets"; }
            var shown = names.slice(0, 3).join(", ");
            var more = count - Math.min(3, names.length);
            return more > 0 ? shown + " and " + more + " more" : shown;
          }
          function shorten(text, max) {
            text = String(text);
            if (text.length <= max) { return text; }
            var cut = text.lastIndexOf(" ", max - 1);
            return text.slice(0, cut > max / 2 ? cut : max - 1) + "\u2026";
          }
          // Whole sentences that fit, as PlainText.ShortenToSentences: a card does not stop mid-sentence.
          var noEnd = /^(mr|mrs|ms|dr|prof|sr|jr|st|gov|sen|rep|gen|lt|col|maj|capt|sgt|rev|no|vs|inc|co|corp|ltd|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mt|ft|ave|dept|est|approx|brig|cpl|pvt|msgr|fr|asst|assoc)$/i;
          function sentences(text, max) {
            text = String(text);
            if (text.length <= max) { return text; }
            var end = -1, re = /[.!?]["'\u201d\u2019)]* (?=["'\u201c\u2018(]*[A-Z0-9])/g, m;
            while ((m = re.exec(text)) !== null) {
              var after = m.index + m[0].length - 1;
              if (after > max) { break; }
              if (text.charAt(m.index) === ".") {
                var word = /[A-Za-z.]*$/.exec(text.slice(0, m.index))[0];
                if ((word.length === 1 && /[A-Z]/.test(word)) || word.indexOf(".") >= 0 || noEnd.test(word)) { continue; }
              }
              end = after;
            }
            return end > 0 ? text.slice(0, end) : shorten(text, max);
          }
          function card(s) {
            var li = document.createElement("li");
            li.className = "story new";
            li.setAttribute("data-id", String(s.id));
            li.setAttribute("data-score", String(s.score === null ? -1 : s.score));
            var h = document.createElement("h2");
            var a = document.createElement("a");
            a.href = "/story/" + encodeURIComponent(String(s.id));
            var sc = document.createElement("span");
            sc.className = "score";
            var label = document.createElement("span");
            label.className = "visually-hidden";
            label.textContent = "Score ";
            sc.appendChild(label);
            sc.appendChild(document.createTextNode(s.score === null ? "\u2013" : Number(s.score).toFixed(1)));
            a.appendChild(sc);
            a.appendChild(document.createTextNode(String(s.title || "")));
            h.appendChild(a);
            li.appendChild(h);
            var meta = document.createElement("p");
            meta.className = "meta";
            var names = outlets(s);
            if (names) { meta.appendChild(document.createTextNode(names + " \u00b7 ")); }
            var time = document.createElement("time");
            if (typeof s.updated === "string") { time.setAttribute("datetime", s.updated); }
            time.textContent = "just now";
            meta.appendChild(time);
            li.appendChild(meta);
            if (s.summary) {
              var p = document.createElement("p");
              p.className = "summary";
              p.textContent = sentences(s.summary, 400);
              li.appendChild(p);
            }
            return li;
          }
          function place(li, score) {
            var items = list.querySelectorAll("li.story");
            for (var i = 0; i < items.length; i++) {
              if (Number(items[i].getAttribute("data-score")) < score) { list.insertBefore(li, items[i]); return; }
            }
            list.appendChild(li);
          }
          function poll() {
            var url = "/api/stories?min_score=" + encodeURIComponent(min) + "&since=" + encodeURIComponent(since) + "&limit=50";
            fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
              .then(function (r) { return r.ok ? r.json() : []; })
              .then(function (stories) {
                var added = 0;
                for (var i = 0; i < stories.length; i++) {
                  var s = stories[i];
                  if (typeof s.updated === "string" && s.updated > since) { since = s.updated; }
                  if (document.querySelector('li.story[data-id="' + Number(s.id) + '"]')) { continue; }
                  // A story in another language than the readers' is listed apart (and translated) by the server: the next load shows it there.
                  if (lang && s.language && s.language !== lang) { continue; }
                  place(card(s), s.score === null ? -1 : Number(s.score));
                  added++;
                }
                if (added > 0) {
                  var empty = document.querySelector(".empty");
                  if (empty) { empty.hidden = true; }
                  if (status) { status.textContent = added === 1 ? "1 new story" : added + " new stories"; }
                }
              })
              .catch(function () { })
              .then(function () { window.setTimeout(poll, 60000); });
          }
          window.setTimeout(poll, 60000);
        })();
        """;
}
