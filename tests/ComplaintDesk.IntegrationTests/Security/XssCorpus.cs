using System.Text.RegularExpressions;

namespace ComplaintDesk.IntegrationTests.Security;

/// <summary>
/// One cross-site scripting payload. <see cref="Marker"/> (XSS01…) is written into the part that would run or
/// become markup, so a page can be searched for it: in an attribute or a script it means the payload escaped its
/// text; as text it is what the page must show.
/// </summary>
public sealed record XssPayload(string Marker, string Kind, string Text)
{
    public override string ToString() => $"{Marker} ({Kind})";
}

/// <summary>
/// The XSS corpus every free-text field is tested with (the integration tests parse the pages; the browser tests
/// render them in Chromium). Each payload calls <c>alert</c> (or <c>console.log</c>) with its own marker.
/// Constraints, checked by <c>XssCorpusTests</c>: every payload fits the shortest free-text column (100 characters:
/// order reference, keyword phrase, category name), holds no NUL (PostgreSQL text cannot) and no carriage return
/// (HTML turns it into a line feed, so the page could not show it back unchanged).
/// </summary>
public static partial class XssCorpus
{
    /// <summary>The shortest free-text column a payload must fit (order reference, keyword phrase, category name).</summary>
    public const int MaxLength = 100;

    public static IReadOnlyList<XssPayload> All { get; } =
    [
        new("XSS01", "script tag", "<script>alert('XSS01')</script>"),
        new("XSS02", "mixed-case script tag", "<ScRiPt>alert('XSS02')</sCrIpT>"),
        new("XSS03", "img onerror", "<img src=x onerror=alert('XSS03')>"),
        new("XSS04", "svg onload", "<svg onload=alert('XSS04')>"),
        new("XSS05", "script inside svg", "<svg><script>alert('XSS05')</script></svg>"),
        new("XSS06", "body onload", "<body onload=alert('XSS06')>"),
        new("XSS07", "iframe srcdoc", "<iframe srcdoc=\"<script>alert('XSS07')</script>\"></iframe>"),
        new("XSS08", "iframe javascript: src", "<iframe src=\"javascript:alert('XSS08')\"></iframe>"),
        new("XSS09", "javascript: link", "<a href=\"javascript:alert('XSS09')\">click me</a>"),
        new("XSS10", "javascript: link with a tab entity", "<a href=\"jav&#x09;ascript:alert('XSS10')\">click me</a>"),
        new("XSS11", "double-quote attribute breakout", "\"><script>alert('XSS11')</script>"),
        new("XSS12", "single-quote attribute breakout", "'><img src=x onerror=alert('XSS12')>"),
        new("XSS13", "double-quoted event attribute injection", "\" autofocus onfocus=\"alert('XSS13')"),
        new("XSS14", "single-quoted event attribute injection", "' onmouseover='alert(/XSS14/)' x='"),
        new("XSS15", "</textarea> breakout", "</textarea><script>alert('XSS15')</script>"),
        new("XSS16", "</title> breakout", "</title><script>alert('XSS16')</script>"),
        new("XSS17", "</style> breakout", "</style><img src=x onerror=alert('XSS17')>"),
        new("XSS18", "style @import javascript:", "<style>@import 'javascript:alert(\"XSS18\")';</style>"),
        new("XSS19", "style expression()", "<div style=\"width:expression(alert('XSS19'))\">styled</div>"),
        new("XSS20", "template literal", "${alert('XSS20')}"),
        new("XSS21", "template literal break", "`;alert('XSS21');`${alert('XSS21')}`"),
        new("XSS22", "JavaScript string breakout", "';alert('XSS22');//"),
        new("XSS23", "escaped-quote string breakout", "\\\";alert('XSS23');//"),
        new("XSS24", "</script> breakout", "</script><script>alert('XSS24')</script>"),
        new("XSS25", "unicode-escaped script tag", "\\u003cscript\\u003ealert('XSS25')\\u003c/script\\u003e"),
        new("XSS26", "entity-encoded script tag (double decoding)", "&lt;script&gt;alert('XSS26')&lt;/script&gt;"),
        new("XSS27", "URL-encoded script tag", "%3Cscript%3Ealert('XSS27')%3C%2Fscript%3E"),
        new("XSS28", "full-width script tag", "＜script＞alert('XSS28')＜/script＞"),
        new("XSS29", "entity-encoded event handler", "<img src=x onerror=\"&#97;lert('XSS29')\">"),
        new("XSS30", "mutation XSS via math/style", "<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS30')>"),
        new("XSS31", "details ontoggle", "<details open ontoggle=alert('XSS31')>"),
        new("XSS32", "input autofocus onfocus", "<input autofocus onfocus=alert('XSS32')>"),
        new("XSS33", "object javascript: data", "<object data=\"javascript:alert('XSS33')\"></object>"),
        new("XSS34", "meta refresh to javascript:", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('XSS34')\">"),
        new("XSS35", "comment breakout", "<!--<img src=\"--><img src=x onerror=alert('XSS35')//\">"),
        new("XSS36", "noscript mutation", "<noscript><p title=\"</noscript><img src=x onerror=alert('XSS36')>\">"),
        new("XSS37", "context polyglot", "'\"--></style></title></textarea></script><svg/onload=alert('XSS37')>"),
        new("XSS38", "javascript: polyglot", "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert('XSS38') )//</stYle/</titLe/--!>"),
        new("XSS39", "svg animate onbegin", "<svg><animate onbegin=alert('XSS39') attributeName=x dur=1s>"),
        new("XSS40", "nested tags to beat filters", "<scr<script>ipt>alert('XSS40')</scr</script>ipt>"),
        new("XSS41", "upper-case IMG javascript: src", "<IMG SRC=JaVaScRiPt:alert('XSS41')>"),
        new("XSS42", "button formaction", "<form><button formaction=javascript:alert('XSS42')>go</button></form>"),
        new("XSS43", "bare javascript: URL", "javascript:alert('XSS43')"),
        new("XSS44", "line breaks inside a tag", "<img\nsrc=x\nonerror=alert('XSS44')>"),
        new("XSS45", "entity-encoded javascript: URL", "<a href=\"&#106;avascript:alert('XSS45')\">click me</a>"),
        new("XSS46", "client-side template injection", "{{constructor.constructor('alert(\"XSS46\")')()}}"),
        new("XSS47", "console call", "<img src=x onerror=console.log('XSS47')>"),
        new("XSS48", "video source onerror", "<video><source onerror=alert('XSS48')></video>"),
    ];

