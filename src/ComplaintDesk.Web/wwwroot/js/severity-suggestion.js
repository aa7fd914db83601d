// Severity suggested by the keyword rules while the intake form is typed (no framework; CSP allows only local scripts).
// Reads the customer's words from the form, asks /Complaints/SeveritySuggestion, and writes the answer into
// <p id="severity-suggestion" aria-live="polite">. The chosen severity is never changed here: the message says when
// saving will raise it (the server applies the rules again when the complaint is logged).
(function () {
    "use strict";

    var output = document.getElementById("severity-suggestion");
    var textIds = ["Command_Subject", "Command_Description", "Command_ProductUsage", "Command_DesiredResolutionText"];
    var fields = textIds.map(function (id) { return document.getElementById(id); }).filter(Boolean);
    if (!output || fields.length === 0 || !window.fetch) {
        return; // not the intake form, or a browser without fetch: the rules still apply on save
    }

    var severity = document.getElementById("Command_Severity");
    var endpoint = "/Complaints/SeveritySuggestion";
    var maxText = 10000;     // what the endpoint accepts
    var maxQueryText = 1500; // longer texts go in a POST body: a URL has a limit, and CJK text triples when encoded
    var delay = 400;
    var timer = 0;
    var latest = 0;

    function currentText() {
        return fields.map(function (f) { return f.value || ""; })
            .filter(function (v) { return v.trim() !== ""; })
            .join("\n")
            .slice(0, maxText);
    }

    function antiforgeryToken() {
        var form = fields[0].form;
        var input = (form && form.querySelector("input[name='__RequestVerificationToken']"))
            || document.querySelector("input[name='__RequestVerificationToken']");
        return input ? input.value : null;
    }

    function request(text) {
        var params = new URLSearchParams();
        params.set("text", text);
        if (severity && severity.value) {
            params.set("chosen", severity.value);
        }
        var options = { credentials: "same-origin", headers: { "Accept": "application/json" } };
        if (text.length <= maxQueryText) {
            return fetch(endpoint + "?" + params.toString(), options);
        }
        var token = antiforgeryToken();
        if (!token) {
            return Promise.resolve(null);
        }
        options.method = "POST";
        options.headers["RequestVerificationToken"] = token;
        options.body = params;
        return fetch(endpoint, options);
    }

    function show(message) {
        if (output.textContent !== message) {
            output.textContent = message; // text, never HTML: phrases come from administrators
        }
    }

    function refresh() {
        var text = currentText();
        var ticket = ++latest;
        if (text.trim() === "") {
            show("");
            return;
        }
        request(text)
            .then(function (response) {
                var json = response && response.ok && (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
                return json ? response.json() : null;
            })
            .then(function (answer) {
                if (answer && ticket === latest) {
                    show(typeof answer.message === "string" ? answer.message : "");
                }
            })
            .catch(function () { /* offline or signed out: keep what is shown */ });
    }

    function schedule() {
        window.clearTimeout(timer);
        timer = window.setTimeout(refresh, delay);
    }

    fields.forEach(function (f) { f.addEventListener("input", schedule); });
    if (severity) {
        severity.addEventListener("change", schedule);
    }
    if (currentText().trim() !== "") {
        refresh(); // a form shown again after a validation error already holds text
    }
})();
