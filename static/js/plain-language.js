// The plain-language check, live as staff type. Progressive enhancement only: without this
// file the same check (coproduction/plain_language.py) runs when the form is saved.
// Keep the rules here the same as there.
(function () {
  "use strict";

  var SENTENCE_END = /(?<=[.!?])["'”’)]*\s+|\n+/;
  var WORD = /[A-Za-z0-9£$%]+(?:['’.-][A-Za-z0-9]+)*/g;
  var ACRONYM = /\b([A-Z]{2,6})s?\b/g;

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function sentences(text) {
    return text.split(SENTENCE_END).map(function (part) { return (part || "").trim(); })
      .filter(function (part) { return part.length > 0; });
  }

  function termPattern(term) {
    var words = term.trim().toLowerCase().split(/[\s-]+/);
    var last = words.pop();
    var ending;
    if (last.endsWith("e")) {
      ending = escapeRegExp(last.slice(0, -1)) + "(?:e|es|ed|ing|er|ers)";
    } else if (/[^aeiou]y$/.test(last)) {
      ending = escapeRegExp(last.slice(0, -1)) + "(?:y|ies|ied|ying)";
    } else {
      ending = escapeRegExp(last) + "(?:s|es|ed|ing)?";
    }
    var body = words.map(escapeRegExp).concat([ending]).join("[\\s-]+");
    return new RegExp("(?<![\\w-])" + body + "(?![\\w-])", "gi");
  }

  function explainedAcronyms(text) {
    var explained = new Set();
    var match;
    var inBrackets = /\(\s*([A-Z]{2,6})s?\s*\)/g;
    while ((match = inBrackets.exec(text)) !== null) {
      if (text.slice(0, match.index).split(/\s+/).filter(Boolean).length >= 2) {
        explained.add(match[1]);
      }
    }
    var followedBy = /\b([A-Z]{2,6})s?\s*\(\s*([^)]*[a-z][^)]*)\)/g;
    while ((match = followedBy.exec(text)) !== null) {
      if (match[2].trim().split(/\s+/).length >= 2) {
        explained.add(match[1]);
      }
    }
    return explained;
  }

  function check(text, config) {
    var findings = [];
    text = text || "";
    if (!text.trim()) {
      return findings;
    }
    var limit = config.maxWords;
    sentences(text).forEach(function (sentence) {
      var count = (sentence.match(WORD) || []).length;
      if (count > limit) {
        findings.push({
          kind: "long_sentence", words: [sentence],
          suggestion: "This sentence has " + count + " words. Try splitting it into " +
            "shorter sentences of " + limit + " words or fewer, with one idea in each."
        });
      }
    });
    config.glossary.forEach(function (entry) {
      var term = entry[0];
      if (!term.trim()) {
        return;
      }
      var found = [];
      (text.match(termPattern(term)) || []).forEach(function (word) {
        if (found.indexOf(word) === -1) {
          found.push(word);
        }
      });
      if (found.length) {
        findings.push({
          kind: "jargon", words: found,
          suggestion: "Try: " + entry[1] + "."
        });
      }
    });
    var allowed = new Set(config.allowed.map(function (a) { return a.toUpperCase(); }));
    config.glossary.forEach(function (entry) { allowed.add(entry[0].trim().toUpperCase()); });
    var explained = explainedAcronyms(text);
    var seen = [];
    var match;
    ACRONYM.lastIndex = 0;
    while ((match = ACRONYM.exec(text)) !== null) {
      var acronym = match[1];
      if (!allowed.has(acronym) && !explained.has(acronym) && seen.indexOf(acronym) === -1) {
        seen.push(acronym);
      }
    }
    seen.forEach(function (acronym) {
      findings.push({
        kind: "acronym", words: [acronym],
        suggestion: "Say what " + acronym + " stands for the first time you use it, for " +
          "example “Care Quality Commission (CQC)”, or use the words instead."
      });
    });
    return findings;
  }

  function shorten(sentence) {
    var words = sentence.split(/\s+/);
    return words.length > 12 ? words.slice(0, 12).join(" ") + " …" : sentence;
  }

  function describe(finding) {
    var item = document.createElement("li");
    var label = document.createElement("strong");
    var rest;
    if (finding.kind === "long_sentence") {
      label.textContent = "Long sentence:";
      rest = " “" + shorten(finding.words[0]) + "” ";
    } else if (finding.kind === "jargon") {
      label.textContent = "Jargon:";
      rest = " " + finding.words.map(function (w) { return "“" + w + "”"; }).join(", ") + ". ";
    } else {
      label.textContent = "Acronym:";
      rest = " " + finding.words[0] + ". ";
    }
    item.appendChild(label);
    item.appendChild(document.createTextNode(rest + finding.suggestion));
    return item;
  }

  function render(region, findings, hasText) {
    region.textContent = "";
    var heading = document.createElement("p");
    heading.className = "govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1";
    heading.textContent = "Plain English check";
    region.appendChild(heading);
    if (!findings.length) {
      var fine = document.createElement("p");
      fine.className = "govuk-body govuk-!-margin-bottom-0";
      fine.textContent = hasText
        ? "No long sentences, jargon or unexplained acronyms found."
        : "We will check for long sentences, jargon and acronyms as you type.";
      region.appendChild(fine);
      return;
    }
    var list = document.createElement("ul");
    list.className = "govuk-list govuk-list--bullet govuk-!-margin-bottom-0";
    findings.forEach(function (finding) { list.appendChild(describe(finding)); });
    region.appendChild(list);
  }

  function start() {
    var holder = document.querySelector("[data-plain-language-config]");
    if (!holder) {
      return;
    }
    var config;
    try {
      config = JSON.parse(holder.getAttribute("data-plain-language-config"));
    } catch (error) {
      return;
    }
    var fields = document.querySelectorAll("[data-plain-language]");
    Array.prototype.forEach.call(fields, function (field) {
      // Easy-read text is checked in the stricter mode (at most 15 words a sentence).
      var limit = Number(field.getAttribute("data-plain-language-max-words"));
      var fieldConfig = limit ? Object.assign({}, config, { maxWords: limit }) : config;
      var region = document.createElement("div");
      region.className = "govuk-inset-text app-plain-language-live govuk-!-margin-top-2";
      region.id = field.id + "-plain-language";
      render(region, check(field.value, fieldConfig), Boolean(field.value.trim()));
      region.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", region);
      var timer = null;
      field.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          render(region, check(field.value, fieldConfig), Boolean(field.value.trim()));
        }, 700);
      });
    });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { check: check, sentences: sentences };
  } else {
    start();
  }
})();