    /// <summary>Markers are XSS and two digits: XSS1 never hides inside XSS10.</summary>
    public static Regex Marker { get; } = MarkerPattern();

    [GeneratedRegex(@"XSS\d\d")]
    private static partial Regex MarkerPattern();

    public static XssPayload ByMarker(string marker) => All.Single(p => p.Marker == marker);

    /// <summary>Whitespace collapsed to single spaces: how pages may show a text (notifications flatten it, HTML wraps it).</summary>
    public static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The same checks in JavaScript, for Chromium: a function of the texts that must be shown, answering the
    /// problems found (empty when the page is clean). Kept beside <see cref="All"/> so both projects judge a page
    /// the same way (the integration tests apply the same rules with AngleSharp).
    /// <list type="bullet">
    /// <item>no attribute may carry a marker, except those that hold a person's text as a whole (value, alt, title,
    /// aria-label, placeholder) and same-origin http(s) links (a search link carries the typed text, URL-encoded);</item>
    /// <item>no script or style element may contain a marker, and the app writes no inline script;</item>
    /// <item>none of the elements the app never renders (iframe, object, embed, base, math, video…) may exist,
    /// nor a meta refresh;</item>
    /// <item>every expected text is on the page as text (body text or a form field's value), whitespace collapsed.</item>
    /// </list>
    /// </summary>
    public const string PageCheckScript = """
        (expected) => {
          const marker = /XSS\d\d/;
          const textAttributes = new Set(['value', 'alt', 'title', 'aria-label', 'placeholder']);
          const linkAttributes = new Set(['href', 'action', 'src']);
          const foreign = 'iframe, frame, frameset, object, embed, applet, base, math, video, audio, source, marquee, noscript, body style, meta[http-equiv]';
          const problems = [];
          const describe = (el) => '<' + el.tagName.toLowerCase() + '> ' + el.outerHTML.slice(0, 160);
          const sameOriginHttp = (value) => {
            try {
              const url = new URL(value, document.baseURI);
              return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === location.origin;
            } catch { return false; }
          };
          const all = [document.documentElement, ...document.documentElement.querySelectorAll('*')];
          for (const el of all) {
            for (const attr of el.attributes) {
              if (!marker.test(attr.value)) continue;
              const name = attr.name.toLowerCase();
              if (textAttributes.has(name)) continue;
              if (linkAttributes.has(name) && sameOriginHttp(attr.value)) continue;
              problems.push('attribute ' + name + '="' + attr.value.slice(0, 120) + '" on ' + describe(el));
            }
          }
          for (const el of document.querySelectorAll('script, style')) {
            if (marker.test(el.textContent)) problems.push('markup from a payload: ' + describe(el));
          }
          for (const el of document.querySelectorAll('script:not([src])')) {
            if (el.textContent.trim() !== '') problems.push('inline script: ' + describe(el));
          }
          for (const el of document.querySelectorAll(foreign)) {
            problems.push('element the app never renders: ' + describe(el));
          }
          const flat = (s) => s.split(/\s+/).filter(Boolean).join(' ');
          // A text input's value drops line breaks (HTML's value sanitisation); its value attribute keeps what was sent.
          const fields = [...document.querySelectorAll('input, textarea')].map(f => f.value + ' ' + (f.getAttribute('value') || ''));
          const text = flat([document.title, document.body ? document.body.textContent : '', ...fields].join(' '));
          for (const e of expected) {
            if (!text.includes(flat(e))) problems.push('not shown as text: ' + e);
          }
          return problems;
        }
        """;

    /// <summary>
    /// Installed before any page script runs (Playwright's init script, in every frame): alert, confirm, prompt, print
    /// and the console methods record a call carrying a marker through the <c>__xssReport</c> binding, which the test
    /// reads after every page. A payload that runs is reported even if the page navigates away at once.
    /// </summary>
    public const string TrapScript = """
        (() => {
          const report = (how, args) => {
            const text = how + '(' + Array.from(args).map(a => String(a)).join(', ') + ') at ' + location.href;
            try { window.__xssReport(text); } catch { }
            (window.__xssCalls = window.__xssCalls || []).push(text);
          };
          for (const name of ['alert', 'confirm', 'prompt', 'print']) {
            window[name] = function () { report(name, arguments); return name === 'confirm' ? false : null; };
          }
          for (const name of ['log', 'info', 'warn', 'error', 'debug']) {
            const original = console[name].bind(console);
            console[name] = function () {
              if (Array.from(arguments).some(a => /XSS\d\d/.test(String(a)))) report('console.' + name, arguments);
              return original.apply(null, arguments);
            };
          }
          window.__xss = function () { report('__xss', arguments); };
        })();
        """;
}
